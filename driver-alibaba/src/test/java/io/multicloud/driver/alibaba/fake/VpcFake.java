package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.Store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.multicloud.driver.alibaba.fake.AlibabaFake.JSON;
import static io.multicloud.driver.alibaba.fake.AlibabaFake.error;

/**
 * The VPC API's state: VPCs (Pending, then Available one request later) and VSwitches (one zone
 * each, inside their VPC's block, not overlapping), their tags, and the dependency refusals of
 * deletes (a VSwitch holding an instance, a VPC holding VSwitches or security groups).
 */
final class VpcFake {
    static final class Vpc {
        String id;
        String name;
        String cidr;
        String status = "Pending";
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class VSwitch {
        String id;
        String name;
        String vpcId;
        String cidr;
        String zone;
        String status = "Pending";
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    private final AlibabaFake fake;
    private final FakeClock clock;
    final Store<Vpc> vpcs = new Store<>(4000);
    final Store<VSwitch> switches = new Store<>(5000);
    final EipFake eips;

    VpcFake(AlibabaFake fake, FakeClock clock) {
        this.fake = fake;
        this.clock = clock;
        this.eips = new EipFake(fake);
    }

    Function<Params, ObjectNode> handler(String action) {
        return switch (action) {
            case "CreateVpc" -> this::createVpc;
            case "DescribeVpcs" -> this::describeVpcs;
            case "DeleteVpc" -> this::deleteVpc;
            case "CreateVSwitch" -> this::createVSwitch;
            case "DescribeVSwitches" -> this::describeVSwitches;
            case "DeleteVSwitch" -> this::deleteVSwitch;
            case "TagResources" -> this::tagResources;
            case "UnTagResources" -> this::untagResources;
            case "ListTagResources" -> this::listTagResources;
            case "DescribeEipAddresses" -> eips::describe;
            default -> null;
        };
    }

    Vpc requireVpc(String id) {
        return vpcs.require(id, () -> error(404, "InvalidVpcId.NotFound", "Specified VPC does not exist."));
    }

    VSwitch requireSwitch(String id) {
        return switches.require(id, () -> error(404, "InvalidVSwitchId.NotFound", "Specified virtual switch does not exist."));
    }

    private ObjectNode createVpc(Params p) {
        Vpc v = new Vpc();
        v.id = "vpc-bp1" + vpcs.nextId();
        v.name = p.str("VpcName");
        v.cidr = p.get("CidrBlock").orElse("172.16.0.0/12");
        io.multicloud.api.Cidr.parse(v.cidr);
        vpcs.put(v.id, v);
        clock.later(1, () -> v.status = "Available");
        ObjectNode body = JSON.objectNode();
        body.put("VpcId", v.id).put("VRouterId", "vrt-bp1" + v.id.substring(7)).put("RouteTableId", "vtb-bp1" + v.id.substring(7))
                .put("ResourceGroupId", "rg-acfmxazb4ph6aiy");
        return body;
    }

    private ObjectNode describeVpcs(Params p) {
        List<Vpc> all = vpcs.values(v -> p.get("VpcId").map(id -> List.of(id.split(",")).contains(v.id)).orElse(true)
                && p.get("VpcName").map(n -> n.equals(v.name)).orElse(true));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("Vpcs").putArray("Vpc");
        for (Vpc v : Paging.byNumber(fake, p, all, body)) {
            ObjectNode o = list.addObject();
            o.put("VpcId", v.id).put("VpcName", v.name == null ? "" : v.name).put("CidrBlock", v.cidr).put("Status", v.status)
                    .put("RegionId", AlibabaFake.REGION).put("CreationTime", v.created).put("IsDefault", false)
                    .put("VRouterId", "vrt-bp1" + v.id.substring(7)).put("Description", "");
            ArrayNode ids = o.putObject("VSwitchIds").putArray("VSwitchId");
            switches.values(s -> s.vpcId.equals(v.id)).forEach(s -> ids.add(s.id));
            ArrayNode tags = o.putObject("Tags").putArray("Tag");
            v.tags.forEach((k, val) -> tags.addObject().put("Key", k).put("Value", val));
        }
        return body;
    }

    private ObjectNode deleteVpc(Params p) {
        Vpc v = requireVpc(p.required("VpcId"));
        if (!switches.values(s -> s.vpcId.equals(v.id)).isEmpty()) {
            throw error(400, "DependencyViolation.VSwitch", "Specified VPC has VSwitch.");
        }
        if (fake.ecs.groupsIn(v.id) > 0) {
            throw error(400, "DependencyViolation.SecurityGroup", "Specified VPC has security group.");
        }
        if (!"Available".equals(v.status)) {
            throw error(400, "IncorrectVpcStatus", "Current VPC status does not support this operation.");
        }
        vpcs.remove(v.id);
        return JSON.objectNode();
    }

    private ObjectNode createVSwitch(Params p) {
        Vpc v = requireVpc(p.required("VpcId"));
        if (!"Available".equals(v.status)) {
            throw error(400, "IncorrectVpcStatus", "The status of the specified VPC is not Available.");
        }
        String zone = p.required("ZoneId");
        if (!EcsFake.ZONES.contains(zone)) {
            throw error(404, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.");
        }
        String cidr = p.required("CidrBlock");
        io.multicloud.api.Cidr block = io.multicloud.api.Cidr.parse(cidr);
        if (!io.multicloud.api.Cidr.parse(v.cidr).contains(block)) {
            throw error(400, "InvalidCidrBlock.Malformed", "Specified CIDR block is not valid.");
        }
        if (switches.values(s -> s.vpcId.equals(v.id)).stream().anyMatch(s -> io.multicloud.api.Cidr.parse(s.cidr).overlaps(block))) {
            throw error(400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.");
        }
        VSwitch s = new VSwitch();
        s.id = "vsw-bp1" + switches.nextId();
        s.name = p.str("VSwitchName");
        s.vpcId = v.id;
        s.cidr = block.toString();
        s.zone = zone;
        switches.put(s.id, s);
        clock.later(1, () -> s.status = "Available");
        return JSON.objectNode().put("VSwitchId", s.id);
    }

    private ObjectNode describeVSwitches(Params p) {
        List<VSwitch> all = switches.values(s -> p.get("VpcId").map(id -> id.equals(s.vpcId)).orElse(true)
                && p.get("VSwitchId").map(id -> id.equals(s.id)).orElse(true)
                && p.get("VSwitchName").map(n -> n.equals(s.name)).orElse(true)
                && p.get("ZoneId").map(z -> z.equals(s.zone)).orElse(true));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("VSwitches").putArray("VSwitch");
        for (VSwitch s : Paging.byNumber(fake, p, all, body)) {
            ObjectNode o = list.addObject();
            o.put("VSwitchId", s.id).put("VSwitchName", s.name == null ? "" : s.name).put("VpcId", s.vpcId).put("CidrBlock", s.cidr)
                    .put("ZoneId", s.zone).put("Status", s.status).put("CreationTime", s.created).put("IsDefault", false)
                    .put("AvailableIpAddressCount", 250L).put("Description", "");
            ArrayNode tags = o.putObject("Tags").putArray("Tag");
            s.tags.forEach((k, val) -> tags.addObject().put("Key", k).put("Value", val));
        }
        return body;
    }

    private ObjectNode deleteVSwitch(Params p) {
        VSwitch s = requireSwitch(p.required("VSwitchId"));
        if (fake.ecs.instancesIn(s.id) > 0 || fake.slb.lbsIn(s.id) > 0 || fake.cs.clustersOn(s.id) > 0) {
            throw error(400, "DependencyViolation", "Specified object has dependent resources.");
        }
        switches.remove(s.id);
        return JSON.objectNode();
    }

    private Map<String, String> tagsOf(String type, String id) {
        return switch (type) {
            case "VPC" -> requireVpc(id).tags;
            case "VSWITCH" -> requireSwitch(id).tags;
            default -> throw error(400, "InvalidResourceType.NotSupported", "The resource type " + type + " is not supported.");
        };
    }

    private ObjectNode tagResources(Params p) {
        String type = p.required("ResourceType");
        Map<String, String> tags = p.tags("Tag");
        for (String id : p.list("ResourceId")) {
            TagRules.add(tagsOf(type, id), tags);
        }
        return JSON.objectNode();
    }

    private ObjectNode untagResources(Params p) {
        String type = p.required("ResourceType");
        for (String id : p.list("ResourceId")) {
            Map<String, String> tags = tagsOf(type, id);
            if (p.bool("All")) {
                tags.clear();
            }
            p.list("TagKey").forEach(tags::remove);
        }
        return JSON.objectNode();
    }

    private ObjectNode listTagResources(Params p) {
        String type = p.required("ResourceType");
        List<String> ids = p.list("ResourceId");
        Map<String, String> filter = p.tags("Tag");
        List<String[]> rows = new java.util.ArrayList<>();
        List<? extends Object> resources = "VPC".equals(type) ? vpcs.values() : switches.values();
        for (Object r : resources) {
            String id = r instanceof Vpc v ? v.id : ((VSwitch) r).id;
            Map<String, String> tags = tagsOf(type, id);
            if ((ids.isEmpty() || ids.contains(id)) && TagRules.matches(tags, filter)) {
                tags.forEach((k, v) -> rows.add(new String[]{id, k, v}));
            }
        }
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("TagResources").putArray("TagResource");
        for (String[] row : Paging.byToken(fake, p, rows, body)) {
            list.addObject().put("ResourceId", row[0]).put("ResourceType", type).put("TagKey", row[1]).put("TagValue", row[2]);
        }
        return body;
    }
}
