package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * VMs as EC2 instances: every live instance of the region, named by its {@code Name} tag, else
 * its id ({@link AwsNames}). The image (alias, AMI name or id) is resolved through {@link AwsImages}
 * and remembered in a {@code multicloud:image} tag so the VM shows the name the user gave.
 * Status: pending → CREATING (or RESUMING, see below), running → RUNNING, stopping → SUSPENDING,
 * stopped → SUSPENDED, shutting-down → TERMINATING; a terminated instance is gone (not listed,
 * not found). AWS reports {@code pending} both while launching and while starting a stopped
 * instance: {@link #resume(String)} marks the instance with a {@code multicloud:resumed} tag, and
 * as an instance goes through pending only once at launch, a pending instance with that mark is
 * RESUMING. Suspend = StopInstances, resume = StartInstances, reboot = RebootInstances; AWS's
 * IncorrectInstanceState maps to ConflictException.
 *
 * <p>A Linux VM launched with a key pair gets user data ({@link CloudInitUserData}) that creates
 * the login user {@code multicloud} with the key pair's public key, combined with the user's own
 * user data; the {@code multicloud:login-user} tag remembers it for the VM's SSH access point.
 * Windows VMs (an AMI whose platform EC2 gives as {@code windows}) keep their image's default user
 * and get only the user's user data.
 *
 * <p>Security groups of a request are looked up in the subnet's VPC, so {@code default} is that
 * VPC's default group. A missing optional field of an instance (a group without GroupName, no
 * placement, no state reason) reads as absent; an instance without an id cannot be read and is
 * a {@link CloudException}.
 */
final class AwsVms implements VmService {
    private static final ResourceKind KIND = ResourceKind.VM;
    static final String IMAGE_TAG = "multicloud:image";
    static final String RESUMED_TAG = "multicloud:resumed";
    static final String LOGIN_USER_TAG = "multicloud:login-user";
    private static final Logger LOG = LoggerFactory.getLogger(AwsVms.class);

    private final AwsContext ctx;
    private final Ec2Lookups lookups;
    private final AwsImages images;
    private final AwsKeyPairs keyPairs;
    /** Login user by AMI id: an AMI's name does not change. */
    private final Map<String, String> loginUsers = new ConcurrentHashMap<>();

    AwsVms(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
        this.images = new AwsImages(ctx);
        this.keyPairs = new AwsKeyPairs(ctx);
    }

    private Ec2Client ec2() {
        return ctx.clients().ec2();
    }

    /** The names and root volumes the VM records refer to, fetched once for many instances. */
    private record Related(Map<String, String> vpcs, Map<String, String> subnets, Map<String, Volume> volumes,
                           Map<String, String> groups) {
    }

    @Override
    public List<Vm> list() {
        return toRecords(lookups.instances());
    }

    /** Through EC2's own filters: {@code tag:<key>} for a value, {@code tag-key} for any. */
    @Override
    public List<Vm> listTagged(String key, String value) {
        return toRecords(lookups.instances(value == null ? Ec2Tags.filter("tag-key", key) : Ec2Tags.filter("tag:" + key, value)));
    }

    private List<Vm> toRecords(List<Instance> instances) {
        Related related = related(instances);
        return instances.stream().map(i -> toRecord(i, related)).sorted(Comparator.comparing(Vm::name)).toList();
    }

    @Override
    public Optional<Vm> find(String nameOrId) {
        return lookups.instance(nameOrId).map(this::toRecord);
    }

    private Related related(List<Instance> instances) {
        Set<String> vpcs = new HashSet<>();
        Set<String> subnets = new HashSet<>();
        Set<String> volumes = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (Instance i : instances) {
            Optional.ofNullable(i.vpcId()).ifPresent(vpcs::add);
            Optional.ofNullable(i.subnetId()).ifPresent(subnets::add);
            rootVolumeId(i).ifPresent(volumes::add);
            groupIdentifiers(i).stream().map(GroupIdentifier::groupId).filter(java.util.Objects::nonNull).forEach(groups::add);
        }
        Map<String, Volume> byId = new HashMap<>();
        if (!volumes.isEmpty()) {
            lookups.volumes(Ec2Tags.filter("volume-id", volumes)).forEach(v -> byId.put(v.volumeId(), v));
        }
        return new Related(lookups.vpcNames(vpcs), lookups.subnetNames(subnets), byId, lookups.securityGroupNamesById(groups));
    }

    @Override
    public Vm create(VmRequest request) {
        String name = request.name();
        if (lookups.instance(name).isPresent()) {
            throw new AlreadyExistsException(context(name), "a live instance of this name exists");
        }
        var image = images.resolve(request.image()).orElseThrow(() -> new NotFoundException(
                ErrorContext.of(ctx.config().name(), ResourceKind.IMAGE, request.image()),
                "no alias, AMI name or AMI id matches"));
        var subnet = lookups.requireSubnet(request.vpc(), request.subnet(), request.zone());
        if (request.zone() != null && !request.zone().equals(subnet.availabilityZone())) {
            throw new InvalidRequestException(context(name), "zone", "subnet '" + request.subnet() + "' lies in "
                    + subnet.availabilityZone() + ", not in " + request.zone());
        }
        List<String> groups = lookups.securityGroupIds(subnet.vpcId(), request.securityGroups());
        boolean windows = AwsImages.toRecord(request.image(), image).platform() == Platform.WINDOWS;
        String publicKey = windows || request.keyPair() == null ? null : publicKey(request.keyPair());
        String userData = publicKey == null ? request.userData() : CloudInitUserData.build(publicKey, request.userData());
        Map<String, String> own = publicKey == null ? Map.of(IMAGE_TAG, request.image())
                : Map.of(IMAGE_TAG, request.image(), LOGIN_USER_TAG, CloudInitUserData.USER);
        var tags = Ec2Tags.spec(ResourceType.INSTANCE, name, request.tags(), own);
        Instance created = ctx.errors().call(KIND, name, () -> ec2().runInstances(r -> {
            r.imageId(image.imageId()).instanceType(request.spec()).minCount(1).maxCount(1).tagSpecifications(tags);
            // EC2's idempotency key: a RunInstances retried with it answers the instance the first call made.
            r.clientToken(request.clientToken());
            if (request.publicIp()) {
                r.subnetId(subnet.subnetId());
                if (!groups.isEmpty()) {
                    r.securityGroupIds(groups);
                }
            } else {
                // Only a network interface spec can refuse the public IP the subnet would map.
                r.networkInterfaces(n -> n.deviceIndex(0).subnetId(subnet.subnetId()).groups(groups)
                        .associatePublicIpAddress(false));
            }
            if (request.keyPair() != null) {
                r.keyName(request.keyPair());
            }
            if (userData != null) {
                r.userData(Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
            }
            if (request.rootDiskGB() > 0 || request.rootDiskType() != null) {
                r.blockDeviceMappings(rootDisk(image.rootDeviceName(), request.rootDiskGB(), request.rootDiskType()));
            }
        }).instances().getFirst());
        return toRecord(created);
    }

    /** The key pair's public key for the login user, or null when AWS does not give it. */
    private String publicKey(String keyPair) {
        KeyPair key = keyPairs.find(keyPair).orElseThrow(() -> new NotFoundException(
                ErrorContext.of(ctx.config().name(), ResourceKind.KEY_PAIR, keyPair), "no key pair of this name"));
        if (key.publicKey() == null || key.publicKey().isBlank()) {
            LOG.warn("key pair '{}' shows no public key: the VM keeps its image's login user", keyPair);
            return null;
        }
        return key.publicKey();
    }

    private static BlockDeviceMapping rootDisk(String device, int sizeGB, String type) {
        return BlockDeviceMapping.builder().deviceName(device).ebs(e -> {
            e.deleteOnTermination(true);
            if (sizeGB > 0) {
                e.volumeSize(sizeGB);
            }
            if (type != null) {
                e.volumeType(type);
            }
        }).build();
    }

    @Override
    public void delete(String name) {
        String id = lookups.requireInstance(name).instanceId();
        ctx.errors().run(KIND, name, () -> ec2().terminateInstances(r -> r.instanceIds(id)));
    }

    @Override
    public VmStatus suspend(String name) {
        String id = lookups.requireInstance(name).instanceId();
        ctx.errors().run(KIND, name, () -> ec2().stopInstances(r -> r.instanceIds(id)));
        return VmStatus.SUSPENDING;
    }

    @Override
    public VmStatus resume(String name) {
        String id = lookups.requireInstance(name).instanceId();
        ctx.errors().run(KIND, name, () -> ec2().createTags(r -> r.resources(id).tags(Ec2Tags.tag(RESUMED_TAG, "true"))));
        ctx.errors().run(KIND, name, () -> ec2().startInstances(r -> r.instanceIds(id)));
        return VmStatus.RESUMING;
    }

    @Override
    public VmStatus reboot(String name) {
        String id = lookups.requireInstance(name).instanceId();
        ctx.errors().run(KIND, name, () -> ec2().rebootInstances(r -> r.instanceIds(id)));
        return VmStatus.REBOOTING;
    }

    static VmStatus status(InstanceStateName state, boolean resumed) {
        if (state == null) {
            return VmStatus.UNKNOWN;
        }
        return switch (state) {
            case PENDING -> resumed ? VmStatus.RESUMING : VmStatus.CREATING;
            case RUNNING -> VmStatus.RUNNING;
            case STOPPING -> VmStatus.SUSPENDING;
            case STOPPED -> VmStatus.SUSPENDED;
            case SHUTTING_DOWN -> VmStatus.TERMINATING;
            case TERMINATED -> VmStatus.TERMINATED;
            default -> VmStatus.UNKNOWN;
        };
    }

    private Vm toRecord(Instance i) {
        return toRecord(i, related(List.of(i)));
    }

    private Vm toRecord(Instance i, Related related) {
        if (i.instanceId() == null) {
            throw new CloudException(ErrorContext.of(ctx.config().name(), KIND, null),
                    "EC2 described an instance without an instance id: it cannot be read");
        }
        String name = Ec2Lookups.name(i);
        boolean resumed = Ec2Tags.value(i.tags(), RESUMED_TAG).isPresent();
        String user = Ec2Tags.value(i.tags(), LOGIN_USER_TAG).orElseGet(() -> loginUser(i));
        String host = i.publicIpAddress() != null ? i.publicIpAddress() : i.privateIpAddress();
        SshAccess ssh = host == null ? null : new SshAccess(host, 22, user);
        Optional<Volume> root = rootVolumeId(i).map(related.volumes()::get);
        return new Vm(name, i.instanceId(), status(i.state() == null ? null : i.state().name(), resumed),
                i.stateReason() == null ? null : i.stateReason().message(), ctx.config().region(), i.placement() == null ? null : i.placement().availabilityZone(),
                i.instanceTypeAsString(), Ec2Tags.value(i.tags(), IMAGE_TAG).orElse(i.imageId()),
                related.vpcs().getOrDefault(i.vpcId(), i.vpcId()), related.subnets().getOrDefault(i.subnetId(), i.subnetId()),
                securityGroupNames(i, related.groups()), i.keyName(),
                i.publicIpAddress(), i.privateIpAddress(), ssh,
                root.map(v -> v.size() == null ? 0 : v.size()).orElse(0),
                root.map(v -> v.volumeTypeAsString()).orElse(null),
                i.launchTime(), Ec2Tags.user(i.tags()));
    }

    /**
     * The names of the instance's security groups as {@link AwsNames} names them, read from the
     * groups themselves; a group not found there shows its GroupName, else its id (some
     * EC2-compatible clouds send an entry without GroupName).
     */
    private static List<String> securityGroupNames(Instance i, Map<String, String> names) {
        return groupIdentifiers(i).stream().map(g -> g.groupId() != null && names.containsKey(g.groupId())
                        ? names.get(g.groupId()) : g.groupName() != null ? g.groupName() : g.groupId())
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    /**
     * The instance's security group entries; for one launched with a network interface spec (no
     * public IP), moto lists them only on the interface, so they are read from there when the
     * instance lists none.
     */
    private static List<GroupIdentifier> groupIdentifiers(Instance i) {
        if (!i.securityGroups().isEmpty() || !i.hasNetworkInterfaces()) {
            return i.securityGroups().stream().filter(java.util.Objects::nonNull).toList();
        }
        return i.networkInterfaces().stream().flatMap(n -> n.groups().stream()).filter(java.util.Objects::nonNull).toList();
    }

    private static Optional<String> rootVolumeId(Instance i) {
        return i.blockDeviceMappings().stream()
                .filter(m -> m.deviceName() != null && m.deviceName().equals(i.rootDeviceName()) && m.ebs() != null)
                .map(m -> m.ebs().volumeId()).findFirst();
    }

    private String loginUser(Instance i) {
        if (i.imageId() == null) {
            return "ec2-user";
        }
        return loginUsers.computeIfAbsent(i.imageId(), id -> images.byId(id)
                .map(img -> AwsImages.toRecord(id, img).loginUser())
                .orElse("windows".equalsIgnoreCase(i.platformAsString()) ? "Administrator" : "ec2-user"));
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
