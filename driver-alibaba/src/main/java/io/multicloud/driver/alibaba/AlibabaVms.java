package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.CloudException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.spi.VmService;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VMs as ECS instances (pay-as-you-go, in a VSwitch). RunInstances carries the image, type,
 * VSwitch, security groups, key pair, system disk, a public IP through internet bandwidth
 * ({@code InternetMaxBandwidthOut}, pay by traffic) and a {@code ClientToken}: the request's,
 * else a fresh one. The token is also kept in a tag, so a create tried again after a lost answer
 * adopts the instance the first try made instead of failing on the taken name.
 *
 * <p>Status: Pending → CREATING, Starting → CREATING on a new instance and RESUMING after
 * {@link #resume(String)}, Running → RUNNING, Stopping → SUSPENDING, Stopped → SUSPENDED. Suspend
 * stops in {@code StopCharging} mode (falling back to {@code KeepCharging} where Alibaba refuses
 * it); delete is DeleteInstance with {@code Force}, after which the instance is gone.
 *
 * <p>Alibaba rolls back an instance that fails to start (no stock after all, a broken image): it
 * is released, and disappears from DescribeInstances. This class remembers every instance it
 * created on this connection until it has been seen past creation; one that vanishes before that
 * is reported FAILED, with the reason, by list, find and listTagged, until it is deleted.
 */
final class AlibabaVms implements VmService {
    private static final ResourceKind KIND = ResourceKind.VM;
    static final String ROLLED_BACK = "Alibaba Cloud released the instance while creating it (the creation was rolled back)";
    private final AlibabaContext ctx;
    private final AlibabaNetworks networks;
    private final AlibabaSecurityGroups groups;
    private final AlibabaImages images;
    private final AlibabaRootDisks rootDisks;
    /** Instances created here and not yet seen past creation, by id. */
    private final Map<String, Vm> creating = new ConcurrentHashMap<>();
    /** Instances rolled back during creation, by name, until deleted. */
    private final Map<String, Vm> failed = new ConcurrentHashMap<>();
    /** Instances resumed here, whose Starting means RESUMING. */
    private final Map<String, Boolean> resumed = new ConcurrentHashMap<>();

    AlibabaVms(AlibabaContext ctx, AlibabaNetworks networks, AlibabaSecurityGroups groups, AlibabaImages images) {
        this.ctx = ctx;
        this.networks = networks;
        this.groups = groups;
        this.images = images;
        this.rootDisks = new AlibabaRootDisks(ctx);
    }

    private com.aliyun.ecs20140526.Client ecs() {
        return ctx.clients().ecs();
    }

    private record Names(Map<String, String> vpcs, Map<String, String> switches, Map<String, String> groups) {
    }

    /** Instances to the end (NextToken, 100 a page), filtered server-side as asked. */
    private List<com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance> describe(
            String name, String ids, AlibabaTags.Filter tag) {
        return AlibabaContext.allByToken(token -> {
            var req = new com.aliyun.ecs20140526.models.DescribeInstancesRequest().setRegionId(ctx.region())
                    .setMaxResults(AlibabaContext.MAX_RESULTS).setNextToken(token).setInstanceName(name).setInstanceIds(ids);
            if (tag != null) {
                req.setTag(List.of(new com.aliyun.ecs20140526.models.DescribeInstancesRequest.DescribeInstancesRequestTag()
                        .setKey(tag.key()).setValue(tag.value())));
            }
            var body = ctx.call(KIND, name, () -> ecs().describeInstances(req).getBody());
            return new AlibabaContext.Page<>(body.getInstances() == null ? List.of() : body.getInstances().getInstance(),
                    body.getNextToken());
        });
    }

    private Names names() {
        return new Names(networks.vpcNames(), networks.switchNames(), groups.names());
    }

    @Override
    public List<Vm> list() {
        return toRecords(describe(null, null, null), names(), t -> true, null);
    }

    @Override
    public List<Vm> listTagged(String key, String value) {
        AlibabaTags.Filter filter = AlibabaTags.filter(key, value);
        return toRecords(describe(null, null, filter), names(), filter.check(), filter);
    }

    private List<Vm> toRecords(List<com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance> raw,
                               Names names, java.util.function.Predicate<Map<String, String>> check, AlibabaTags.Filter tag) {
        Map<String, AlibabaRootDisks.Root> roots = rootDisks.of(raw.stream().map(i -> i.getInstanceId()).toList(), tag);
        List<Vm> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (var i : raw) {
            seen.add(i.getInstanceId());
            Vm vm = toRecord(i, names, roots);
            if (check.test(vm.tags())) {
                out.add(vm);
            }
        }
        noteVanished(List.copyOf(creating.values()), seen);
        failed.values().stream().filter(v -> check.test(v.tags())).forEach(out::add);
        out.sort(Comparator.comparing(Vm::name));
        return List.copyOf(out);
    }

    /** Marks the candidates (created here, still creating) that the cloud no longer lists as rolled back. */
    private void noteVanished(List<Vm> candidates, java.util.Set<String> listed) {
        for (Vm vm : candidates) {
            if (!listed.contains(vm.id()) && creating.remove(vm.id()) != null) {
                failed.put(vm.name(), new Vm(vm.name(), vm.id(), VmStatus.FAILED, ROLLED_BACK, vm.region(), vm.zone(), vm.spec(),
                        vm.image(), vm.vpc(), vm.subnet(), vm.securityGroups(), vm.keyPair(), null, null, null, vm.rootDiskGB(),
                        vm.rootDiskType(), vm.createdAt(), vm.tags()));
            }
        }
    }

    @Override
    public Optional<Vm> find(String nameOrId) {
        Optional<Vm> live = raw(nameOrId).map(this::toRecord);
        if (live.isPresent()) {
            return live;
        }
        // Created here, then no longer listed while creating: rolled back.
        noteVanished(creating.values().stream().filter(v -> v.name().equals(nameOrId) || v.id().equals(nameOrId)).toList(),
                java.util.Set.of());
        return Optional.ofNullable(failed.get(nameOrId))
                .or(() -> failed.values().stream().filter(v -> v.id().equals(nameOrId)).findFirst());
    }

    private Optional<com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance> raw(String nameOrId) {
        if (AlibabaNames.looksLikeId(nameOrId, "i-")) {
            var byId = describe(null, "[\"" + nameOrId + "\"]", null).stream().filter(i -> nameOrId.equals(i.getInstanceId())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe(nameOrId, null, null).stream().filter(i -> nameOrId.equals(i.getInstanceName())).findFirst();
    }

    /** Where an instance lies, for the load balancers: its id, VPC and VSwitch. */
    record Placement(String id, String vpcId, String switchId) {
    }

    /** The placement of the instance of this name (or id); NotFound when there is none. */
    Placement placement(String nameOrId) {
        var i = raw(nameOrId).orElseThrow(() -> new NotFoundException(ctx.error(KIND, nameOrId), "no instance of this name"));
        var vpc = i.getVpcAttributes();
        return new Placement(i.getInstanceId(), vpc == null ? null : vpc.getVpcId(), vpc == null ? null : vpc.getVSwitchId());
    }

    private String requireId(String name) {
        return raw(name).map(i -> i.getInstanceId())
                .orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no instance of this name"));
    }

    @Override
    public Vm create(VmRequest request) {
        String name = request.name();
        var taken = raw(name);
        if (taken.isPresent()) {
            Map<String, String> tags = cloudTags(taken.get());
            if (request.clientToken() != null && request.clientToken().equals(AlibabaTags.decodeAll(tags).get(AlibabaTags.CLIENT_TOKEN))) {
                return toRecord(taken.get()); // the first try's instance: its answer was lost
            }
            throw new AlreadyExistsException(ctx.error(KIND, name), "an instance of this name exists");
        }
        failed.remove(name);
        var image = images.resolve(request.image()).orElseThrow(() -> new NotFoundException(
                ctx.error(ResourceKind.IMAGE, request.image()), "no alias, image id or image name matches"));
        var vpc = networks.requireVpc(request.vpc());
        var vswitch = networks.requireSwitch(vpc, request.subnet());
        if (request.zone() != null && !request.zone().equals(vswitch.zone())) {
            throw new InvalidRequestException(ctx.error(KIND, name), "zone", "subnet '" + request.subnet() + "' lies in "
                    + vswitch.zone() + ", not in " + request.zone());
        }
        List<String> groupIds = new ArrayList<>();
        for (String g : request.securityGroups()) {
            groupIds.add(groups.require(g).id());
        }
        if (groupIds.isEmpty()) {
            // ECS needs a security group; a VPC has no default one, so the driver keeps one per VPC.
            groupIds.add(groups.vpcDefault(vpc.id()));
        }
        String token = AlibabaContext.token(request.clientToken());
        Map<String, String> own = new LinkedHashMap<>(request.tags());
        own.put(AlibabaTags.IMAGE, request.image());
        own.put(AlibabaTags.CLIENT_TOKEN, token);
        List<com.aliyun.ecs20140526.models.RunInstancesRequest.RunInstancesRequestTag> tags = new ArrayList<>();
        AlibabaTags.encode(own).forEach((k, v) -> tags.add(new com.aliyun.ecs20140526.models.RunInstancesRequest.RunInstancesRequestTag().setKey(k).setValue(v)));
        var run = new com.aliyun.ecs20140526.models.RunInstancesRequest().setRegionId(ctx.region()).setImageId(image.id())
                .setInstanceType(request.spec()).setVSwitchId(vswitch.id()).setSecurityGroupIds(groupIds).setInstanceName(name)
                .setHostName(name).setAmount(1).setInstanceChargeType("PostPaid").setClientToken(token).setTag(tags)
                .setKeyPairName(request.keyPair()).setZoneId(vswitch.zone());
        if (request.publicIp()) {
            run.setInternetMaxBandwidthOut(5).setInternetChargeType("PayByTraffic");
        }
        if (request.userData() != null) {
            run.setUserData(Base64.getEncoder().encodeToString(request.userData().getBytes(StandardCharsets.UTF_8)));
        }
        if (request.rootDiskGB() > 0 || request.rootDiskType() != null) {
            var disk = new com.aliyun.ecs20140526.models.RunInstancesRequest.RunInstancesRequestSystemDisk();
            if (request.rootDiskGB() > 0) {
                disk.setSize(Integer.toString(request.rootDiskGB()));
            }
            disk.setCategory(request.rootDiskType());
            run.setSystemDisk(disk);
        }
        var body = ctx.call(KIND, name, () -> ecs().runInstances(run).getBody());
        String id = body.getInstanceIdSets().getInstanceIdSet().getFirst();
        Vm made = new Vm(name, id, VmStatus.CREATING, null, ctx.region(), vswitch.zone(), request.spec(), request.image(),
                AlibabaNames.of(vpc.name(), vpc.id()), AlibabaNames.of(vswitch.name(), vswitch.id()), request.securityGroups(),
                request.keyPair(), null, null, null, request.rootDiskGB(), request.rootDiskType(), Instant.now(), request.tags());
        creating.put(id, made);
        return raw(id).map(this::toRecord).orElse(made);
    }

    private static Map<String, String> cloudTags(com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance i) {
        Map<String, String> t = new HashMap<>();
        if (i.getTags() != null && i.getTags().getTag() != null) {
            i.getTags().getTag().forEach(x -> t.put(x.getTagKey(), x.getTagValue() == null ? "" : x.getTagValue()));
        }
        return t;
    }

    @Override
    public void delete(String name) {
        if (failed.remove(name) != null) {
            return; // rolled back by the cloud: nothing is left to delete
        }
        String id = requireId(name);
        ctx.call(KIND, name, () -> ecs().deleteInstance(new com.aliyun.ecs20140526.models.DeleteInstanceRequest()
                .setInstanceId(id).setForce(true)));
        creating.remove(id);
        resumed.remove(id);
    }

    @Override
    public VmStatus suspend(String name) {
        String id = requireId(name);
        try {
            ctx.call(KIND, name, () -> ecs().stopInstance(new com.aliyun.ecs20140526.models.StopInstanceRequest()
                    .setInstanceId(id).setStoppedMode("StopCharging")));
        } catch (CloudException e) {
            String code = e.context().providerCode();
            if (code == null || !code.contains("StoppedMode")) {
                throw e;
            }
            // Not allowed for this instance (local disks, subscription): keep charging, but stop.
            ctx.call(KIND, name, () -> ecs().stopInstance(new com.aliyun.ecs20140526.models.StopInstanceRequest()
                    .setInstanceId(id).setStoppedMode("KeepCharging")));
        }
        return VmStatus.SUSPENDING;
    }

    @Override
    public VmStatus resume(String name) {
        String id = requireId(name);
        ctx.call(KIND, name, () -> ecs().startInstance(new com.aliyun.ecs20140526.models.StartInstanceRequest().setInstanceId(id)));
        resumed.put(id, true);
        return VmStatus.RESUMING;
    }

    @Override
    public VmStatus reboot(String name) {
        String id = requireId(name);
        ctx.call(KIND, name, () -> ecs().rebootInstance(new com.aliyun.ecs20140526.models.RebootInstanceRequest().setInstanceId(id)));
        return VmStatus.REBOOTING;
    }

    VmStatus status(String id, String status) {
        if (status == null) {
            return VmStatus.UNKNOWN;
        }
        return switch (status) {
            case "Pending" -> VmStatus.CREATING;
            case "Starting" -> resumed.containsKey(id) ? VmStatus.RESUMING : VmStatus.CREATING;
            case "Running" -> VmStatus.RUNNING;
            case "Stopping" -> VmStatus.SUSPENDING;
            case "Stopped" -> VmStatus.SUSPENDED;
            default -> VmStatus.UNKNOWN;
        };
    }

    /** One instance's record, its names and system disk looked up for it alone. */
    private Vm toRecord(com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance i) {
        return toRecord(i, null, rootDisks.of(List.of(i.getInstanceId()), null));
    }

    private Vm toRecord(com.aliyun.ecs20140526.models.DescribeInstancesResponseBody.DescribeInstancesResponseBodyInstancesInstance i, Names names,
                        Map<String, AlibabaRootDisks.Root> roots) {
        Map<String, String> all = AlibabaTags.decodeAll(cloudTags(i));
        VmStatus status = status(i.getInstanceId(), i.getStatus());
        if (status != VmStatus.CREATING) {
            creating.remove(i.getInstanceId());
        }
        if (status == VmStatus.RUNNING) {
            resumed.remove(i.getInstanceId());
        }
        String vpcId = i.getVpcAttributes() == null ? null : i.getVpcAttributes().getVpcId();
        String switchId = i.getVpcAttributes() == null ? null : i.getVpcAttributes().getVSwitchId();
        String privateIp = i.getVpcAttributes() == null || i.getVpcAttributes().getPrivateIpAddress() == null
                || i.getVpcAttributes().getPrivateIpAddress().getIpAddress() == null
                || i.getVpcAttributes().getPrivateIpAddress().getIpAddress().isEmpty() ? null
                : i.getVpcAttributes().getPrivateIpAddress().getIpAddress().getFirst();
        String publicIp = i.getEipAddress() != null && i.getEipAddress().getIpAddress() != null && !i.getEipAddress().getIpAddress().isEmpty()
                ? i.getEipAddress().getIpAddress()
                : i.getPublicIpAddress() == null || i.getPublicIpAddress().getIpAddress() == null
                || i.getPublicIpAddress().getIpAddress().isEmpty() ? null : i.getPublicIpAddress().getIpAddress().getFirst();
        List<String> groupIds = i.getSecurityGroupIds() == null || i.getSecurityGroupIds().getSecurityGroupId() == null ? List.of()
                : i.getSecurityGroupIds().getSecurityGroupId();
        Names n = names != null ? names : new Names(
                vpcId == null ? Map.of() : nameMap(vpcId, () -> networks.rawVpcs(null, vpcId).stream().findFirst()
                        .map(v -> AlibabaNames.of(v.name(), v.id())).orElse(vpcId)),
                switchId == null ? Map.of() : nameMap(switchId, () -> networks.rawSwitches(null, switchId).stream().findFirst()
                        .map(s -> AlibabaNames.of(s.name(), s.id())).orElse(switchId)),
                groups.names());
        boolean windows = "windows".equalsIgnoreCase(i.getOSType());
        String host = publicIp != null ? publicIp : privateIp;
        SshAccess ssh = host == null ? null : new SshAccess(host, windows ? 3389 : 22, windows ? "Administrator" : "root");
        AlibabaRootDisks.Root root = roots.get(i.getInstanceId());
        return new Vm(AlibabaNames.of(i.getInstanceName(), i.getInstanceId()), i.getInstanceId(), status, null, ctx.region(),
                i.getZoneId(), i.getInstanceType(), all.getOrDefault(AlibabaTags.IMAGE, i.getImageId()),
                n.vpcs().getOrDefault(vpcId, vpcId), n.switches().getOrDefault(switchId, switchId),
                groupIds.stream().map(g -> n.groups().getOrDefault(g, g)).toList(), i.getKeyPairName(), publicIp, privateIp, ssh,
                root == null ? 0 : root.sizeGB(), root == null ? null : root.category(), instant(i.getCreationTime()),
                AlibabaTags.decode(cloudTags(i)));
    }

    /** User names of instances by id (one DescribeInstances per 100 ids). */
    Map<String, String> namesOf(java.util.Collection<String> ids) {
        Map<String, String> out = new HashMap<>();
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(ids));
        for (int from = 0; from < all.size(); from += 100) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
            String json = "[" + String.join(",", chunk.stream().map(x -> "\"" + x + "\"").toList()) + "]";
            describe(null, json, null).forEach(i -> out.put(i.getInstanceId(), AlibabaNames.of(i.getInstanceName(), i.getInstanceId())));
        }
        return out;
    }

    private static Map<String, String> nameMap(String id, java.util.function.Supplier<String> name) {
        return Map.of(id, name.get());
    }

    private static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            // Alibaba writes 2017-12-10T04:04Z (no seconds).
            return Instant.parse(text.length() == 17 ? text.replace("Z", ":00Z") : text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
