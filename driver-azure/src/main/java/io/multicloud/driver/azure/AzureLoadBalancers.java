package io.multicloud.driver.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.network.fluent.models.BackendAddressPoolInner;
import com.azure.resourcemanager.network.fluent.models.FrontendIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerHealthPerRuleInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancerInner;
import com.azure.resourcemanager.network.fluent.models.LoadBalancingRuleInner;
import com.azure.resourcemanager.network.fluent.models.ProbeInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.LoadBalancerBackendAddress;
import com.azure.resourcemanager.network.models.LoadBalancerSku;
import com.azure.resourcemanager.network.models.LoadBalancerSkuName;
import com.azure.resourcemanager.network.models.ProbeProtocol;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.TransportProtocol;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmGroup;
import io.multicloud.spi.NlbService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * NLBs as Standard load balancers: a static Standard public IP ({@code <nlb>-ip}) as the frontend,
 * one backend pool ({@code backend}) whose members are the VMs' private addresses in the VPC
 * (an IP-based pool, each address named after its VM), a probe ({@code probe}: TCP on the health
 * checker's port, its interval and threshold) and one load-balancing rule ({@code rule}: the
 * listener's port to the VM group's port). Adding and removing VMs is a PUT of the pool. Health:
 * what the rule's probe sees, from Azure's per-rule health ({@code loadBalancingRules/{rule}/health}):
 * a member is healthy when Azure reports its address Up. Deleting the NLB deletes the public IP
 * the driver made for it.
 */
final class AzureLoadBalancers implements NlbService {
    private static final ResourceKind KIND = ResourceKind.NLB;
    static final String TYPE = "Microsoft.Network/loadBalancers";
    private static final String FRONTEND = "frontend";
    private static final String POOL = "backend";
    private static final String PROBE = "probe";
    private static final String RULE = "rule";
    static final String VPC_TAG = AzureTagNames.OWN + "vpc";

    private final AzureContext ctx;
    private final AzureNetworks networks;
    private final AzureVms vms;

    AzureLoadBalancers(AzureContext ctx, AzureNetworks networks, AzureVms vms) {
        this.ctx = ctx;
        this.networks = networks;
        this.vms = vms;
    }

    private NetworkManagementClient net() {
        return ctx.clients().network();
    }

    @Override
    public List<Nlb> list() {
        List<LoadBalancerInner> raw = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            net().getLoadBalancers().list().forEach(raw::add);
            return raw;
        });
        if (raw.isEmpty()) {
            return List.of();
        }
        Map<String, String> ips = new LinkedHashMap<>();
        ctx.errors().call(KIND, null, () -> {
            net().getPublicIpAddresses().list().forEach(p -> ips.put(p.id().toLowerCase(java.util.Locale.ROOT), p.ipAddress()));
            return ips;
        });
        return raw.stream().map(lb -> toRecord(lb, ips)).sorted(Comparator.comparing(Nlb::name)).toList();
    }

    @Override
    public Optional<Nlb> find(String nameOrId) {
        return raw(nameOrId).map(lb -> toRecord(lb, frontendAddress(lb)));
    }

    private Optional<LoadBalancerInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> net().getLoadBalancers().getByResourceGroup(group, name));
    }

    private LoadBalancerInner require(String nameOrId) {
        return raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
    }

    @Override
    public Nlb create(NlbRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> net().getLoadBalancers().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "a load balancer of this name exists in " + ctx.resourceGroup());
        }
        var vnet = networks.require(request.vpc());
        List<LoadBalancerBackendAddress> members = members(vnet.id(), request.vmGroup().vms());
        ctx.ensureResourceGroup();
        PublicIpAddressInner ip = ctx.await(KIND, name, () -> net().getPublicIpAddresses().beginCreateOrUpdate(ctx.resourceGroup(),
                name + "-ip", new PublicIpAddressInner().withLocation(ctx.region())
                        .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                        .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)));
        String id = AzureIds.id(ctx, "Microsoft.Network/loadBalancers", name);
        HealthChecker checker = request.effectiveHealthChecker();
        LoadBalancerInner body = new LoadBalancerInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), Map.of(VPC_TAG, vnet.name())))
                .withSku(new LoadBalancerSku().withName(LoadBalancerSkuName.STANDARD))
                .withFrontendIpConfigurations(List.of(new FrontendIpConfigurationInner().withName(FRONTEND)
                        .withPublicIpAddress(new PublicIpAddressInner().withId(ip.id()))))
                .withBackendAddressPools(List.of(new BackendAddressPoolInner().withName(POOL)))
                .withProbes(List.of(new ProbeInner().withName(PROBE).withProtocol(ProbeProtocol.TCP).withPort(checker.port())
                        .withIntervalInSeconds((int) Math.max(5, checker.interval().toSeconds())).withNumberOfProbes(checker.threshold())
                        .withProbeThreshold(checker.threshold())))
                .withLoadBalancingRules(List.of(new LoadBalancingRuleInner().withName(RULE)
                        .withFrontendIpConfiguration(new SubResource().withId(id + "/frontendIPConfigurations/" + FRONTEND))
                        .withBackendAddressPool(new SubResource().withId(id + "/backendAddressPools/" + POOL))
                        .withProbe(new SubResource().withId(id + "/probes/" + PROBE))
                        .withProtocol(transport(request.listener().protocol())).withFrontendPort(request.listener().port())
                        .withBackendPort(request.vmGroup().port()).withIdleTimeoutInMinutes(4).withEnableFloatingIp(false)));
        LoadBalancerInner made = ctx.await(KIND, name, () -> net().getLoadBalancers().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        putPool(made, members);
        return find(name).orElseThrow(() -> ctx.notFound(KIND, name));
    }

    @Override
    public void delete(String nameOrId) {
        LoadBalancerInner lb = require(nameOrId);
        String group = AzureIds.group(lb.id());
        ctx.await(KIND, lb.name(), () -> net().getLoadBalancers().beginDelete(group, lb.name()));
        for (FrontendIpConfigurationInner f : lb.frontendIpConfigurations() == null ? List.<FrontendIpConfigurationInner>of()
                : lb.frontendIpConfigurations()) {
            String ipId = f.publicIpAddress() == null ? null : f.publicIpAddress().id();
            // only the address the driver made for it (<nlb>-ip, beside it); another one is not the NLB's to delete
            if (ipId != null && group.equalsIgnoreCase(AzureIds.group(ipId)) && (lb.name() + "-ip").equalsIgnoreCase(AzureIds.last(ipId))) {
                ctx.await(KIND, lb.name(), () -> net().getPublicIpAddresses().beginDelete(group, AzureIds.last(ipId)));
            }
        }
    }

    @Override
    public Nlb addVms(String nlb, List<String> names) {
        LoadBalancerInner lb = require(nlb);
        List<LoadBalancerBackendAddress> members = new ArrayList<>(currentMembers(lb));
        String vnetId = vnetId(lb);
        for (LoadBalancerBackendAddress add : members(vnetId, names)) {
            if (members.stream().noneMatch(m -> m.name().equals(add.name()))) {
                members.add(add);
            }
        }
        putPool(lb, members);
        return find(lb.id()).orElseThrow(() -> ctx.notFound(KIND, nlb));
    }

    @Override
    public Nlb removeVms(String nlb, List<String> names) {
        LoadBalancerInner lb = require(nlb);
        List<LoadBalancerBackendAddress> members = new ArrayList<>(currentMembers(lb));
        members.removeIf(m -> names.contains(m.name()));
        putPool(lb, members);
        return find(lb.id()).orElseThrow(() -> ctx.notFound(KIND, nlb));
    }

    /**
     * The health the rule's probe sees, from Azure's {@code loadBalancingRules/{rule}/health}
     * (one long-running POST): each pool member is healthy when Azure reports its address Up,
     * unhealthy otherwise (Down, or not reported).
     */
    @Override
    public NlbHealth health(String nlb) {
        LoadBalancerInner lb = require(nlb);
        List<LoadBalancerBackendAddress> members = currentMembers(lb);
        Optional<String> rule = lb.loadBalancingRules() == null ? Optional.empty()
                : lb.loadBalancingRules().stream().map(LoadBalancingRuleInner::name).findFirst();
        if (rule.isEmpty() || members.isEmpty()) {
            return new NlbHealth(List.of(), members.stream().map(LoadBalancerBackendAddress::name).toList());
        }
        LoadBalancerHealthPerRuleInner seen = ctx.await(KIND, lb.name(), () -> net().getLoadBalancerLoadBalancingRules()
                .beginHealth(AzureIds.group(lb.id()), lb.name(), rule.get()));
        Map<String, String> stateByIp = new LinkedHashMap<>();
        if (seen != null && seen.loadBalancerBackendAddresses() != null) {
            seen.loadBalancerBackendAddresses().forEach(a -> stateByIp.put(a.ipAddress(), a.state()));
        }
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (LoadBalancerBackendAddress m : members) {
            ("Up".equalsIgnoreCase(stateByIp.get(m.ipAddress())) ? healthy : unhealthy).add(m.name());
        }
        return new NlbHealth(healthy, unhealthy);
    }

    private void putPool(LoadBalancerInner lb, List<LoadBalancerBackendAddress> members) {
        BackendAddressPoolInner pool = new BackendAddressPoolInner().withName(POOL).withLoadBalancerBackendAddresses(members);
        ctx.await(KIND, lb.name(), () -> net().getLoadBalancerBackendAddressPools().beginCreateOrUpdate(AzureIds.group(lb.id()), lb.name(),
                POOL, pool));
    }

    /** The pool members of VMs: each VM's private address in the VPC, named after the VM. */
    private List<LoadBalancerBackendAddress> members(String vnetId, List<String> names) {
        List<LoadBalancerBackendAddress> out = new ArrayList<>();
        for (String vmName : names) {
            Vm vm = vms.find(vmName).orElseThrow(() -> ctx.notFound(ResourceKind.VM, vmName));
            if (vm.privateIp() == null) {
                throw new InvalidRequestException(ctx.context(KIND, vmName), "vm", "VM '" + vmName + "' has no private address yet");
            }
            out.add(new LoadBalancerBackendAddress().withName(vm.name()).withIpAddress(vm.privateIp())
                    .withVirtualNetwork(new SubResource().withId(vnetId)));
        }
        return out;
    }

    private static List<LoadBalancerBackendAddress> currentMembers(LoadBalancerInner lb) {
        return pool(lb).map(p -> p.loadBalancerBackendAddresses() == null ? List.<LoadBalancerBackendAddress>of()
                : p.loadBalancerBackendAddresses()).orElse(List.of());
    }

    private static Optional<BackendAddressPoolInner> pool(LoadBalancerInner lb) {
        return lb.backendAddressPools() == null ? Optional.empty()
                : lb.backendAddressPools().stream().filter(p -> POOL.equals(p.name())).findFirst();
    }

    /** The network of the pool: that of its members, else the one the NLB was made for (kept in a tag). */
    private String vnetId(LoadBalancerInner lb) {
        Optional<String> ofMembers = currentMembers(lb).stream().map(LoadBalancerBackendAddress::virtualNetwork)
                .filter(v -> v != null && v.id() != null).map(SubResource::id).findFirst();
        if (ofMembers.isPresent()) {
            return ofMembers.get();
        }
        String vpc = AzureTagNames.own(lb.tags(), VPC_TAG);
        return vpc == null ? null : networks.require(vpc).id();
    }

    private Map<String, String> frontendAddress(LoadBalancerInner lb) {
        Map<String, String> ips = new LinkedHashMap<>();
        if (lb.frontendIpConfigurations() != null) {
            for (FrontendIpConfigurationInner f : lb.frontendIpConfigurations()) {
                String ipId = f.publicIpAddress() == null ? null : f.publicIpAddress().id();
                if (ipId != null && AzureIds.group(ipId) != null) {
                    String ipName = AzureIds.last(ipId);
                    ctx.find(KIND, ipName, () -> net().getPublicIpAddresses().getByResourceGroup(AzureIds.group(ipId), ipName))
                            .ifPresent(p -> ips.put(p.id().toLowerCase(java.util.Locale.ROOT), p.ipAddress()));
                }
            }
        }
        return ips;
    }

    private static TransportProtocol transport(Protocol protocol) {
        return protocol == Protocol.UDP ? TransportProtocol.UDP : TransportProtocol.TCP;
    }

    private static Protocol protocol(TransportProtocol transport) {
        return transport == TransportProtocol.UDP ? Protocol.UDP : Protocol.TCP;
    }

    private Nlb toRecord(LoadBalancerInner lb, Map<String, String> ips) {
        Optional<LoadBalancingRuleInner> rule = lb.loadBalancingRules() == null ? Optional.empty()
                : lb.loadBalancingRules().stream().findFirst();
        String address = lb.frontendIpConfigurations() == null ? null : lb.frontendIpConfigurations().stream()
                .filter(f -> f.publicIpAddress() != null).map(f -> ips.get(f.publicIpAddress().id().toLowerCase(java.util.Locale.ROOT)))
                .filter(a -> a != null).findFirst().orElse(null);
        Listener listener = rule.map(r -> new Listener(protocol(r.protocol()), r.frontendPort(), address)).orElse(null);
        List<String> members = currentMembers(lb).stream().map(LoadBalancerBackendAddress::name).toList();
        VmGroup group = rule.map(r -> new VmGroup(protocol(r.protocol()), r.backendPort(), members)).orElse(null);
        Optional<ProbeInner> probe = lb.probes() == null ? Optional.empty() : lb.probes().stream().findFirst();
        HealthChecker checker = probe.map(p -> new HealthChecker(Protocol.TCP, p.port(),
                Duration.ofSeconds(p.intervalInSeconds() == null ? 15 : p.intervalInSeconds()), null,
                Math.max(1, Math.min(10, p.numberOfProbes() == null ? 2 : p.numberOfProbes())))).orElse(null);
        return new Nlb(AzureIds.shown(lb.name(), lb.id()), lb.id(), AzureTagNames.own(lb.tags(), VPC_TAG), listener, group, checker,
                AzureTagNames.user(lb.tags()));
    }
}
