package io.multicloud.driver.openstack;

import io.multicloud.api.Cidr;
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
import io.multicloud.driver.openstack.OctaviaWire.HealthMonitor;
import io.multicloud.driver.openstack.OctaviaWire.LoadBalancer;
import io.multicloud.driver.openstack.OctaviaWire.Member;
import io.multicloud.driver.openstack.OctaviaWire.Pool;
import io.multicloud.spi.NlbService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.openstack4j.model.compute.Address;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Subnet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network load balancers on Octavia. One NLB is an Octavia load balancer named as the user named
 * it, with its VIP on the first subnet of the VPC's network, one listener, one ROUND_ROBIN pool
 * with a health monitor, and one member per VM (named as the VM, at the VM's fixed IP on that
 * network). Octavia works asynchronously: every change waits for the load balancer to be ACTIVE
 * again ({@link OctaviaWaiter}). A create that fails midway deletes what it made (cascade) before
 * rethrowing; {@link #delete} starts a cascade delete and returns, so a load balancer in
 * PENDING_DELETE is still listed until Octavia is done.
 *
 * <p>Health: a member whose operating status is ONLINE is healthy; every other status is not —
 * including NO_MONITOR, which means nothing checks the VM (this library always creates a monitor,
 * so NO_MONITOR is a load balancer changed by hand), and DRAINING.
 */
final class OpenStackLoadBalancers implements NlbService {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStackLoadBalancers.class);
    private static final ResourceKind KIND = ResourceKind.NLB;
    /** Pool tags keeping the VM port and the checked port, which Octavia keeps only per member. */
    static final String VM_PORT_TAG = "multicloud:vm-port";
    static final String CHECK_PORT_TAG = "multicloud:check-port";
    static final String TIMEOUT_PROPERTY = "nlb_timeout_s";

    private final OpenStackContext ctx;
    private final OpenStackLookups lookups;
    private final OctaviaApi api = new OctaviaApi();
    private final OctaviaWaiter waiter;

    OpenStackLoadBalancers(OpenStackContext ctx) {
        this.ctx = ctx;
        this.lookups = new OpenStackLookups(ctx);
        this.waiter = new OctaviaWaiter(ctx, timeout(ctx));
    }

    @Override
    public List<Nlb> list() {
        List<LoadBalancer> all = call(null, () -> api.loadBalancers(Map.of("project_id", ctx.projectId())));
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
        if (loadBalancer(name).isPresent()) {
            // Octavia allows repeated names; this library does not.
            throw ctx.errors().taken(KIND, name);
        }
        Network network = lookups.requireNetwork(request.vpc());
        List<Subnet> subnets = lookups.subnets(network.getId());
        // The VIP goes on the VPC's first IPv4 subnet, as Neutron lists them.
        Subnet subnet = subnets.stream().filter(s -> s.getIpVersion() != IPVersionType.V6).findFirst().orElseThrow(() ->
                ctx.errors().conflict(KIND, name, "VPC '" + request.vpc() + "' has no IPv4 subnet to place a load balancer on"));
        // Every VM is found before anything is created, so a wrong name leaves nothing behind.
        Map<String, Target> targets = targets(name, network, subnets, request.vmGroup().vms());
        HealthChecker checker = request.effectiveHealthChecker();
        LoadBalancer lb = call(name, () -> api.create(new LoadBalancer(null, name, null, null, subnet.getId(),
                null, null, null, null, TagStrings.encodeWithMarker(request.tags()))));
        try {
            awaitActive(name, lb.id());
            Listener listener = request.listener();
            OctaviaWire.Listener created = call(name, () -> api.create(new OctaviaWire.Listener(null, name, lb.id(), null,
                    listener.protocol().name(), listener.port(), null)));
            awaitActive(name, lb.id());
            VmGroup group = request.vmGroup();
            Pool pool = call(name, () -> api.create(new Pool(null, name, created.id(), null, group.protocol().name(),
                    "ROUND_ROBIN", null, List.of(VM_PORT_TAG + "=" + group.port(), CHECK_PORT_TAG + "=" + checker.port()))));
            awaitActive(name, lb.id());
            call(name, () -> api.create(monitor(name, pool.id(), group.protocol(), checker)));
            awaitActive(name, lb.id());
            addMembers(name, lb.id(), pool.id(), group.port(), checker.port(), targets);
        } catch (RuntimeException e) {
            LOG.warn("creating NLB '{}' failed; deleting what was created", name);
            rollback(name, lb.id(), e);
            throw e;
        }
        return toRecord(awaitActive(name, lb.id()));
    }

    @Override
    public void delete(String name) {
        LoadBalancer lb = require(name);
        check(name, () -> api.cascadeDelete(lb.id()));
    }

    @Override
    public Nlb addVms(String nlb, List<String> vms) {
        LoadBalancer lb = require(nlb);
        Pool pool = pool(lb);
        Network network = vipNetwork(lb).orElseThrow(() ->
                ctx.errors().conflict(KIND, nlb, "the load balancer's VIP network is gone"));
        Map<String, Target> targets = targets(nlb, network, lookups.subnets(network.getId()), vms);
        List<Member> members = call(nlb, () -> api.members(pool.id()));
        // A VM already behind the load balancer stays as it is (Octavia would refuse it as a duplicate).
        targets.keySet().removeAll(members.stream().map(Member::name).toList());
        int vmPort = tagPort(pool, VM_PORT_TAG, members.isEmpty() ? 0 : members.getFirst().protocolPort());
        if (vmPort <= 0) {
            throw ctx.errors().conflict(KIND, nlb, "the load balancer's VM port is unknown (not created by this library?)");
        }
        awaitActive(nlb, lb.id());
        addMembers(nlb, lb.id(), pool.id(), vmPort, tagPort(pool, CHECK_PORT_TAG, vmPort), targets);
        return toRecord(awaitActive(nlb, lb.id()));
    }

    @Override
    public Nlb removeVms(String nlb, List<String> vms) {
        LoadBalancer lb = require(nlb);
        Pool pool = pool(lb);
        List<Member> members = call(nlb, () -> api.members(pool.id()));
        List<Member> leaving = new ArrayList<>();
        for (String vm : vms) {
            leaving.add(members.stream().filter(m -> vm.equals(m.name())).findFirst().orElseThrow(() -> new NotFoundException(
                    ErrorContext.of(ctx.config().name(), ResourceKind.VM, vm), "is not behind NLB '" + nlb + "'")));
        }
        for (Member member : leaving) {
            awaitActive(nlb, lb.id());
            check(nlb, () -> api.deleteMember(pool.id(), member.id()));
        }
        return toRecord(awaitActive(nlb, lb.id()));
    }

    @Override
    public NlbHealth health(String nlb) {
        Pool pool = pool(require(nlb));
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (Member m : call(nlb, () -> api.members(pool.id()))) {
            ("ONLINE".equals(m.operatingStatus()) ? healthy : unhealthy).add(m.name());
        }
        return new NlbHealth(healthy, unhealthy);
    }

    // ---- tags, for OpenStackTags ----

    /** The user's tags of an NLB (the managed marker left out). */
    Map<String, String> tagsOf(String name) {
        return TagStrings.decode(require(name).tags());
    }

    /** Adds or replaces tags on an NLB. */
    void tag(String name, Map<String, String> tags) {
        LoadBalancer lb = require(name);
        List<String> kept = new ArrayList<>(lb.tags() == null ? List.of() : lb.tags());
        kept.removeIf(t -> tags.keySet().stream().anyMatch(k -> TagStrings.hasKey(t, k)));
        kept.addAll(TagStrings.encode(tags));
        updateTags(name, lb, kept);
    }

    /** Removes tags from an NLB. */
    void untag(String name, Set<String> keys) {
        LoadBalancer lb = require(name);
        List<String> kept = new ArrayList<>(lb.tags() == null ? List.of() : lb.tags());
        kept.removeIf(t -> keys.stream().anyMatch(k -> TagStrings.hasKey(t, k)));
        updateTags(name, lb, kept);
    }

    private void updateTags(String name, LoadBalancer lb, List<String> tags) {
        awaitActive(name, lb.id());
        call(name, () -> api.updateTags(lb.id(), tags));
        awaitActive(name, lb.id());
    }

    // ---- parts ----

    /** Adds one member per VM, named as the VM, waiting for ACTIVE after each (Octavia takes one change at a time). */
    private void addMembers(String nlb, String lbId, String poolId, int port, int checkPort, Map<String, Target> targets) {
        Integer monitorPort = checkPort == port ? null : checkPort;
        for (Map.Entry<String, Target> vm : targets.entrySet()) {
            Target target = vm.getValue();
            call(nlb, () -> api.create(poolId, new Member(null, vm.getKey(), target.address(), port, target.subnetId(),
                    monitorPort, null)));
            awaitActive(nlb, lbId);
        }
    }

    /**
     * The health monitor: UDP-CONNECT for a UDP check of a UDP pool, else TCP (Octavia checks a
     * TCP pool over TCP or HTTP only). Octavia wants whole seconds and a timeout no longer than the delay.
     */
    private static HealthMonitor monitor(String name, String poolId, Protocol poolProtocol, HealthChecker checker) {
        int delay = (int) Math.max(1, checker.interval().toSeconds());
        int timeout = (int) Math.min(delay, Math.max(1, checker.timeout().toSeconds()));
        String type = poolProtocol == Protocol.UDP && checker.protocol() == Protocol.UDP ? "UDP-CONNECT" : "TCP";
        return new HealthMonitor(null, name, poolId, type, delay, timeout, checker.threshold(), checker.threshold());
    }

    /** Deletes a half-made load balancer and waits until it is gone, so the name is free again. */
    private void rollback(String name, String lbId, RuntimeException cause) {
        try {
            awaitSettled(name, lbId);
            check(name, () -> api.cascadeDelete(lbId));
            waiter.untilGone(name, () -> call(name, () -> api.loadBalancer(lbId)));
        } catch (RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    /** Waits out a pending change so a delete is not refused as immutable; ERROR may be deleted as is. */
    private void awaitSettled(String name, String lbId) {
        try {
            awaitActive(name, lbId);
        } catch (ConflictException e) {
            LOG.debug("NLB '{}' is in ERROR; deleting it anyway", name);
        }
    }

    /** Where a member sends traffic: the VM's fixed IP and the subnet it is on. */
    private record Target(String address, String subnetId) {
    }

    /**
     * Each VM's fixed IP on the network and its subnet, by VM name: NotFound for an unknown VM,
     * Conflict for one not on the network, both before any change.
     */
    private Map<String, Target> targets(String nlb, Network network, List<Subnet> subnets, List<String> vms) {
        Map<String, Target> out = new LinkedHashMap<>();
        for (String vm : vms) {
            Server server = lookups.requireServer(vm);
            String ip = fixedIp(server, network.getName()).orElseThrow(() -> ctx.errors().conflict(KIND, nlb,
                    "VM '" + vm + "' has no address on VPC '" + network.getName() + "'"));
            out.put(vm, new Target(ip, subnets.stream().filter(s -> holds(s, ip)).map(Subnet::getId).findFirst().orElse(null)));
        }
        return out;
    }

    private static boolean holds(Subnet subnet, String ip) {
        try {
            return subnet.getCidr() != null && Cidr.parse(subnet.getCidr()).contains(ip);
        } catch (RuntimeException e) {
            return false; // an IPv6 subnet
        }
    }

    /** A server's fixed IPv4 address on a network (Nova lists addresses by network name). */
    private static Optional<String> fixedIp(Server server, String networkName) {
        if (server.getAddresses() == null || server.getAddresses().getAddresses() == null) {
            return Optional.empty();
        }
        List<? extends Address> on = server.getAddresses().getAddresses().get(networkName);
        if (on == null) {
            return Optional.empty();
        }
        return on.stream().filter(a -> a.getType() == null || "fixed".equals(a.getType()))
                .filter(a -> a.getVersion() != 6).map(Address::getAddr).findFirst();
    }

    private Nlb toRecord(LoadBalancer lb) {
        String name = lb.name();
        Optional<OctaviaWire.Listener> listener = call(name, () -> api.listeners(lb.id())).stream().findFirst();
        Optional<Pool> pool = call(name, () -> api.pools(lb.id())).stream().findFirst();
        List<Member> members = pool.map(p -> call(name, () -> api.members(p.id()))).orElse(List.of());
        Protocol listenerProtocol = listener.map(l -> protocol(l.protocol())).orElse(Protocol.TCP);
        int listenerPort = listener.map(OctaviaWire.Listener::protocolPort).orElse(1);
        int vmPort = pool.map(p -> tagPort(p, VM_PORT_TAG, 0)).filter(p -> p > 0)
                .or(() -> members.stream().map(Member::protocolPort).findFirst()).orElse(listenerPort);
        VmGroup vmGroup = new VmGroup(pool.map(p -> protocol(p.protocol())).orElse(listenerProtocol), vmPort,
                members.stream().map(Member::name).toList());
        HealthChecker checker = pool.map(Pool::healthmonitorId)
                .map(id -> call(name, () -> api.healthMonitor(id)))
                .map(m -> new HealthChecker(m.type() != null && m.type().startsWith("UDP") ? Protocol.UDP : Protocol.TCP,
                        tagPort(pool.get(), CHECK_PORT_TAG, vmPort), Duration.ofSeconds(orElse(m.delay(), 10)),
                        Duration.ofSeconds(orElse(m.timeout(), 5)), Math.min(10, Math.max(1, orElse(m.maxRetries(), 3)))))
                .orElse(HealthChecker.of(vmGroup.protocol(), vmPort));
        return new Nlb(name, lb.id(), vpcName(lb), new Listener(listenerProtocol, listenerPort, lb.vipAddress()),
                vmGroup, checker, TagStrings.decode(lb.tags()));
    }

    private String vpcName(LoadBalancer lb) {
        return vipNetwork(lb).map(Network::getName).orElse(null);
    }

    /** The network of the load balancer's VIP, which is the NLB's VPC. */
    private Optional<Network> vipNetwork(LoadBalancer lb) {
        if (lb.vipNetworkId() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(ctx.errors().call(ResourceKind.VPC, null,
                () -> ctx.client().networking().network().get(lb.vipNetworkId())));
    }

    private Pool pool(LoadBalancer lb) {
        return call(lb.name(), () -> api.pools(lb.id())).stream().findFirst().orElseThrow(() ->
                ctx.errors().conflict(KIND, lb.name(), "the load balancer has no pool (not created by this library?)"));
    }

    private Optional<LoadBalancer> loadBalancer(String name) {
        return call(name, () -> api.loadBalancers(Map.of("name", name, "project_id", ctx.projectId()))).stream()
                .filter(lb -> name.equals(lb.name()) && !"DELETED".equals(lb.provisioningStatus())).findFirst();
    }

    private LoadBalancer require(String name) {
        return loadBalancer(name).orElseThrow(() -> ctx.errors().notFound(KIND, name));
    }

    private LoadBalancer awaitActive(String name, String lbId) {
        return waiter.untilActive(name, () -> call(name, () -> api.loadBalancer(lbId)));
    }

    /** An Octavia call on this thread's session, its errors mapped. */
    private <T> T call(String name, Supplier<T> call) {
        return ctx.errors().call(KIND, name, bound(call));
    }

    /** An Octavia call answering an {@link org.openstack4j.model.common.ActionResponse}; a failure is thrown. */
    private void check(String name, Supplier<org.openstack4j.model.common.ActionResponse> call) {
        ctx.errors().check(call(name, call), KIND, name);
    }

    /** The call with an openstack4j session bound to the calling thread first. */
    private <T> Supplier<T> bound(Supplier<T> call) {
        return () -> {
            ctx.client();
            return call.get();
        };
    }

    private static int tagPort(Pool pool, String key, int fallback) {
        if (pool.tags() != null) {
            for (String tag : pool.tags()) {
                if (tag.startsWith(key + "=")) {
                    try {
                        return Integer.parseInt(tag.substring(key.length() + 1));
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                }
            }
        }
        return fallback;
    }

    private static Protocol protocol(String octavia) {
        return "UDP".equals(octavia) ? Protocol.UDP : Protocol.TCP;
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }

    private static Duration timeout(OpenStackContext ctx) {
        String value = ctx.config().property(TIMEOUT_PROPERTY).orElse("600");
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(ErrorContext.of(ctx.config().name(), KIND, null), TIMEOUT_PROPERTY,
                    "must be a number of seconds, not '" + value + "'");
        }
    }
}
