package io.multicloud.driver.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.driver.openstack.FakeOpenStack.Request;
import io.multicloud.driver.openstack.FakeOpenStack.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of the Octavia v2 API ({@code /v2/lbaas/...}, also under {@code /v2.0}, which is
 * what openstack4j sends): load balancers, listeners, pools, members and health monitors, in the
 * API reference's wire format — objects wrapped as {@code {"loadbalancer": {...}}}, lists as
 * {@code {"loadbalancers": [...]}}, 201 on create, 204 on delete, errors as
 * {@code {"faultcode", "faultstring", "debuginfo"}}.
 *
 * <p>Like Octavia, it is asynchronous: a create or change puts the load balancer in PENDING_CREATE
 * or PENDING_UPDATE for {@code settle} (a few ms), during which any other change is refused with
 * 409 "immutable"; a delete puts it in PENDING_DELETE, still listed, until it is gone with its
 * children. Deleting a load balancer that has children needs {@code ?cascade=true} (else 400, as
 * Octavia answers). VIPs come from the subnet named by {@code vip_subnet_id}, which must exist in
 * {@link FakeOctaviaNetwork}. Members report operating status ONLINE when their pool has a health
 * monitor (NO_MONITOR otherwise) unless a test says otherwise with {@link #setMemberStatus}.
 */
final class FakeOctavia {
    private static final Pattern PATH = Pattern.compile("^/v2(?:\\.0)?/lbaas/(loadbalancers|listeners|pools|healthmonitors)"
            + "(?:/([^/]+))?(?:/(members)(?:/([^/]+))?)?$");
    private static final Set<String> LB_PROTOCOLS = Set.of("TCP", "UDP", "HTTP", "HTTPS", "TERMINATED_HTTPS", "SCTP", "PROXY");

    private final FakeOctaviaNetwork network;
    private final Duration settle;
    private final Map<String, ObjectNode> lbs = new LinkedHashMap<>();
    private final Map<String, Long> pendingUntil = new LinkedHashMap<>();
    private final Map<String, ObjectNode> listeners = new LinkedHashMap<>();
    private final Map<String, ObjectNode> pools = new LinkedHashMap<>();
    private final Map<String, ObjectNode> members = new LinkedHashMap<>();
    private final Map<String, ObjectNode> monitors = new LinkedHashMap<>();
    private final Map<String, String> memberStatus = new LinkedHashMap<>();
    private final Map<String, String> refusedMembers = new LinkedHashMap<>();
    private final AtomicInteger vips = new AtomicInteger(100);
    private final Set<String> endInError = new java.util.HashSet<>();
    private boolean errorNext;

    FakeOctavia(FakeOctaviaNetwork network, Duration settle) {
        this.network = network;
        this.settle = settle;
    }

    /** Members at this address report this operating status (ONLINE, ERROR, OFFLINE, ...). */
    synchronized void setMemberStatus(String address, String status) {
        memberStatus.put(address, status);
    }

    /** Creating a member at this address is refused with 400 and this message, as Octavia refuses a bad member. */
    synchronized void refuseMember(String address, String message) {
        refusedMembers.put(address, message);
    }

    /** The next change Octavia accepts ends in provisioning status ERROR (as when an amphora fails to boot). */
    synchronized void failNextChange() {
        errorNext = true;
    }

    /** The names of the load balancers Octavia still holds (PENDING_DELETE included). */
    synchronized List<String> loadBalancerNames() {
        settleAll();
        return lbs.values().stream().map(lb -> lb.path("name").asText()).toList();
    }

    /** The string tags of a load balancer, as Octavia holds them. */
    synchronized List<String> loadBalancerTags(String name) {
        settleAll();
        List<String> tags = new ArrayList<>();
        lbs.values().stream().filter(lb -> name.equals(lb.path("name").asText()))
                .forEach(lb -> lb.path("tags").forEach(t -> tags.add(t.asText())));
        return tags;
    }

    /** The members of every pool, as {@code name@address:port}. */
    synchronized List<String> memberRows() {
        settleAll();
        return members.values().stream().map(m -> m.path("name").asText() + "@" + m.path("address").asText() + ":"
                + m.path("protocol_port").asInt()).toList();
    }

    /** The health monitors, as Octavia shows them. */
    synchronized List<JsonNode> healthMonitors() {
        settleAll();
        return List.copyOf(monitors.values());
    }

    /** Serves one request (mount under the catalog type {@code load-balancer}). */
    synchronized Response handle(Request request) {
        settleAll();
        Matcher m = PATH.matcher(request.path());
        if (!m.matches()) {
            return fault(404, "The resource could not be found.");
        }
        String kind = m.group(1);
        String id = m.group(2);
        boolean memberPath = m.group(3) != null;
        String memberId = m.group(4);
        String method = request.method();
        if (memberPath) {
            return members(method, id, memberId, request);
        }
        Map<String, ObjectNode> table = table(kind);
        String single = singular(kind);
        if (id == null && "GET".equals(method)) {
            return list(kind, table.values(), request.query());
        }
        if (id == null && "POST".equals(method)) {
            ObjectNode body = request.body() == null ? null : (ObjectNode) request.body().get(single);
            if (body == null) {
                return fault(400, "Invalid input for field/attribute " + single + ". Value: None. Mandatory field missing.");
            }
            return switch (kind) {
                case "loadbalancers" -> createLoadBalancer(body);
                case "listeners" -> createListener(body);
                case "pools" -> createPool(body);
                default -> createMonitor(body);
            };
        }
        ObjectNode found = id == null ? null : table.get(id);
        if (found == null) {
            return fault(404, label(kind) + " " + id + " could not be found.");
        }
        return switch (method) {
            case "GET" -> created(200, single, found);
            case "PUT" -> "loadbalancers".equals(kind) ? updateLoadBalancer(found, request.body()) : fault(405, "not in this fake");
            case "DELETE" -> "loadbalancers".equals(kind)
                    ? deleteLoadBalancer(found, "true".equalsIgnoreCase(request.query().get("cascade")))
                    : fault(405, "not in this fake");
            default -> fault(405, "The method is not allowed for the requested URL.");
        };
    }

    // ---- load balancers ----

    private Response createLoadBalancer(ObjectNode body) {
        String subnetId = body.path("vip_subnet_id").asText(null);
        if (subnetId == null) {
            return fault(400, "Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.");
        }
        var subnet = network.subnet(subnetId);
        if (subnet.isEmpty()) {
            return fault(400, "Validation failure: Subnet " + subnetId + " not found.");
        }
        String cidr = subnet.get().cidr();
        String vip = cidr.substring(0, cidr.lastIndexOf('.') + 1) + vips.getAndIncrement();
        ObjectNode lb = FakeOpenStack.JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("name", body.path("name").asText("")).put("description", body.path("description").asText(""))
                .put("project_id", FakeOpenStack.PROJECT_ID).put("vip_subnet_id", subnetId)
                .put("vip_network_id", subnet.get().networkId()).put("vip_address", vip)
                .put("vip_port_id", UUID.randomUUID().toString()).put("provider", "amphora")
                .put("admin_state_up", true).put("provisioning_status", "PENDING_CREATE").put("operating_status", "OFFLINE");
        lb.set("tags", body.has("tags") ? body.get("tags") : FakeOpenStack.JSON.createArrayNode());
        lb.putArray("listeners");
        lb.putArray("pools");
        lbs.put(lb.get("id").asText(), lb);
        pending(lb, "PENDING_CREATE");
        return created(201, "loadbalancer", lb);
    }

    private Response updateLoadBalancer(ObjectNode lb, JsonNode body) {
        Response busy = immutable(lb);
        if (busy != null) {
            return busy;
        }
        JsonNode change = body == null ? null : body.get("loadbalancer");
        if (change == null) {
            return fault(400, "Invalid input for field/attribute loadbalancer.");
        }
        for (String field : List.of("name", "description", "tags")) {
            if (change.has(field)) {
                lb.set(field, change.get(field));
            }
        }
        pending(lb, "PENDING_UPDATE");
        return created(200, "loadbalancer", lb);
    }

    private Response deleteLoadBalancer(ObjectNode lb, boolean cascade) {
        Response busy = immutable(lb);
        if (busy != null) {
            return busy;
        }
        String id = lb.get("id").asText();
        boolean children = listeners.values().stream().anyMatch(l -> belongs(l, id))
                || pools.values().stream().anyMatch(p -> belongs(p, id));
        if (children && !cascade) {
            return fault(400, "Validation failure: Cannot delete Load Balancer " + id + " - it has children");
        }
        pending(lb, "PENDING_DELETE");
        return new Response(204, null);
    }

    // ---- listeners, pools, monitors ----

    private Response createListener(ObjectNode body) {
        ObjectNode lb = lbs.get(body.path("loadbalancer_id").asText());
        if (lb == null) {
            return fault(400, "Validation failure: Load Balancer " + body.path("loadbalancer_id").asText() + " not found.");
        }
        Response bad = immutable(lb);
        if (bad == null) {
            bad = requireProtocol(body);
        }
        if (bad != null) {
            return bad;
        }
        if (!body.has("protocol_port")) {
            return fault(400, "Invalid input for field/attribute protocol_port. Value: None. Mandatory field missing.");
        }
        String lbId = lb.get("id").asText();
        int port = body.get("protocol_port").asInt();
        if (listeners.values().stream().anyMatch(l -> belongs(l, lbId) && l.get("protocol_port").asInt() == port
                && l.get("protocol").asText().equals(body.get("protocol").asText()))) {
            return fault(409, "Another Listener on this Load Balancer is already using protocol_port " + port);
        }
        ObjectNode listener = child(body, lbId).put("protocol", body.get("protocol").asText()).put("protocol_port", port);
        listener.putNull("default_pool_id");
        listeners.put(listener.get("id").asText(), listener);
        ((ArrayNode) lb.get("listeners")).addObject().put("id", listener.get("id").asText());
        pending(lb, "PENDING_UPDATE");
        return created(201, "listener", listener);
    }

    private Response createPool(ObjectNode body) {
        ObjectNode listener = body.has("listener_id") ? listeners.get(body.get("listener_id").asText()) : null;
        String lbId = listener != null ? listener.at("/loadbalancers/0/id").asText() : body.path("loadbalancer_id").asText(null);
        ObjectNode lb = lbId == null ? null : lbs.get(lbId);
        if (lb == null) {
            return fault(400, "Validation failure: a pool needs an existing listener_id or loadbalancer_id.");
        }
        Response bad = immutable(lb);
        if (bad == null) {
            bad = requireProtocol(body);
        }
        if (bad != null) {
            return bad;
        }
        if (!Set.of("ROUND_ROBIN", "LEAST_CONNECTIONS", "SOURCE_IP", "SOURCE_IP_PORT").contains(body.path("lb_algorithm").asText())) {
            return fault(400, "Invalid input for field/attribute lb_algorithm. Value: '" + body.path("lb_algorithm").asText() + "'.");
        }
        String protocol = body.get("protocol").asText();
        if (listener != null && ("UDP".equals(protocol) != "UDP".equals(listener.get("protocol").asText()))) {
            return fault(400, "Validation failure: The pool protocol '" + protocol
                    + "' is invalid while the listener protocol is '" + listener.get("protocol").asText() + "'.");
        }
        ObjectNode pool = child(body, lbId).put("protocol", protocol).put("lb_algorithm", body.get("lb_algorithm").asText());
        pool.putNull("healthmonitor_id");
        pool.putArray("members");
        pool.set("tags", body.has("tags") ? body.get("tags") : FakeOpenStack.JSON.createArrayNode());
        ArrayNode poolListeners = pool.putArray("listeners");
        if (listener != null) {
            poolListeners.addObject().put("id", listener.get("id").asText());
            listener.put("default_pool_id", pool.get("id").asText());
        }
        pools.put(pool.get("id").asText(), pool);
        ((ArrayNode) lb.get("pools")).addObject().put("id", pool.get("id").asText());
        pending(lb, "PENDING_UPDATE");
        return created(201, "pool", pool);
    }

    private Response createMonitor(ObjectNode body) {
        ObjectNode pool = pools.get(body.path("pool_id").asText());
        if (pool == null) {
            return fault(400, "Validation failure: Pool " + body.path("pool_id").asText() + " not found.");
        }
        ObjectNode lb = lbs.get(pool.at("/loadbalancers/0/id").asText());
        Response busy = immutable(lb);
        if (busy != null) {
            return busy;
        }
        for (String field : List.of("type", "delay", "timeout", "max_retries")) {
            if (!body.has(field)) {
                return fault(400, "Invalid input for field/attribute " + field + ". Value: None. Mandatory field missing.");
            }
        }
        if (body.get("timeout").asInt() > body.get("delay").asInt()) {
            return fault(400, "Validation failure: The request delay value " + body.get("delay").asInt()
                    + " should be larger than the request timeout value " + body.get("timeout").asInt() + ".");
        }
        String type = body.get("type").asText();
        if (type.startsWith("UDP") && !"UDP".equals(pool.get("protocol").asText())) {
            return fault(400, "Validation failure: The associated pool protocol does not support health monitor type " + type);
        }
        if (!pool.get("healthmonitor_id").isNull()) {
            return fault(409, "Pool " + pool.get("id").asText() + " already has a health monitor");
        }
        ObjectNode monitor = child(body, lb.get("id").asText()).put("type", type)
                .put("delay", body.get("delay").asInt()).put("timeout", body.get("timeout").asInt())
                .put("max_retries", body.get("max_retries").asInt())
                .put("max_retries_down", body.path("max_retries_down").asInt(3));
        monitor.remove("loadbalancers");
        monitor.putArray("pools").addObject().put("id", pool.get("id").asText());
        monitors.put(monitor.get("id").asText(), monitor);
        pool.put("healthmonitor_id", monitor.get("id").asText());
        pending(lb, "PENDING_UPDATE");
        return created(201, "healthmonitor", monitor);
    }

    // ---- members ----

    private Response members(String method, String poolId, String memberId, Request request) {
        ObjectNode pool = pools.get(poolId);
        if (pool == null) {
            return fault(404, "Pool " + poolId + " could not be found.");
        }
        ObjectNode lb = lbs.get(pool.at("/loadbalancers/0/id").asText());
        List<ObjectNode> mine = members.values().stream().filter(m -> poolId.equals(m.get("pool_id").asText())).toList();
        if (memberId == null && "GET".equals(method)) {
            List<ObjectNode> shown = new ArrayList<>();
            mine.forEach(m -> shown.add(withStatus(m, pool)));
            return list("members", shown, request.query());
        }
        if (memberId == null && "POST".equals(method)) {
            JsonNode body = request.body() == null ? null : request.body().get("member");
            if (body == null || !body.has("address") || !body.has("protocol_port")) {
                return fault(400, "Invalid input for field/attribute member: address and protocol_port are mandatory.");
            }
            Response busy = immutable(lb);
            if (busy != null) {
                return busy;
            }
            String address = body.get("address").asText();
            if (refusedMembers.containsKey(address)) {
                return fault(400, refusedMembers.get(address));
            }
            int port = body.get("protocol_port").asInt();
            if (mine.stream().anyMatch(m -> m.get("address").asText().equals(address) && m.get("protocol_port").asInt() == port)) {
                return fault(409, "Another member on this pool is already using ip " + address + " on protocol_port " + port);
            }
            ObjectNode member = FakeOpenStack.JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                    .put("name", body.path("name").asText("")).put("address", address).put("protocol_port", port)
                    .put("weight", 1).put("admin_state_up", true).put("backup", false)
                    .put("project_id", FakeOpenStack.PROJECT_ID).put("provisioning_status", "PENDING_CREATE")
                    .put("pool_id", poolId);
            member.set("subnet_id", body.get("subnet_id"));
            member.set("monitor_port", body.get("monitor_port"));
            members.put(member.get("id").asText(), member);
            ((ArrayNode) pool.get("members")).addObject().put("id", member.get("id").asText());
            pending(lb, "PENDING_UPDATE");
            return created(201, "member", withStatus(member, pool));
        }
        ObjectNode member = memberId == null ? null : members.get(memberId);
        if (member == null || !poolId.equals(member.get("pool_id").asText())) {
            return fault(404, "Member " + memberId + " could not be found.");
        }
        if ("GET".equals(method)) {
            return created(200, "member", withStatus(member, pool));
        }
        if ("DELETE".equals(method)) {
            Response busy = immutable(lb);
            if (busy != null) {
                return busy;
            }
            members.remove(memberId);
            ArrayNode refs = (ArrayNode) pool.get("members");
            for (int i = 0; i < refs.size(); i++) {
                if (memberId.equals(refs.get(i).get("id").asText())) {
                    refs.remove(i);
                    break;
                }
            }
            pending(lb, "PENDING_UPDATE");
            return new Response(204, null);
        }
        return fault(405, "The method is not allowed for the requested URL.");
    }

    private ObjectNode withStatus(ObjectNode member, ObjectNode pool) {
        ObjectNode shown = member.deepCopy();
        String status = memberStatus.getOrDefault(member.get("address").asText(),
                pool.get("healthmonitor_id").isNull() ? "NO_MONITOR" : "ONLINE");
        shown.put("operating_status", status);
        shown.remove("pool_id");
        return shown;
    }

    // ---- state ----

    /** Octavia refuses every change while the load balancer is not ACTIVE. */
    private static Response immutable(ObjectNode lb) {
        String status = lb.get("provisioning_status").asText();
        if (!"ACTIVE".equals(status) && !"ERROR".equals(status)) {
            return fault(409, "Load Balancer " + lb.get("id").asText() + " is immutable and cannot be updated.");
        }
        return null;
    }

    private void pending(ObjectNode lb, String status) {
        lb.put("provisioning_status", status);
        if (errorNext && !"PENDING_DELETE".equals(status)) {
            errorNext = false;
            endInError.add(lb.get("id").asText());
        }
        pendingUntil.put(lb.get("id").asText(), System.nanoTime() + settle.toNanos());
    }

    /** Finishes the pending changes whose time has come: ACTIVE again, or gone with the children. */
    private void settleAll() {
        long now = System.nanoTime();
        for (var it = pendingUntil.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (entry.getValue() > now) {
                continue;
            }
            it.remove();
            ObjectNode lb = lbs.get(entry.getKey());
            if (lb == null) {
                continue;
            }
            if ("PENDING_DELETE".equals(lb.get("provisioning_status").asText())) {
                String id = entry.getKey();
                lbs.remove(id);
                listeners.values().removeIf(l -> belongs(l, id));
                List<String> gonePools = pools.values().stream().filter(p -> belongs(p, id)).map(p -> p.get("id").asText()).toList();
                pools.keySet().removeAll(gonePools);
                members.values().removeIf(m -> gonePools.contains(m.get("pool_id").asText()));
                monitors.values().removeIf(h -> gonePools.contains(h.at("/pools/0/id").asText()));
            } else if (endInError.remove(entry.getKey())) {
                lb.put("provisioning_status", "ERROR").put("operating_status", "ERROR");
            } else {
                lb.put("provisioning_status", "ACTIVE").put("operating_status", "ONLINE");
            }
        }
        // Children show their load balancer's provisioning state, as Octavia does while it works on them.
        for (Map<String, ObjectNode> table : List.of(listeners, pools, monitors)) {
            table.values().forEach(c -> c.put("provisioning_status", parentStatus(c)));
        }
        members.values().forEach(m -> m.put("provisioning_status",
                parentStatus(pools.getOrDefault(m.get("pool_id").asText(), FakeOpenStack.JSON.createObjectNode()))));
    }

    private String parentStatus(ObjectNode child) {
        String lbId = child.has("loadbalancers") ? child.at("/loadbalancers/0/id").asText()
                : pools.getOrDefault(child.at("/pools/0/id").asText(), FakeOpenStack.JSON.createObjectNode()).at("/loadbalancers/0/id").asText();
        ObjectNode lb = lbs.get(lbId);
        return lb == null ? "DELETED" : lb.get("provisioning_status").asText();
    }

    private static ObjectNode child(JsonNode body, String lbId) {
        ObjectNode node = FakeOpenStack.JSON.createObjectNode().put("id", UUID.randomUUID().toString())
                .put("name", body.path("name").asText("")).put("description", body.path("description").asText(""))
                .put("project_id", FakeOpenStack.PROJECT_ID).put("admin_state_up", true)
                .put("provisioning_status", "PENDING_CREATE").put("operating_status", "OFFLINE");
        node.putArray("loadbalancers").addObject().put("id", lbId);
        return node;
    }

    private static Response requireProtocol(JsonNode body) {
        String protocol = body.path("protocol").asText(null);
        if (protocol == null || !LB_PROTOCOLS.contains(protocol)) {
            return fault(400, "Invalid input for field/attribute protocol. Value: '" + protocol + "'.");
        }
        return null;
    }

    private static boolean belongs(JsonNode child, String lbId) {
        for (JsonNode ref : child.path("loadbalancers")) {
            if (lbId.equals(ref.path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    /** A list answer, filtered as Octavia filters: by any field, {@code loadbalancer_id} by the parents. */
    private static Response list(String kind, java.util.Collection<ObjectNode> rows, Map<String, String> query) {
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        ArrayNode items = body.putArray(kind);
        for (ObjectNode row : rows) {
            boolean keep = query.entrySet().stream().allMatch(q -> {
                if ("loadbalancer_id".equals(q.getKey()) && !row.has("loadbalancer_id")) {
                    return belongs(row, q.getValue());
                }
                JsonNode value = row.get(q.getKey());
                return value == null || !value.isValueNode() || value.asText().equals(q.getValue());
            });
            if (keep) {
                items.add(row.deepCopy());
            }
        }
        return Response.ok(body);
    }

    private static Response created(int status, String single, ObjectNode row) {
        ObjectNode body = FakeOpenStack.JSON.createObjectNode();
        body.set(single, row.deepCopy());
        return new Response(status, body);
    }

    /** An error as Octavia's API (WSME) writes it. */
    static Response fault(int status, String message) {
        ObjectNode body = FakeOpenStack.JSON.createObjectNode().put("faultcode", status < 500 ? "Client" : "Server")
                .put("faultstring", message);
        body.putNull("debuginfo");
        return new Response(status, body);
    }

    private Map<String, ObjectNode> table(String kind) {
        return switch (kind) {
            case "loadbalancers" -> lbs;
            case "listeners" -> listeners;
            case "pools" -> pools;
            default -> monitors;
        };
    }

    private static String singular(String kind) {
        return kind.substring(0, kind.length() - 1);
    }

    private static String label(String kind) {
        return switch (kind) {
            case "loadbalancers" -> "Load Balancer";
            case "listeners" -> "Listener";
            case "pools" -> "Pool";
            default -> "Health Monitor";
        };
    }
}
