package io.multicloud.driver.aws;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmGroup;
import io.multicloud.spi.NlbService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Network load balancers on ELBv2. One NLB is a load balancer named as the user named it, on
 * one subnet per availability zone of its VPC, with one listener forwarding to one target
 * group of EC2 instances (the VMs, found by their {@code Name} tag).
 */
final class AwsLoadBalancers implements NlbService {
    private static final Logger LOG = LoggerFactory.getLogger(AwsLoadBalancers.class);
    private static final ResourceKind KIND = ResourceKind.NLB;
    /** ELBv2 limits load balancer and target group names to 32 characters. */
    static final int MAX_NAME = 32;
    private static final String TG_SUFFIX = "-tg";

    private final AwsContext ctx;
    private final Ec2Lookups lookups;

    AwsLoadBalancers(AwsContext ctx) {
        this.ctx = ctx;
        this.lookups = new Ec2Lookups(ctx);
    }

    private ElasticLoadBalancingV2Client elb() {
        return ctx.clients().elb();
    }

    @Override
    public List<Nlb> list() {
        List<LoadBalancer> all = ctx.errors().call(KIND, null, () -> elb().describeLoadBalancersPaginator(r -> { })
                .loadBalancers().stream().filter(lb -> lb.type() == LoadBalancerTypeEnum.NETWORK).toList());
        return all.stream().map(this::toRecord).toList();
    }

    @Override
    public Optional<Nlb> find(String name) {
        return loadBalancer(name).map(this::toRecord);
    }

    @Override
    public Nlb create(NlbRequest request) {
        request.requireComplete();
        String name = request.name();
        if (name.length() > MAX_NAME) {
            throw new InvalidRequestException(context(name), "nlb name",
                    "AWS limits load balancer names to " + MAX_NAME + " characters; '" + name + "' has " + name.length());
        }
        if (loadBalancer(name).isPresent()) {
            // CreateLoadBalancer with a taken name and the same settings succeeds, so check first.
            throw new AlreadyExistsException(context(name), "a load balancer of this name exists");
        }
        String vpcId = lookups.vpcId(request.vpc());
        Map<String, Instance> vms = instancesIn(vpcId, name, request.vmGroup().vms());
        List<Tag> tags = tags(name, request.tags());
        LoadBalancer lb = ctx.errors().call(KIND, name, () -> elb().createLoadBalancer(r -> r.name(name)
                .type(LoadBalancerTypeEnum.NETWORK).subnets(oneSubnetPerZone(vpcId)).tags(tags)).loadBalancers().get(0));
        try {
            TargetGroup group = createTargetGroup(name, vpcId, request.vmGroup(), request.effectiveHealthChecker(), tags);
            Listener listener = request.listener();
            ctx.errors().run(KIND, name, () -> elb().createListener(r -> r.loadBalancerArn(lb.loadBalancerArn())
                    .protocol(protocol(listener.protocol())).port(listener.port())
                    .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(group.targetGroupArn()))));
            register(name, group.targetGroupArn(), vms.values());
        } catch (RuntimeException e) {
            // Leave nothing behind that the user cannot see through this library.
            LOG.warn("creating NLB '{}' failed; removing what was created", name);
            try {
                deleteParts(name, lb);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        return toRecord(require(name));
    }

    @Override
    public void delete(String name) {
        deleteParts(name, require(name));
    }

    @Override
    public Nlb addVms(String nlb, List<String> vms) {
        LoadBalancer lb = require(nlb);
        TargetGroup group = targetGroup(lb).orElseThrow(() -> broken(nlb));
        register(nlb, group.targetGroupArn(), instancesIn(lb.vpcId(), nlb, vms).values());
        return toRecord(lb);
    }

    @Override
    public Nlb removeVms(String nlb, List<String> vms) {
        LoadBalancer lb = require(nlb);
        TargetGroup group = targetGroup(lb).orElseThrow(() -> broken(nlb));
        Map<String, String> registered = targetNames(group);
        List<TargetDescription> targets = new ArrayList<>();
        for (String vm : vms) {
            String id = registered.entrySet().stream().filter(e -> e.getValue().equals(vm)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new NotFoundException(
                            ErrorContext.of(ctx.config().name(), ResourceKind.VM, vm), "is not behind NLB '" + nlb + "'"));
            targets.add(TargetDescription.builder().id(id).build());
        }
        ctx.errors().run(KIND, nlb, () -> elb().deregisterTargets(r -> r.targetGroupArn(group.targetGroupArn()).targets(targets)));
        return toRecord(lb);
    }

    @Override
    public NlbHealth health(String nlb) {
        LoadBalancer lb = require(nlb);
        TargetGroup group = targetGroup(lb).orElseThrow(() -> broken(nlb));
        var descriptions = ctx.errors().call(KIND, nlb, () -> elb().describeTargetHealth(r -> r.targetGroupArn(
                group.targetGroupArn())).targetHealthDescriptions());
        Map<String, String> names = lookups.instanceNames(descriptions.stream().map(d -> d.target().id()).toList());
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (var d : descriptions) {
            boolean up = d.targetHealth() != null && d.targetHealth().state() == TargetHealthStateEnum.HEALTHY;
            (up ? healthy : unhealthy).add(names.get(d.target().id()));
        }
        return new NlbHealth(healthy, unhealthy);
    }

    // ---- tags, for AwsTags ----

    /** The user's tags of an NLB (the library's own tags left out). */
    Map<String, String> tagsOf(String name) {
        LoadBalancer lb = require(name);
        return userTags(rawTags(name, lb.loadBalancerArn()));
    }

    /** Adds or replaces tags on an NLB. */
    void tag(String name, Map<String, String> tags) {
        LoadBalancer lb = require(name);
        List<Tag> list = tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        ctx.errors().run(KIND, name, () -> elb().addTags(r -> r.resourceArns(lb.loadBalancerArn()).tags(list)));
    }

    /** Removes tags from an NLB. */
    void untag(String name, Set<String> keys) {
        LoadBalancer lb = require(name);
        ctx.errors().run(KIND, name, () -> elb().removeTags(r -> r.resourceArns(lb.loadBalancerArn()).tagKeys(keys)));
    }

    // ---- parts ----

    private TargetGroup createTargetGroup(String name, String vpcId, VmGroup vms, HealthChecker checker, List<Tag> tags) {
        return ctx.errors().call(KIND, name, () -> elb().createTargetGroup(r -> r.name(targetGroupName(name))
                .targetType(TargetTypeEnum.INSTANCE).protocol(protocol(vms.protocol())).port(vms.port()).vpcId(vpcId)
                // NLB health checks speak TCP, HTTP or HTTPS: a UDP group is checked over TCP.
                .healthCheckProtocol(ProtocolEnum.TCP).healthCheckPort(Integer.toString(checker.port()))
                .healthCheckIntervalSeconds(clamp((int) checker.interval().toSeconds(), 5, 300))
                .healthCheckTimeoutSeconds(clamp((int) checker.timeout().toSeconds(), 2, 120))
                // AWS counts at least 2 results before changing a target's health.
                .healthyThresholdCount(clamp(checker.threshold(), 2, 10))
                .unhealthyThresholdCount(clamp(checker.threshold(), 2, 10))
                .tags(tags)).targetGroups().get(0));
    }

    private void deleteParts(String name, LoadBalancer lb) {
        List<TargetGroup> groups = targetGroups(lb);
        ctx.errors().call(KIND, name, () -> elb().describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners())
                .forEach(l -> ctx.errors().run(KIND, name, () -> elb().deleteListener(r -> r.listenerArn(l.listenerArn()))));
        ctx.errors().run(KIND, name, () -> elb().deleteLoadBalancer(r -> r.loadBalancerArn(lb.loadBalancerArn())));
        // A target group cannot go while a load balancer still uses it: the SDK's waiter knows when it is gone.
        ctx.errors().run(KIND, name, () -> elb().waiter().waitUntilLoadBalancersDeleted(r -> r.loadBalancerArns(lb.loadBalancerArn())));
        groups.forEach(g -> ctx.errors().run(KIND, name, () -> elb().deleteTargetGroup(r -> r.targetGroupArn(g.targetGroupArn()))));
    }

    private void register(String nlb, String groupArn, java.util.Collection<Instance> instances) {
        if (instances.isEmpty()) {
            return;
        }
        List<TargetDescription> targets = instances.stream().map(i -> TargetDescription.builder().id(i.instanceId()).build()).toList();
        ctx.errors().run(KIND, nlb, () -> elb().registerTargets(r -> r.targetGroupArn(groupArn).targets(targets)));
    }

    /** The instances of these VMs, each of which must be in the NLB's VPC. */
    private Map<String, Instance> instancesIn(String vpcId, String nlb, List<String> vms) {
        Map<String, Instance> instances = lookups.instancesByName(vms);
        instances.forEach((vm, i) -> {
            if (!vpcId.equals(i.vpcId())) {
                throw new ConflictException(context(nlb).provider("InvalidTarget", null),
                        "VM '" + vm + "' is in another VPC than the NLB's");
            }
        });
        return instances;
    }

    /** ELBv2 takes at most one subnet per availability zone. */
    private List<String> oneSubnetPerZone(String vpcId) {
        Map<String, String> byZone = new LinkedHashMap<>();
        lookups.subnets(vpcId).stream()
                .sorted(java.util.Comparator.comparing(Subnet::subnetId))
                .forEach(s -> byZone.putIfAbsent(s.availabilityZone(), s.subnetId()));
        if (byZone.isEmpty()) {
            throw new ConflictException(context(null), "the VPC has no subnet to place a load balancer on");
        }
        return List.copyOf(byZone.values());
    }

    private Nlb toRecord(LoadBalancer lb) {
        String name = lb.loadBalancerName();
        Optional<TargetGroup> group = targetGroup(lb);
        var listener = ctx.errors().call(KIND, name, () -> elb().describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .listeners()).stream().findFirst();
        Protocol listenerProtocol = listener.map(l -> protocol(l.protocol())).orElse(Protocol.TCP);
        int listenerPort = listener.map(l -> l.port()).orElse(group.map(TargetGroup::port).orElse(1));
        VmGroup vmGroup = group.map(g -> new VmGroup(protocol(g.protocol()), g.port(), List.copyOf(targetNames(g).values())))
                .orElse(new VmGroup(listenerProtocol, listenerPort, List.of()));
        HealthChecker checker = group.map(g -> new HealthChecker(Protocol.TCP,
                        parsePort(g.healthCheckPort(), g.port()),
                        java.time.Duration.ofSeconds(nullTo(g.healthCheckIntervalSeconds(), 30)),
                        java.time.Duration.ofSeconds(nullTo(g.healthCheckTimeoutSeconds(), 10)),
                        nullTo(g.healthyThresholdCount(), 3)))
                .orElse(HealthChecker.of(Protocol.TCP, vmGroup.port()));
        return new Nlb(name, lb.loadBalancerArn(), lookups.vpcName(lb.vpcId()),
                new Listener(listenerProtocol, listenerPort, lb.dnsName()), vmGroup, checker,
                userTags(rawTags(name, lb.loadBalancerArn())));
    }

    /** Registered targets: instance id → VM name. */
    private Map<String, String> targetNames(TargetGroup group) {
        List<String> ids = ctx.errors().call(KIND, null, () -> elb().describeTargetHealth(r -> r.targetGroupArn(
                group.targetGroupArn())).targetHealthDescriptions()).stream().map(d -> d.target().id()).toList();
        return lookups.instanceNames(ids);
    }

    private Optional<LoadBalancer> loadBalancer(String name) {
        if (name.length() > MAX_NAME) {
            return Optional.empty();
        }
        try {
            return ctx.clients().elb().describeLoadBalancers(r -> r.names(name)).loadBalancers().stream()
                    .filter(lb -> lb.type() == LoadBalancerTypeEnum.NETWORK).findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw ctx.errors().map(e, KIND, name);
        }
    }

    private LoadBalancer require(String name) {
        return loadBalancer(name).orElseThrow(() -> new NotFoundException(context(name), "no network load balancer of this name"));
    }

    private List<TargetGroup> targetGroups(LoadBalancer lb) {
        return ctx.errors().call(KIND, lb.loadBalancerName(), () -> elb().describeTargetGroups(r -> r.loadBalancerArn(
                lb.loadBalancerArn())).targetGroups());
    }

    private Optional<TargetGroup> targetGroup(LoadBalancer lb) {
        return targetGroups(lb).stream().findFirst();
    }

    private List<Tag> rawTags(String name, String arn) {
        return ctx.errors().call(KIND, name, () -> elb().describeTags(r -> r.resourceArns(arn)).tagDescriptions())
                .stream().flatMap(d -> d.tags().stream()).toList();
    }

    private static Map<String, String> userTags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        tags.stream().filter(t -> !AwsTagNames.isOwn(t.key())).forEach(t -> out.put(t.key(), t.value()));
        return out;
    }

    private static List<Tag> tags(String name, Map<String, String> user) {
        List<Tag> tags = new ArrayList<>();
        tags.add(Tag.builder().key(AwsTagNames.NAME).value(name).build());
        tags.add(Tag.builder().key(AwsTagNames.MANAGED).value(AwsTagNames.MANAGED_VALUE).build());
        Set<String> own = new HashSet<>(List.of(AwsTagNames.NAME, AwsTagNames.MANAGED));
        user.forEach((k, v) -> {
            if (!own.contains(k)) {
                tags.add(Tag.builder().key(k).value(v).build());
            }
        });
        return tags;
    }

    /**
     * The target group's name: the NLB's with {@code -tg}, or, when that would pass 32
     * characters, a cut of it with a checksum of the whole name so that two long names stay apart.
     */
    static String targetGroupName(String nlb) {
        if (nlb.length() + TG_SUFFIX.length() <= MAX_NAME) {
            return nlb + TG_SUFFIX;
        }
        CRC32 crc = new CRC32();
        crc.update(nlb.getBytes(StandardCharsets.UTF_8));
        String hash = String.format("%08x", crc.getValue()).substring(0, 6);
        String head = nlb.substring(0, MAX_NAME - TG_SUFFIX.length() - hash.length() - 1);
        if (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1) + "x";
        }
        return head + "-" + hash + TG_SUFFIX;
    }

    private static ProtocolEnum protocol(Protocol protocol) {
        return protocol == Protocol.UDP ? ProtocolEnum.UDP : ProtocolEnum.TCP;
    }

    private static Protocol protocol(ProtocolEnum protocol) {
        return protocol == ProtocolEnum.UDP ? Protocol.UDP : Protocol.TCP;
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    private static int nullTo(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static int parsePort(String port, Integer fallback) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException | NullPointerException e) {
            // "traffic-port" means the targets' own port.
            return fallback == null ? 1 : fallback;
        }
    }

    private ConflictException broken(String nlb) {
        return new ConflictException(context(nlb), "the load balancer has no target group (not created by this library?)");
    }

    private ErrorContext context(String name) {
        return ErrorContext.of(ctx.config().name(), KIND, name);
    }
}
