package io.multicloud.driver.openstack;

import io.multicloud.api.Cidr;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.VpcService;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.api.Builders;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VPCs as Neutron networks: the project's own and the shared and external (provider) networks it
 * may use, each named by its own name when valid, else by its id ({@link OpenStackNames});
 * subnets as their Neutron subnets, named likewise. Neutron networks
 * have no address block of their own: the VPC's block is kept in the network's
 * {@code multicloud:cidr} tag (core checks that subnets fit in it), and a subnet's zone in its
 * {@code multicloud:zone} tag (Neutron subnets have none; VMs in the subnet default to it).
 * Neutron refuses to delete a network or subnet that still has ports of servers (409 in use),
 * which is the ConflictException the common model asks for; deleting a network deletes its
 * subnets. A create that fails half-way deletes the network it made.
 */
final class OpenStackNetworks implements VpcService {
    private static final Logger LOG = LoggerFactory.getLogger(OpenStackNetworks.class);
    private static final ResourceKind KIND = ResourceKind.VPC;
    static final String CIDR_TAG = "multicloud:cidr";
    static final String ZONE_TAG = "multicloud:zone";

    private final OpenStackContext ctx;
    private final OpenStackLookups lookups;
    private final NeutronTags tags;

    OpenStackNetworks(OpenStackContext ctx) {
        this.ctx = ctx;
        this.lookups = new OpenStackLookups(ctx);
        this.tags = new NeutronTags(ctx);
    }

    @Override
    public List<Vpc> list() {
        List<Network> networks = lookups.networks();
        List<org.openstack4j.model.network.Subnet> subnets = lookups.subnets(Map.of());
        return networks.stream().map(n -> toRecord(n, subnets)).sorted(Comparator.comparing(Vpc::name)).toList();
    }

    @Override
    public Optional<Vpc> find(String name) {
        return lookups.network(name).map(n -> toRecord(n, lookups.subnets(n.getId())));
    }

    @Override
    public Vpc create(VpcRequest request) {
        String name = request.name();
        if (lookups.network(name).isPresent()) {
            throw ctx.errors().taken(KIND, name);
        }
        Network network = ctx.errors().call(KIND, name, () -> ctx.client().networking().network()
                .create(Builders.network().name(name).adminStateUp(true).build()));
        try {
            tags.tagNew(Resource.NETWORK, network.getId(), KIND, name, request.tags(), Map.of(CIDR_TAG, request.cidr()));
            for (SubnetRequest subnet : request.subnets()) {
                createSubnet(network, subnet);
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: creating VPC {} failed; deleting its network {}", ctx.config().name(), name, network.getId());
            deleteQuietly(network, name, e);
            throw e;
        }
        return find(name).orElseThrow(() -> ctx.errors().notFound(KIND, name));
    }

    @Override
    public void delete(String name) {
        Network network = lookups.requireNetwork(name);
        ctx.errors().check(ctx.errors().call(KIND, name, () -> ctx.client().networking().network().delete(network.getId())),
                KIND, name);
    }

    @Override
    public Vpc addSubnet(String vpc, SubnetRequest subnet) {
        Network network = lookups.requireNetwork(vpc);
        if (lookups.subnets(network.getId()).stream().anyMatch(s -> subnet.name().equals(OpenStackNames.of(s.getName(), s.getId())))) {
            throw ctx.errors().taken(ResourceKind.SUBNET, subnet.name());
        }
        createSubnet(network, subnet);
        return find(vpc).orElseThrow(() -> ctx.errors().notFound(KIND, vpc));
    }

    @Override
    public Vpc removeSubnet(String vpc, String subnet) {
        Network network = lookups.requireNetwork(vpc);
        org.openstack4j.model.network.Subnet found = lookups.requireSubnet(network, subnet);
        ctx.errors().check(ctx.errors().call(ResourceKind.SUBNET, subnet,
                () -> ctx.client().networking().subnet().delete(found.getId())), ResourceKind.SUBNET, subnet);
        return find(vpc).orElseThrow(() -> ctx.errors().notFound(KIND, vpc));
    }

    private void createSubnet(Network network, SubnetRequest request) {
        Cidr cidr = Cidr.parse(request.cidr());
        org.openstack4j.model.network.Subnet created = ctx.errors().call(ResourceKind.SUBNET, request.name(),
                () -> ctx.client().networking().subnet().create(Builders.subnet().name(request.name())
                        .networkId(network.getId()).ipVersion(IPVersionType.V4).cidr(cidr.toString())
                        .enableDHCP(true).build()));
        Map<String, String> own = new HashMap<>();
        if (request.zone() != null) {
            own.put(ZONE_TAG, request.zone());
        }
        tags.tagNew(Resource.SUBNET, created.getId(), ResourceKind.SUBNET, request.name(), request.tags(), own);
    }

    private Vpc toRecord(Network network, List<org.openstack4j.model.network.Subnet> subnets) {
        String name = OpenStackNames.of(network.getName(), network.getId());
        Map<String, String> networkTags = tags.readAll(Resource.NETWORK, network.getId(), KIND, name);
        List<org.openstack4j.model.network.Subnet> mine = subnets.stream().filter(s -> network.getId().equals(s.getNetworkId())).toList();
        List<Subnet> own = mine.stream().map(this::toRecord).sorted(Comparator.comparing(Subnet::name)).toList();
        // A Neutron network has no block of its own: one made elsewhere shows none (null).
        return new Vpc(name, network.getId(), networkTags.get(CIDR_TAG), own, userTags(networkTags));
    }

    private Subnet toRecord(org.openstack4j.model.network.Subnet subnet) {
        String name = OpenStackNames.of(subnet.getName(), subnet.getId());
        Map<String, String> subnetTags = tags.readAll(Resource.SUBNET, subnet.getId(), ResourceKind.SUBNET, name);
        return new Subnet(name, subnet.getId(), subnet.getCidr(), subnetTags.get(ZONE_TAG), userTags(subnetTags));
    }

    private static Map<String, String> userTags(Map<String, String> all) {
        Map<String, String> user = new HashMap<>(all);
        user.keySet().removeIf(TagStrings::isOwn);
        return user;
    }

    private void deleteQuietly(Network network, String name, RuntimeException cause) {
        try {
            ctx.errors().check(ctx.client().networking().network().delete(network.getId()), KIND, name);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
