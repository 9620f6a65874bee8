package io.multicloud.driver.gcp;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.Location;
import com.google.cloud.tpu.v2.CreateNodeRequest;
import com.google.cloud.tpu.v2.NetworkConfig;
import com.google.cloud.tpu.v2.Node;
import com.google.cloud.tpu.v2.NodeName;
import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.spi.AnyCallService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GCP calls the common model leaves out: Cloud TPU (on {@code google-cloud-tpu}) and Deep
 * Learning VMs. Every answer is a flat map of strings; lists are comma-separated.
 * <ul>
 * <li>{@code LIST_TPU_ZONES} {@code {region?}} → {@code {zones}}: the zones offering Cloud TPU (of
 *     the region, when given).</li>
 * <li>{@code CREATE_TPU} {@code {name, type, runtime?, zone?, vpc?, subnet?}} → {@code {name, zone,
 *     type, state, ip}}: a TPU VM node ({@code type} such as {@code v4-8}, {@code runtime} the
 *     software version, default {@code tpu-ubuntu2204-base}), awaited until READY.</li>
 * <li>{@code LIST_TPU} {@code {zone?}} → {@code {nodes, <node>.state, <node>.type, <node>.ip}}.</li>
 * <li>{@code DELETE_TPU} {@code {name, zone?}} → {@code {deleted}}, awaited.</li>
 * <li>{@code CREATE_DLVM} {@code {name, vpc, subnet, family?, gpu?, gpus?, machineType?, keyPair?, diskGB?}} →
 *     {@code {name, status, image, spec, ip}}: a VM from a Deep Learning VM image family (default
 *     {@code common-cu121-debian-11}) with GPUs (default one {@code nvidia-tesla-t4} on
 *     {@code n1-standard-8}), the NVIDIA driver installed on first boot, tagged
 *     {@code multicloud:dlvm=true}.</li>
 * <li>{@code LIST_DLVM} {@code {}} → {@code {vms, <vm>.status, <vm>.spec}}.</li>
 * <li>{@code DELETE_DLVM} {@code {name}} → {@code {deleted}} (termination started).</li>
 * <li>{@code CREATE_TPU_DLVM} {@code {name, type, vpc, subnet, runtime?, ...CREATE_DLVM's}} → a TPU node
 *     {@code <name>-tpu} and a Deep Learning VM {@code <name>-vm} in the same zone and subnet; when
 *     the VM fails the node is deleted again. Answers {@code {tpu, vm, zone, tpu.ip, vm.ip}}.</li>
 * <li>{@code DELETE_TPU_DLVM} {@code {name, zone?}} → {@code {deleted}}: both.</li>
 * </ul>
 * An unknown function or a missing parameter is an {@link InvalidRequestException}.
 */
final class GcpAnyCall implements AnyCallService {
    static final Set<String> FUNCTIONS = Set.of("LIST_TPU_ZONES", "CREATE_TPU", "LIST_TPU", "DELETE_TPU", "CREATE_DLVM", "LIST_DLVM",
            "DELETE_DLVM", "CREATE_TPU_DLVM", "DELETE_TPU_DLVM");
    static final String DLVM_TAG = "multicloud:dlvm";
    private static final String DLVM_PROJECT = "deeplearning-platform-release";

    private final GcpContext ctx;
    private final GcpVms vms;

    GcpAnyCall(GcpContext ctx, GcpVms vms) {
        this.ctx = ctx;
        this.vms = vms;
    }

    @Override
    public Map<String, String> call(String function, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        return switch (function) {
            case "LIST_TPU_ZONES" -> Map.of("zones", String.join(",", tpuZones(p.get("region"))));
            case "CREATE_TPU" -> createTpu(required(p, "name"), p);
            case "LIST_TPU" -> listTpu(zone(p));
            case "DELETE_TPU" -> {
                deleteTpu(required(p, "name"), zone(p));
                yield Map.of("deleted", p.get("name"));
            }
            case "CREATE_DLVM" -> createDlvm(required(p, "name"), p);
            case "LIST_DLVM" -> listDlvm();
            case "DELETE_DLVM" -> {
                vms.delete(required(p, "name"));
                yield Map.of("deleted", p.get("name"));
            }
            case "CREATE_TPU_DLVM" -> createPair(required(p, "name"), p);
            case "DELETE_TPU_DLVM" -> {
                String name = required(p, "name");
                vms.delete(name + "-vm");
                deleteTpu(name + "-tpu", zone(p));
                yield Map.of("deleted", name + "-tpu," + name + "-vm");
            }
            default -> throw new InvalidRequestException("function", "unknown function '" + function + "'; GCP knows " + new TreeSet<>(FUNCTIONS));
        };
    }

    private String zone(Map<String, String> p) {
        return p.getOrDefault("zone", ctx.zone());
    }

    private List<String> tpuZones(String region) {
        List<String> out = new ArrayList<>();
        // google-cloud-tpu 2.89.0 sends no pageToken for this (mixin) method: a next page would be
        // the first again, so paging stops at a token already seen.
        ctx.errors().run(null, "tpu", () -> {
            java.util.Set<String> tokens = new java.util.HashSet<>();
            for (var page : ctx.clients().tpu.get().listLocations(ListLocationsRequest.newBuilder()
                    .setName("projects/" + ctx.project()).build()).iteratePages()) {
                for (Location l : page.getValues()) {
                    if ((region == null || l.getLocationId().startsWith(region + "-")) && !out.contains(l.getLocationId())) {
                        out.add(l.getLocationId());
                    }
                }
                if (!page.hasNextPage() || !tokens.add(page.getNextPageToken())) {
                    break;
                }
            }
        });
        out.sort(String::compareTo);
        return out;
    }

    private Map<String, String> createTpu(String name, Map<String, String> p) {
        String zone = zone(p);
        Node.Builder node = Node.newBuilder().setAcceleratorType(required(p, "type"))
                .setRuntimeVersion(p.getOrDefault("runtime", "tpu-ubuntu2204-base"));
        if (p.containsKey("vpc") || p.containsKey("subnet")) {
            NetworkConfig.Builder net = NetworkConfig.newBuilder().setEnableExternalIps(true);
            if (p.containsKey("vpc")) {
                net.setNetwork(ctx.global("networks", p.get("vpc")));
            }
            if (p.containsKey("subnet")) {
                net.setSubnetwork(ctx.regional(ctx.region(), "subnetworks", p.get("subnet")));
            }
            node.setNetworkConfig(net);
        }
        CreateNodeRequest request = CreateNodeRequest.newBuilder().setParent("projects/" + ctx.project() + "/locations/" + zone)
                .setNodeId(name).setNode(node).build();
        Node created = await(name, () -> ctx.clients().tpu.get().createNodeAsync(request));
        return describe(created, zone);
    }

    private static Map<String, String> describe(Node n, String zone) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", GcpContext.last(n.getName()));
        out.put("zone", zone);
        out.put("type", n.getAcceleratorType());
        out.put("state", n.getState().name());
        out.put("ip", n.getNetworkEndpointsCount() > 0 ? n.getNetworkEndpoints(0).getIpAddress() : "");
        return out;
    }

    private Map<String, String> listTpu(String zone) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        ctx.errors().run(null, "tpu", () -> {
            for (Node n : ctx.clients().tpu.get().listNodes("projects/" + ctx.project() + "/locations/" + zone).iterateAll()) {
                String name = GcpContext.last(n.getName());
                names.add(name);
                out.put(name + ".state", n.getState().name());
                out.put(name + ".type", n.getAcceleratorType());
                out.put(name + ".ip", n.getNetworkEndpointsCount() > 0 ? n.getNetworkEndpoints(0).getIpAddress() : "");
            }
        });
        out.put("nodes", String.join(",", names));
        return out;
    }

    private void deleteTpu(String name, String zone) {
        await(name, () -> ctx.clients().tpu.get().deleteNodeAsync(NodeName.of(ctx.project(), zone, name).toString()));
    }

    private <T> T await(String name, java.util.function.Supplier<com.google.api.gax.longrunning.OperationFuture<T, ?>> start) {
        var future = ctx.errors().call(null, name, start);
        try {
            return future.get(ctx.clients().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw ctx.errors().map(api, null, name);
            }
            throw new CloudException(ctx.errors().context(null, name), "the TPU operation failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new CloudTimeoutException(ctx.errors().context(null, name), "the TPU operation was not done in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CloudException(ctx.errors().context(null, name), "interrupted", e);
        }
    }

    private Map<String, String> createDlvm(String name, Map<String, String> p) {
        String family = p.getOrDefault("family", "common-cu121-debian-11");
        String spec = p.getOrDefault("machineType", "n1-standard-8") + "+" + p.getOrDefault("gpu", "nvidia-tesla-t4") + ":" + p.getOrDefault("gpus", "1");
        VmRequest request = VmRequest.named(name).image("projects/" + DLVM_PROJECT + "/global/images/family/" + family).spec(spec)
                .subnet(required(p, "vpc"), required(p, "subnet")).zone(zone(p))
                .rootDisk(null, Integer.parseInt(p.getOrDefault("diskGB", "100"))).tag(DLVM_TAG, "true");
        if (p.containsKey("keyPair")) {
            request = request.keyPair(p.get("keyPair"));
        }
        Vm vm = vms.create(request, Map.of("install-nvidia-driver", "True"));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", vm.name());
        out.put("status", vm.status().name());
        out.put("image", family);
        out.put("spec", vm.spec());
        out.put("ip", vm.publicIp() != null ? vm.publicIp() : String.valueOf(vm.privateIp()));
        return out;
    }

    private Map<String, String> listDlvm() {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (var i : vms.instances(GcpLabels.filter(DLVM_TAG, "true"))) {
            Vm vm = vms.toRecord(i);
            names.add(vm.name());
            out.put(vm.name() + ".status", vm.status().name());
            out.put(vm.name() + ".spec", vm.spec());
        }
        out.put("vms", String.join(",", names));
        return out;
    }

    private Map<String, String> createPair(String name, Map<String, String> p) {
        Map<String, String> tpu = createTpu(name + "-tpu", p);
        Map<String, String> vmParams = new LinkedHashMap<>(p);
        vmParams.put("name", name + "-vm");
        Map<String, String> vm;
        try {
            vm = createDlvm(name + "-vm", vmParams);
        } catch (CloudException e) {
            try {
                deleteTpu(name + "-tpu", zone(p));
            } catch (CloudException ignored) {
                e.addSuppressed(ignored);
            }
            throw e;
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("tpu", tpu.get("name"));
        out.put("vm", vm.get("name"));
        out.put("zone", tpu.get("zone"));
        out.put("tpu.ip", tpu.get("ip"));
        out.put("vm.ip", vm.get("ip"));
        return out;
    }

    private static String required(Map<String, String> params, String key) {
        String value = params.get(key);
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(key, "is required");
        }
        return value;
    }
}
