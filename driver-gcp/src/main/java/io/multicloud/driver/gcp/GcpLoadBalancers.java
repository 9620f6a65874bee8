package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.AddInstanceTargetPoolRequest;
import com.google.cloud.compute.v1.DeleteForwardingRuleRequest;
import com.google.cloud.compute.v1.DeleteTargetPoolRequest;
import com.google.cloud.compute.v1.ForwardingRule;
import com.google.cloud.compute.v1.GetForwardingRuleRequest;
import com.google.cloud.compute.v1.GetHealthTargetPoolRequest;
import com.google.cloud.compute.v1.GetTargetPoolRequest;
import com.google.cloud.compute.v1.InsertForwardingRuleRequest;
import com.google.cloud.compute.v1.InsertTargetPoolRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstanceReference;
import com.google.cloud.compute.v1.ListForwardingRulesRequest;
import com.google.cloud.compute.v1.ListTargetPoolsRequest;
import com.google.cloud.compute.v1.RemoveInstanceTargetPoolRequest;
import com.google.cloud.compute.v1.TargetPool;
import com.google.cloud.compute.v1.TargetPoolsAddInstanceRequest;
import com.google.cloud.compute.v1.TargetPoolsRemoveInstanceRequest;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmGroup;
import io.multicloud.spi.NlbService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network load balancers as GCP's regional external passthrough load balancer the target-pool
 * way: a target pool {@code <nlb>} holding the VMs, and a forwarding rule {@code <nlb>} (the
 * listener: protocol, port, the address). Target pools take only legacy HTTP health checks,
 * which google-cloud-compute does not offer: the health checker is kept in the pool's
 * description, not applied, and GCE counts a running VM of a pool without checks as healthy.
 * A passthrough balancer does not translate ports: the VMs get the listener's port; the VM
 * group's port and protocol are kept in the description too. Health asks the pool for each VM
 * (GCE answers one instance per call). Tags live in the project store.
 */
final class GcpLoadBalancers implements NlbService {
    private static final ResourceKind KIND = ResourceKind.NLB;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GcpContext ctx;
    private final GcpVms vms;
    private final GcpProjectStore store;

    GcpLoadBalancers(GcpContext ctx, GcpVms vms) {
        this.ctx = ctx;
        this.vms = vms;
        this.store = new GcpProjectStore(ctx);
    }

    @Override
    public List<Nlb> list() {
        List<ForwardingRule> rules = new ArrayList<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().forwardingRules.get().list(ListForwardingRulesRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).build()).iterateAll().forEach(rules::add));
        if (rules.stream().noneMatch(r -> r.getTarget().contains("/targetPools/"))) {
            return List.of();
        }
        Map<String, TargetPool> pools = new HashMap<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().targetPools.get().list(ListTargetPoolsRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).build()).iterateAll().forEach(p -> pools.put(p.getSelfLink(), p)));
        Map<String, String> items = store.items();
        List<Nlb> out = new ArrayList<>();
        for (ForwardingRule rule : rules) {
            TargetPool pool = pools.get(rule.getTarget());
            if (pool != null) {
                out.add(toRecord(rule, pool, items));
            }
        }
        out.sort(Comparator.comparing(Nlb::name));
        return List.copyOf(out);
    }

    @Override
    public Optional<Nlb> find(String name) {
        if (!name.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return list().stream().filter(n -> n.id().equals(name)).findFirst();
        }
        try {
            ForwardingRule rule = ctx.errors().call(KIND, name, () -> ctx.clients().forwardingRules.get().get(GetForwardingRuleRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setForwardingRule(name).build()));
            if (!rule.getTarget().contains("/targetPools/")) {
                return Optional.empty();
            }
            return Optional.of(toRecord(rule, pool(GcpContext.last(rule.getTarget())), store.items()));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private TargetPool pool(String name) {
        return ctx.errors().call(KIND, name, () -> ctx.clients().targetPools.get().get(GetTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(name).build()));
    }

    private Nlb toRecord(ForwardingRule rule, TargetPool pool, Map<String, String> items) {
        Protocol protocol = "UDP".equals(rule.getIPProtocol()) ? Protocol.UDP : Protocol.TCP;
        int port = Integer.parseInt(rule.getPortRange().isEmpty() ? "1" : rule.getPortRange().split("-")[0]);
        JsonNode d;
        try {
            d = JSON.readTree(pool.getDescription().isEmpty() ? "{}" : pool.getDescription()).path("multicloud");
        } catch (Exception e) {
            d = JSON.createObjectNode();
        }
        Protocol vmProtocol = d.has("vmProtocol") ? Protocol.valueOf(d.get("vmProtocol").asText()) : protocol;
        List<String> members = pool.getInstancesList().stream().map(GcpContext::last).sorted().toList();
        JsonNode c = d.path("check");
        HealthChecker checker = !c.has("port") ? null : new HealthChecker(Protocol.valueOf(c.path("protocol").asText("TCP")),
                c.get("port").asInt(), Duration.ofSeconds(c.path("intervalS").asLong(10)), Duration.ofSeconds(c.path("timeoutS").asLong(5)),
                c.path("threshold").asInt(3));
        String key = GcpProjectStore.tagsKey(KIND, rule.getName());
        return new Nlb(rule.getName(), Long.toUnsignedString(rule.getId()), d.path("vpc").asText(null),
                new Listener(protocol, port, rule.getIPAddress().isEmpty() ? null : rule.getIPAddress()),
                new VmGroup(vmProtocol, d.path("vmPort").asInt(port), members), checker,
                GcpLabels.parse(items.get(key)));
    }

    @Override
    public Nlb create(NlbRequest request) {
        String name = request.name();
        new GcpNetworks(ctx).requireNetwork(request.vpc());
        HealthChecker checker = request.effectiveHealthChecker();
        List<String> instances = instanceLinks(request.vmGroup().vms());
        ObjectNode description = JSON.createObjectNode();
        ObjectNode own = description.putObject("multicloud").put("vpc", request.vpc()).put("vmPort", request.vmGroup().port())
                .put("vmProtocol", request.vmGroup().protocol().name());
        own.putObject("check").put("protocol", checker.protocol().name()).put("port", checker.port())
                .put("intervalS", checker.interval().toSeconds()).put("timeoutS", checker.timeout().toSeconds()).put("threshold", checker.threshold());
        TargetPool pool = TargetPool.newBuilder().setName(name).setDescription(description.toString()).addAllInstances(instances)
                .setSessionAffinity("NONE").build();
        ctx.operations().await(KIND, name, () -> ctx.clients().targetPools.get().insertAsync(InsertTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPoolResource(pool).setRequestId(GcpOperations.requestId()).build()));
        int port = request.listener().port();
        ForwardingRule rule = ForwardingRule.newBuilder().setName(name).setIPProtocol(request.listener().protocol().name())
                .setPortRange(port + "-" + port).setTarget(ctx.regional(ctx.region(), "targetPools", name))
                .setLoadBalancingScheme("EXTERNAL").build();
        ctx.operations().await(KIND, name, () -> ctx.clients().forwardingRules.get().insertAsync(InsertForwardingRuleRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setForwardingRuleResource(rule).setRequestId(GcpOperations.requestId()).build()));
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the load balancer is gone right after its creation"));
    }

    private List<String> instanceLinks(List<String> names) {
        List<String> out = new ArrayList<>();
        for (String vm : names) {
            Instance i = vms.require(vm);
            out.add(i.getSelfLink());
        }
        return out;
    }

    @Override
    public void delete(String name) {
        find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no forwarding rule of this name"));
        ctx.operations().await(KIND, name, () -> ctx.clients().forwardingRules.get().deleteAsync(DeleteForwardingRuleRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setForwardingRule(name).setRequestId(GcpOperations.requestId()).build()));
        ctx.operations().await(KIND, name, () -> ctx.clients().targetPools.get().deleteAsync(DeleteTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(name).setRequestId(GcpOperations.requestId()).build()));
        String key = GcpProjectStore.tagsKey(KIND, name);
        if (store.items().containsKey(key)) {
            store.update(KIND, name, items -> {
                items.remove(key);
                return items;
            });
        }
    }

    @Override
    public Nlb addVms(String nlb, List<String> vmNames) {
        find(nlb).orElseThrow(() -> new NotFoundException(ctx.error(KIND, nlb), "no forwarding rule of this name"));
        List<InstanceReference> refs = instanceLinks(vmNames).stream().map(l -> InstanceReference.newBuilder().setInstance(l).build()).toList();
        ctx.operations().await(KIND, nlb, () -> ctx.clients().targetPools.get().addInstanceAsync(AddInstanceTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(nlb)
                .setTargetPoolsAddInstanceRequestResource(TargetPoolsAddInstanceRequest.newBuilder().addAllInstances(refs))
                .setRequestId(GcpOperations.requestId()).build()));
        return find(nlb).orElseThrow();
    }

    @Override
    public Nlb removeVms(String nlb, List<String> vmNames) {
        TargetPool pool = pool(nlb);
        List<InstanceReference> refs = new ArrayList<>();
        for (String vm : vmNames) {
            String link = pool.getInstancesList().stream().filter(l -> GcpContext.last(l).equals(vm)).findFirst()
                    .orElseThrow(() -> new NotFoundException(ctx.error(KIND, nlb), "VM '" + vm + "' is not behind this load balancer"));
            refs.add(InstanceReference.newBuilder().setInstance(link).build());
        }
        ctx.operations().await(KIND, nlb, () -> ctx.clients().targetPools.get().removeInstanceAsync(RemoveInstanceTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(nlb)
                .setTargetPoolsRemoveInstanceRequestResource(TargetPoolsRemoveInstanceRequest.newBuilder().addAllInstances(refs))
                .setRequestId(GcpOperations.requestId()).build()));
        return find(nlb).orElseThrow();
    }

    @Override
    public NlbHealth health(String nlb) {
        TargetPool pool = pool(nlb);
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (String link : pool.getInstancesList()) {
            var health = ctx.errors().call(KIND, nlb, () -> ctx.clients().targetPools.get().getHealth(GetHealthTargetPoolRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(nlb)
                    .setInstanceReferenceResource(InstanceReference.newBuilder().setInstance(link)).build()));
            boolean ok = health.getHealthStatusList().stream().anyMatch(s -> "HEALTHY".equals(s.getHealthState()));
            (ok ? healthy : unhealthy).add(GcpContext.last(link));
        }
        return new NlbHealth(healthy, unhealthy);
    }

    /** Tags of a load balancer (the project store). */
    Map<String, String> tagsOf(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no forwarding rule of this name")).tags();
    }
}
