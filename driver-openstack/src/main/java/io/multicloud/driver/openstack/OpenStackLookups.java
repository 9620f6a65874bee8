package io.multicloud.driver.openstack;

import io.multicloud.api.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.SecurityGroup;
import org.openstack4j.model.network.Subnet;

/**
 * Finds this project's resources by the user's name. OpenStack lets names repeat; this driver
 * refuses a taken name on create, so a name finds at most one resource it made. Listings keep
 * to the connection's project: a shared network of another project is not the user's VPC.
 */
final class OpenStackLookups {
    private final OpenStackContext ctx;

    OpenStackLookups(OpenStackContext ctx) {
        this.ctx = ctx;
    }

    /** The server with this name, detailed. Nova's name filter is a regular expression. */
    Optional<Server> server(String name) {
        List<? extends Server> found = ctx.errors().call(ResourceKind.VM, name,
                () -> ctx.client().compute().servers().list(Map.of("name", "^" + name + "$")));
        return found.stream().filter(s -> name.equals(s.getName())).findFirst().map(s -> (Server) s);
    }

    /** The server with this name, or NotFound. */
    Server requireServer(String name) {
        return server(name).orElseThrow(() -> ctx.errors().notFound(ResourceKind.VM, name));
    }

    /** The project's network with this name. */
    Optional<Network> network(String name) {
        List<? extends Network> found = ctx.errors().call(ResourceKind.VPC, name,
                () -> ctx.client().networking().network().list(Map.of("name", name, "project_id", ctx.projectId())));
        return found.stream().filter(n -> name.equals(n.getName())).findFirst().map(n -> (Network) n);
    }

    /** The project's network with this name, or NotFound. */
    Network requireNetwork(String name) {
        return network(name).orElseThrow(() -> ctx.errors().notFound(ResourceKind.VPC, name));
    }

    /** The subnets of a network. */
    List<Subnet> subnets(String networkId) {
        List<? extends Subnet> all = ctx.errors().call(ResourceKind.SUBNET, null,
                () -> ctx.client().networking().subnet().list());
        return all.stream().filter(s -> networkId.equals(s.getNetworkId())).map(s -> (Subnet) s).toList();
    }

    /** The subnet of this name in a network, or NotFound. */
    Subnet requireSubnet(Network network, String name) {
        return subnets(network.getId()).stream().filter(s -> name.equals(s.getName())).findFirst()
                .orElseThrow(() -> ctx.errors().notFound(ResourceKind.SUBNET, name));
    }

    /** The project's security group with this name. */
    Optional<SecurityGroup> securityGroup(String name) {
        List<? extends SecurityGroup> found = ctx.errors().call(ResourceKind.SECURITY_GROUP, name,
                () -> ctx.client().networking().securitygroup().list(Map.of("name", name, "project_id", ctx.projectId())));
        return found.stream().filter(g -> name.equals(g.getName())).findFirst().map(g -> (SecurityGroup) g);
    }

    /** The project's security group with this name, or NotFound. */
    SecurityGroup requireSecurityGroup(String name) {
        return securityGroup(name).orElseThrow(() -> ctx.errors().notFound(ResourceKind.SECURITY_GROUP, name));
    }
}
