package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.ImagesClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageRequest;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.MyImageService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * My-images, of two kinds, chosen by the source VM's instance view (read in the one GET that finds
 * the VM):
 * <ul>
 *   <li>a VM that was generalized ({@code OSState/generalized}; see the {@code GeneralizeVm}
 *       any-call) gives a managed image ({@code Microsoft.Compute/images}, {@link AzureManagedImages}),
 *       tagged with the source VM and its key pair; a VM made from it is provisioned anew with
 *       the request's login, key pair and user data;</li>
 *   <li>any other VM (generalizing would end its use) gives a copy of its OS disk, taken as it
 *       runs ({@link AzureImageDisks}), tagged as a my-image with the source VM, its OS type and
 *       its login; the VM keeps running, and nothing else is made. A VM made from it boots a copy
 *       of that disk as it was (a specialized disk: same users, keys and host state).</li>
 * </ul>
 * The subscription's managed images made by other tools are listed, found and deleted too, and a
 * VM may boot them. Status: the disk's or image's provisioning state, Succeeded → AVAILABLE,
 * Failed → FAILED, else CREATING.
 */
final class AzureMyImages implements MyImageService {
    private static final ResourceKind KIND = ResourceKind.MY_IMAGE;
    static final String TYPE = "Microsoft.Compute/images";
    private final AzureContext ctx;
    private final AzureVms vms;
    private final AzureImageDisks imageDisks;
    private final AzureManagedImages managedImages;

    AzureMyImages(AzureContext ctx, AzureVms vms, AzureImageDisks imageDisks) {
        this.ctx = ctx;
        this.vms = vms;
        this.imageDisks = imageDisks;
        this.managedImages = new AzureManagedImages(ctx);
    }

    private ImagesClient images() {
        return ctx.clients().compute().getImages();
    }

    /** The subscription's my-image disks and managed images: one paged listing each. */
    @Override
    public List<MyImage> list() {
        List<MyImage> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            ctx.clients().compute().getDisks().list().stream().filter(AzureImageDisks::isImage).forEach(d -> all.add(toRecord(d)));
            images().list().forEach(i -> all.add(toRecord(i)));
            return all;
        });
        all.sort(Comparator.comparing(MyImage::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<MyImage> find(String nameOrId) {
        Optional<MyImage> disk = imageDisks.find(KIND, nameOrId).map(AzureMyImages::toRecord);
        return disk.isPresent() ? disk : managedImage(nameOrId).map(AzureMyImages::toRecord);
    }

    private Optional<ImageInner> managedImage(String nameOrId) {
        if (AzureIds.isId(nameOrId) && !nameOrId.toLowerCase(Locale.ROOT).contains("/microsoft.compute/images/")) {
            return Optional.empty();
        }
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> images().getByResourceGroup(group, name));
    }

    /**
     * Makes a managed image of a generalized VM, else copies the VM's OS disk as it runs; waits for
     * either, and deletes what fails half-way.
     */
    @Override
    public MyImage create(MyImageRequest request) {
        String name = request.name();
        boolean taken = imageDisks.inOwnGroup(KIND, name).isPresent()
                || ctx.lookup().inOwnGroup(KIND, name, (group, n) -> images().getByResourceGroup(group, n)).isPresent();
        if (taken) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "an image or disk of this name exists in " + ctx.resourceGroup());
        }
        var vm = vms.require(request.sourceVm());
        String vmKey = AzureTagNames.own(vm.tags(), AzureTagNames.KEY_PAIR);
        if (AzureVmStatus.generalized(vm.instanceView())) {
            // no login user: a VM made from a generalized image takes the request's (osProfile)
            Map<String, String> own = new LinkedHashMap<>();
            own.put(AzureTagNames.SOURCE_VM, vm.name());
            Optional.ofNullable(vmKey).ifPresent(k -> own.put(AzureTagNames.KEY_PAIR, k));
            return toRecord(managedImages.create(KIND, name, vm, AzureTagNames.forAzure(request.tags(), own)));
        }
        var osDisk = vm.storageProfile() == null ? null : vm.storageProfile().osDisk();
        if (osDisk == null || osDisk.managedDisk() == null || osDisk.managedDisk().id() == null) {
            throw new InvalidRequestException(ctx.context(KIND, name), "source vm", "VM '" + vm.name() + "' has no managed OS disk to copy");
        }
        String diskId = osDisk.managedDisk().id();
        DiskInner source = ctx.find(KIND, name, () -> ctx.clients().compute().getDisks().getByResourceGroup(AzureIds.group(diskId),
                AzureIds.last(diskId))).orElseThrow(() -> ctx.notFound(ResourceKind.DISK, diskId));
        Map<String, String> own = new LinkedHashMap<>();
        own.put(AzureTagNames.MY_IMAGE, source.osType() == null ? "Linux" : source.osType().toString());
        own.put(AzureTagNames.SOURCE_VM, vm.name());
        if (vm.osProfile() != null && vm.osProfile().adminUsername() != null) {
            own.put(AzureTagNames.LOGIN_USER, vm.osProfile().adminUsername());
        }
        Optional.ofNullable(vmKey).ifPresent(k -> own.put(AzureTagNames.KEY_PAIR, k));
        return toRecord(imageDisks.copy(KIND, name, source, AzureTagNames.forAzure(request.tags(), own)));
    }

    @Override
    public void delete(String nameOrId) {
        Optional<DiskInner> disk = imageDisks.find(KIND, nameOrId);
        if (disk.isPresent()) {
            DiskInner d = disk.get();
            ctx.start(KIND, d.name(), () -> ctx.clients().compute().getDisks().beginDelete(AzureIds.group(d.id()), d.name()));
            return;
        }
        ImageInner image = managedImage(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
        ctx.start(KIND, image.name(), () -> images().beginDelete(AzureIds.group(image.id()), image.name()));
    }

    private static MyImageStatus status(String provisioningState) {
        return switch (provisioningState == null ? "" : provisioningState.toLowerCase(Locale.ROOT)) {
            case "succeeded" -> MyImageStatus.AVAILABLE;
            case "failed" -> MyImageStatus.FAILED;
            default -> MyImageStatus.CREATING;
        };
    }

    static MyImage toRecord(DiskInner d) {
        return new MyImage(AzureIds.shown(d.name(), d.id()), d.id(), AzureTagNames.own(d.tags(), AzureTagNames.SOURCE_VM),
                status(d.provisioningState()), d.timeCreated() == null ? null : d.timeCreated().toInstant(), AzureTagNames.user(d.tags()));
    }

    static MyImage toRecord(ImageInner i) {
        String source = AzureTagNames.own(i.tags(), AzureTagNames.SOURCE_VM);
        if (source == null && i.sourceVirtualMachine() != null) {
            source = AzureIds.last(i.sourceVirtualMachine().id());
        }
        return new MyImage(AzureIds.shown(i.name(), i.id()), i.id(), source, status(i.provisioningState()), null, AzureTagNames.user(i.tags()));
    }
}
