package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.AddInstanceTargetPoolRequest;
import com.google.cloud.compute.v1.DeleteForwardingRuleRequest;
import com.google.cloud.compute.v1.DeleteTargetPoolRequest;
import com.google.cloud.compute.v1.ForwardingRule;
import com.google.cloud.compute.v1.GetHealthTargetPoolRequest;
import com.google.cloud.compute.v1.GetTargetPoolRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstanceReference;
import com.google.cloud.compute.v1.ListTargetPoolsRequest;
import com.google.cloud.compute.v1.RemoveInstanceTargetPoolRequest;
import com.google.cloud.compute.v1.TargetPool;
import com.google.cloud.compute.v1.TargetPoolsAddInstanceRequest;
import com.google.cloud.compute.v1.TargetPoolsRemoveInstanceRequest;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Load balancers made the older target-pool way (by other tools, or by this library before it
 * made backend services): a forwarding rule to a target pool holding the VMs. They are listed,
 * found, changed (VMs in and out of the pool), health-checked (the pool's health, one call per
 * VM, as GCE answers) and deleted (rule, then pool), but never created. Their health checker
 * reads as null: a pool can only carry legacy HTTP health checks, which the client library
 * cannot read, and a pool without one counts every running VM healthy.
 */
final class GcpTargetPoolNlbs implements GcpNlbForm {
    private static final ResourceKind KIND = ResourceKind.NLB;
    private final GcpContext ctx;

    GcpTargetPoolNlbs(GcpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean owns(ForwardingRule rule) {
        return rule.getTarget().contains("/targetPools/");
    }

    @Override
    public List<Nlb> records(List<ForwardingRule> rules, Map<String, String> storeItems) {
        if (rules.isEmpty()) {
            return List.of();
        }
        Map<String, TargetPool> pools = new HashMap<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().targetPools.get().list(ListTargetPoolsRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).build()).iterateAll().forEach(p -> pools.put(p.getSelfLink(), p)));
        List<Nlb> out = new ArrayList<>();
        for (ForwardingRule rule : rules) {
            TargetPool pool = pools.get(rule.getTarget());
            if (pool != null) {
                out.add(toRecord(rule, pool, storeItems));
            }
        }
        return out;
    }

    @Override
    public Optional<Nlb> record(ForwardingRule rule, Map<String, String> storeItems) {
        try {
            return Optional.of(toRecord(rule, pool(GcpContext.last(rule.getTarget())), storeItems));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private TargetPool pool(String name) {
        return ctx.errors().call(KIND, name, () -> ctx.clients().targetPools.get().get(GetTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(name).build()));
    }

    private static Nlb toRecord(ForwardingRule rule, TargetPool pool, Map<String, String> storeItems) {
        Listener listener = GcpNlbForm.listener(rule);
        GcpNlbNotes notes = GcpNlbNotes.parse(pool.getDescription());
        List<String> members = pool.getInstancesList().stream().map(GcpContext::last).sorted().toList();
        return new Nlb(rule.getName(), Long.toUnsignedString(rule.getId()), notes.vpc(), listener,
                new VmGroup(notes.vmProtocol() != null ? notes.vmProtocol() : listener.protocol(),
                        notes.vmPort() > 0 ? notes.vmPort() : listener.port(), members),
                null, GcpLabels.parse(storeItems.get(GcpProjectStore.tagsKey(KIND, rule.getName()))));
    }

    @Override
    public void addVms(ForwardingRule rule, List<Instance> vms) {
        String name = GcpContext.last(rule.getTarget());
        List<InstanceReference> refs = vms.stream().map(i -> InstanceReference.newBuilder().setInstance(i.getSelfLink()).build()).toList();
        ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().targetPools.get().addInstanceAsync(AddInstanceTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(name)
                .setTargetPoolsAddInstanceRequestResource(TargetPoolsAddInstanceRequest.newBuilder().addAllInstances(refs))
                .setRequestId(GcpOperations.requestId()).build()));
    }

    @Override
    public void removeVms(ForwardingRule rule, List<String> vms) {
        String name = GcpContext.last(rule.getTarget());
        TargetPool pool = pool(name);
        List<InstanceReference> refs = new ArrayList<>();
        for (String vm : vms) {
            String link = pool.getInstancesList().stream().filter(l -> GcpContext.last(l).equals(vm)).findFirst()
                    .orElseThrow(() -> new NotFoundException(ctx.error(KIND, rule.getName()), "VM '" + vm + "' is not behind this load balancer"));
            refs.add(InstanceReference.newBuilder().setInstance(link).build());
        }
        ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().targetPools.get().removeInstanceAsync(RemoveInstanceTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(name)
                .setTargetPoolsRemoveInstanceRequestResource(TargetPoolsRemoveInstanceRequest.newBuilder().addAllInstances(refs))
                .setRequestId(GcpOperations.requestId()).build()));
    }

    @Override
    public NlbHealth health(ForwardingRule rule) {
        String name = GcpContext.last(rule.getTarget());
        TargetPool pool = pool(name);
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (String link : pool.getInstancesList()) {
            var health = ctx.errors().call(KIND, rule.getName(), () -> ctx.clients().targetPools.get().getHealth(GetHealthTargetPoolRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(name)
                    .setInstanceReferenceResource(InstanceReference.newBuilder().setInstance(link)).build()));
            boolean ok = health.getHealthStatusList().stream().anyMatch(s -> "HEALTHY".equals(s.getHealthState()));
            (ok ? healthy : unhealthy).add(GcpContext.last(link));
        }
        return new NlbHealth(healthy, unhealthy);
    }

    @Override
    public void delete(ForwardingRule rule) {
        ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().forwardingRules.get().deleteAsync(DeleteForwardingRuleRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setForwardingRule(rule.getName()).setRequestId(GcpOperations.requestId()).build()));
        ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().targetPools.get().deleteAsync(DeleteTargetPoolRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).setTargetPool(GcpContext.last(rule.getTarget()))
                .setRequestId(GcpOperations.requestId()).build()));
    }
}
