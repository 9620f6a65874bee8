package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.CloudException;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.VmGroup;
import io.multicloud.spi.NlbService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Network load balancers as classic SLB instances (the {@code slb20140515} API: the metadata in
 * the specs and the SDK on the class path serve SLB, not the newer NLB product), pay-as-you-go of
 * spec {@value #DEFAULT_SPEC}, made with one TCP or UDP listener (started after creation) whose health
 * check is the request's, and the VMs as the instance's default backend servers on the listener's
 * backend port.
 *
 * <p>The address is public by default ({@code AddressType=internet}, paid by traffic), as the
 * other drivers' load balancers are; such an instance belongs to no VPC in SLB's eyes, so the VPC
 * is kept in the driver's tag {@link AlibabaTags#NLB_VPC}. With the connection property
 * {@value #ADDRESS_TYPE}{@code =intranet} the instance lies in the VPC (on the VSwitch of its first
 * VM, else the VPC's first), with a private address.
 *
 * <p>CreateLoadBalancer carries a {@code ClientToken}; an answer lost on the way (a transient
 * error) is tried again with the same token, up to {@value #CREATE_TRIES} times, and Alibaba
 * answers with the instance the first try made instead of making a second. A failure after the
 * instance was made deletes it again. Health is DescribeHealthStatus's per VM ({@code normal}
 * healthy; {@code abnormal} and {@code unavailable}, not yet checked, unhealthy).
 *
 * <p>Instances made elsewhere read as the account holds them ({@link AlibabaSlbView}): the
 * listener on the lowest port, of any protocol (HTTP and HTTPS read as TCP); the servers of the
 * VServer group it forwards to, else the default servers; the EIP bound to an intranet instance
 * as its address. Adding and removing VMs changes the VServer group when the listener forwards to
 * one (on the group's port), else the default servers.
 *
 * <p>Calls: {@code list()} of N instances costs ceil(N/100) DescribeLoadBalancers, ceil(L/100)
 * DescribeLoadBalancerListeners for all L listeners, one DescribeLoadBalancerAttribute or
 * DescribeVServerGroupAttribute per instance (SLB reports servers nowhere else, and each answers
 * all of them at once), ceil(E/100) DescribeEipAddresses for the E EIPs bound to load balancers
 * (only when an intranet instance is listed), plus one DescribeInstances per 100 servers and one
 * DescribeVpcs for the names.
 */
final class AlibabaLoadBalancers implements NlbService {
    /** Property: {@code internet} (default) or {@code intranet}. */
    static final String ADDRESS_TYPE = "nlb_address_type";
    /** Property: the SLB spec (default {@value #DEFAULT_SPEC}); SLB sells no shared instances any more. */
    static final String SPEC = "slb_spec";
    static final String DEFAULT_SPEC = "slb.s1.small";
    private static final Logger LOG = LoggerFactory.getLogger(AlibabaLoadBalancers.class);
    private static final ResourceKind KIND = ResourceKind.NLB;
    private static final int CREATE_TRIES = 3;
    private static final int PAGE = 100;
    /** AddBackendServers and RemoveBackendServers take at most 20 servers. */
    private static final int SERVERS = 20;

    private final AlibabaContext ctx;
    private final AlibabaNetworks networks;
    private final AlibabaVms vms;
    private final AlibabaTagApi tags;
    private final AlibabaSlbView view;

    AlibabaLoadBalancers(AlibabaContext ctx, AlibabaNetworks networks, AlibabaVms vms) {
        this.ctx = ctx;
        this.networks = networks;
        this.vms = vms;
        this.tags = new AlibabaTagApi(ctx);
        this.view = new AlibabaSlbView(ctx);
    }

    private com.aliyun.slb20140515.Client slb() {
        return ctx.clients().slb();
    }

    /** An instance as DescribeLoadBalancers reports it. */
    record RawLb(String id, String name, String address, String addressType, String vpcId, Map<String, String> cloudTags) {
    }

    /** Instances to the end, filtered by native name or id when given. */
    List<RawLb> rawLbs(String name, String id) {
        return AlibabaContext.allByNumber(page -> {
            var req = new com.aliyun.slb20140515.models.DescribeLoadBalancersRequest().setRegionId(ctx.region())
                    .setPageNumber(page).setPageSize(PAGE).setLoadBalancerName(name).setLoadBalancerId(id);
            var body = ctx.call(KIND, name, () -> slb().describeLoadBalancers(req).getBody());
            List<RawLb> items = body.getLoadBalancers() == null || body.getLoadBalancers().getLoadBalancer() == null ? List.of()
                    : body.getLoadBalancers().getLoadBalancer().stream().map(lb -> {
                Map<String, String> t = new HashMap<>();
                if (lb.getTags() != null && lb.getTags().getTag() != null) {
                    lb.getTags().getTag().forEach(x -> t.put(x.getTagKey(), x.getTagValue() == null ? "" : x.getTagValue()));
                }
                return new RawLb(lb.getLoadBalancerId(), lb.getLoadBalancerName(), lb.getAddress(), lb.getAddressType(), lb.getVpcId(), t);
            }).toList();
            return new AlibabaContext.Numbered<>(items, body.getTotalCount() == null ? 0 : body.getTotalCount());
        });
    }

    private Optional<RawLb> raw(String nameOrId) {
        if (AlibabaNames.looksLikeId(nameOrId, "lb-")) {
            Optional<RawLb> byId = rawLbs(null, nameOrId).stream().filter(lb -> nameOrId.equals(lb.id())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return rawLbs(nameOrId, null).stream().filter(lb -> nameOrId.equals(lb.name())).findFirst();
    }

    private RawLb require(String name) {
        return raw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no load balancer of this name"));
    }

    @Override
    public List<Nlb> list() {
        List<RawLb> lbs = rawLbs(null, null);
        if (lbs.isEmpty()) {
            return List.of();
        }
        Map<String, List<AlibabaSlbView.RawListener>> byLb = view.listeners(null).stream()
                .collect(Collectors.groupingBy(AlibabaSlbView.RawListener::lbId));
        Map<String, String> eips = lbs.stream().anyMatch(AlibabaLoadBalancers::intranet) ? view.eips(null) : Map.of();
        return toRecords(lbs, byLb, eips);
    }

    private static boolean intranet(RawLb lb) {
        return "intranet".equalsIgnoreCase(lb.addressType());
    }

    @Override
    public Optional<Nlb> find(String nameOrId) {
        return raw(nameOrId).map(lb -> toRecords(List.of(lb),
                view.listeners(List.of(lb.id())).stream().collect(Collectors.groupingBy(AlibabaSlbView.RawListener::lbId)),
                intranet(lb) ? view.eips(lb.id()) : Map.of()).getFirst());
    }

    /** The listener an NLB shows: the one on the lowest port (SLB keeps one per port, of any protocol). */
    private static AlibabaSlbView.RawListener front(List<AlibabaSlbView.RawListener> listeners) {
        return listeners.stream().min(Comparator.comparingInt(AlibabaSlbView.RawListener::port)).orElse(null);
    }

    private List<Nlb> toRecords(List<RawLb> lbs, Map<String, List<AlibabaSlbView.RawListener>> listeners, Map<String, String> eips) {
        Map<String, List<AlibabaSlbView.Server>> servers = new LinkedHashMap<>();
        Set<String> allIds = new LinkedHashSet<>();
        for (RawLb lb : lbs) {
            var l = front(listeners.getOrDefault(lb.id(), List.of()));
            List<AlibabaSlbView.Server> behind = view.servers(lb.id(), AlibabaNames.of(lb.name(), lb.id()), l);
            servers.put(lb.id(), behind);
            behind.forEach(b -> allIds.add(b.instanceId()));
        }
        Map<String, String> vmNames = allIds.isEmpty() ? Map.of() : vms.namesOf(allIds);
        Map<String, String> vpcNames = networks.vpcNames();
        return lbs.stream().map(lb -> {
            var l = front(listeners.getOrDefault(lb.id(), List.of()));
            List<AlibabaSlbView.Server> behind = servers.get(lb.id());
            List<String> members = behind.stream().map(b -> vmNames.getOrDefault(b.instanceId(), b.instanceId())).distinct().sorted().toList();
            String vpcId = lb.vpcId() != null && !lb.vpcId().isEmpty() ? lb.vpcId() : lb.cloudTags().get(AlibabaTags.NLB_VPC);
            String vpc = vpcId == null ? null : vpcNames.getOrDefault(vpcId, vpcId);
            // An intranet instance reached from the internet through an EIP shows the EIP.
            Listener listener = l == null ? null : new Listener(l.protocol(), l.port(), eips.getOrDefault(lb.id(), lb.address()));
            int port = l == null ? 0 : backendPort(l, behind);
            VmGroup group = l == null ? null : new VmGroup(l.protocol(), port, members);
            return new Nlb(AlibabaNames.of(lb.name(), lb.id()), lb.id(), vpc, listener, group, l == null ? null : l.checker(port),
                    AlibabaTags.decode(lb.cloudTags()));
        }).sorted(Comparator.comparing(Nlb::name)).toList();
    }

    /** The VMs' port: the listener's backend port, else (a VServer group) its servers' port, the first's where they differ. */
    private static int backendPort(AlibabaSlbView.RawListener l, List<AlibabaSlbView.Server> behind) {
        if (l.backendPort() > 0) {
            return l.backendPort();
        }
        return behind.stream().mapToInt(AlibabaSlbView.Server::port).filter(p -> p > 0).findFirst().orElse(l.port());
    }

    @Override
    public Nlb create(NlbRequest request) {
        String name = request.name();
        Listener front = request.listener();
        HealthChecker checker = request.healthChecker() != null ? request.healthChecker()
                : HealthChecker.of(front.protocol(), request.vmGroup().port());
        if (checker.protocol() != front.protocol()) {
            throw new InvalidRequestException(ctx.error(KIND, name), "health checker", "an SLB " + front.protocol()
                    + " listener checks its VMs over " + front.protocol() + ", not " + checker.protocol());
        }
        if (request.vmGroup().protocol() != front.protocol()) {
            throw new InvalidRequestException(ctx.error(KIND, name), "vm group", "an SLB listener sends to its VMs in its own protocol ("
                    + front.protocol() + "), not " + request.vmGroup().protocol());
        }
        boolean intranet = ctx.config().property(ADDRESS_TYPE).map(t -> t.equalsIgnoreCase("intranet")).orElse(false);
        Map<String, String> cloudTags = new LinkedHashMap<>(AlibabaTags.encode(request.tags(), AlibabaTags.SLB));
        if (raw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a load balancer of this name exists");
        }
        AlibabaNetworks.RawVpc vpc = networks.requireVpc(request.vpc());
        if (!intranet) {
            cloudTags.put(AlibabaTags.NLB_VPC, vpc.id());
            if (cloudTags.size() > AlibabaTags.MAX_TAGS) {
                throw new InvalidRequestException(ctx.error(KIND, name), "tags", "Alibaba Cloud keeps at most " + AlibabaTags.MAX_TAGS
                        + " tags on a load balancer and an internet one takes one for its VPC; these take " + cloudTags.size());
            }
        }
        List<AlibabaVms.Placement> members = placements(name, vpc, request.vmGroup().vms());
        var create = new com.aliyun.slb20140515.models.CreateLoadBalancerRequest().setRegionId(ctx.region())
                .setLoadBalancerName(name).setLoadBalancerSpec(ctx.config().property(SPEC).orElse(DEFAULT_SPEC))
                .setPayType("PayOnDemand").setClientToken(UUID.randomUUID().toString());
        if (intranet) {
            String vswitch = members.isEmpty() ? firstSwitch(name, vpc) : members.getFirst().switchId();
            create.setAddressType("intranet").setVpcId(vpc.id()).setVSwitchId(vswitch);
        } else {
            create.setAddressType("internet").setInternetChargeType("paybytraffic");
        }
        String id = createOnce(name, create);
        try {
            tags.tag(KIND, name, id, cloudTags);
            createListener(name, id, front, request.vmGroup().port(), checker);
            ctx.call(KIND, name, () -> slb().startLoadBalancerListener(new com.aliyun.slb20140515.models.StartLoadBalancerListenerRequest()
                    .setRegionId(ctx.region()).setLoadBalancerId(id).setListenerPort(front.port())
                    .setListenerProtocol(front.protocol().name().toLowerCase(Locale.ROOT))));
            change(name, id, members.stream().map(AlibabaVms.Placement::id).toList(), true);
        } catch (CloudException e) {
            deleteAfterFailure(name, id, e);
            throw e;
        }
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new load balancer is not listed"));
    }

    /** CreateLoadBalancer, tried again with the same client token after a transient failure. */
    private String createOnce(String name, com.aliyun.slb20140515.models.CreateLoadBalancerRequest create) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ctx.call(KIND, name, () -> slb().createLoadBalancer(create).getBody().getLoadBalancerId());
            } catch (TransientCloudException e) {
                if (attempt >= CREATE_TRIES) {
                    throw e;
                }
                LOG.debug("CreateLoadBalancer of '{}' failed ({}); trying again with the same client token", name, e.getMessage());
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(100L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteAfterFailure(String name, String id, CloudException cause) {
        try {
            delete(id, name);
        } catch (CloudException e) {
            cause.addSuppressed(e);
            LOG.warn("could not delete the half-made load balancer '{}' ({}): {}", name, id, e.getMessage());
        }
    }

    private String firstSwitch(String name, AlibabaNetworks.RawVpc vpc) {
        List<AlibabaNetworks.RawSwitch> switches = networks.rawSwitches(vpc.id(), null);
        return switches.stream().filter(s -> s.zone().equals(ctx.defaultZone())).findFirst().or(() -> switches.stream().findFirst())
                .map(AlibabaNetworks.RawSwitch::id)
                .orElseThrow(() -> new InvalidRequestException(ctx.error(KIND, name), "vpc", "an intranet load balancer needs a subnet in VPC '"
                        + AlibabaNames.of(vpc.name(), vpc.id()) + "'"));
    }

    /** The VMs' placements, each checked to lie in the VPC. */
    private List<AlibabaVms.Placement> placements(String name, AlibabaNetworks.RawVpc vpc, List<String> names) {
        List<AlibabaVms.Placement> out = new ArrayList<>();
        for (String vm : names) {
            AlibabaVms.Placement p = vms.placement(vm);
            if (!vpc.id().equals(p.vpcId())) {
                throw new InvalidRequestException(ctx.error(KIND, name), "vm", "VM '" + vm + "' does not lie in VPC '"
                        + AlibabaNames.of(vpc.name(), vpc.id()) + "'");
            }
            out.add(p);
        }
        return out;
    }

    private void createListener(String name, String id, Listener front, int backendPort, HealthChecker c) {
        int healthy = Math.max(2, Math.min(10, c.threshold()));
        int timeout = (int) Math.max(1, Math.min(300, c.timeout().toSeconds()));
        int interval = (int) Math.max(1, Math.min(50, c.interval().toSeconds()));
        if (front.protocol() == Protocol.UDP) {
            ctx.call(KIND, name, () -> slb().createLoadBalancerUDPListener(new com.aliyun.slb20140515.models.CreateLoadBalancerUDPListenerRequest()
                    .setRegionId(ctx.region()).setLoadBalancerId(id).setListenerPort(front.port()).setBackendServerPort(backendPort)
                    .setBandwidth(-1).setHealthCheckConnectPort(c.port()).setHealthyThreshold(healthy).setUnhealthyThreshold(healthy)
                    .setHealthCheckConnectTimeout(timeout).setHealthCheckInterval(interval).setDescription(name)));
        } else {
            ctx.call(KIND, name, () -> slb().createLoadBalancerTCPListener(new com.aliyun.slb20140515.models.CreateLoadBalancerTCPListenerRequest()
                    .setRegionId(ctx.region()).setLoadBalancerId(id).setListenerPort(front.port()).setBackendServerPort(backendPort)
                    .setBandwidth(-1).setHealthCheckType("tcp").setHealthCheckConnectPort(c.port()).setHealthyThreshold(healthy)
                    .setUnhealthyThreshold(healthy).setHealthCheckConnectTimeout(timeout).setHealthCheckInterval(interval)
                    .setDescription(name)));
        }
    }

    /** AddBackendServers or RemoveBackendServers, 20 servers a call. */
    private void change(String name, String lbId, List<String> instanceIds, boolean add) {
        for (int from = 0; from < instanceIds.size(); from += SERVERS) {
            List<String> chunk = instanceIds.subList(from, Math.min(instanceIds.size(), from + SERVERS));
            String servers = chunk.stream().map(i -> "{\"ServerId\":\"" + i + "\",\"Weight\":\"100\",\"Type\":\"ecs\"}")
                    .collect(Collectors.joining(",", "[", "]"));
            if (add) {
                ctx.call(KIND, name, () -> slb().addBackendServers(new com.aliyun.slb20140515.models.AddBackendServersRequest()
                        .setRegionId(ctx.region()).setLoadBalancerId(lbId).setBackendServers(servers)));
            } else {
                ctx.call(KIND, name, () -> slb().removeBackendServers(new com.aliyun.slb20140515.models.RemoveBackendServersRequest()
                        .setRegionId(ctx.region()).setLoadBalancerId(lbId).setBackendServers(servers)));
            }
        }
    }

    /** AddVServerGroupBackendServers or RemoveVServerGroupBackendServers, 20 servers a call. */
    private void changeGroup(String name, String groupId, List<AlibabaSlbView.Server> servers, boolean add) {
        for (int from = 0; from < servers.size(); from += SERVERS) {
            String json = servers.subList(from, Math.min(servers.size(), from + SERVERS)).stream()
                    .map(b -> "{\"ServerId\":\"" + b.instanceId() + "\",\"Port\":\"" + b.port() + "\",\"Weight\":\"100\",\"Type\":\"ecs\"}")
                    .collect(Collectors.joining(",", "[", "]"));
            if (add) {
                ctx.call(KIND, name, () -> slb().addVServerGroupBackendServers(new com.aliyun.slb20140515.models
                        .AddVServerGroupBackendServersRequest().setRegionId(ctx.region()).setVServerGroupId(groupId).setBackendServers(json)));
            } else {
                ctx.call(KIND, name, () -> slb().removeVServerGroupBackendServers(new com.aliyun.slb20140515.models
                        .RemoveVServerGroupBackendServersRequest().setRegionId(ctx.region()).setVServerGroupId(groupId).setBackendServers(json)));
            }
        }
    }

    @Override
    public void delete(String name) {
        RawLb lb = require(name);
        delete(lb.id(), name);
    }

    private void delete(String id, String name) {
        ctx.call(KIND, name, () -> slb().deleteLoadBalancer(new com.aliyun.slb20140515.models.DeleteLoadBalancerRequest()
                .setRegionId(ctx.region()).setLoadBalancerId(id)));
    }

    @Override
    public Nlb addVms(String nlb, List<String> names) {
        RawLb lb = require(nlb);
        AlibabaNetworks.RawVpc vpc = networks.requireVpc(vpcIdOf(lb, nlb));
        List<String> ids = placements(nlb, vpc, names).stream().map(AlibabaVms.Placement::id).toList();
        var l = front(view.listeners(List.of(lb.id())));
        if (l != null && l.serverGroupId() != null) {
            // The listener forwards to a VServer group (made elsewhere): the VMs join it, on the group's port.
            int port = backendPort(l, view.servers(lb.id(), nlb, l));
            changeGroup(nlb, l.serverGroupId(), ids.stream().map(id -> new AlibabaSlbView.Server(id, port)).toList(), true);
        } else {
            change(nlb, lb.id(), ids, true);
        }
        return find(lb.id()).orElseThrow();
    }

    @Override
    public Nlb removeVms(String nlb, List<String> names) {
        RawLb lb = require(nlb);
        List<String> ids = new ArrayList<>();
        for (String vm : names) {
            ids.add(vms.placement(vm).id());
        }
        var l = front(view.listeners(List.of(lb.id())));
        if (l != null && l.serverGroupId() != null) {
            List<AlibabaSlbView.Server> leaving = view.servers(lb.id(), nlb, l).stream().filter(b -> ids.contains(b.instanceId())).toList();
            changeGroup(nlb, l.serverGroupId(), leaving, false);
        } else {
            change(nlb, lb.id(), ids, false);
        }
        return find(lb.id()).orElseThrow();
    }

    private String vpcIdOf(RawLb lb, String name) {
        String id = lb.vpcId() != null && !lb.vpcId().isEmpty() ? lb.vpcId() : lb.cloudTags().get(AlibabaTags.NLB_VPC);
        if (id == null) {
            throw new InvalidRequestException(ctx.error(KIND, name), "nlb", "the load balancer lies in no VPC this driver knows of");
        }
        return id;
    }

    @Override
    public NlbHealth health(String nlb) {
        RawLb lb = require(nlb);
        var body = ctx.call(KIND, nlb, () -> slb().describeHealthStatus(new com.aliyun.slb20140515.models.DescribeHealthStatusRequest()
                .setRegionId(ctx.region()).setLoadBalancerId(lb.id())).getBody());
        Map<String, Boolean> healthyById = new LinkedHashMap<>();
        if (body.getBackendServers() != null && body.getBackendServers().getBackendServer() != null) {
            // A VM is healthy when every listener finds it so ("normal"); "abnormal" and "unavailable" are not.
            body.getBackendServers().getBackendServer().forEach(b -> healthyById.merge(b.getServerId(),
                    "normal".equals(b.getServerHealthStatus()), Boolean::logicalAnd));
        }
        Map<String, String> names = healthyById.isEmpty() ? Map.of() : vms.namesOf(healthyById.keySet());
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        healthyById.forEach((id, ok) -> (ok ? healthy : unhealthy).add(names.getOrDefault(id, id)));
        return new NlbHealth(healthy, unhealthy);
    }

    /** User names of load balancers by id, from one listing (for the tag service). */
    Map<String, String> names() {
        Map<String, String> out = new HashMap<>();
        rawLbs(null, null).forEach(lb -> out.put(lb.id(), AlibabaNames.of(lb.name(), lb.id())));
        return out;
    }
}
