package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.VpcService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VPCs and their subnets (VPC CreateVpc, CreateSubnet, ...). The user's name is the native
 * {@code VpcName}/{@code SubnetName}; Tencent does not keep names unique, so create looks first.
 * Each subnet lies in one zone: the request's, else the connection's, else the region's first.
 * A VPC is deleted subnets first; one that still holds instances is refused before anything is
 * deleted.
 */
final class TencentNetworks implements VpcService {
    private static final ResourceKind KIND = ResourceKind.VPC;

    private final TencentContext ctx;
    private final TencentRegions regions;

    TencentNetworks(TencentContext ctx, TencentRegions regions) {
        this.ctx = ctx;
        this.regions = regions;
    }

    @Override
    public List<Vpc> list() {
        List<JsonNode> vpcs = ctx.api().list(Product.VPC, "DescribeVpcs", TencentApi.object(), "VpcSet", true, KIND, null);
        Map<String, List<JsonNode>> subnets = subnetsByVpc(null);
        return vpcs.stream().map(v -> toRecord(v, subnets.getOrDefault(v.path("VpcId").asText(), List.of()))).toList();
    }

    @Override
    public Optional<Vpc> find(String nameOrId) {
        return findRaw(nameOrId).map(v -> toRecord(v, subnetsByVpc(List.of(v.path("VpcId").asText()))
                .getOrDefault(v.path("VpcId").asText(), List.of())));
    }

    /** The cloud's VPC by name or id: one filtered call. */
    Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "vpc")) {
            Optional<JsonNode> byId = describe("vpc-id", nameOrId).stream()
                    .filter(v -> nameOrId.equals(v.path("VpcId").asText())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return describe("vpc-name", nameOrId).stream().filter(v -> nameOrId.equals(v.path("VpcName").asText())).findFirst();
    }

    private List<JsonNode> describe(String filter, String value) {
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter(filter, List.of(value)));
        return ctx.api().list(Product.VPC, "DescribeVpcs", params, "VpcSet", true, KIND, value);
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no VPC of this name or id"));
    }

    /** Subnets grouped by VPC id (of these VPCs, or of all). */
    Map<String, List<JsonNode>> subnetsByVpc(Collection<String> vpcIds) {
        ObjectNode params = TencentApi.object();
        if (vpcIds != null) {
            params.withArray("Filters").add(TencentApi.filter("vpc-id", vpcIds));
        }
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (JsonNode s : ctx.api().list(Product.VPC, "DescribeSubnets", params, "SubnetSet", true, ResourceKind.SUBNET, null)) {
            out.computeIfAbsent(s.path("VpcId").asText(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** VPC names by id, one call for all. */
    Map<String, String> names(Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode params = TencentApi.object();
        params.set("VpcIds", TencentApi.strings(ids));
        for (JsonNode v : ctx.api().list(Product.VPC, "DescribeVpcs", params, "VpcSet", true, KIND, null)) {
            out.put(v.path("VpcId").asText(), TencentTagCodec.nameOr(v.path("VpcName").asText(), v.path("VpcId").asText()));
        }
        return out;
    }

    /** Subnets by id, one call for all. */
    Map<String, JsonNode> subnets(Collection<String> ids) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        ObjectNode params = TencentApi.object();
        params.set("SubnetIds", TencentApi.strings(ids));
        for (JsonNode s : ctx.api().list(Product.VPC, "DescribeSubnets", params, "SubnetSet", true, ResourceKind.SUBNET, null)) {
            out.put(s.path("SubnetId").asText(), s);
        }
        return out;
    }

    @Override
    public Vpc create(VpcRequest request) {
        String name = request.name();
        if (findRaw(name).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a VPC of this name exists");
        }
        ObjectNode params = TencentApi.object();
        params.put("VpcName", name);
        params.put("CidrBlock", request.cidr());
        if (!request.tags().isEmpty()) {
            params.set("Tags", TencentTagCodec.toJson(TencentTagCodec.encode(request.tags())));
        }
        JsonNode vpc = ctx.api().change(Product.VPC, "CreateVpc", params, KIND, name).path("Vpc");
        String vpcId = vpc.path("VpcId").asText();
        List<JsonNode> subnets = new ArrayList<>();
        try {
            String zone = request.subnets().stream().anyMatch(s -> s.zone() == null) ? regions.defaultZone() : null;
            for (SubnetRequest s : request.subnets()) {
                subnets.add(createSubnet(vpcId, s, zone));
            }
        } catch (CloudException e) {
            // Leave nothing half made: the subnets made so far, then the VPC.
            for (JsonNode s : subnets) {
                ObjectNode del = TencentApi.object();
                del.put("SubnetId", s.path("SubnetId").asText());
                ctx.api().change(Product.VPC, "DeleteSubnet", del, ResourceKind.SUBNET, s.path("SubnetName").asText());
            }
            ObjectNode del = TencentApi.object();
            del.put("VpcId", vpcId);
            ctx.api().change(Product.VPC, "DeleteVpc", del, KIND, name);
            throw e;
        }
        return toRecord(vpc, subnets);
    }

    private JsonNode createSubnet(String vpcId, SubnetRequest s, String defaultZone) {
        ObjectNode params = TencentApi.object();
        params.put("VpcId", vpcId);
        params.put("SubnetName", s.name());
        params.put("CidrBlock", s.cidr());
        params.put("Zone", s.zone() != null ? s.zone() : defaultZone);
        if (!s.tags().isEmpty()) {
            params.set("Tags", TencentTagCodec.toJson(TencentTagCodec.encode(s.tags())));
        }
        return ctx.api().change(Product.VPC, "CreateSubnet", params, ResourceKind.SUBNET, s.name()).path("Subnet");
    }

    @Override
    public void delete(String name) {
        JsonNode vpc = requireRaw(name);
        String vpcId = vpc.path("VpcId").asText();
        ObjectNode probe = TencentApi.object();
        probe.withArray("Filters").add(TencentApi.filter("vpc-id", List.of(vpcId)));
        probe.put("Limit", 1);
        JsonNode instances = ctx.api().read(Product.CVM, "DescribeInstances", probe, KIND, name);
        if (instances.path("TotalCount").asInt(0) > 0) {
            throw new ConflictException(ctx.error(KIND, name), "the VPC still holds "
                    + instances.path("TotalCount").asInt() + " instance(s)");
        }
        for (JsonNode s : subnetsByVpc(List.of(vpcId)).getOrDefault(vpcId, List.of())) {
            ObjectNode del = TencentApi.object();
            del.put("SubnetId", s.path("SubnetId").asText());
            ctx.api().change(Product.VPC, "DeleteSubnet", del, ResourceKind.SUBNET, s.path("SubnetName").asText());
        }
        ObjectNode del = TencentApi.object();
        del.put("VpcId", vpcId);
        ctx.api().change(Product.VPC, "DeleteVpc", del, KIND, name);
    }

    @Override
    public Vpc addSubnet(String vpcName, SubnetRequest subnet) {
        JsonNode vpc = requireRaw(vpcName);
        String vpcId = vpc.path("VpcId").asText();
        List<JsonNode> existing = subnetsByVpc(List.of(vpcId)).getOrDefault(vpcId, List.of());
        if (existing.stream().anyMatch(s -> subnet.name().equals(s.path("SubnetName").asText()))) {
            throw new AlreadyExistsException(ctx.error(ResourceKind.SUBNET, subnet.name()), "the VPC has a subnet of this name");
        }
        createSubnet(vpcId, subnet, subnet.zone() != null ? null : regions.defaultZone());
        return find(vpcId).orElseThrow();
    }

    @Override
    public Vpc removeSubnet(String vpcName, String subnetName) {
        JsonNode vpc = requireRaw(vpcName);
        String vpcId = vpc.path("VpcId").asText();
        JsonNode subnet = subnetsByVpc(List.of(vpcId)).getOrDefault(vpcId, List.of()).stream()
                .filter(s -> subnetName.equals(s.path("SubnetName").asText()) || subnetName.equals(s.path("SubnetId").asText()))
                .findFirst().orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.SUBNET, subnetName),
                        "VPC '" + vpcName + "' has no subnet of this name"));
        ObjectNode del = TencentApi.object();
        del.put("SubnetId", subnet.path("SubnetId").asText());
        ctx.api().change(Product.VPC, "DeleteSubnet", del, ResourceKind.SUBNET, subnetName);
        return find(vpcId).orElseThrow();
    }

    static Vpc toRecord(JsonNode v, List<JsonNode> subnets) {
        String id = v.path("VpcId").asText();
        return new Vpc(TencentTagCodec.nameOr(v.path("VpcName").asText(), id), id, v.path("CidrBlock").asText(),
                subnets.stream().map(TencentNetworks::subnet).toList(), TencentTagCodec.user(v.path("TagSet")));
    }

    static Subnet subnet(JsonNode s) {
        String id = s.path("SubnetId").asText();
        return new Subnet(TencentTagCodec.nameOr(s.path("SubnetName").asText(), id), id, s.path("CidrBlock").asText(),
                s.path("Zone").asText(null), TencentTagCodec.user(s.path("TagSet")));
    }
}
