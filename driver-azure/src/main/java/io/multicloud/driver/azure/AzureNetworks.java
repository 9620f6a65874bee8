package io.multicloud.driver.azure;

import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.VpcService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VPCs as virtual networks, subnets as their subnets (made with the network in one PUT). A
 * subnet that holds NICs cannot be removed, nor its network deleted: Azure answers
 * {@code InUseSubnetCannotBeDeleted}, a conflict. Azure subnets span the region's zones, so
 * they show no zone.
 */
final class AzureNetworks implements VpcService {
    private static final ResourceKind KIND = ResourceKind.VPC;
    static final String TYPE = "Microsoft.Network/virtualNetworks";
    private final AzureContext ctx;

    AzureNetworks(AzureContext ctx) {
        this.ctx = ctx;
    }

    private com.azure.resourcemanager.network.fluent.NetworkManagementClient net() {
        return ctx.clients().network();
    }

    @Override
    public List<Vpc> list() {
        List<Vpc> all = new ArrayList<>();
        ctx.errors().call(KIND, null, () -> {
            net().getVirtualNetworks().list().forEach(v -> all.add(toRecord(v)));
            return all;
        });
        all.sort(Comparator.comparing(Vpc::name));
        return List.copyOf(all);
    }

    @Override
    public Optional<Vpc> find(String nameOrId) {
        return raw(nameOrId).map(AzureNetworks::toRecord);
    }

    Optional<VirtualNetworkInner> raw(String nameOrId) {
        return ctx.lookup().find(KIND, TYPE, nameOrId, (group, name) -> net().getVirtualNetworks().getByResourceGroup(group, name));
    }

    VirtualNetworkInner require(String nameOrId) {
        return raw(nameOrId).orElseThrow(() -> ctx.notFound(KIND, nameOrId));
    }

    @Override
    public Vpc create(VpcRequest request) {
        String name = request.name();
        if (ctx.lookup().inOwnGroup(KIND, name, (group, n) -> net().getVirtualNetworks().getByResourceGroup(group, n)).isPresent()) {
            throw new AlreadyExistsException(ctx.context(KIND, name), "a virtual network of this name exists in " + ctx.resourceGroup());
        }
        ctx.ensureResourceGroup();
        List<SubnetInner> subnets = request.subnets().stream()
                .map(s -> new SubnetInner().withName(s.name()).withAddressPrefix(s.cidr())).toList();
        VirtualNetworkInner body = new VirtualNetworkInner().withLocation(ctx.region())
                .withTags(AzureTagNames.forAzure(request.tags(), Map.of()))
                .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of(request.cidr())))
                .withSubnets(subnets);
        return toRecord(ctx.await(KIND, name, () -> net().getVirtualNetworks().beginCreateOrUpdate(ctx.resourceGroup(), name, body)));
    }

    @Override
    public void delete(String nameOrId) {
        VirtualNetworkInner network = require(nameOrId);
        ctx.await(KIND, network.name(), () -> net().getVirtualNetworks().beginDelete(AzureIds.group(network.id()), network.name()));
    }

    @Override
    public Vpc addSubnet(String vpc, SubnetRequest subnet) {
        VirtualNetworkInner network = require(vpc);
        SubnetInner body = new SubnetInner().withAddressPrefix(subnet.cidr());
        ctx.await(ResourceKind.SUBNET, subnet.name(),
                () -> net().getSubnets().beginCreateOrUpdate(AzureIds.group(network.id()), network.name(), subnet.name(), body));
        return get(network.id());
    }

    @Override
    public Vpc removeSubnet(String vpc, String subnet) {
        VirtualNetworkInner network = require(vpc);
        boolean present = network.subnets() != null && network.subnets().stream().anyMatch(s -> subnet.equals(s.name()));
        if (!present) {
            throw ctx.notFound(ResourceKind.SUBNET, subnet);
        }
        ctx.await(ResourceKind.SUBNET, subnet, () -> net().getSubnets().beginDelete(AzureIds.group(network.id()), network.name(), subnet));
        return get(network.id());
    }

    private Vpc get(String name) {
        return find(name).orElseThrow(() -> ctx.notFound(KIND, name));
    }

    static Vpc toRecord(VirtualNetworkInner v) {
        List<String> prefixes = v.addressSpace() == null || v.addressSpace().addressPrefixes() == null ? List.of()
                : v.addressSpace().addressPrefixes();
        List<Subnet> subnets = v.subnets() == null ? List.of() : v.subnets().stream()
                .map(s -> new Subnet(AzureIds.shown(s.name(), s.id()), s.id(), cidr(s), null, Map.of())).toList();
        return new Vpc(AzureIds.shown(v.name(), v.id()), v.id(), prefixes.isEmpty() ? null : prefixes.getFirst(), subnets,
                AzureTagNames.user(v.tags()));
    }

    private static String cidr(SubnetInner s) {
        if (s.addressPrefix() != null) {
            return s.addressPrefix();
        }
        return s.addressPrefixes() == null || s.addressPrefixes().isEmpty() ? null : s.addressPrefixes().getFirst();
    }
}
