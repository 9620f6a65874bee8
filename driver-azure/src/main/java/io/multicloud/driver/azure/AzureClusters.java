package io.multicloud.driver.azure;

import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.AgentPoolMode;
import com.azure.resourcemanager.containerservice.models.AgentPoolType;
import com.azure.resourcemanager.containerservice.models.ContainerServiceNetworkProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterAgentPoolProfile;
import com.azure.resourcemanager.containerservice.models.ManagedClusterIdentity;
import com.azure.resourcemanager.containerservice.models.NetworkPlugin;
import com.azure.resourcemanager.containerservice.models.OSType;
import com.azure.resourcemanager.containerservice.models.ResourceIdentityType;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.NodeGroup;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.spi.ClusterService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes clusters as AKS managed clusters, node groups as their agent pools (VM scale sets).
 * A cluster gets a system-assigned identity, Azure CNI in the request's first subnet (every pool
 * goes there), and the requested Kubernetes version (else AKS's default). AKS needs one system
 * pool: the request's first node group becomes it, and a cluster asked for without node groups
 * gets a one-node system pool {@code system} of the size in the property {@code aks_system_vm_size}
 * (default {@code Standard_D2s_v5}); the other groups are user pools, autoscaled between their
 * minimum and maximum when those differ. The VPC and subnets asked for are kept in tags.
 * Status: Creating → CREATING, Succeeded → ACTIVE, Updating/Scaling/Upgrading → UPDATING,
 * Deleting → DELETING, Failed → FAILED. The endpoint is the API server's FQDN.
 */
final class AzureClusters implements ClusterService {
    private static final ResourceKind KIND = ResourceKind.CLUSTER;
    static final String TYPE = "Microsoft.ContainerService/managedClusters";
    static final String VPC_TAG = AzureTagNames.OWN + "vpc";
    static final String SUBNETS_TAG = AzureTagNames.OWN + "subnets";
    static final String SYSTEM_SIZE = "aks_system_vm_size";

    private final AzureContext ctx;
    private final AzureNetworks networks;

    AzureClusters(AzureContext ctx, AzureNetworks networks) {
        this.ctx = ctx;
        this.networks = networks;
    }

    private ContainerServiceManagementClient aks() {
        return ctx.clients().containers();
    }

    @Override
    public List<Cluster> list() {
        List<Cluster> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            aks().getManagedClusters().list().forEach(c -> all.add(toRecord(c)));
            return all;
        });
        all.sort(Comparator.comparing(Cluster::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<Cluster> find(String nameOrId) {
        return raw(nameOrId).map(AzureClusters::toRecord);
    }

    private Optional<ManagedClusterInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> aks().getManagedClusters().getByResourceGroup(group, name));
    }

    private ManagedClusterInner require(String nameOrId) {
        return raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
    }

    @Override
    public Cluster create(ClusterRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> aks().getManagedClusters().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "an AKS cluster of this name exists in " + ctx.resourceGroup());
        }
        var vnet = networks.require(request.vpc());
        String subnet = request.subnets().getFirst();
        String subnetId = vnet.subnets() == null ? null : vnet.subnets().stream().filter(s -> subnet.equals(s.name()))
                .map(s -> s.id()).findFirst().orElse(null);
        if (subnetId == null) {
            throw new NotFoundException(ErrorContext.of(ctx.config().name(), ResourceKind.SUBNET, subnet),
                    "virtual network '" + vnet.name() + "' has no subnet of this name");
        }
        List<ManagedClusterAgentPoolProfile> pools = new ArrayList<>();
        if (request.nodeGroups().isEmpty()) {
            pools.add(new ManagedClusterAgentPoolProfile().withName("system").withCount(1).withMode(AgentPoolMode.SYSTEM)
                    .withVmSize(ctx.config().property(SYSTEM_SIZE).orElse("Standard_D2s_v5")).withOsType(OSType.LINUX)
                    .withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS).withVnetSubnetId(subnetId));
        }
        for (NodeGroupRequest group : request.nodeGroups()) {
            pools.add(profile(group, subnetId, pools.isEmpty() ? AgentPoolMode.SYSTEM : AgentPoolMode.USER));
        }
        Map<String, String> own = new LinkedHashMap<>();
        own.put(VPC_TAG, vnet.name());
        own.put(SUBNETS_TAG, String.join(",", request.subnets()));
        ManagedClusterInner body = new ManagedClusterInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), own)).withDnsPrefix(name)
                .withIdentity(new ManagedClusterIdentity().withType(ResourceIdentityType.SYSTEM_ASSIGNED))
                .withAgentPoolProfiles(pools).withEnableRbac(true)
                .withNetworkProfile(new ContainerServiceNetworkProfile().withNetworkPlugin(NetworkPlugin.AZURE));
        if (request.version() != null) {
            body.withKubernetesVersion(request.version());
        }
        ctx.ensureResourceGroup();
        ctx.start(KIND, name, () -> aks().getManagedClusters().beginCreateOrUpdate(ctx.resourceGroup(), name, body));
        return find(name).orElseThrow(() -> ctx.notFound(KIND, name));
    }

    private static ManagedClusterAgentPoolProfile profile(NodeGroupRequest group, String subnetId, AgentPoolMode mode) {
        ManagedClusterAgentPoolProfile p = new ManagedClusterAgentPoolProfile().withName(group.name()).withCount(group.desiredSize())
                .withVmSize(group.spec()).withMode(mode).withOsType(OSType.LINUX).withType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS)
                .withVnetSubnetId(subnetId);
        if (group.minSize() != group.maxSize()) {
            p.withEnableAutoScaling(true).withMinCount(group.minSize()).withMaxCount(group.maxSize());
        }
        if (group.rootDiskGB() > 0) {
            p.withOsDiskSizeGB(group.rootDiskGB());
        }
        return p;
    }

    @Override
    public void delete(String nameOrId) {
        ManagedClusterInner c = require(nameOrId);
        ctx.start(KIND, c.name(), () -> aks().getManagedClusters().beginDelete(AzureIds.group(c.id()), c.name()));
    }

    @Override
    public Cluster addNodeGroup(String cluster, NodeGroupRequest group) {
        ManagedClusterInner c = require(cluster);
        if (c.agentPoolProfiles() != null && c.agentPoolProfiles().stream().anyMatch(p -> group.name().equals(p.name()))) {
            throw new AlreadyExistsException(ctx.context(ResourceKind.NODE_GROUP, group.name()), "the cluster has an agent pool of this name");
        }
        String subnetId = c.agentPoolProfiles() == null ? null : c.agentPoolProfiles().stream().map(ManagedClusterAgentPoolProfile::vnetSubnetId)
                .filter(s -> s != null).findFirst().orElse(null);
        putPool(c, group, subnetId);
        return find(c.id()).orElseThrow(() -> ctx.notFound(KIND, cluster));
    }

    @Override
    public Cluster removeNodeGroup(String cluster, String nodeGroup) {
        ManagedClusterInner c = require(cluster);
        ctx.start(ResourceKind.NODE_GROUP, nodeGroup, () -> aks().getAgentPools().beginDelete(AzureIds.group(c.id()), c.name(), nodeGroup));
        return find(c.id()).orElseThrow(() -> ctx.notFound(KIND, cluster));
    }

    @Override
    public Cluster scaleNodeGroup(String cluster, String nodeGroup, int minSize, int maxSize, int desiredSize) {
        ManagedClusterInner c = require(cluster);
        ManagedClusterAgentPoolProfile current = c.agentPoolProfiles() == null ? null : c.agentPoolProfiles().stream()
                .filter(p -> nodeGroup.equals(p.name())).findFirst().orElse(null);
        if (current == null) {
            throw ctx.notFound(ResourceKind.NODE_GROUP, nodeGroup);
        }
        NodeGroupRequest scaled = NodeGroupRequest.of(nodeGroup, current.vmSize(), desiredSize).sizes(minSize, maxSize, desiredSize);
        AgentPoolInner body = pool(scaled, current.vnetSubnetId(), current.mode() == null ? AgentPoolMode.USER : current.mode());
        ctx.start(ResourceKind.NODE_GROUP, nodeGroup, () -> aks().getAgentPools().beginCreateOrUpdate(AzureIds.group(c.id()), c.name(), nodeGroup, body));
        return find(c.id()).orElseThrow(() -> ctx.notFound(KIND, cluster));
    }

    private void putPool(ManagedClusterInner cluster, NodeGroupRequest group, String subnetId) {
        AgentPoolInner body = pool(group, subnetId, AgentPoolMode.USER);
        ctx.start(ResourceKind.NODE_GROUP, group.name(),
                () -> aks().getAgentPools().beginCreateOrUpdate(AzureIds.group(cluster.id()), cluster.name(), group.name(), body));
    }

    private static AgentPoolInner pool(NodeGroupRequest group, String subnetId, AgentPoolMode mode) {
        AgentPoolInner p = new AgentPoolInner().withCount(group.desiredSize()).withVmSize(group.spec()).withMode(mode)
                .withOsType(OSType.LINUX).withTypePropertiesType(AgentPoolType.VIRTUAL_MACHINE_SCALE_SETS).withVnetSubnetId(subnetId);
        boolean autoscale = group.minSize() != group.maxSize();
        p.withEnableAutoScaling(autoscale);
        if (autoscale) {
            p.withMinCount(group.minSize()).withMaxCount(group.maxSize());
        }
        if (group.rootDiskGB() > 0) {
            p.withOsDiskSizeGB(group.rootDiskGB());
        }
        return p;
    }

    static ClusterStatus status(String provisioningState) {
        String s = provisioningState == null ? "" : provisioningState.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "succeeded" -> ClusterStatus.ACTIVE;
            case "creating" -> ClusterStatus.CREATING;
            case "deleting" -> ClusterStatus.DELETING;
            case "failed", "canceled" -> ClusterStatus.FAILED;
            default -> ClusterStatus.UPDATING;
        };
    }

    static Cluster toRecord(ManagedClusterInner c) {
        List<NodeGroup> groups = c.agentPoolProfiles() == null ? List.of() : c.agentPoolProfiles().stream().map(p -> {
            int count = p.count() == null ? 0 : p.count();
            boolean autoscale = Boolean.TRUE.equals(p.enableAutoScaling());
            int min = autoscale && p.minCount() != null ? p.minCount() : count;
            int max = autoscale && p.maxCount() != null ? p.maxCount() : Math.max(count, 1);
            return new NodeGroup(p.name(), c.id() + "/agentPools/" + p.name(), p.vmSize(), p.osSku() == null ? null : p.osSku().toString(),
                    min, max, count, status(p.provisioningState()), null, p.osDiskSizeGB() == null ? 0 : p.osDiskSizeGB());
        }).toList();
        String subnets = AzureTagNames.own(c.tags(), SUBNETS_TAG);
        return new Cluster(AzureIds.shown(c.name(), c.id()), c.id(),
                c.currentKubernetesVersion() != null ? c.currentKubernetesVersion() : c.kubernetesVersion(),
                AzureTagNames.own(c.tags(), VPC_TAG), subnets == null || subnets.isEmpty() ? List.of() : Arrays.asList(subnets.split(",")),
                List.of(), status(c.provisioningState()), c.fqdn() == null ? null : "https://" + c.fqdn() + ":443", groups,
                AzureTagNames.user(c.tags()));
    }
}
