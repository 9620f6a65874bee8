package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.ForwardingRule;
import com.google.cloud.compute.v1.GetForwardingRuleRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.ListForwardingRulesRequest;
import com.google.cloud.compute.v1.Network;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.NlbService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Network load balancers as GCP's regional external passthrough load balancers, named by their
 * forwarding rule. The library creates them the backend-service way ({@link GcpBackendServiceNlbs});
 * those an account holds made the older target-pool way ({@link GcpTargetPoolNlbs}) are listed,
 * found, changed, health-checked and deleted too. Tags live in the project store.
 */
final class GcpLoadBalancers implements NlbService {
    private static final ResourceKind KIND = ResourceKind.NLB;
    private final GcpContext ctx;
    private final GcpVms vms;
    private final GcpProjectStore store;
    private final GcpBackendServiceNlbs backendServices;
    private final List<GcpNlbForm> forms;

    GcpLoadBalancers(GcpContext ctx, GcpVms vms) {
        this.ctx = ctx;
        this.vms = vms;
        this.store = new GcpProjectStore(ctx);
        this.backendServices = new GcpBackendServiceNlbs(ctx);
        this.forms = List.of(backendServices, new GcpTargetPoolNlbs(ctx));
    }

    @Override
    public List<Nlb> list() {
        List<ForwardingRule> rules = new ArrayList<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().forwardingRules.get().list(ListForwardingRulesRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).build()).iterateAll().forEach(rules::add));
        List<ForwardingRule> external = rules.stream().filter(r -> "EXTERNAL".equals(r.getLoadBalancingScheme())
                || r.getLoadBalancingScheme().isEmpty()).toList();
        if (external.stream().noneMatch(r -> forms.stream().anyMatch(f -> f.owns(r)))) {
            return List.of();
        }
        Map<String, String> items = store.items();
        List<Nlb> out = new ArrayList<>();
        for (GcpNlbForm form : forms) {
            out.addAll(form.records(external.stream().filter(form::owns).toList(), items));
        }
        out.sort(Comparator.comparing(Nlb::name));
        return List.copyOf(out);
    }

    @Override
    public Optional<Nlb> find(String name) {
        if (!name.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
            return list().stream().filter(n -> n.id().equals(name)).findFirst();
        }
        return rule(name).flatMap(rule -> form(rule).flatMap(f -> f.record(rule, store.items())));
    }

    private Optional<ForwardingRule> rule(String name) {
        try {
            return Optional.of(ctx.errors().call(KIND, name, () -> ctx.clients().forwardingRules.get().get(GetForwardingRuleRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setForwardingRule(name).build())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private Optional<GcpNlbForm> form(ForwardingRule rule) {
        if (!rule.getLoadBalancingScheme().isEmpty() && !"EXTERNAL".equals(rule.getLoadBalancingScheme())) {
            return Optional.empty();
        }
        return forms.stream().filter(f -> f.owns(rule)).findFirst();
    }

    /** The load balancer's forwarding rule and its form, or NotFound. */
    private Map.Entry<ForwardingRule, GcpNlbForm> require(String name) {
        ForwardingRule rule = rule(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no forwarding rule of this name"));
        GcpNlbForm form = form(rule).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name),
                "the forwarding rule of this name is no external passthrough load balancer"));
        return Map.entry(rule, form);
    }

    @Override
    public Nlb create(NlbRequest request) {
        String name = request.name();
        GcpHealthChecks.of(name, request.effectiveHealthChecker());
        Network network = new GcpNetworks(ctx).requireNetwork(request.vpc());
        List<Instance> members = instances(request.vmGroup().vms(), network);
        backendServices.create(request, network.getSelfLink(), members);
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the load balancer is gone right after its creation"));
    }

    /**
     * The VMs of these names (one filtered list), each in the network when one is given; a name
     * not found, or a VM of another network, fails before any change.
     */
    private List<Instance> instances(List<String> names, Network network) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
        List<Instance> found = vms.instancesNamed(distinct);
        List<Instance> out = new ArrayList<>();
        for (String name : distinct) {
            Instance i = found.stream().filter(f -> f.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.VM, name), "no instance of this name in " + ctx.region()));
            if (network != null && !i.getNetworkInterfaces(0).getNetwork().equals(network.getSelfLink())) {
                throw new InvalidRequestException("vm group", "VM '" + name + "' is not in VPC '" + network.getName() + "'");
            }
            out.add(i);
        }
        return out;
    }

    @Override
    public void delete(String name) {
        var nlb = require(name);
        nlb.getValue().delete(nlb.getKey());
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
        var found = require(nlb);
        Nlb current = found.getValue().record(found.getKey(), Map.of())
                .orElseThrow(() -> new NotFoundException(ctx.error(KIND, nlb), "the load balancer's back end is gone"));
        Network network = current.vpc() == null ? null : new GcpNetworks(ctx).requireNetwork(current.vpc());
        List<Instance> joining = instances(vmNames, network).stream()
                .filter(i -> !current.vmGroup().vms().contains(i.getName())).toList();
        if (!joining.isEmpty()) {
            found.getValue().addVms(found.getKey(), joining);
        }
        return find(nlb).orElseThrow();
    }

    @Override
    public Nlb removeVms(String nlb, List<String> vmNames) {
        var found = require(nlb);
        found.getValue().removeVms(found.getKey(), vmNames);
        return find(nlb).orElseThrow();
    }

    @Override
    public NlbHealth health(String nlb) {
        var found = require(nlb);
        return found.getValue().health(found.getKey());
    }

    /** Tags of a load balancer (the project store). */
    Map<String, String> tagsOf(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no forwarding rule of this name")).tags();
    }
}
