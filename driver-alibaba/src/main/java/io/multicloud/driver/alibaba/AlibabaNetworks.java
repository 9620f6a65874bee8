package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Subnet;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.spi.VpcService;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * VPCs and their VSwitches (the subnets). A VSwitch lies in one zone: the subnet request's, else
 * the connection's, else the region's first. A new VPC and a new VSwitch are Pending for a moment
 * and take no VSwitch (or VM) until Available, so create waits for that. Deleting a VPC deletes
 * its VSwitches first; a VSwitch that still holds a VM is refused by Alibaba
 * ({@code DependencyViolation}), which is a {@link io.multicloud.api.ConflictException}.
 */
final class AlibabaNetworks implements VpcService {
    private static final ResourceKind KIND = ResourceKind.VPC;
    private final AlibabaContext ctx;
    private final AlibabaZones zones;
    private final AlibabaTagApi tags;

    AlibabaNetworks(AlibabaContext ctx, AlibabaZones zones) {
        this.ctx = ctx;
        this.zones = zones;
        this.tags = new AlibabaTagApi(ctx);
    }

    private com.aliyun.vpc20160428.Client vpc() {
        return ctx.clients().vpc();
    }

    /** A VPC as DescribeVpcs reports it. */
    record RawVpc(String id, String name, String cidr, String status, Map<String, String> cloudTags) {
    }

    /** A VSwitch as DescribeVSwitches reports it. */
    record RawSwitch(String id, String name, String vpcId, String cidr, String zone, String status, Map<String, String> cloudTags) {
    }

    /** VPCs to the end; filtered by native name or id when given. */
    List<RawVpc> rawVpcs(String name, String id) {
        return AlibabaContext.allByNumber(page -> {
            var req = new com.aliyun.vpc20160428.models.DescribeVpcsRequest().setRegionId(ctx.region())
                    .setPageNumber(page).setPageSize(AlibabaContext.PAGE_SIZE).setVpcName(name).setVpcId(id);
            var body = ctx.call(KIND, name, () -> vpc().describeVpcs(req).getBody());
            List<RawVpc> items = body.getVpcs() == null || body.getVpcs().getVpc() == null ? List.of()
                    : body.getVpcs().getVpc().stream().map(v -> new RawVpc(v.getVpcId(), v.getVpcName(), v.getCidrBlock(),
                    v.getStatus(), tagMap(v.getTags() == null ? null : v.getTags().getTag()))).toList();
            return new AlibabaContext.Numbered<>(items, body.getTotalCount() == null ? 0 : body.getTotalCount());
        });
    }

    private static Map<String, String> tagMap(List<com.aliyun.vpc20160428.models.DescribeVpcsResponseBody.DescribeVpcsResponseBodyVpcsVpcTagsTag> list) {
        Map<String, String> out = new HashMap<>();
        if (list != null) {
            list.forEach(t -> out.put(t.getKey(), t.getValue() == null ? "" : t.getValue()));
        }
        return out;
    }

    /** VSwitches to the end, of one VPC or (vpcId null) of the region. */
    List<RawSwitch> rawSwitches(String vpcId, String switchId) {
        return AlibabaContext.allByNumber(page -> {
            var req = new com.aliyun.vpc20160428.models.DescribeVSwitchesRequest().setRegionId(ctx.region())
                    .setPageNumber(page).setPageSize(AlibabaContext.PAGE_SIZE).setVpcId(vpcId).setVSwitchId(switchId);
            var body = ctx.call(ResourceKind.SUBNET, null, () -> vpc().describeVSwitches(req).getBody());
            List<RawSwitch> items = body.getVSwitches() == null || body.getVSwitches().getVSwitch() == null ? List.of()
                    : body.getVSwitches().getVSwitch().stream().map(s -> {
                Map<String, String> t = new HashMap<>();
                if (s.getTags() != null && s.getTags().getTag() != null) {
                    s.getTags().getTag().forEach(x -> t.put(x.getKey(), x.getValue() == null ? "" : x.getValue()));
                }
                return new RawSwitch(s.getVSwitchId(), s.getVSwitchName(), s.getVpcId(), s.getCidrBlock(), s.getZoneId(),
                        s.getStatus(), t);
            }).toList();
            return new AlibabaContext.Numbered<>(items, body.getTotalCount() == null ? 0 : body.getTotalCount());
        });
    }

    /** The VPC of this user name or cloud id. */
    Optional<RawVpc> rawVpc(String nameOrId) {
        if (AlibabaNames.looksLikeId(nameOrId, "vpc-")) {
            Optional<RawVpc> byId = rawVpcs(null, nameOrId).stream().filter(v -> v.id().equals(nameOrId)).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        return rawVpcs(nameOrId, null).stream().filter(v -> nameOrId.equals(v.name())).findFirst();
    }

    RawVpc requireVpc(String nameOrId) {
        return rawVpc(nameOrId).orElseThrow(() -> new NotFoundException(ctx.error(KIND, nameOrId), "no VPC of this name"));
    }

    /** The VSwitch of this user name (or id) in the VPC. */
    RawSwitch requireSwitch(RawVpc vpc, String subnet) {
        return rawSwitches(vpc.id(), null).stream()
                .filter(s -> subnet.equals(AlibabaNames.of(s.name(), s.id())) || subnet.equals(s.id())).findFirst()
                .orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.SUBNET, subnet),
                        "no subnet of this name in VPC '" + AlibabaNames.of(vpc.name(), vpc.id()) + "'"));
    }

    /** User names of VPCs and VSwitches by id, each from one listing. */
    Map<String, String> vpcNames() {
        Map<String, String> out = new HashMap<>();
        rawVpcs(null, null).forEach(v -> out.put(v.id(), AlibabaNames.of(v.name(), v.id())));
        return out;
    }

    Map<String, String> switchNames() {
        Map<String, String> out = new HashMap<>();
        rawSwitches(null, null).forEach(s -> out.put(s.id(), AlibabaNames.of(s.name(), s.id())));
        return out;
    }

    @Override
    public List<Vpc> list() {
        List<RawSwitch> switches = rawSwitches(null, null);
        return rawVpcs(null, null).stream().map(v -> toRecord(v, switches)).sorted(Comparator.comparing(Vpc::name)).toList();
    }

    @Override
    public Optional<Vpc> find(String nameOrId) {
        return rawVpc(nameOrId).map(v -> toRecord(v, rawSwitches(v.id(), null)));
    }

    private Vpc toRecord(RawVpc v, List<RawSwitch> switches) {
        List<Subnet> subnets = switches.stream().filter(s -> v.id().equals(s.vpcId()))
                .map(s -> new Subnet(AlibabaNames.of(s.name(), s.id()), s.id(), s.cidr(), s.zone(), AlibabaTags.decode(s.cloudTags())))
                .sorted(Comparator.comparing(Subnet::name)).toList();
        return new Vpc(AlibabaNames.of(v.name(), v.id()), v.id(), v.cidr(), subnets, AlibabaTags.decode(v.cloudTags()));
    }

    @Override
    public Vpc create(VpcRequest request) {
        String name = request.name();
        if (!rawVpcs(name, null).isEmpty()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a VPC of this name exists");
        }
        Map<String, String> cloudTags = AlibabaTags.encode(request.tags());
        var created = ctx.call(KIND, name, () -> vpc().createVpc(new com.aliyun.vpc20160428.models.CreateVpcRequest()
                .setRegionId(ctx.region()).setVpcName(name).setCidrBlock(request.cidr())
                .setClientToken(AlibabaContext.token(null))).getBody());
        String id = created.getVpcId();
        tags.tag(KIND, name, id, cloudTags);
        awaitVpcAvailable(name, id);
        for (SubnetRequest subnet : request.subnets()) {
            createSwitch(name, id, subnet);
        }
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "the new VPC is not listed"));
    }

    private void awaitVpcAvailable(String name, String id) {
        ctx.await(KIND, name, "Available", () -> rawVpcs(null, id).stream()
                .filter(v -> "Available".equals(v.status())).findFirst());
    }

    private void createSwitch(String vpcName, String vpcId, SubnetRequest subnet) {
        String zone = zones.pick(subnet.zone());
        var created = ctx.call(ResourceKind.SUBNET, subnet.name(), () -> vpc().createVSwitch(
                new com.aliyun.vpc20160428.models.CreateVSwitchRequest().setRegionId(ctx.region()).setVpcId(vpcId)
                        .setVSwitchName(subnet.name()).setCidrBlock(subnet.cidr()).setZoneId(zone)
                        .setClientToken(AlibabaContext.token(null))).getBody());
        String id = created.getVSwitchId();
        tags.tag(ResourceKind.SUBNET, subnet.name(), id, AlibabaTags.encode(subnet.tags()));
        ctx.await(ResourceKind.SUBNET, subnet.name(), "Available", () -> rawSwitches(null, id).stream()
                .filter(s -> "Available".equals(s.status())).findFirst());
    }

    @Override
    public void delete(String name) {
        RawVpc v = requireVpc(name);
        for (RawSwitch s : rawSwitches(v.id(), null)) {
            deleteSwitch(s);
        }
        deleteDefaultGroup(name, v.id());
        ctx.call(KIND, name, () -> vpc().deleteVpc(new com.aliyun.vpc20160428.models.DeleteVpcRequest()
                .setRegionId(ctx.region()).setVpcId(v.id())));
    }

    /** Deletes the group the driver made for VMs created without one ({@link AlibabaSecurityGroups#vpcDefault}). */
    private void deleteDefaultGroup(String name, String vpcId) {
        var ecs = ctx.clients().ecs();
        var body = ctx.call(ResourceKind.SECURITY_GROUP, AlibabaSecurityGroups.VPC_DEFAULT, () -> ecs.describeSecurityGroups(
                new com.aliyun.ecs20140526.models.DescribeSecurityGroupsRequest().setRegionId(ctx.region()).setVpcId(vpcId)
                        .setSecurityGroupName(AlibabaSecurityGroups.VPC_DEFAULT).setMaxResults(AlibabaContext.MAX_RESULTS)).getBody());
        if (body.getSecurityGroups() == null || body.getSecurityGroups().getSecurityGroup() == null) {
            return;
        }
        for (var g : body.getSecurityGroups().getSecurityGroup()) {
            if (AlibabaSecurityGroups.VPC_DEFAULT.equals(g.getSecurityGroupName())) {
                ctx.call(ResourceKind.SECURITY_GROUP, AlibabaSecurityGroups.VPC_DEFAULT, () -> ecs.deleteSecurityGroup(
                        new com.aliyun.ecs20140526.models.DeleteSecurityGroupRequest().setRegionId(ctx.region())
                                .setSecurityGroupId(g.getSecurityGroupId())));
            }
        }
    }

    private void deleteSwitch(RawSwitch s) {
        String name = AlibabaNames.of(s.name(), s.id());
        ctx.call(ResourceKind.SUBNET, name, () -> vpc().deleteVSwitch(new com.aliyun.vpc20160428.models.DeleteVSwitchRequest()
                .setRegionId(ctx.region()).setVSwitchId(s.id())));
    }

    @Override
    public Vpc addSubnet(String vpcName, SubnetRequest subnet) {
        RawVpc v = requireVpc(vpcName);
        if (rawSwitches(v.id(), null).stream().anyMatch(s -> subnet.name().equals(s.name()))) {
            throw new AlreadyExistsException(ctx.error(ResourceKind.SUBNET, subnet.name()), "the VPC has a subnet of this name");
        }
        createSwitch(vpcName, v.id(), subnet);
        return find(v.id()).orElseThrow();
    }

    @Override
    public Vpc removeSubnet(String vpcName, String subnet) {
        RawVpc v = requireVpc(vpcName);
        deleteSwitch(requireSwitch(v, subnet));
        return find(v.id()).orElseThrow();
    }
}
