package io.multicloud.driver.openstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.driver.openstack.FakeOpenStack.Request;
import io.multicloud.driver.openstack.FakeOpenStack.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Nova (servers, flavors, server actions) and Neutron (networks, subnets, ports, security
 * groups) serving fixed answers in the shapes of the Compute v2.1 and Networking v2.0 API
 * references, for what the local OpenStack does not produce: shelved servers, a server still in
 * BUILD, addresses on provider and external networks, a server's port another project owns, a
 * security group entry without a name, networks of other projects (an admin's view). Every
 * listing pages as the real services do: {@code limit} (capped at {@link #MAX_LIMIT}, the
 * services' {@code max_limit} here) and {@code marker}, filters by exact value (Nova's name by
 * regular expression). Server actions are recorded.
 */
final class FakeNovaNeutron {
    /** The largest page these services give (small, so that every listing pages). */
    static final int MAX_LIMIT = 2;
    static final String OTHER_PROJECT = "fedcba9876543210fedcba9876543210";
    private static final Pattern SERVER = Pattern.compile("/v2\\.1/servers(?:/([^/]+))?(?:/(action))?");
    private static final Pattern NEUTRON = Pattern.compile("/v2\\.0/(networks|subnets|ports|security-groups)");
    private static final Pattern TAGS = Pattern.compile("/v2\\.0/(networks|subnets|security-groups)/[^/]+/tags");

    private final Map<String, List<JsonNode>> neutron;
    private final List<JsonNode> servers;
    private final List<JsonNode> flavors;
    private final List<String> actions = new CopyOnWriteArrayList<>();

    FakeNovaNeutron(Map<String, String> neutronLists, String servers, String flavors) {
        java.util.LinkedHashMap<String, List<JsonNode>> lists = new java.util.LinkedHashMap<>();
        neutronLists.forEach((k, v) -> lists.put(k, items(v)));
        this.neutron = lists;
        this.servers = items(servers);
        this.flavors = items(flavors);
    }

    /** Registers Nova as {@code compute} under {@code /compute/v2.1} and Neutron as {@code network} under {@code /network}. */
    FakeNovaNeutron serveOn(FakeOpenStack openStack) {
        openStack.serve("compute", "compute", "/compute/v2.1", this::nova).serve("network", "network", "/network", this::neutron);
        return this;
    }

    /** Every server action asked for, as {@code <server id> <body>}. */
    List<String> actions() {
        return List.copyOf(actions);
    }

    private Response nova(Request request) {
        if (request.path().equals("/v2.1/flavors/detail")) {
            return Response.ok(list("flavors", flavors, request.query(), false));
        }
        Matcher m = SERVER.matcher(request.path());
        if (!m.matches()) {
            return Response.error(404, "itemNotFound", "The resource could not be found.");
        }
        String id = m.group(1);
        if (id == null || "detail".equals(id)) {
            return Response.ok(list("servers", servers, request.query(), true));
        }
        JsonNode server = servers.stream().filter(s -> id.equals(s.path("id").asText())).findFirst().orElse(null);
        if (server == null) {
            return Response.error(404, "itemNotFound", "Instance " + id + " could not be found.");
        }
        if (m.group(2) != null && "POST".equals(request.method())) {
            actions.add(id + " " + request.body());
            return Response.status(202);
        }
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        body.set("server", server);
        return Response.ok(body);
    }

    private Response neutron(Request request) {
        if (TAGS.matcher(request.path()).matches() && "GET".equals(request.method())) {
            ObjectNode tags = FakeOpenStack.JSON.createObjectNode();
            tags.putArray("tags");
            return Response.ok(tags);
        }
        Matcher m = NEUTRON.matcher(request.path());
        if (!m.matches() || !"GET".equals(request.method())) {
            return Response.error(404, "NotFound", "The resource could not be found.");
        }
        String kind = m.group(1);
        String key = kind.replace('-', '_');
        return Response.ok(list(key, neutron.getOrDefault(kind, List.of()), request.query(), false));
    }

    /** One page of a listing: exact filters, then the items after the marker, at most min(limit, MAX_LIMIT). */
    private static ObjectNode list(String key, List<JsonNode> all, Map<String, String> query, boolean nameIsRegex) {
        List<JsonNode> matching = new ArrayList<>();
        for (JsonNode item : all) {
            boolean keep = true;
            for (Map.Entry<String, String> filter : query.entrySet()) {
                String field = filter.getKey();
                if (field.equals("limit") || field.equals("marker")) {
                    continue;
                }
                String actual = item.path(field).asText(null);
                keep &= nameIsRegex && field.equals("name") ? actual != null && Pattern.compile(filter.getValue()).matcher(actual).find()
                        : filter.getValue().equals(actual);
            }
            if (keep) {
                matching.add(item);
            }
        }
        int from = 0;
        if (query.containsKey("marker")) {
            for (int i = 0; i < matching.size(); i++) {
                if (query.get("marker").equals(matching.get(i).path("id").asText())) {
                    from = i + 1;
                }
            }
        }
        int limit = Math.min(query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : MAX_LIMIT, MAX_LIMIT);
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        ArrayNode page = body.putArray(key);
        matching.subList(from, Math.min(matching.size(), from + limit)).forEach(page::add);
        return body;
    }

    private static List<JsonNode> items(String json) {
        try {
            List<JsonNode> out = new ArrayList<>();
            FakeOpenStack.JSON.readTree(json).forEach(out::add);
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad fixture: " + e.getMessage(), e);
        }
    }
}
