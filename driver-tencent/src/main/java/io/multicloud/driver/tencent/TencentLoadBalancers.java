package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.Listener;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Protocol;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.VmGroup;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.NlbService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Network load balancers = CLB instances ({@code LoadBalancerType=OPEN}, in the request's VPC)
 * with one TCP or UDP listener whose health check is the request's, and the VMs as the
 * listener's targets (CreateLoadBalancer with a {@code ClientToken}, CreateListener,
 * RegisterTargets, DeregisterTargets, DescribeTargetHealth). The user's name is the native
 * {@code LoadBalancerName}; the listener's address is the CLB's first VIP.
 */
final class TencentLoadBalancers implements NlbService {
    private static final ResourceKind KIND = ResourceKind.NLB;

    private final TencentContext ctx;
    private final TencentNetworks networks;
    private final TencentVms vms;

    TencentLoadBalancers(TencentContext ctx, TencentNetworks networks, TencentVms vms) {
        this.ctx = ctx;
        this.networks = networks;
        this.vms = vms;
    }

    private List<JsonNode> describe(String field, String value) {
        ObjectNode params = TencentApi.object();
        if (field != null) {
            if (field.equals("LoadBalancerIds")) {
                params.set(field, TencentApi.strings(List.of(value)));
            } else {
                params.put(field, value);
            }
        }
        return ctx.api().list(Product.CLB, "DescribeLoadBalancers", params, "LoadBalancerSet", false, KIND, value);
    }

    @Override
    public List<Nlb> list() {
        return describe(null, null).stream().map(this::toRecord).toList();
    }

    @Override
    public Optional<Nlb> find(String nameOrId) {
        return findRaw(nameOrId).map(this::toRecord);
    }

    private Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "lb")) {
            Optional<JsonNode> byId = describe("LoadBalancerIds", nameOrId).stream().findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe("LoadBalancerName", nameOrId).stream()
                .filter(lb -> nameOrId.equals(lb.path("LoadBalancerName").asText())).findFirst();
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no load balancer of this name or id"));
    }

    @Override
    public Nlb create(NlbRequest request) {
        String name = request.name();
        if (findRaw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a load balancer of this name exists");
        }
        String vpcId = networks.requireRaw(request.vpc()).path("VpcId").asText();
        List<String> targets = request.vmGroup().vms().stream().map(v -> vms.requireRaw(v).path("InstanceId").asText()).toList();
        ObjectNode params = TencentApi.object();
        params.put("LoadBalancerType", "OPEN");
        params.put("LoadBalancerName", name);
        params.put("VpcId", vpcId);
        params.put("ClientToken", UUID.randomUUID().toString());
        if (!request.tags().isEmpty()) {
            ArrayNode tags = params.putArray("Tags");
            TencentTagCodec.encode(request.tags()).forEach((k, v) -> tags.addObject().put("TagKey", k).put("TagValue", v));
        }
        String id = ctx.api().change(Product.CLB, "CreateLoadBalancer", params, KIND, name, true).path("LoadBalancerIds").path(0).asText();
        HealthChecker checker = request.effectiveHealthChecker();
        ObjectNode listener = TencentApi.object();
        listener.put("LoadBalancerId", id);
        listener.putArray("Ports").add(request.listener().port());
        listener.put("Protocol", request.listener().protocol().name());
        listener.putArray("ListenerNames").add(name);
        ObjectNode health = listener.putObject("HealthCheck");
        health.put("HealthSwitch", 1);
        health.put("TimeOut", (int) Math.max(2, checker.timeout().toSeconds()));
        health.put("IntervalTime", (int) Math.max(5, checker.interval().toSeconds()));
        health.put("HealthNum", Math.max(2, checker.threshold()));
        health.put("UnHealthNum", Math.max(2, checker.threshold()));
        health.put("CheckPort", checker.port());
        health.put("CheckType", checker.protocol() == Protocol.UDP ? "CUSTOM" : "TCP");
        String listenerId = ctx.api().change(Product.CLB, "CreateListener", listener, KIND, name).path("ListenerIds").path(0).asText();
        register("RegisterTargets", id, listenerId, targets, request.vmGroup().port(), name);
        return find(id).orElseThrow();
    }

    private void register(String action, String lbId, String listenerId, List<String> instanceIds, int port, String name) {
        if (instanceIds.isEmpty()) {
            return;
        }
        ObjectNode params = TencentApi.object();
        params.put("LoadBalancerId", lbId);
        params.put("ListenerId", listenerId);
        ArrayNode targets = params.putArray("Targets");
        instanceIds.forEach(i -> targets.addObject().put("InstanceId", i).put("Port", port).put("Weight", 10));
        ctx.api().change(Product.CLB, action, params, KIND, name);
    }

    @Override
    public void delete(String name) {
        ObjectNode params = TencentApi.object();
        params.set("LoadBalancerIds", TencentApi.strings(List.of(requireRaw(name).path("LoadBalancerId").asText())));
        ctx.api().change(Product.CLB, "DeleteLoadBalancer", params, KIND, name);
    }

    @Override
    public Nlb addVms(String nlb, List<String> names) {
        return change("RegisterTargets", nlb, names);
    }

    @Override
    public Nlb removeVms(String nlb, List<String> names) {
        return change("DeregisterTargets", nlb, names);
    }

    private Nlb change(String action, String nlb, List<String> names) {
        JsonNode lb = requireRaw(nlb);
        String id = lb.path("LoadBalancerId").asText();
        JsonNode listener = listener(id);
        JsonNode backend = backends(id);
        int port = backend.path("Targets").path(0).path("Port").asInt(listener.path("Port").asInt());
        List<String> ids = names.stream().map(v -> vms.requireRaw(v).path("InstanceId").asText()).toList();
        register(action, id, listener.path("ListenerId").asText(), ids, port, nlb);
        return toRecord(lb);
    }

    @Override
    public NlbHealth health(String nlb) {
        JsonNode lb = requireRaw(nlb);
        ObjectNode params = TencentApi.object();
        params.set("LoadBalancerIds", TencentApi.strings(List.of(lb.path("LoadBalancerId").asText())));
        JsonNode answer = ctx.api().read(Product.CLB, "DescribeTargetHealth", params, KIND, nlb);
        Set<String> ids = new HashSet<>();
        List<JsonNode> targets = new ArrayList<>();
        answer.path("LoadBalancers").forEach(l -> l.path("Listeners").forEach(li -> li.path("Rules").forEach(r -> r.path("Targets")
                .forEach(t -> {
                    targets.add(t);
                    ids.add(t.path("TargetId").asText());
                }))));
        Map<String, String> names = vms.names(ids);
        List<String> healthy = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (JsonNode t : targets) {
            String vm = names.getOrDefault(t.path("TargetId").asText(), t.path("TargetId").asText());
            (t.path("HealthStatus").asBoolean() ? healthy : unhealthy).add(vm);
        }
        return new NlbHealth(healthy, unhealthy);
    }

    private JsonNode listener(String lbId) {
        ObjectNode params = TencentApi.object();
        params.put("LoadBalancerId", lbId);
        return ctx.api().read(Product.CLB, "DescribeListeners", params, KIND, lbId).path("Listeners").path(0);
    }

    private JsonNode backends(String lbId) {
        ObjectNode params = TencentApi.object();
        params.put("LoadBalancerId", lbId);
        return ctx.api().read(Product.CLB, "DescribeTargets", params, KIND, lbId).path("Listeners").path(0);
    }

    private Nlb toRecord(JsonNode lb) {
        String id = lb.path("LoadBalancerId").asText();
        JsonNode listener = listener(id);
        JsonNode backend = backends(id);
        Set<String> ids = new HashSet<>();
        backend.path("Targets").forEach(t -> ids.add(t.path("InstanceId").asText()));
        Map<String, String> names = vms.names(ids);
        List<String> members = new ArrayList<>();
        backend.path("Targets").forEach(t -> members.add(names.getOrDefault(t.path("InstanceId").asText(), t.path("InstanceId").asText())));
        Protocol protocol = protocol(listener.path("Protocol").asText("TCP"));
        String vpcId = lb.path("VpcId").asText(null);
        String vpc = vpcId == null ? null : networks.names(List.of(vpcId)).getOrDefault(vpcId, vpcId);
        JsonNode hc = listener.path("HealthCheck");
        HealthChecker checker = listener.isMissingNode() ? null : new HealthChecker(protocol,
                hc.path("CheckPort").asInt(0) > 0 ? hc.path("CheckPort").asInt() : backend.path("Targets").path(0).path("Port").asInt(listener.path("Port").asInt()),
                Duration.ofSeconds(hc.path("IntervalTime").asInt(10)), Duration.ofSeconds(hc.path("TimeOut").asInt(5)),
                Math.min(10, Math.max(1, hc.path("HealthNum").asInt(3))));
        Listener l = listener.isMissingNode() ? null
                : new Listener(protocol, listener.path("Port").asInt(), lb.path("LoadBalancerVips").path(0).asText(null));
        int port = backend.path("Targets").path(0).path("Port").asInt(listener.path("Port").asInt(1));
        return new Nlb(TencentTagCodec.nameOr(lb.path("LoadBalancerName").asText(), id), id, vpc, l,
                l == null ? null : new VmGroup(protocol, port, members), checker, TencentTagCodec.decode(rawTags(lb)));
    }

    /** A load balancer's tags as CLB keeps them ({@code Tags} of {@code {TagKey, TagValue}}), not decoded. */
    static Map<String, String> rawTags(JsonNode lb) {
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        lb.path("Tags").forEach(t -> tags.put(t.path("TagKey").asText(), t.path("TagValue").asText()));
        return tags;
    }

    private static Protocol protocol(String text) {
        return text.toUpperCase(Locale.ROOT).equals("UDP") ? Protocol.UDP : Protocol.TCP;
    }
}
