package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.MyImageService;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account's own images (CreateImage from a VM). Status: Creating/Waiting → CREATING,
 * Available → AVAILABLE, CreateFailed/UnAvailable → FAILED. ECS does not keep the source
 * instance of an image, so it goes into a tag the driver hides from the user's tags.
 */
final class AlibabaMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    private final AlibabaContext ctx;
    private final AlibabaImages images;
    private final AlibabaVms vms;

    AlibabaMyImages(AlibabaContext ctx, AlibabaImages images, AlibabaVms vms) {
        this.ctx = ctx;
        this.images = images;
        this.vms = vms;
    }

    @Override
    public List<MyImage> list() {
        return images.own(null, null).stream().map(AlibabaMyImages::toRecord).sorted(Comparator.comparing(MyImage::name)).toList();
    }

    @Override
    public Optional<MyImage> find(String nameOrId) {
        boolean id = AlibabaNames.looksLikeId(nameOrId, "m-");
        return images.own(id ? null : nameOrId, id ? nameOrId : null).stream()
                .filter(i -> i.id().equals(nameOrId) || nameOrId.equals(i.name())).findFirst().map(AlibabaMyImages::toRecord);
    }

    private static MyImage toRecord(AlibabaImages.RawImage i) {
        Map<String, String> all = AlibabaTags.decodeAll(i.cloudTags());
        MyImageStatus status = switch (i.status() == null ? "" : i.status()) {
            case "Available" -> MyImageStatus.AVAILABLE;
            case "Creating", "Waiting" -> MyImageStatus.CREATING;
            default -> MyImageStatus.FAILED;
        };
        Instant created;
        try {
            created = i.creationTime() == null ? null : Instant.parse(i.creationTime());
        } catch (DateTimeParseException e) {
            created = null;
        }
        return new MyImage(AlibabaNames.of(i.name(), i.id()), i.id(), all.get(AlibabaTags.SOURCE_VM), status, created,
                AlibabaTags.decode(i.cloudTags()));
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        if (find(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "an image of this name exists");
        }
        String instance = vms.find(request.sourceVm()).filter(v -> v.id() != null).map(v -> v.id())
                .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.VM, request.sourceVm()), "no instance of this name"));
        Map<String, String> own = new LinkedHashMap<>(request.tags());
        own.put(AlibabaTags.SOURCE_VM, request.sourceVm());
        List<com.aliyun.ecs20140526.models.CreateImageRequest.CreateImageRequestTag> tags = new ArrayList<>();
        AlibabaTags.encode(own).forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.CreateImageRequest.CreateImageRequestTag().setKey(k).setValue(v)));
        String id = ctx.call(KIND, name, () -> ctx.clients().ecs().createImage(new com.aliyun.ecs20140526.models.CreateImageRequest()
                .setRegionId(ctx.region()).setInstanceId(instance).setImageName(name).setTag(tags)
                .setClientToken(AlibabaContext.token(null))).getBody().getImageId());
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new image is not listed"));
    }

    @Override
    public void delete(String name) {
        MyImage image = find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no image of this name"));
        ctx.call(KIND, name, () -> ctx.clients().ecs().deleteImage(new com.aliyun.ecs20140526.models.DeleteImageRequest()
                .setRegionId(ctx.region()).setImageId(image.id())));
    }
}
