package io.multicloud.driver.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.cloud.compute.v1.DeleteFirewallRequest;
import com.google.cloud.compute.v1.DeleteNetworkRequest;
import com.google.cloud.compute.v1.DeleteSubnetworkRequest;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.GetNetworkRequest;
import com.google.cloud.compute.v1.InsertNetworkRequest;
import com.google.cloud.compute.v1.InsertSubnetworkRequest;
import com.google.cloud.compute.v1.ListFirewallsRequest;
import com.google.cloud.compute.v1.ListNetworksRequest;
import com.google.cloud.compute.v1.ListSubnetworksRequest;
import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkRoutingConfig;
import com.google.cloud.compute.v1.Subnetwork;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.VpcService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VPCs as custom-mode networks (global, regional routing) and subnets as the subnetworks of the
 * connection's region. A VPC's address block, which GCP networks lack, is kept in the network's
 * description ({@code {"multicloud":{"cidr":...}}}); tags live in the project store, as a
 * network's description cannot change. Delete removes the network's subnetworks (a subnetwork
 * an instance uses refuses: ConflictException, and the VPC stays), its firewall rules, then the
 * network. {@code list} costs the networks' and subnetworks' pages and one look at the project.
 */
final class GcpNetworks implements VpcService {
    private static final ResourceKind KIND = ResourceKind.VPC;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GcpContext ctx;
    private final GcpProjectStore store;

    GcpNetworks(GcpContext ctx) {
        this.ctx = ctx;
        this.store = new GcpProjectStore(ctx);
    }

    @Override
    public List<Vpc> list() {
        List<Network> networks = new ArrayList<>();
        ctx.errors().run(KIND, null, () -> ctx.clients().networks.get().list(ListNetworksRequest.newBuilder()
                .setProject(ctx.project()).build()).iterateAll().forEach(networks::add));
        return records(networks, subnetworks(null));
    }

    @Override
    public Optional<Vpc> find(String nameOrId) {
        Optional<Network> network = network(nameOrId);
        return network.map(n -> records(List.of(n), subnetworks(n.getSelfLink())).getFirst());
    }

    /** The network of this name or id. */
    Optional<Network> network(String nameOrId) {
        try {
            if (nameOrId.matches("\\d+")) {
                List<Network> found = new ArrayList<>();
                ctx.errors().run(KIND, nameOrId, () -> ctx.clients().networks.get().list(ListNetworksRequest.newBuilder()
                        .setProject(ctx.project()).setFilter("id = \"" + nameOrId + "\"").build()).iterateAll().forEach(found::add));
                return found.stream().findFirst();
            }
            if (!nameOrId.matches("[a-z]([-a-z0-9]{0,61}[a-z0-9])?")) {
                return Optional.empty();
            }
            return Optional.of(ctx.errors().call(KIND, nameOrId, () -> ctx.clients().networks.get()
                    .get(GetNetworkRequest.newBuilder().setProject(ctx.project()).setNetwork(nameOrId).build())));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    Network requireNetwork(String name) {
        return network(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no network of this name"));
    }

    /** The subnetworks of the connection's region, of one network (by self link) or all. */
    List<Subnetwork> subnetworks(String networkLink) {
        List<Subnetwork> out = new ArrayList<>();
        ListSubnetworksRequest.Builder request = ListSubnetworksRequest.newBuilder().setProject(ctx.project()).setRegion(ctx.region());
        if (networkLink != null) {
            request.setFilter("network = \"" + networkLink + "\"");
        }
        ctx.errors().run(ResourceKind.SUBNET, null, () -> ctx.clients().subnetworks.get().list(request.build()).iterateAll().forEach(out::add));
        return out;
    }

    private List<Vpc> records(List<Network> networks, List<Subnetwork> subnetworks) {
        Map<String, String> items = store.items();
        Map<String, List<Subnet>> byNetwork = new HashMap<>();
        for (Subnetwork s : subnetworks) {
            byNetwork.computeIfAbsent(GcpContext.last(s.getNetwork()), k -> new ArrayList<>()).add(new Subnet(s.getName(),
                    Long.toUnsignedString(s.getId()), s.getIpCidrRange(), null,
                    GcpLabels.parse(items.get(GcpProjectStore.tagsKey(ResourceKind.SUBNET, ctx.region() + "-" + s.getName())))));
        }
        return networks.stream().map(n -> new Vpc(n.getName(), Long.toUnsignedString(n.getId()), cidr(n),
                        byNetwork.getOrDefault(n.getName(), List.of()).stream().sorted(Comparator.comparing(Subnet::name)).toList(),
                        GcpLabels.parse(items.get(GcpProjectStore.tagsKey(KIND, n.getName())))))
                .sorted(Comparator.comparing(Vpc::name)).toList();
    }

    /** The block kept in the description, or null (a network the library did not make). */
    private static String cidr(Network n) {
        try {
            JsonNode d = JSON.readTree(n.getDescription());
            return d.path("multicloud").path("cidr").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public Vpc create(VpcRequest request) {
        String name = request.name();
        ObjectNode description = JSON.createObjectNode();
        description.putObject("multicloud").put("cidr", request.cidr());
        Network network = Network.newBuilder().setName(name).setAutoCreateSubnetworks(false).setDescription(description.toString())
                .setRoutingConfig(NetworkRoutingConfig.newBuilder().setRoutingMode("REGIONAL")).build();
        ctx.operations().await(KIND, name, () -> ctx.clients().networks.get().insertAsync(InsertNetworkRequest.newBuilder()
                .setProject(ctx.project()).setNetworkResource(network).setRequestId(GcpOperations.requestId()).build()));
        if (!request.tags().isEmpty()) {
            store.update(KIND, name, items -> {
                items.put(GcpProjectStore.tagsKey(KIND, name), GcpLabels.json(request.tags()));
                return items;
            });
        }
        for (SubnetRequest s : request.subnets()) {
            insertSubnet(name, s);
        }
        return get(name);
    }

    private Vpc get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the network is gone"));
    }

    private void insertSubnet(String network, SubnetRequest s) {
        Subnetwork subnetwork = Subnetwork.newBuilder().setName(s.name()).setIpCidrRange(s.cidr())
                .setNetwork(ctx.global("networks", network)).build();
        ctx.operations().await(ResourceKind.SUBNET, s.name(), () -> ctx.clients().subnetworks.get().insertAsync(
                InsertSubnetworkRequest.newBuilder().setProject(ctx.project()).setRegion(ctx.region())
                        .setSubnetworkResource(subnetwork).setRequestId(GcpOperations.requestId()).build()));
        if (!s.tags().isEmpty()) {
            store.update(ResourceKind.SUBNET, s.name(), items -> {
                items.put(GcpProjectStore.tagsKey(ResourceKind.SUBNET, ctx.region() + "-" + s.name()), GcpLabels.json(s.tags()));
                return items;
            });
        }
    }

    @Override
    public void delete(String name) {
        Network network = requireNetwork(name);
        for (String link : network.getSubnetworksList()) {
            String[] parts = link.split("/");
            String region = parts[parts.length - 3];
            String subnet = parts[parts.length - 1];
            deleteSubnetwork(region, subnet);
        }
        List<Firewall> rules = new ArrayList<>();
        ctx.errors().run(ResourceKind.SECURITY_GROUP, null, () -> ctx.clients().firewalls.get().list(ListFirewallsRequest.newBuilder()
                .setProject(ctx.project()).setFilter("network = \"" + network.getSelfLink() + "\"").build()).iterateAll().forEach(rules::add));
        for (Firewall f : rules) {
            ctx.operations().await(ResourceKind.SECURITY_GROUP, f.getName(), () -> ctx.clients().firewalls.get().deleteAsync(
                    DeleteFirewallRequest.newBuilder().setProject(ctx.project()).setFirewall(f.getName())
                            .setRequestId(GcpOperations.requestId()).build()));
        }
        ctx.operations().await(KIND, name, () -> ctx.clients().networks.get().deleteAsync(DeleteNetworkRequest.newBuilder()
                .setProject(ctx.project()).setNetwork(name).setRequestId(GcpOperations.requestId()).build()));
        String key = GcpProjectStore.tagsKey(KIND, name);
        if (store.items().containsKey(key)) {
            store.update(KIND, name, items -> {
                items.remove(key);
                return items;
            });
        }
    }

    private void deleteSubnetwork(String region, String subnet) {
        ctx.operations().await(ResourceKind.SUBNET, subnet, () -> ctx.clients().subnetworks.get().deleteAsync(
                DeleteSubnetworkRequest.newBuilder().setProject(ctx.project()).setRegion(region).setSubnetwork(subnet)
                        .setRequestId(GcpOperations.requestId()).build()));
        String key = GcpProjectStore.tagsKey(ResourceKind.SUBNET, region + "-" + subnet);
        if (store.items().containsKey(key)) {
            store.update(ResourceKind.SUBNET, subnet, items -> {
                items.remove(key);
                return items;
            });
        }
    }

    @Override
    public Vpc addSubnet(String vpc, SubnetRequest subnet) {
        requireNetwork(vpc);
        insertSubnet(vpc, subnet);
        return get(vpc);
    }

    @Override
    public Vpc removeSubnet(String vpc, String subnet) {
        Vpc current = find(vpc).orElseThrow(() -> new NotFoundException(ctx.error(KIND, vpc), "no network of this name"));
        if (current.subnet(subnet).isEmpty()) {
            throw new NotFoundException(ErrorContext.of(ctx.config().name(), ResourceKind.SUBNET, subnet),
                    "VPC '" + vpc + "' has no subnet of this name in " + ctx.region());
        }
        deleteSubnetwork(ctx.region(), subnet);
        return get(vpc);
    }
}
