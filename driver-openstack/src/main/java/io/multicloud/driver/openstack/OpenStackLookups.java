package io.multicloud.driver.openstack;

import io.multicloud.api.ResourceKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.Subnet;

/**
 * Finds what the project holds by name ({@link OpenStackNames}) or cloud id, and lists it to the
 * end ({@link Pages}). OpenStack lets names repeat; this driver refuses a taken name on create,
 * so a name finds at most one resource it made (of several made elsewhere, the first). Listings
 * keep to the connection's project (an admin's listing would otherwise hold every project's),
 * except networks: the shared and external networks the project may use are listed beside its
 * own, as a VM may be booted on a provider network.
 */
final class OpenStackLookups {
    private final OpenStackContext ctx;

    OpenStackLookups(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    // --- servers ---------------------------------------------------------------------------

    /** Every server of the project, detailed. */
    List<Server> servers() {
        return Pages.<Server>all(ctx.pageSize(), Map.of(), params -> ctx.errors().call(ResourceKind.VM, null,
                () -> ctx.client().compute().servers().list(params)), Server::getId);
    }

    /** The server of this name (Nova's name filter is a regular expression), else of this id. */
    Optional<Server> server(String nameOrId) {
        if (OpenStackNames.valid(nameOrId)) {
            List<? extends Server> found = ctx.errors().call(ResourceKind.VM, nameOrId,
                    () -> ctx.client().compute().servers().list(Map.of("name", "^" + nameOrId + "$")));
            Optional<Server> named = found.stream().filter(s -> nameOrId.equals(s.getName())).findFirst().map(s -> (Server) s);
            if (named.isPresent()) {
                return named;
            }
        }
        // Nova answers 404 for an unknown id (null here); only an id that is not a name is asked for.
        return looksLikeId(nameOrId) ? Optional.ofNullable(ctx.errors().call(ResourceKind.VM, nameOrId,
                () -> ctx.client().compute().servers().get(nameOrId))) : Optional.empty();
    }

    /** The server of this name or id, or NotFound. */
    Server requireServer(String nameOrId) {
        return server(nameOrId).orElseThrow(() -> ctx.errors().notFound(ResourceKind.VM, nameOrId));
    }

    // --- networks and subnets --------------------------------------------------------------

    /**
     * The networks the project may use: its own, then the shared and external ones. One listing
     * (what Neutron shows the user), kept to those: an admin's listing holds every project's.
     */
    List<Network> networks() {
        List<Network> all = Pages.<Network>all(ctx.pageSize(), Map.of(), params -> ctx.errors().call(ResourceKind.VPC, null,
                () -> ctx.client().networking().network().list(params)), Network::getId);
        return all.stream().filter(this::usable)
                .sorted(java.util.Comparator.comparing((Network n) -> !ctx.projectId().equals(n.getTenantId()))).toList();
    }

    private boolean usable(Network n) {
        return ctx.projectId().equals(n.getTenantId()) || n.isShared() || n.isRouterExternal();
    }

    /**
     * The network of this name or id among those the project may use (its own first). A look-up
     * by name or id matches a few networks: one call, no paging.
     */
    Optional<Network> network(String nameOrId) {
        if (OpenStackNames.valid(nameOrId)) {
            Optional<Network> named = ctx.errors().call(ResourceKind.VPC, nameOrId, () -> ctx.client().networking().network()
                            .list(Map.of("name", nameOrId))).stream().map(n -> (Network) n)
                    .filter(n -> nameOrId.equals(n.getName()) && usable(n))
                    .min(java.util.Comparator.comparing((Network n) -> !ctx.projectId().equals(n.getTenantId())));
            if (named.isPresent()) {
                return named;
            }
        }
        return looksLikeId(nameOrId) ? ctx.errors().call(ResourceKind.VPC, nameOrId, () -> ctx.client().networking().network()
                .list(Map.of("id", nameOrId))).stream().map(n -> (Network) n).filter(this::usable).findFirst() : Optional.empty();
    }

    /** The network of this name or id, or NotFound. */
    Network requireNetwork(String nameOrId) {
        return network(nameOrId).orElseThrow(() -> ctx.errors().notFound(ResourceKind.VPC, nameOrId));
    }

    /** Every subnet the project sees matching these filters (such as {@code network_id}). */
    List<Subnet> subnets(Map<String, String> filters) {
        return Pages.<Subnet>all(ctx.pageSize(), filters, params -> ctx.errors().call(ResourceKind.SUBNET, null, () -> {
            ctx.client();
            return new NeutronSubnets().list(params);
        }), Subnet::getId);
    }

    /** The subnets of a network. */
    List<Subnet> subnets(String networkId) {
        return subnets(Map.of("network_id", networkId));
    }

    /** The subnet of this name or id in a network, or NotFound. */
    Subnet requireSubnet(Network network, String nameOrId) {
        List<Subnet> all = subnets(network.getId());
        return all.stream().filter(s -> nameOrId.equals(OpenStackNames.of(s.getName(), s.getId()))).findFirst()
                .or(() -> all.stream().filter(s -> nameOrId.equals(s.getId())).findFirst())
                .orElseThrow(() -> ctx.errors().notFound(ResourceKind.SUBNET, nameOrId));
    }

    // --- security groups -------------------------------------------------------------------

    /** The project's security groups, its {@code default} group included. */
    List<SecurityGroup> securityGroups() {
        return securityGroups(Map.of());
    }

    private List<SecurityGroup> securityGroups(Map<String, String> filters) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("project_id", ctx.projectId());
        return Pages.<SecurityGroup>all(ctx.pageSize(), query, params -> ctx.errors().call(ResourceKind.SECURITY_GROUP, null,
                () -> ctx.client().networking().securitygroup().list(params)), SecurityGroup::getId);
    }

    /** The project's security group of this name or id (one call each: a look-up matches a few). */
    Optional<SecurityGroup> securityGroup(String nameOrId) {
        if (OpenStackNames.valid(nameOrId)) {
            Optional<SecurityGroup> named = securityGroupsOnce(Map.of("name", nameOrId)).stream()
                    .filter(g -> nameOrId.equals(g.getName())).findFirst();
            if (named.isPresent()) {
                return named;
            }
        }
        return looksLikeId(nameOrId) ? securityGroupsOnce(Map.of("id", nameOrId)).stream().findFirst() : Optional.empty();
    }

    private List<SecurityGroup> securityGroupsOnce(Map<String, String> filters) {
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("project_id", ctx.projectId());
        return ctx.errors().call(ResourceKind.SECURITY_GROUP, null, () -> ctx.client().networking().securitygroup().list(query))
                .stream().map(g -> (SecurityGroup) g).toList();
    }

    /** The project's security group of this name or id, or NotFound. */
    SecurityGroup requireSecurityGroup(String nameOrId) {
        return securityGroup(nameOrId).orElseThrow(() -> ctx.errors().notFound(ResourceKind.SECURITY_GROUP, nameOrId));
    }

    /** Whether a text may be an OpenStack id (a UUID, with or without dashes). */
    static boolean looksLikeId(String text) {
        return text != null && text.matches("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    }

    /** Names by id, for records that refer to other resources. */
    static <T> Map<String, String> namesById(List<T> items, java.util.function.Function<T, String> id,
                                             java.util.function.Function<T, String> name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (T item : items) {
            out.put(id.apply(item), OpenStackNames.of(name.apply(item), id.apply(item)));
        }
        return out;
    }
}
