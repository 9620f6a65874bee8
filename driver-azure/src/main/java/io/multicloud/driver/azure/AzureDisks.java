package io.multicloud.driver.azure;

import com.azure.resourcemanager.compute.fluent.DisksClient;
import com.azure.resourcemanager.compute.fluent.models.DiskInner;
import com.azure.resourcemanager.compute.models.AttachDetachDataDisksRequest;
import com.azure.resourcemanager.compute.models.CreationData;
import com.azure.resourcemanager.compute.models.DataDisksToAttach;
import com.azure.resourcemanager.compute.models.DataDisksToDetach;
import com.azure.resourcemanager.compute.models.DiskCreateOption;
import com.azure.resourcemanager.compute.models.DiskSku;
import com.azure.resourcemanager.compute.models.DiskStorageAccountTypes;
import com.azure.resourcemanager.compute.models.DiskUpdate;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.DiskService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Managed disks. Created empty ({@code createOption: Empty}) in the request's zone (or the
 * connection's); type = the disk SKU ({@code StandardSSD_LRS} by default, {@code Premium_LRS},
 * {@code Standard_LRS}, ...). Attach and detach go through the VM's {@code attachDetachDataDisks}
 * action (Azure picks the LUN); resize is a PATCH of {@code diskSizeGB} (Azure grows a disk, never
 * shrinks it). Status: provisioning Creating/Updating → CREATING, Deleting → DELETING,
 * Failed → FAILED, else ATTACHED or AVAILABLE by the disk's state. The OS disks of VMs are listed
 * too (they are disks of the subscription), attached to their VM; my-images kept as disks are
 * not ({@link AzureImageDisks}).
 */
final class AzureDisks implements DiskService {
    private static final ResourceKind KIND = ResourceKind.DISK;
    static final String TYPE = "Microsoft.Compute/disks";
    private final AzureContext ctx;
    private final AzureVms vms;

    AzureDisks(AzureContext ctx, AzureVms vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    private DisksClient disks() {
        return ctx.clients().compute().getDisks();
    }

    @Override
    public List<Disk> list() {
        List<Disk> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            // a my-image kept as a disk is shown as a my-image, not as a disk
            disks().list().stream().filter(d -> !AzureImageDisks.isImage(d)).forEach(d -> all.add(toRecord(d)));
            return all;
        });
        all.sort(Comparator.comparing(Disk::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<Disk> find(String nameOrId) {
        return raw(nameOrId).map(AzureDisks::toRecord);
    }

    Optional<DiskInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> disks().getByResourceGroup(group, name))
                .filter(d -> !AzureImageDisks.isImage(d));
    }

    private DiskInner require(String nameOrId) {
        return raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
    }

    @Override
    public Disk create(DiskRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> disks().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "a disk of this name exists in " + ctx.resourceGroup());
        }
        ctx.ensureResourceGroup();
        String zone = request.zone() != null ? request.zone() : ctx.defaultZone();
        DiskInner body = new DiskInner().withLocation(ctx.region()).withTags(AzureTagNames.forAzure(request.tags(), java.util.Map.of()))
                .withSku(new DiskSku().withName(DiskStorageAccountTypes.fromString(request.type() == null ? "StandardSSD_LRS" : request.type())))
                .withCreationData(new CreationData().withCreateOption(DiskCreateOption.EMPTY)).withDiskSizeGB(request.sizeGB());
        if (zone != null) {
            body.withZones(List.of(zone));
        }
        return toRecord(ctx.await(KIND, name, zone != null, () -> disks().beginCreateOrUpdate(ctx.resourceGroup(), name, body)));
    }

    @Override
    public void delete(String nameOrId) {
        DiskInner disk = require(nameOrId);
        ctx.start(KIND, disk.name(), () -> disks().beginDelete(AzureIds.group(disk.id()), disk.name()));
    }

    @Override
    public Disk attach(String disk, String vm) {
        DiskInner d = require(disk);
        if (d.managedBy() != null) {
            throw new ConflictException(ctx.context(KIND, d.name()), "the disk is attached to " + AzureIds.last(d.managedBy()));
        }
        var target = vms.require(vm);
        AttachDetachDataDisksRequest body = new AttachDetachDataDisksRequest()
                .withDataDisksToAttach(List.of(new DataDisksToAttach().withDiskId(d.id())));
        ctx.await(KIND, d.name(), () -> ctx.clients().compute().getVirtualMachines()
                .beginAttachDetachDataDisks(AzureIds.group(target.id()), target.name(), body));
        return find(d.id()).orElseThrow(() -> ctx.notFound(KIND, disk));
    }

    @Override
    public Disk detach(String disk) {
        DiskInner d = require(disk);
        if (d.managedBy() == null) {
            return toRecord(d);
        }
        String vmName = AzureIds.last(d.managedBy());
        AttachDetachDataDisksRequest body = new AttachDetachDataDisksRequest()
                .withDataDisksToDetach(List.of(new DataDisksToDetach().withDiskId(d.id())));
        ctx.await(KIND, d.name(), () -> ctx.clients().compute().getVirtualMachines()
                .beginAttachDetachDataDisks(AzureIds.group(d.managedBy()), vmName, body));
        return find(d.id()).orElseThrow(() -> ctx.notFound(KIND, disk));
    }

    @Override
    public Disk resize(String disk, int newSizeGB) {
        DiskInner d = require(disk);
        return toRecord(ctx.await(KIND, d.name(), () -> disks().beginUpdate(AzureIds.group(d.id()), d.name(),
                new DiskUpdate().withDiskSizeGB(newSizeGB))));
    }

    static Disk toRecord(DiskInner d) {
        String provisioning = d.provisioningState() == null ? "" : d.provisioningState().toLowerCase(Locale.ROOT);
        DiskStatus status;
        if (provisioning.equals("creating") || provisioning.equals("updating")) {
            status = DiskStatus.CREATING;
        } else if (provisioning.equals("deleting")) {
            status = DiskStatus.DELETING;
        } else if (provisioning.equals("failed")) {
            status = DiskStatus.FAILED;
        } else {
            status = d.managedBy() != null ? DiskStatus.ATTACHED : DiskStatus.AVAILABLE;
        }
        return new Disk(AzureIds.shown(d.name(), d.id()), d.id(), d.zones() == null || d.zones().isEmpty() ? null : d.zones().getFirst(),
                d.diskSizeGB() == null ? 0 : d.diskSizeGB(), d.sku() == null || d.sku().name() == null ? null : d.sku().name().toString(),
                status, d.managedBy() == null ? null : AzureIds.last(d.managedBy()), AzureTagNames.user(d.tags()));
    }
}
