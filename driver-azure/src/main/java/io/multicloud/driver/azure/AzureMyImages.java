package io.multicloud.driver.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.ImagesClient;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.MyImageService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * My-images as managed images ({@code Microsoft.Compute/images}) made from a VM
 * ({@code sourceVirtualMachine}). Azure makes a managed image only from a VM that was generalized
 * (deprovisioned inside, then marked generalized): the driver does not generalize a VM, since that
 * ends the VM's use; do it first, or Azure refuses. A VM may use a my-image by its name.
 * Status: Creating → CREATING, Succeeded → AVAILABLE, Failed → FAILED.
 */
final class AzureMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    private final AzureContext ctx;
    private final AzureVms vms;

    AzureMyImages(AzureContext ctx, AzureVms vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    private ImagesClient images() {
        return ctx.clients().compute().getImages();
    }

    @Override
    public List<MyImage> list() {
        List<MyImage> all = new ArrayList<>();
        ctx.whereGroupExists(KIND, () -> {
            images().listByResourceGroup(ctx.resourceGroup()).forEach(i -> all.add(toRecord(i)));
            return all;
        });
        all.sort(Comparator.comparing(MyImage::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<MyImage> find(String nameOrId) {
        String name = AzureIds.azureName(nameOrId);
        return ctx.find(KIND, name, () -> images().getByResourceGroup(ctx.resourceGroup(), name)).map(AzureMyImages::toRecord);
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        if (find(name).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "an image of this name exists in " + ctx.resourceGroup());
        }
        var vm = vms.require(request.sourceVm());
        ImageInner body = new ImageInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), Map.of(AzureTagNames.SOURCE_VM, vm.name())))
                .withSourceVirtualMachine(new SubResource().withId(vm.id()));
        ctx.start(KIND, name, () -> images().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        return find(name).orElseThrow(() -> ctx.notFound(KIND, name));
    }

    @Override
    public void delete(String nameOrId) {
        String name = find(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId)).name();
        ctx.start(KIND, name, () -> images().beginDelete(ctx.resourceGroup(), AzureIds.azureName(nameOrId)));
    }

    static MyImage toRecord(ImageInner i) {
        String state = i.provisioningState() == null ? "" : i.provisioningState().toLowerCase(Locale.ROOT);
        MyImageStatus status = switch (state) {
            case "succeeded" -> MyImageStatus.AVAILABLE;
            case "failed" -> MyImageStatus.FAILED;
            default -> MyImageStatus.CREATING;
        };
        String source = AzureTagNames.own(i.tags(), AzureTagNames.SOURCE_VM);
        if (source == null && i.sourceVirtualMachine() != null) {
            source = AzureIds.last(i.sourceVirtualMachine().id());
        }
        return new MyImage(AzureIds.shown(i.name(), i.id()), i.id(), source, status, null, AzureTagNames.user(i.tags()));
    }
}
