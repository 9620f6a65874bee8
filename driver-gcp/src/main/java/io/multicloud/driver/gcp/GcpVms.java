package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.AcceleratorConfig;
import com.google.cloud.compute.v1.AccessConfig;
import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.DeleteInstanceRequest;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.ResetInstanceRequest;
import com.google.cloud.compute.v1.Scheduling;
import com.google.cloud.compute.v1.StartInstanceRequest;
import com.google.cloud.compute.v1.StopInstanceRequest;
import com.google.cloud.compute.v1.Tags;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.KeyPair;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.CloudInitUserData;
import io.multicloud.spi.VmService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VMs as Compute Engine instances in the connection's region. What the user asked for and GCE
 * does not keep lives in the instance's metadata: {@code multicloud-tags} (the exact tags, JSON;
 * labels mirror them for filtering, see {@link GcpLabels}), {@code multicloud-image},
 * {@code multicloud-key-pair}, {@code multicloud-root-disk-type}; the key pair's public key goes
 * into {@code ssh-keys} for the login user {@code multicloud}; user data goes into
 * {@code startup-script} (or {@code user-data} for a {@code #cloud-config} document). Security
 * groups are network tags. A spec {@code <type>+<gpu>:<n>} attaches GPUs, with the
 * {@code TERMINATE} maintenance policy they need.
 *
 * <p>Status: PROVISIONING, STAGING → CREATING (RESUMING once the instance was stopped before),
 * RUNNING → RUNNING, STOPPING → SUSPENDING (TERMINATING while this connection deletes it),
 * TERMINATED (GCE's word for stopped) → SUSPENDED, SUSPENDING/SUSPENDED → the same, REPAIRING →
 * UNKNOWN; the status message is the {@code statusReason}. Create waits for its operation (its
 * quota or stockout error is thrown); suspend (stop), resume (start), reboot (reset) and delete
 * return once GCE accepted them. The create's {@code requestId} is the request's client token
 * (a name-based UUID when the token is not a UUID), so a retried create never makes a second VM.
 * {@code list} is one aggregated list (paged), {@code find} one filtered aggregated list.
 */
final class GcpVms implements VmService {
    private static final ResourceKind KIND = ResourceKind.VM;
    static final String TAGS_ITEM = "multicloud-tags";
    static final String IMAGE_ITEM = "multicloud-image";
    static final String KEY_PAIR_ITEM = "multicloud-key-pair";
    static final String DISK_TYPE_ITEM = "multicloud-root-disk-type";
    static final String DEFAULT_DISK_TYPE = "pd-balanced";

    private final GcpContext ctx;
    private final GcpImages images;
    private final GcpKeyPairs keyPairs;
    /** The VMs this connection is deleting (their STOPPING is a termination). */
    private final Set<String> deleting = ConcurrentHashMap.newKeySet();

    GcpVms(GcpContext ctx) {
        this.ctx = ctx;
        this.images = new GcpImages(ctx);
        this.keyPairs = new GcpKeyPairs(ctx);
    }

    @Override
    public List<Vm> list() {
        return instances(null).stream().map(this::toRecord).sorted(Comparator.comparing(Vm::name)).toList();
    }

    @Override
    public Optional<Vm> find(String nameOrId) {
        return instance(nameOrId).map(this::toRecord);
    }

    /** The instances of the connection's region that pass the filter (one aggregated list, paged). */
    List<Instance> instances(String filter) {
        List<Instance> out = new ArrayList<>();
        AggregatedListInstancesRequest.Builder request = AggregatedListInstancesRequest.newBuilder().setProject(ctx.project())
                .setMaxResults(500);
        if (filter != null) {
            request.setFilter(filter);
        }
        String prefix = "zones/" + ctx.region() + "-";
        ctx.errors().run(KIND, null, () -> ctx.clients().instances.get().aggregatedList(request.build()).iterateAll().forEach(e -> {
            if (e.getKey().startsWith(prefix)) {
                out.addAll(e.getValue().getInstancesList());
            }
        }));
        return out;
    }

    Optional<Instance> instance(String nameOrId) {
        if (!nameOrId.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return Optional.empty();
        }
        String field = nameOrId.matches("\\d+") ? "id" : "name";
        return instances(field + " = \"" + nameOrId + "\"").stream().findFirst();
    }

    /** The instances of these names in the connection's region: one filtered aggregated list, whatever their number. */
    List<Instance> instancesNamed(java.util.Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return instances(String.join(" OR ", names.stream().map(n -> "(name = \"" + n + "\")").toList()));
    }

    Instance require(String name) {
        return instance(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no instance of this name in " + ctx.region()));
    }

    @Override
    public Vm create(VmRequest request) {
        return create(request, Map.of());
    }

    /** Creates a VM with more metadata items (the any-call functions' Deep Learning VMs). */
    Vm create(VmRequest request, Map<String, String> extraMetadata) {
        String name = request.name();
        String zone = request.zone() != null ? request.zone() : ctx.zone();
        GcpSpecs.Parsed spec = GcpSpecs.parse(request.spec());
        var image = images.resolve(request.image()).orElseThrow(() -> new NotFoundException(
                ErrorContext.of(ctx.config().name(), ResourceKind.IMAGE, request.image()), "no alias, image family or image matches"));
        boolean windows = GcpImages.toRecord(request.image(), image).platform() == Platform.WINDOWS;
        String diskType = request.rootDiskType() != null ? request.rootDiskType() : DEFAULT_DISK_TYPE;

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(TAGS_ITEM, GcpLabels.json(request.tags()));
        metadata.put(IMAGE_ITEM, request.image());
        metadata.put(DISK_TYPE_ITEM, diskType);
        if (request.keyPair() != null) {
            KeyPair key = keyPairs.find(request.keyPair()).orElseThrow(() -> new NotFoundException(
                    ErrorContext.of(ctx.config().name(), ResourceKind.KEY_PAIR, request.keyPair()), "no key pair of this name"));
            metadata.put(KEY_PAIR_ITEM, request.keyPair());
            if (!windows) {
                String[] parts = key.publicKey().trim().split("\\s+");
                metadata.put("ssh-keys", CloudInitUserData.USER + ":" + parts[0] + " " + parts[1] + " " + CloudInitUserData.USER);
            }
        }
        if (request.userData() != null && !request.userData().isEmpty()) {
            metadata.put(request.userData().startsWith("#cloud-config") ? "user-data"
                    : windows ? "windows-startup-script-ps1" : "startup-script", request.userData());
        }
        metadata.putAll(extraMetadata);
        Metadata.Builder md = Metadata.newBuilder();
        metadata.forEach((k, v) -> md.addItems(Items.newBuilder().setKey(k).setValue(v)));

        AttachedDiskInitializeParams.Builder params = AttachedDiskInitializeParams.newBuilder().setSourceImage(image.getSelfLink())
                .setDiskType(ctx.zonal(zone, "diskTypes", diskType).replaceFirst("^projects/[^/]+/", ""));
        if (request.rootDiskGB() > 0) {
            params.setDiskSizeGb(request.rootDiskGB());
        }
        NetworkInterface.Builder nic = NetworkInterface.newBuilder().setNetwork(ctx.global("networks", request.vpc()))
                .setSubnetwork(ctx.regional(ctx.region(), "subnetworks", request.subnet()));
        if (request.publicIp()) {
            nic.addAccessConfigs(AccessConfig.newBuilder().setName("External NAT").setType("ONE_TO_ONE_NAT"));
        }
        Instance.Builder instance = Instance.newBuilder().setName(name).setMachineType("zones/" + zone + "/machineTypes/" + spec.machineType())
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true).setType("PERSISTENT").setInitializeParams(params))
                .addNetworkInterfaces(nic).setMetadata(md).putAllLabels(GcpLabels.labels(request.tags()))
                .setTags(Tags.newBuilder().addAllItems(request.securityGroups()));
        if (spec.accelerator() != null) {
            instance.addGuestAccelerators(AcceleratorConfig.newBuilder().setAcceleratorType("zones/" + zone + "/acceleratorTypes/" + spec.accelerator())
                    .setAcceleratorCount(spec.count()));
            instance.setScheduling(Scheduling.newBuilder().setOnHostMaintenance("TERMINATE").setAutomaticRestart(true));
        }
        String requestId = GcpOperations.requestId(request.clientToken());
        ctx.operations().await(KIND, name, () -> ctx.clients().instances.get().insertAsync(InsertInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setInstanceResource(instance.build()).setRequestId(requestId).build()));
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the instance is gone right after its creation"));
    }

    @Override
    public void delete(String name) {
        Instance i = require(name);
        deleting.add(name);
        try {
            ctx.operations().start(KIND, name, () -> ctx.clients().instances.get().deleteAsync(DeleteInstanceRequest.newBuilder()
                    .setProject(ctx.project()).setZone(GcpContext.last(i.getZone())).setInstance(name)
                    .setRequestId(GcpOperations.requestId()).build()));
        } catch (RuntimeException e) {
            deleting.remove(name);
            throw e;
        }
    }

    @Override
    public VmStatus suspend(String name) {
        Instance i = require(name);
        ctx.operations().start(KIND, name, () -> ctx.clients().instances.get().stopAsync(StopInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(GcpContext.last(i.getZone())).setInstance(name).setRequestId(GcpOperations.requestId()).build()));
        return VmStatus.SUSPENDING;
    }

    @Override
    public VmStatus resume(String name) {
        Instance i = require(name);
        ctx.operations().start(KIND, name, () -> ctx.clients().instances.get().startAsync(StartInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(GcpContext.last(i.getZone())).setInstance(name).setRequestId(GcpOperations.requestId()).build()));
        return VmStatus.RESUMING;
    }

    @Override
    public VmStatus reboot(String name) {
        Instance i = require(name);
        ctx.operations().start(KIND, name, () -> ctx.clients().instances.get().resetAsync(ResetInstanceRequest.newBuilder()
                .setProject(ctx.project()).setZone(GcpContext.last(i.getZone())).setInstance(name).setRequestId(GcpOperations.requestId()).build()));
        return VmStatus.REBOOTING;
    }

    VmStatus status(Instance i) {
        return switch (i.getStatus()) {
            case "PROVISIONING", "STAGING" -> i.getLastStopTimestamp().isEmpty() ? VmStatus.CREATING : VmStatus.RESUMING;
            case "RUNNING" -> VmStatus.RUNNING;
            case "STOPPING" -> deleting.contains(i.getName()) ? VmStatus.TERMINATING : VmStatus.SUSPENDING;
            case "TERMINATED", "SUSPENDED" -> VmStatus.SUSPENDED;
            case "SUSPENDING" -> VmStatus.SUSPENDING;
            default -> VmStatus.UNKNOWN;
        };
    }

    static Map<String, String> metadata(Instance i) {
        Map<String, String> out = new LinkedHashMap<>();
        i.getMetadata().getItemsList().forEach(item -> out.put(item.getKey(), item.getValue()));
        return out;
    }

    /** The user's tags: the exact ones kept in metadata, else (an instance made elsewhere) its labels. */
    static Map<String, String> tags(Instance i, Map<String, String> metadata) {
        return metadata.containsKey(TAGS_ITEM) ? GcpLabels.parse(metadata.get(TAGS_ITEM)) : i.getLabelsMap();
    }

    Vm toRecord(Instance i) {
        Map<String, String> md = metadata(i);
        NetworkInterface nic = i.getNetworkInterfacesCount() > 0 ? i.getNetworkInterfaces(0) : NetworkInterface.getDefaultInstance();
        String publicIp = nic.getAccessConfigsCount() > 0 && !nic.getAccessConfigs(0).getNatIP().isEmpty() ? nic.getAccessConfigs(0).getNatIP() : null;
        String privateIp = nic.getNetworkIP().isEmpty() ? null : nic.getNetworkIP();
        String host = publicIp != null ? publicIp : privateIp;
        boolean login = md.getOrDefault("ssh-keys", "").startsWith(CloudInitUserData.USER + ":");
        SshAccess ssh = host == null ? null : new SshAccess(host, 22, login ? CloudInitUserData.USER : null);
        AttachedDisk boot = i.getDisksList().stream().filter(AttachedDisk::getBoot).findFirst().orElse(null);
        String spec = GcpContext.last(i.getMachineType());
        if (i.getGuestAcceleratorsCount() > 0 && !spec.startsWith("a2-") && !spec.startsWith("a3-") && !spec.startsWith("g2-")) {
            spec = spec + "+" + GcpContext.last(i.getGuestAccelerators(0).getAcceleratorType()) + ":" + i.getGuestAccelerators(0).getAcceleratorCount();
        }
        Instant created = i.getCreationTimestamp().isEmpty() ? null : OffsetDateTime.parse(i.getCreationTimestamp()).toInstant();
        return new Vm(i.getName(), Long.toUnsignedString(i.getId()), status(i), i.getStatusMessage().isEmpty() ? null : i.getStatusMessage(),
                ctx.region(), GcpContext.last(i.getZone()), spec, md.get(IMAGE_ITEM),
                GcpContext.last(nic.getNetwork()), GcpContext.last(nic.getSubnetwork()), i.getTags().getItemsList(), md.get(KEY_PAIR_ITEM),
                publicIp, privateIp, ssh, boot == null ? 0 : (int) boot.getDiskSizeGb(),
                boot == null ? null : md.get(DISK_TYPE_ITEM), created, tags(i, md));
    }
}
