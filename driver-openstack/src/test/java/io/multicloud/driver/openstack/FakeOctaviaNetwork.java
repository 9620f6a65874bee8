package io.multicloud.driver.openstack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.driver.openstack.FakeOpenStack.Request;
import io.multicloud.driver.openstack.FakeOpenStack.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * The little of Neutron and Nova that load balancers read, for {@link FakeOctavia}'s tests:
 * networks and subnets (Neutron v2.0, served under {@code /network}, openstack4j appends
 * {@code /v2.0}) and servers with their fixed addresses (Nova, endpoint {@code /compute/v2.1}).
 * Read only: tests set the world up with {@link #network} and {@link #server}.
 */
final class FakeOctaviaNetwork {
    /** A subnet: Octavia places VIPs on it. */
    record SubnetRow(String id, String name, String networkId, String cidr) {
    }

    private record NetworkRow(String id, String name) {
    }

    private record ServerRow(String id, String name, String network, String address) {
    }

    private final Map<String, NetworkRow> networks = new ConcurrentHashMap<>();
    private final List<SubnetRow> subnets = new CopyOnWriteArrayList<>();
    private final List<ServerRow> servers = new CopyOnWriteArrayList<>();

    /** Adds a network of the fake project with one subnet; returns the subnet. */
    SubnetRow network(String name, String subnet, String cidr) {
        String id = "net-" + name;
        networks.put(id, new NetworkRow(id, name));
        SubnetRow row = new SubnetRow("subnet-" + subnet, subnet, id, cidr);
        subnets.add(row);
        return row;
    }

    /** Adds a running server with a fixed address on a network (by the network's name). */
    void server(String name, String network, String address) {
        servers.add(new ServerRow("srv-" + name, name, network, address));
    }

    /** The subnet with this id. */
    Optional<SubnetRow> subnet(String id) {
        return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Neutron: {@code GET /v2.0/networks[?name=&project_id=]}, {@code /v2.0/networks/{id}}, {@code /v2.0/subnets}. */
    Response neutron(Request request) {
        if (!"GET".equals(request.method())) {
            return Response.error(405, "NeutronError", "not in this fake");
        }
        String path = request.path();
        if (path.equals("/v2.0/networks")) {
            ObjectNode body = FakeOpenStack.JSON.createObjectNode();
            var list = body.putArray("networks");
            networks.values().stream()
                    .filter(n -> !request.query().containsKey("name") || n.name().equals(request.query().get("name")))
                    .filter(n -> !request.query().containsKey("project_id")
                            || FakeOpenStack.PROJECT_ID.equals(request.query().get("project_id")))
                    .forEach(n -> list.add(network(n)));
            return Response.ok(body);
        }
        if (path.startsWith("/v2.0/networks/")) {
            NetworkRow n = networks.get(path.substring("/v2.0/networks/".length()));
            if (n == null) {
                return Response.error(404, "NeutronError", "Network could not be found.");
            }
            ObjectNode body = FakeOpenStack.JSON.createObjectNode();
            body.set("network", network(n));
            return Response.ok(body);
        }
        if (path.equals("/v2.0/subnets")) {
            ObjectNode body = FakeOpenStack.JSON.createObjectNode();
            var list = body.putArray("subnets");
            for (SubnetRow s : subnets) {
                list.addObject().put("id", s.id()).put("name", s.name()).put("network_id", s.networkId())
                        .put("cidr", s.cidr()).put("ip_version", 4).put("enable_dhcp", true)
                        .put("tenant_id", FakeOpenStack.PROJECT_ID).put("project_id", FakeOpenStack.PROJECT_ID);
            }
            return Response.ok(body);
        }
        return Response.error(404, "NeutronError", "The resource could not be found.");
    }

    /** Nova: {@code GET /servers/detail[?name=<regex>]}. */
    Response nova(Request request) {
        if (!"GET".equals(request.method()) || !request.path().equals("/v2.1/servers/detail")) {
            return Response.error(404, "itemNotFound", "The resource could not be found.");
        }
        Pattern name = Pattern.compile(request.query().getOrDefault("name", ""));
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        var list = body.putArray("servers");
        for (ServerRow s : servers) {
            if (!name.matcher(s.name()).find()) {
                continue;
            }
            ObjectNode server = list.addObject().put("id", s.id()).put("name", s.name()).put("status", "ACTIVE")
                    .put("tenant_id", FakeOpenStack.PROJECT_ID).put("user_id", "u-demo");
            server.putObject("flavor").put("id", "1");
            server.putObject("image").put("id", "img-1");
            server.putObject("metadata");
            server.putObject("addresses").putArray(s.network()).addObject().put("addr", s.address()).put("version", 4)
                    .put("OS-EXT-IPS:type", "fixed").put("OS-EXT-IPS-MAC:mac_addr", "fa:16:3e:00:00:01");
        }
        return Response.ok(body);
    }

    private ObjectNode network(NetworkRow n) {
        ObjectNode node = FakeOpenStack.JSON.createObjectNode().put("id", n.id()).put("name", n.name())
                .put("status", "ACTIVE").put("admin_state_up", true).put("shared", false)
                .put("tenant_id", FakeOpenStack.PROJECT_ID).put("project_id", FakeOpenStack.PROJECT_ID);
        var ids = node.putArray("subnets");
        subnets.stream().filter(s -> s.networkId().equals(n.id())).forEach(s -> ids.add(s.id()));
        return node;
    }
}
