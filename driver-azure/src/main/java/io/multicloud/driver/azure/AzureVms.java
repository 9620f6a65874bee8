package io.multicloud.driver.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.VirtualMachinesClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.InstanceViewTypes;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.VmService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * VMs. A VM is made in one PUT that also makes, and owns, its NIC ({@code <vm>-nic}), public IP
 * ({@code <vm>-ip}) and OS disk ({@code <vm>-osdisk}), each with {@code deleteOption: Delete}, so
 * deleting the VM deletes them and nothing billed is left behind. PUT by name is idempotent: a
 * create retried after a lost answer (the SDK retries a 5xx itself) converges on the one VM and
 * its one NIC, IP and disk; a create carrying a client token that finds a VM with the same token
 * returns it instead of refusing the name.
 *
 * <p>Actions start the operation and return: suspend = deallocate (power off <em>and</em> give the
 * hardware back, so compute is no longer billed), resume = start, reboot = restart, delete =
 * delete. {@link #list()} reads the status of every VM of the subscription, whatever group it is
 * in, in one paged listing ({@code statusOnly=true}), plus the subscription's NICs and public IPs
 * in one paged listing each; {@link #find(String)} reads one VM (by name: the connection's group
 * first, see {@link AzureLookup}; by id: any group) with its instance view, its NIC and its public
 * IP. Actions go to the group the VM is in; creates go into the connection's group.
 */
final class AzureVms implements VmService {
    private static final ResourceKind KIND = ResourceKind.VM;
    static final String TYPE = "Microsoft.Compute/virtualMachines";

    private final AzureContext ctx;
    private final AzureVmNetwork network;
    private final AzureVmRequests requests;
    private final AzureImageDisks imageDisks;

    AzureVms(AzureContext ctx, AzureNetworks networks, AzureSecurityGroups groups, AzureKeyPairs keyPairs, AzureImages images,
             AzureImageDisks imageDisks) {
        this.ctx = ctx;
        this.network = new AzureVmNetwork(ctx);
        this.imageDisks = imageDisks;
        this.requests = new AzureVmRequests(ctx, networks, groups, keyPairs, images, imageDisks);
    }

    private VirtualMachinesClient vms() {
        return ctx.clients().compute().getVirtualMachines();
    }

    @Override
    public List<Vm> list() {
        List<VirtualMachineInner> raw = listRaw();
        AzureVmNetwork.Snapshot snapshot = raw.isEmpty() ? new AzureVmNetwork.Snapshot(java.util.Map.of(), java.util.Map.of())
                : network.all();
        return raw.stream().map(v -> toRecord(v, snapshot)).sorted(Comparator.comparing(Vm::name)).toList();
    }

    /**
     * Azure's VM listing has no tag filter, but Resource Manager's resource listing has: one
     * tag-filtered listing gives the ids of the tagged VMs, then the VMs (with their instance
     * view) and the NICs and public IPs are listed in the groups they are in, one paged listing
     * per group and kind, never a call per VM; untagged groups are not read.
     */
    @Override
    public List<Vm> listTagged(String key, String value) {
        String stored = AzureTagNames.encode(key);
        Set<String> ids = ctx.lookup().taggedIds(KIND, TYPE, stored, value);
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<String> groups = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ids.forEach(id -> groups.add(AzureIds.group(id)));
        List<VirtualMachineInner> raw = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            for (String group : groups) {
                vms().listByResourceGroup(group, null, ExpandTypeForListVMs.INSTANCE_VIEW, Context.NONE).forEach(v -> {
                    // the tags are read again: a tag removed between the two listings no longer counts
                    if (ids.contains(v.id().toLowerCase(Locale.ROOT)) && v.tags() != null && v.tags().containsKey(stored)
                            && (value == null || value.equals(v.tags().get(stored)))) {
                        raw.add(v);
                    }
                });
            }
            return raw;
        });
        AzureVmNetwork.Snapshot snapshot = network.ofGroups(raw.stream().map(AzureVms::primaryNicId).filter(n -> n != null).toList());
        return raw.stream().map(v -> toRecord(v, snapshot)).sorted(Comparator.comparing(Vm::name)).toList();
    }

    /** Every VM of the subscription with its instance view (one paged listing). */
    private List<VirtualMachineInner> listRaw() {
        List<VirtualMachineInner> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            vms().list("true", null, null, Context.NONE).forEach(all::add);
            return all;
        });
        return all;
    }

    @Override
    public Optional<Vm> find(String nameOrId) {
        return raw(nameOrId).map(v -> toRecord(v, network.of(primaryNicId(v))));
    }

    Optional<VirtualMachineInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, this::get);
    }

    private VirtualMachineInner get(String group, String name) {
        return vms().getByResourceGroupWithResponse(group, name, InstanceViewTypes.INSTANCE_VIEW, Context.NONE).getValue();
    }

    VirtualMachineInner require(String nameOrId) {
        return raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
    }

    @Override
    public Vm create(VmRequest request) {
        String name = request.name();
        Optional<VirtualMachineInner> existing = ctx.lookup().inOwnGroup(KIND, name, this::get);
        if (existing.isPresent()) {
            String token = AzureTagNames.own(existing.get().tags(), AzureTagNames.CLIENT_TOKEN);
            if (request.clientToken() != null && request.clientToken().equals(token)) {
                return toRecord(existing.get(), network.of(primaryNicId(existing.get())));
            }
            throw new AlreadyExistsException(ctx.context(KIND, name), "a VM of this name exists in " + ctx.resourceGroup());
        }
        AzureVmRequests.Plan plan = requests.plan(request);
        VirtualMachineInner body = plan.body();
        ctx.ensureResourceGroup();
        boolean zonal = body.zones() != null && !body.zones().isEmpty();
        if (plan.sourceDisk() != null) {
            // a my-image disk: the VM boots a copy of it, made first (and deleted again if the VM's PUT fails)
            imageDisks.copy(KIND, plan.osDiskName(), plan.sourceDisk(), AzureTagNames.forAzure(request.tags(), java.util.Map.of()));
        }
        try {
            ctx.errors().call(KIND, name, zonal, () -> vms().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        } catch (RuntimeException e) {
            if (plan.sourceDisk() != null) {
                imageDisks.delete(KIND, plan.osDiskName());
            }
            throw e;
        }
        return find(name).orElseThrow(() -> ctx.notFound(KIND, name));
    }

    @Override
    public void delete(String nameOrId) {
        VirtualMachineInner vm = require(nameOrId);
        ctx.start(KIND, vm.name(), () -> vms().beginDelete(AzureIds.group(vm.id()), vm.name()));
    }

    @Override
    public VmStatus suspend(String nameOrId) {
        VirtualMachineInner vm = require(nameOrId);
        ctx.start(KIND, vm.name(), () -> vms().beginDeallocate(AzureIds.group(vm.id()), vm.name()));
        return VmStatus.SUSPENDING;
    }

    @Override
    public VmStatus resume(String nameOrId) {
        VirtualMachineInner vm = require(nameOrId);
        ctx.start(KIND, vm.name(), () -> vms().beginStart(AzureIds.group(vm.id()), vm.name()));
        return VmStatus.RESUMING;
    }

    @Override
    public VmStatus reboot(String nameOrId) {
        VirtualMachineInner vm = require(nameOrId);
        ctx.start(KIND, vm.name(), () -> vms().beginRestart(AzureIds.group(vm.id()), vm.name()));
        return VmStatus.REBOOTING;
    }

    static String primaryNicId(VirtualMachineInner v) {
        if (v.networkProfile() == null || v.networkProfile().networkInterfaces() == null
                || v.networkProfile().networkInterfaces().isEmpty()) {
            return null;
        }
        var nics = v.networkProfile().networkInterfaces();
        return nics.stream().filter(n -> Boolean.TRUE.equals(n.primary())).findFirst().orElse(nics.getFirst()).id();
    }

    private Vm toRecord(VirtualMachineInner v, AzureVmNetwork.Snapshot snapshot) {
        AzureVmStatus.Seen seen = AzureVmStatus.of(v.provisioningState(), v.instanceView());
        AzureVmNetwork.NicView nic = snapshot.view(primaryNicId(v));
        // a VM booted from a my-image disk has no osProfile: its login is the source VM's, kept in a tag
        String user = v.osProfile() != null ? v.osProfile().adminUsername() : AzureTagNames.own(v.tags(), AzureTagNames.LOGIN_USER);
        String host = nic.publicIp() != null ? nic.publicIp() : nic.privateIp();
        SshAccess ssh = host == null || user == null ? null : new SshAccess(host, 22, user);
        var osDisk = v.storageProfile() == null ? null : v.storageProfile().osDisk();
        int diskGB = osDisk == null || osDisk.diskSizeGB() == null ? 0 : osDisk.diskSizeGB();
        String diskType = osDisk == null || osDisk.managedDisk() == null || osDisk.managedDisk().storageAccountType() == null ? null
                : osDisk.managedDisk().storageAccountType().toString();
        String image = AzureTagNames.own(v.tags(), AzureTagNames.IMAGE);
        if (image == null && v.storageProfile() != null && v.storageProfile().imageReference() != null) {
            var ref = v.storageProfile().imageReference();
            image = ref.id() != null ? AzureIds.last(ref.id()) : ref.publisher() + ":" + ref.offer() + ":" + ref.sku() + ":" + ref.version();
        }
        Instant created = v.timeCreated() == null ? null : v.timeCreated().toInstant();
        return new Vm(AzureIds.shown(v.name(), v.id()), v.id(), seen.status(), seen.reason(), v.location(),
                v.zones() == null || v.zones().isEmpty() ? null : v.zones().getFirst(),
                v.hardwareProfile() == null || v.hardwareProfile().vmSize() == null ? null : v.hardwareProfile().vmSize().toString(),
                image, nic.vpc(), nic.subnet(), nic.securityGroup() == null ? List.of() : List.of(nic.securityGroup()),
                AzureTagNames.own(v.tags(), AzureTagNames.KEY_PAIR), nic.publicIp(), nic.privateIp(), ssh, diskGB, diskType,
                created, AzureTagNames.user(v.tags()));
    }

    /** Checks a request's security groups: Azure attaches one NSG to a NIC. */
    static void checkOneGroup(VmRequest request) {
        if (request.securityGroups().size() > 1) {
            throw new InvalidRequestException("security groups",
                    "an Azure VM's NIC takes one network security group; give one (its rules can cover all needs)");
        }
    }
}
