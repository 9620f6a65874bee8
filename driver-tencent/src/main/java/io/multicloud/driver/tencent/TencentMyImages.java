package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.MyImageService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * My-images = the account's private images (CVM CreateImage, DescribeImages with
 * {@code image-type=PRIVATE_IMAGE}, DeleteImages). The VM an image was made from is kept in a
 * {@code multicloud:source-vm} tag (Tencent's image does not name it). Status: CREATING → CREATING,
 * NORMAL/USING → AVAILABLE, CREATEFAILED → FAILED.
 */
final class TencentMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;

    private final TencentContext ctx;
    private final TencentVms vms;

    TencentMyImages(TencentContext ctx, TencentVms vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    private List<JsonNode> describe(String filter, String value) {
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter("image-type", List.of("PRIVATE_IMAGE")));
        if (filter != null) {
            params.withArray("Filters").add(TencentApi.filter(filter, List.of(value)));
        }
        return ctx.api().list(Product.CVM, "DescribeImages", params, "ImageSet", false, KIND, value);
    }

    @Override
    public List<MyImage> list() {
        return describe(null, null).stream().map(TencentMyImages::toRecord).toList();
    }

    @Override
    public Optional<MyImage> find(String nameOrId) {
        return findRaw(nameOrId).map(TencentMyImages::toRecord);
    }

    private Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "img")) {
            Optional<JsonNode> byId = describe("image-id", nameOrId).stream().findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe("image-name", nameOrId).stream().filter(i -> nameOrId.equals(i.path("ImageName").asText())).findFirst();
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        if (findRaw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a private image of this name exists");
        }
        String instanceId = vms.requireRaw(request.sourceVm()).path("InstanceId").asText();
        Map<String, String> tags = new LinkedHashMap<>(TencentTagCodec.encode(request.tags()));
        tags.put(TencentTagCodec.SOURCE_VM_TAG, request.sourceVm());
        ObjectNode params = TencentApi.object();
        params.put("ImageName", name);
        params.put("InstanceId", instanceId);
        params.put("ImageDescription", "multicloud image of " + request.sourceVm());
        ObjectNode spec = params.putArray("TagSpecification").addObject();
        spec.put("ResourceType", "image");
        spec.set("Tags", TencentTagCodec.toJson(tags));
        String id = ctx.api().change(Product.CVM, "CreateImage", params, KIND, name).path("ImageId").asText();
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "image " + id + " is not listed after CreateImage"));
    }

    @Override
    public void delete(String name) {
        JsonNode image = findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no private image of this name or id"));
        ObjectNode params = TencentApi.object();
        params.set("ImageIds", TencentApi.strings(List.of(image.path("ImageId").asText())));
        ctx.api().change(Product.CVM, "DeleteImages", params, KIND, name);
    }

    static MyImageStatus status(String state) {
        return switch (state) {
            case "NORMAL", "USING", "SYNCING" -> MyImageStatus.AVAILABLE;
            case "CREATEFAILED", "IMPORTFAILED" -> MyImageStatus.FAILED;
            default -> MyImageStatus.CREATING;
        };
    }

    static MyImage toRecord(JsonNode i) {
        String id = i.path("ImageId").asText();
        return new MyImage(TencentTagCodec.nameOr(i.path("ImageName").asText(), id), id,
                TencentTagCodec.own(i.path("Tags"), TencentTagCodec.SOURCE_VM_TAG), status(i.path("ImageState").asText()),
                TencentVms.instant(i.path("CreatedTime").asText(null)), TencentTagCodec.user(i.path("Tags")));
    }
}
