package io.multicloud.driver.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.ImagesClient;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import com.azure.resourcemanager.compute.models.ImageOSDisk;
import com.azure.resourcemanager.compute.models.ImageStorageProfile;
import com.azure.resourcemanager.compute.models.OperatingSystemStateTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
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
 * My-images as managed images ({@code Microsoft.Compute/images}) made from a VM's OS disk as it
 * is. Azure makes a managed image from a VM ({@code sourceVirtualMachine}) only once the VM was
 * generalized, which ends the VM's use; the driver does not do that, but makes the image of the
 * VM's managed OS disk, marked {@code Generalized} as managed images must be. A VM booted from
 * it provisions cleanly when the source was deprovisioned first ({@code waagent -deprovision});
 * the source VM keeps running. The source VM's name is kept in a tag. A VM may use a my-image by
 * its name.
 * Status: Creating → CREATING, Succeeded → AVAILABLE, Failed → FAILED.
 */
final class AzureMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    static final String TYPE = "Microsoft.Compute/images";
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
        ctx.errors().call(KIND, null, () -> {
            images().list().forEach(i -> all.add(toRecord(i)));
            return all;
        });
        all.sort(Comparator.comparing(MyImage::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<MyImage> find(String nameOrId) {
        return raw(nameOrId).map(AzureMyImages::toRecord);
    }

    private Optional<ImageInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> images().getByResourceGroup(group, name));
    }

    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> images().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "an image of this name exists in " + ctx.resourceGroup());
        }
        var vm = vms.require(request.sourceVm());
        var osDisk = vm.storageProfile() == null ? null : vm.storageProfile().osDisk();
        if (osDisk == null || osDisk.managedDisk() == null || osDisk.managedDisk().id() == null) {
            throw new io.multicloud.api.InvalidRequestException(ctx.context(KIND, name), "source vm",
                    "VM '" + vm.name() + "' has no managed OS disk to make an image of");
        }
        boolean windows = osDisk.osType() != null && osDisk.osType().toString().equalsIgnoreCase("Windows");
        ImageInner body = new ImageInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), Map.of(AzureTagNames.SOURCE_VM, vm.name())))
                .withHyperVGeneration(HyperVGenerationTypes.V2)
                .withStorageProfile(new ImageStorageProfile().withOsDisk(new ImageOSDisk()
                        .withOsType(windows ? OperatingSystemTypes.WINDOWS : OperatingSystemTypes.LINUX)
                        .withOsState(OperatingSystemStateTypes.GENERALIZED)
                        .withManagedDisk(new SubResource().withId(osDisk.managedDisk().id()))));
        ctx.start(KIND, name, () -> images().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        return find(name).orElseThrow(() -> ctx.notFound(KIND, name));
    }

    @Override
    public void delete(String nameOrId) {
        ImageInner image = raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
        ctx.start(KIND, image.name(), () -> images().beginDelete(AzureIds.group(image.id()), image.name()));
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
