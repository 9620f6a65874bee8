package io.multicloud.driver.gcp;

import com.google.cloud.compute.v1.AddInstancesInstanceGroupRequest;
import com.google.cloud.compute.v1.Backend;
import com.google.cloud.compute.v1.BackendService;
import com.google.cloud.compute.v1.DeleteForwardingRuleRequest;
import com.google.cloud.compute.v1.DeleteInstanceGroupRequest;
import com.google.cloud.compute.v1.DeleteRegionBackendServiceRequest;
import com.google.cloud.compute.v1.DeleteRegionHealthCheckRequest;
import com.google.cloud.compute.v1.ForwardingRule;
import com.google.cloud.compute.v1.GetHealthRegionBackendServiceRequest;
import com.google.cloud.compute.v1.GetRegionBackendServiceRequest;
import com.google.cloud.compute.v1.GetRegionHealthCheckRequest;
import com.google.cloud.compute.v1.HealthCheck;
import com.google.cloud.compute.v1.HealthStatus;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstanceGroup;
import com.google.cloud.compute.v1.InstanceGroupsAddInstancesRequest;
import com.google.cloud.compute.v1.InstanceGroupsListInstancesRequest;
import com.google.cloud.compute.v1.InstanceGroupsRemoveInstancesRequest;
import com.google.cloud.compute.v1.InstanceReference;
import com.google.cloud.compute.v1.InsertForwardingRuleRequest;
import com.google.cloud.compute.v1.InsertInstanceGroupRequest;
import com.google.cloud.compute.v1.InsertRegionBackendServiceRequest;
import com.google.cloud.compute.v1.InsertRegionHealthCheckRequest;
import com.google.cloud.compute.v1.ListInstancesInstanceGroupsRequest;
import com.google.cloud.compute.v1.ListRegionBackendServicesRequest;
import com.google.cloud.compute.v1.ListRegionHealthChecksRequest;
import com.google.cloud.compute.v1.PatchRegionBackendServiceRequest;
import com.google.cloud.compute.v1.RemoveInstancesInstanceGroupRequest;
import com.google.cloud.compute.v1.ResourceGroupReference;
import io.multicloud.api.ConflictException;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load balancers as GCP's current regional external passthrough load balancer: a regional
 * health check {@code <nlb>} running the checker, an unmanaged instance group {@code <nlb>} in
 * each zone the VMs are in, a regional backend service {@code <nlb>} (scheme EXTERNAL, the
 * listener's protocol, the health check, the groups as backends in CONNECTION mode) and a
 * forwarding rule {@code <nlb>} to it (protocol, port, address). VMs join and leave through
 * the groups; a VM of a new zone gets its zone's group, added as a backend. Health is the
 * backend service's per group. A create that fails half-way removes what it made.
 */
final class GcpBackendServiceNlbs implements GcpNlbForm {
    private static final Logger LOG = LoggerFactory.getLogger(GcpBackendServiceNlbs.class);
    private static final ResourceKind KIND = ResourceKind.NLB;
    private final GcpContext ctx;

    GcpBackendServiceNlbs(GcpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public boolean owns(ForwardingRule rule) {
        return !rule.getBackendService().isEmpty();
    }

    // ---- reading ----

    @Override
    public List<Nlb> records(List<ForwardingRule> rules, Map<String, String> storeItems) {
        if (rules.isEmpty()) {
            return List.of();
        }
        Map<String, BackendService> services = new HashMap<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().regionBackendServices.get().list(ListRegionBackendServicesRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).build()).iterateAll().forEach(s -> services.put(s.getSelfLink(), s)));
        Map<String, HealthCheck> checks = new HashMap<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().regionHealthChecks.get().list(ListRegionHealthChecksRequest.newBuilder()
                .setProject(ctx.project()).setRegion(ctx.region()).build()).iterateAll().forEach(h -> checks.put(h.getSelfLink(), h)));
        List<Nlb> out = new ArrayList<>();
        for (ForwardingRule rule : rules) {
            BackendService service = services.get(rule.getBackendService());
            if (isNlb(service)) {
                HealthCheck check = service.getHealthChecksCount() == 0 ? null : checks.get(service.getHealthChecks(0));
                out.add(toRecord(rule, service, check, storeItems));
            }
        }
        return out;
    }

    @Override
    public Optional<Nlb> record(ForwardingRule rule, Map<String, String> storeItems) {
        Optional<BackendService> service = service(rule);
        if (service.isEmpty() || !isNlb(service.get())) {
            return Optional.empty();
        }
        return Optional.of(toRecord(rule, service.get(), healthCheck(service.get()), storeItems));
    }

    /** An external passthrough balancer: scheme EXTERNAL with instance groups (an internal one, or one of network endpoint groups, is not an NLB). */
    private static boolean isNlb(BackendService service) {
        return service != null && "EXTERNAL".equals(service.getLoadBalancingScheme())
                && service.getBackendsList().stream().allMatch(b -> b.getGroup().contains("/instanceGroups/"));
    }

    private Optional<BackendService> service(ForwardingRule rule) {
        String name = GcpContext.last(rule.getBackendService());
        try {
            return Optional.of(ctx.errors().call(KIND, rule.getName(), () -> ctx.clients().regionBackendServices.get().get(
                    GetRegionBackendServiceRequest.newBuilder().setProject(ctx.project()).setRegion(regionOf(rule.getBackendService()))
                            .setBackendService(name).build())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private BackendService requireService(ForwardingRule rule) {
        return service(rule).orElseThrow(() -> new NotFoundException(ctx.error(KIND, rule.getName()),
                "the forwarding rule's backend service " + GcpContext.last(rule.getBackendService()) + " is gone"));
    }

    /** The backend service's (regional) health check, or null for none or a global one. */
    private HealthCheck healthCheck(BackendService service) {
        if (service.getHealthChecksCount() == 0 || !service.getHealthChecks(0).contains("/regions/")) {
            return null;
        }
        String link = service.getHealthChecks(0);
        try {
            return ctx.errors().call(KIND, service.getName(), () -> ctx.clients().regionHealthChecks.get().get(GetRegionHealthCheckRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(regionOf(link)).setHealthCheck(GcpContext.last(link)).build()));
        } catch (NotFoundException e) {
            return null;
        }
    }

    private Nlb toRecord(ForwardingRule rule, BackendService service, HealthCheck check, Map<String, String> storeItems) {
        Listener listener = GcpNlbForm.listener(rule);
        GcpNlbNotes notes = GcpNlbNotes.parse(service.getDescription());
        List<String> vms = members(service).keySet().stream().map(GcpContext::last).sorted().toList();
        HealthChecker checker = check == null ? null : GcpHealthChecks.toChecker(check);
        return new Nlb(rule.getName(), Long.toUnsignedString(rule.getId()), notes.vpc(), listener,
                new VmGroup(notes.vmProtocol() != null ? notes.vmProtocol() : listener.protocol(),
                        notes.vmPort() > 0 ? notes.vmPort() : listener.port(), vms),
                checker, GcpLabels.parse(storeItems.get(GcpProjectStore.tagsKey(KIND, rule.getName()))));
    }

    /** The members of every backend group: instance link → group link (one paged call per group). */
    private Map<String, String> members(BackendService service) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Backend backend : service.getBackendsList()) {
            String group = backend.getGroup();
            ctx.errors().run(KIND, service.getName(), () -> ctx.clients().instanceGroups.get().listInstances(ListInstancesInstanceGroupsRequest.newBuilder()
                    .setProject(ctx.project()).setZone(zoneOf(group)).setInstanceGroup(GcpContext.last(group))
                    .setInstanceGroupsListInstancesRequestResource(InstanceGroupsListInstancesRequest.newBuilder().setInstanceState("ALL"))
                    .build()).iterateAll().forEach(i -> out.put(i.getInstance(), group)));
        }
        return out;
    }

    /** The segment after {@code zones/} or {@code regions/} in a resource link. */
    private static String scope(String link, String collection) {
        String[] parts = link.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals(collection)) {
                return parts[i + 1];
            }
        }
        throw new IllegalArgumentException("no " + collection + " in " + link);
    }

    private static String zoneOf(String link) {
        return scope(link, "zones");
    }

    private static String regionOf(String link) {
        return scope(link, "regions");
    }

    // ---- creating ----

    /**
     * Creates the health check, the zones' groups with their VMs, the backend service and the
     * forwarding rule, in that order, each awaited; when a step fails, what was made is deleted
     * again, newest first, and the step's error is thrown.
     *
     * @param vms the request's VMs, looked up, all in the request's VPC
     */
    void create(NlbRequest request, String networkLink, List<Instance> vms) {
        String name = request.name();
        HealthCheck check = GcpHealthChecks.of(name, request.effectiveHealthChecker());
        GcpUndo undo = new GcpUndo();
        try {
            ctx.operations().await(KIND, name, () -> ctx.clients().regionHealthChecks.get().insertAsync(InsertRegionHealthCheckRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setHealthCheckResource(check).setRequestId(GcpOperations.requestId()).build()));
            undo.made("health check " + name, () -> deleteHealthCheck(name, ctx.regional(ctx.region(), "healthChecks", name)));
            List<Backend> backends = new ArrayList<>();
            for (Map.Entry<String, List<Instance>> zone : byZone(vms).entrySet()) {
                backends.add(Backend.newBuilder().setGroup(newGroup(name, zone.getKey(), networkLink, zone.getValue(), undo))
                        .setBalancingMode("CONNECTION").build());
            }
            GcpNlbNotes notes = new GcpNlbNotes(request.vpc(), request.vmGroup().protocol(), request.vmGroup().port());
            BackendService service = BackendService.newBuilder().setName(name).setLoadBalancingScheme("EXTERNAL")
                    .setProtocol(request.listener().protocol().name()).addHealthChecks(ctx.regional(ctx.region(), "healthChecks", name))
                    .addAllBackends(backends).setSessionAffinity("NONE").setDescription(notes.json()).build();
            ctx.operations().await(KIND, name, () -> ctx.clients().regionBackendServices.get().insertAsync(InsertRegionBackendServiceRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setBackendServiceResource(service).setRequestId(GcpOperations.requestId()).build()));
            undo.made("backend service " + name, () -> deleteService(name, ctx.regional(ctx.region(), "backendServices", name)));
            int port = request.listener().port();
            ForwardingRule rule = ForwardingRule.newBuilder().setName(name).setIPProtocol(request.listener().protocol().name())
                    .setPortRange(port + "-" + port).setBackendService(ctx.regional(ctx.region(), "backendServices", name))
                    .setLoadBalancingScheme("EXTERNAL").build();
            ctx.operations().await(KIND, name, () -> ctx.clients().forwardingRules.get().insertAsync(InsertForwardingRuleRequest.newBuilder()
                    .setProject(ctx.project()).setRegion(ctx.region()).setForwardingRuleResource(rule).setRequestId(GcpOperations.requestId()).build()));
        } catch (RuntimeException e) {
            throw undo.undo(e);
        }
    }

    /** Makes a zone's group {@code <nlb>} holding these VMs (recorded for undo) and returns its link. */
    private String newGroup(String name, String zone, String networkLink, List<Instance> vms, GcpUndo undo) {
        InstanceGroup group = InstanceGroup.newBuilder().setName(name).setNetwork(networkLink)
                .setDescription("the VMs of load balancer " + name + " in " + zone).build();
        ctx.operations().await(KIND, name, () -> ctx.clients().instanceGroups.get().insertAsync(InsertInstanceGroupRequest.newBuilder()
                .setProject(ctx.project()).setZone(zone).setInstanceGroupResource(group).setRequestId(GcpOperations.requestId()).build()));
        String link = ctx.zonal(zone, "instanceGroups", name);
        undo.made("instance group " + link, () -> deleteGroup(name, link));
        addToGroup(name, link, vms);
        return link;
    }

    private void addToGroup(String nlb, String group, List<Instance> vms) {
        InstanceGroupsAddInstancesRequest.Builder add = InstanceGroupsAddInstancesRequest.newBuilder();
        vms.forEach(i -> add.addInstances(InstanceReference.newBuilder().setInstance(i.getSelfLink())));
        ctx.operations().await(KIND, nlb, () -> ctx.clients().instanceGroups.get().addInstancesAsync(AddInstancesInstanceGroupRequest.newBuilder()
                .setProject(ctx.project()).setZone(zoneOf(group)).setInstanceGroup(GcpContext.last(group))
                .setInstanceGroupsAddInstancesRequestResource(add).setRequestId(GcpOperations.requestId()).build()));
    }

    private static Map<String, List<Instance>> byZone(List<Instance> vms) {
        Map<String, List<Instance>> out = new TreeMap<>();
        vms.forEach(i -> out.computeIfAbsent(GcpContext.last(i.getZone()), z -> new ArrayList<>()).add(i));
        return out;
    }

    // ---- changing ----

    @Override
    public void addVms(ForwardingRule rule, List<Instance> vms) {
        BackendService service = requireService(rule);
        Map<String, String> groupsByZone = new HashMap<>();
        service.getBackendsList().forEach(b -> groupsByZone.put(zoneOf(b.getGroup()), b.getGroup()));
        String network = vms.isEmpty() ? null : vms.get(0).getNetworkInterfaces(0).getNetwork();
        GcpUndo undo = new GcpUndo();
        List<Backend> added = new ArrayList<>();
        try {
            for (Map.Entry<String, List<Instance>> zone : byZone(vms).entrySet()) {
                String group = groupsByZone.get(zone.getKey());
                if (group != null) {
                    addToGroup(rule.getName(), group, zone.getValue());
                } else {
                    String name = service.getName();
                    added.add(Backend.newBuilder().setGroup(newGroup(name, zone.getKey(), network, zone.getValue(), undo))
                            .setBalancingMode("CONNECTION").build());
                }
            }
            if (!added.isEmpty()) {
                // the fingerprint makes GCE refuse the patch if the backends changed since they were read
                BackendService patch = BackendService.newBuilder().addAllBackends(service.getBackendsList()).addAllBackends(added)
                        .setFingerprint(service.getFingerprint()).build();
                ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().regionBackendServices.get().patchAsync(
                        PatchRegionBackendServiceRequest.newBuilder().setProject(ctx.project()).setRegion(regionOf(service.getSelfLink()))
                                .setBackendService(service.getName()).setBackendServiceResource(patch).setRequestId(GcpOperations.requestId()).build()));
            }
        } catch (RuntimeException e) {
            throw undo.undo(e);
        }
    }

    @Override
    public void removeVms(ForwardingRule rule, List<String> vms) {
        Map<String, String> members = members(requireService(rule));
        Map<String, List<String>> byGroup = new TreeMap<>();
        for (String vm : vms) {
            Map.Entry<String, String> member = members.entrySet().stream().filter(m -> GcpContext.last(m.getKey()).equals(vm)).findFirst()
                    .orElseThrow(() -> new NotFoundException(ctx.error(KIND, rule.getName()), "VM '" + vm + "' is not behind this load balancer"));
            byGroup.computeIfAbsent(member.getValue(), g -> new ArrayList<>()).add(member.getKey());
        }
        // an emptied group stays a backend: a VM of its zone joining later needs no new group
        byGroup.forEach((group, links) -> {
            InstanceGroupsRemoveInstancesRequest.Builder remove = InstanceGroupsRemoveInstancesRequest.newBuilder();
            links.forEach(l -> remove.addInstances(InstanceReference.newBuilder().setInstance(l)));
            ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().instanceGroups.get().removeInstancesAsync(
                    RemoveInstancesInstanceGroupRequest.newBuilder().setProject(ctx.project()).setZone(zoneOf(group))
                            .setInstanceGroup(GcpContext.last(group)).setInstanceGroupsRemoveInstancesRequestResource(remove)
                            .setRequestId(GcpOperations.requestId()).build()));
        });
    }

    /** Each group's health as the backend service reports it: a VM is healthy when every report of it is HEALTHY. */
    @Override
    public NlbHealth health(ForwardingRule rule) {
        BackendService service = requireService(rule);
        Map<String, Boolean> state = new TreeMap<>();
        for (Backend backend : service.getBackendsList()) {
            var health = ctx.errors().call(KIND, rule.getName(), () -> ctx.clients().regionBackendServices.get().getHealth(
                    GetHealthRegionBackendServiceRequest.newBuilder().setProject(ctx.project()).setRegion(regionOf(service.getSelfLink()))
                            .setBackendService(service.getName())
                            .setResourceGroupReferenceResource(ResourceGroupReference.newBuilder().setGroup(backend.getGroup())).build()));
            for (HealthStatus status : health.getHealthStatusList()) {
                state.merge(GcpContext.last(status.getInstance()), "HEALTHY".equals(status.getHealthState()), Boolean::logicalAnd);
            }
        }
        List<String> healthy = state.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        List<String> unhealthy = state.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        return new NlbHealth(healthy, unhealthy);
    }

    // ---- deleting ----

    /**
     * Deletes the forwarding rule, then its backend service, then the service's instance groups
     * and health check; a part GCE says another resource still uses is kept (and logged).
     */
    @Override
    public void delete(ForwardingRule rule) {
        BackendService service = requireService(rule);
        ctx.operations().await(KIND, rule.getName(), () -> ctx.clients().forwardingRules.get().deleteAsync(DeleteForwardingRuleRequest.newBuilder()
                .setProject(ctx.project()).setRegion(regionOf(rule.getSelfLink())).setForwardingRule(rule.getName())
                .setRequestId(GcpOperations.requestId()).build()));
        if (!keptInUse(() -> deleteService(rule.getName(), service.getSelfLink()))) {
            return;
        }
        service.getBackendsList().forEach(b -> keptInUse(() -> deleteGroup(rule.getName(), b.getGroup())));
        service.getHealthChecksList().stream().filter(l -> l.contains("/regions/"))
                .forEach(l -> keptInUse(() -> deleteHealthCheck(rule.getName(), l)));
    }

    /** Runs a deletion; a Conflict (the part is in use) keeps the part and answers false. */
    static boolean keptInUse(Runnable deletion) {
        try {
            deletion.run();
            return true;
        } catch (ConflictException e) {
            LOG.warn("kept a part of a load balancer that another resource uses: {}", e.getMessage());
            return false;
        }
    }

    private void deleteService(String nlb, String link) {
        ctx.operations().await(KIND, nlb, () -> ctx.clients().regionBackendServices.get().deleteAsync(DeleteRegionBackendServiceRequest.newBuilder()
                .setProject(ctx.project()).setRegion(regionOf(link)).setBackendService(GcpContext.last(link))
                .setRequestId(GcpOperations.requestId()).build()));
    }

    private void deleteGroup(String nlb, String link) {
        ctx.operations().await(KIND, nlb, () -> ctx.clients().instanceGroups.get().deleteAsync(DeleteInstanceGroupRequest.newBuilder()
                .setProject(ctx.project()).setZone(zoneOf(link)).setInstanceGroup(GcpContext.last(link))
                .setRequestId(GcpOperations.requestId()).build()));
    }

    private void deleteHealthCheck(String nlb, String link) {
        ctx.operations().await(KIND, nlb, () -> ctx.clients().regionHealthChecks.get().deleteAsync(DeleteRegionHealthCheckRequest.newBuilder()
                .setProject(ctx.project()).setRegion(regionOf(link)).setHealthCheck(GcpContext.last(link))
                .setRequestId(GcpOperations.requestId()).build()));
    }
}
