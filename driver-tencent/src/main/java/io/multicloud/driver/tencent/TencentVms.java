package io.multicloud.driver.tencent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Platform;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.SshAccess;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.driver.tencent.TencentClients.Product;
import io.multicloud.spi.CloudInitUserData;
import io.multicloud.spi.VmService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * VMs as CVM instances (pay-as-you-go). The user's name is the native {@code InstanceName}
 * (Tencent does not keep it unique, so create looks first); the image the user named is kept in
 * a {@code multicloud:image} tag. Every RunInstances carries a {@code ClientToken} — the
 * request's own (the MCI engine sets one per intent) or a new UUID per create call — and is
 * tried again with it on a throttled or transient answer, so a lost answer never makes a second
 * instance.
 *
 * <p>Status: PENDING → CREATING, LAUNCH_FAILED → FAILED (reason: LatestOperationErrorMsg),
 * RUNNING → RUNNING, STOPPING → SUSPENDING, STOPPED → SUSPENDED, STARTING → RESUMING,
 * REBOOTING → REBOOTING, TERMINATING → TERMINATING, SHUTDOWN (isolated, waiting to be destroyed)
 * → TERMINATED; an instance that has finished terminating is gone. Suspend stops with
 * {@code StoppedMode=STOP_CHARGING} (no charge for compute while stopped) and falls back to
 * KEEP_CHARGING where Tencent refuses it.
 *
 * <p>A Linux VM launched with a key pair gets cloud-init user data that creates the login user
 * {@code multicloud} with the key ({@link CloudInitUserData}); the key is also bound through
 * {@code LoginSettings.KeyIds}. A public IP comes with internet bandwidth (property
 * {@code bandwidth_out_mbps}, default 10, billed by traffic).
 */
final class TencentVms implements VmService {
    private static final ResourceKind KIND = ResourceKind.VM;

    private final TencentContext ctx;
    private final TencentNetworks networks;
    private final TencentSecurityGroups groups;
    private final TencentKeyPairs keyPairs;
    private final TencentImages images;

    TencentVms(TencentContext ctx, TencentNetworks networks, TencentSecurityGroups groups, TencentKeyPairs keyPairs,
               TencentImages images) {
        this.ctx = ctx;
        this.networks = networks;
        this.groups = groups;
        this.keyPairs = keyPairs;
        this.images = images;
    }

    /** The names the VM records refer to, fetched once for many instances. */
    private record Related(Map<String, String> vpcs, Map<String, JsonNode> subnets, Map<String, String> groups,
                           Map<String, String> keys) {
    }

    @Override
    public List<Vm> list() {
        return toRecords(instances(TencentApi.object()));
    }

    @Override
    public List<Vm> listTagged(String key, String value) {
        ObjectNode params = TencentApi.object();
        boolean plain = value != null && TencentTagCodec.fits(key, value);
        if (plain) {
            params.withArray("Filters").add(TencentApi.filter("tag:" + key, List.of(value)));
        } else {
            List<String> keys = new ArrayList<>();
            if (TencentTagCodec.fits(key, "")) {
                keys.add(key);
            }
            keys.add(TencentTagCodec.firstChunkKey(key));
            params.withArray("Filters").add(TencentApi.filter("tag-key", keys));
        }
        return toRecords(instances(params)).stream()
                .filter(vm -> vm.tags().containsKey(key) && (value == null || value.equals(vm.tags().get(key)))).toList();
    }

    @Override
    public Optional<Vm> find(String nameOrId) {
        return findRaw(nameOrId).map(i -> toRecords(List.of(i)).getFirst());
    }

    private List<JsonNode> instances(ObjectNode params) {
        return ctx.api().list(Product.CVM, "DescribeInstances", params, "InstanceSet", false, KIND, null);
    }

    Optional<JsonNode> findRaw(String nameOrId) {
        if (TencentTagCodec.isId(nameOrId, "ins")) {
            Optional<JsonNode> byId = describe("instance-id", nameOrId).stream()
                    .filter(i -> nameOrId.equals(i.path("InstanceId").asText())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        // A name may be reused while its former holder terminates: the live one comes first.
        List<JsonNode> named = describe("instance-name", nameOrId).stream()
                .filter(i -> nameOrId.equals(i.path("InstanceName").asText())).toList();
        return named.stream().filter(i -> !"TERMINATING".equals(i.path("InstanceState").asText())).findFirst()
                .or(() -> named.stream().findFirst());
    }

    private List<JsonNode> describe(String filter, String value) {
        ObjectNode params = TencentApi.object();
        params.withArray("Filters").add(TencentApi.filter(filter, List.of(value)));
        return ctx.api().list(Product.CVM, "DescribeInstances", params, "InstanceSet", false, KIND, value);
    }

    /** VM names by instance id, one call for all. */
    Map<String, String> names(java.util.Collection<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            ObjectNode params = TencentApi.object();
            params.set("InstanceIds", TencentApi.strings(ids));
            instances(params).forEach(i -> out.put(i.path("InstanceId").asText(),
                    TencentTagCodec.nameOr(i.path("InstanceName").asText(), i.path("InstanceId").asText())));
        }
        return out;
    }

    JsonNode requireRaw(String name) {
        return findRaw(name).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "no instance of this name or id"));
    }

    private List<Vm> toRecords(List<JsonNode> instances) {
        Set<String> vpcs = new HashSet<>();
        Set<String> subnets = new HashSet<>();
        Set<String> sgs = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (JsonNode i : instances) {
            JsonNode net = i.path("VirtualPrivateCloud");
            if (!net.path("VpcId").asText("").isEmpty()) {
                vpcs.add(net.path("VpcId").asText());
            }
            if (!net.path("SubnetId").asText("").isEmpty()) {
                subnets.add(net.path("SubnetId").asText());
            }
            i.path("SecurityGroupIds").forEach(g -> sgs.add(g.asText()));
            i.path("LoginSettings").path("KeyIds").forEach(k -> keys.add(k.asText()));
        }
        Related related = new Related(networks.names(vpcs), networks.subnets(subnets), groups.names(sgs), keyPairs.names(keys));
        return instances.stream().map(i -> toRecord(i, related)).toList();
    }

    @Override
    public Vm create(VmRequest request) {
        String name = request.name();
        if (findRaw(name).filter(i -> !"TERMINATING".equals(i.path("InstanceState").asText())).isPresent()) {
            throw new AlreadyExistsException(ctx.error(KIND, name), "a live instance of this name exists");
        }
        JsonNode image = images.resolve(request.image()).orElseThrow(() -> new NotFoundException(
                ctx.error(ResourceKind.IMAGE, request.image()), "no alias, image id or image name matches"));
        JsonNode vpc = networks.requireRaw(request.vpc());
        String vpcId = vpc.path("VpcId").asText();
        JsonNode subnet = networks.subnetsByVpc(List.of(vpcId)).getOrDefault(vpcId, List.of()).stream()
                .filter(s -> request.subnet().equals(s.path("SubnetName").asText()) || request.subnet().equals(s.path("SubnetId").asText()))
                .findFirst().orElseThrow(() -> new NotFoundException(ctx.error(ResourceKind.SUBNET, request.subnet()),
                        "VPC '" + request.vpc() + "' has no subnet of this name"));
        String zone = subnet.path("Zone").asText();
        if (request.zone() != null && !request.zone().equals(zone)) {
            throw new InvalidRequestException(ctx.error(KIND, name), "zone", "subnet '" + request.subnet() + "' lies in "
                    + zone + ", not in " + request.zone());
        }
        List<String> sgIds = request.securityGroups().stream().map(g -> groups.requireRaw(g).path("SecurityGroupId").asText()).toList();
        boolean windows = TencentImages.toRecord(request.image(), image).platform() == Platform.WINDOWS;
        JsonNode key = request.keyPair() == null ? null : keyPairs.requireRaw(request.keyPair());
        String publicKey = key == null || windows ? null : key.path("PublicKey").asText(null);
        String userData = publicKey == null || publicKey.isBlank() ? request.userData()
                : CloudInitUserData.build(publicKey, request.userData());

        Map<String, String> tags = new LinkedHashMap<>(TencentTagCodec.encode(request.tags()));
        tags.put(TencentTagCodec.IMAGE_TAG, request.image());
        if (publicKey != null && !publicKey.isBlank()) {
            tags.put(TencentTagCodec.LOGIN_USER_TAG, CloudInitUserData.USER);
        }
        ObjectNode params = TencentApi.object();
        params.put("InstanceChargeType", "POSTPAID_BY_HOUR");
        params.putObject("Placement").put("Zone", zone);
        params.put("InstanceType", request.spec());
        params.put("ImageId", image.path("ImageId").asText());
        ObjectNode disk = params.putObject("SystemDisk");
        disk.put("DiskType", request.rootDiskType() != null ? request.rootDiskType() : "CLOUD_BSSD");
        if (request.rootDiskGB() > 0) {
            disk.put("DiskSize", request.rootDiskGB());
        }
        ObjectNode net = params.putObject("VirtualPrivateCloud");
        net.put("VpcId", vpcId);
        net.put("SubnetId", subnet.path("SubnetId").asText());
        ObjectNode internet = params.putObject("InternetAccessible");
        internet.put("InternetChargeType", "TRAFFIC_POSTPAID_BY_HOUR");
        internet.put("InternetMaxBandwidthOut", request.publicIp() ? bandwidth() : 0);
        internet.put("PublicIpAssigned", request.publicIp());
        params.put("InstanceCount", 1);
        params.put("InstanceName", name);
        if (key != null) {
            params.putObject("LoginSettings").set("KeyIds", TencentApi.strings(List.of(key.path("KeyId").asText())));
        }
        if (!sgIds.isEmpty()) {
            params.set("SecurityGroupIds", TencentApi.strings(sgIds));
        }
        params.put("ClientToken", request.clientToken() != null ? request.clientToken() : UUID.randomUUID().toString());
        ObjectNode spec = params.putArray("TagSpecification").addObject();
        spec.put("ResourceType", "instance");
        spec.set("Tags", TencentTagCodec.toJson(tags));
        if (userData != null) {
            params.put("UserData", Base64.getEncoder().encodeToString(userData.getBytes(StandardCharsets.UTF_8)));
        }
        JsonNode answer = ctx.api().change(Product.CVM, "RunInstances", params, KIND, name, true);
        String id = answer.path("InstanceIdSet").path(0).asText();
        return find(id).orElseThrow(() -> new NotFoundException(ctx.error(KIND, name), "instance " + id + " is not listed after RunInstances"));
    }

    private int bandwidth() {
        String value = ctx.config().property("bandwidth_out_mbps").orElse("10");
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1000) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new InvalidRequestException("bandwidth_out_mbps", "'" + value + "' is not a number 1..1000");
    }

    @Override
    public void delete(String name) {
        act("TerminateInstances", name, null);
    }

    @Override
    public VmStatus suspend(String name) {
        String id = requireRaw(name).path("InstanceId").asText();
        ObjectNode params = TencentApi.object();
        params.set("InstanceIds", TencentApi.strings(List.of(id)));
        params.put("StoppedMode", "STOP_CHARGING");
        try {
            ctx.api().change(Product.CVM, "StopInstances", params, KIND, name);
        } catch (InvalidRequestException e) {
            String code = e.context().providerCode();
            if (code == null || !code.contains("StopCharging")) {
                throw e;
            }
            params.put("StoppedMode", "KEEP_CHARGING");
            ctx.api().change(Product.CVM, "StopInstances", params, KIND, name);
        }
        return VmStatus.SUSPENDING;
    }

    @Override
    public VmStatus resume(String name) {
        act("StartInstances", name, null);
        return VmStatus.RESUMING;
    }

    @Override
    public VmStatus reboot(String name) {
        act("RebootInstances", name, null);
        return VmStatus.REBOOTING;
    }

    private void act(String action, String name, ObjectNode extra) {
        String id = requireRaw(name).path("InstanceId").asText();
        ObjectNode params = extra == null ? TencentApi.object() : extra;
        params.set("InstanceIds", TencentApi.strings(List.of(id)));
        ctx.api().change(Product.CVM, action, params, KIND, name);
    }

    static VmStatus status(String state) {
        return switch (state == null ? "" : state) {
            case "PENDING" -> VmStatus.CREATING;
            case "LAUNCH_FAILED" -> VmStatus.FAILED;
            case "RUNNING" -> VmStatus.RUNNING;
            case "STOPPING" -> VmStatus.SUSPENDING;
            case "STOPPED" -> VmStatus.SUSPENDED;
            case "STARTING" -> VmStatus.RESUMING;
            case "REBOOTING" -> VmStatus.REBOOTING;
            case "TERMINATING" -> VmStatus.TERMINATING;
            case "SHUTDOWN" -> VmStatus.TERMINATED;
            default -> VmStatus.UNKNOWN;
        };
    }

    private Vm toRecord(JsonNode i, Related related) {
        String id = i.path("InstanceId").asText();
        String state = i.path("InstanceState").asText();
        VmStatus status = status(state);
        String reason = null;
        if (status == VmStatus.FAILED) {
            reason = i.path("LatestOperationErrorMsg").asText("");
            if (reason.isEmpty()) {
                reason = "LAUNCH_FAILED" + (i.path("LatestOperation").isTextual() ? " (" + i.path("LatestOperation").asText() + ")" : "");
            }
        }
        JsonNode net = i.path("VirtualPrivateCloud");
        String vpcId = net.path("VpcId").asText(null);
        JsonNode subnet = related.subnets().get(net.path("SubnetId").asText(""));
        String publicIp = i.path("PublicIpAddresses").path(0).asText(null);
        String privateIp = i.path("PrivateIpAddresses").path(0).asText(null);
        String user = TencentTagCodec.own(i.path("Tags"), TencentTagCodec.LOGIN_USER_TAG);
        if (user == null) {
            user = i.path("DefaultLoginUser").asText("");
            if (user.isEmpty()) {
                user = TencentImages.loginUser(i.path("OsName").asText(""));
            }
        }
        String host = publicIp != null ? publicIp : privateIp;
        String image = TencentTagCodec.own(i.path("Tags"), TencentTagCodec.IMAGE_TAG);
        String keyId = i.path("LoginSettings").path("KeyIds").path(0).asText(null);
        return new Vm(TencentTagCodec.nameOr(i.path("InstanceName").asText(), id), id, status, reason,
                ctx.config().region(), i.path("Placement").path("Zone").asText(null), i.path("InstanceType").asText(null),
                image != null ? image : i.path("ImageId").asText(null),
                vpcId == null ? null : related.vpcs().getOrDefault(vpcId, vpcId),
                subnet == null ? net.path("SubnetId").asText(null) : TencentNetworks.subnet(subnet).name(),
                toList(i.path("SecurityGroupIds")).stream().map(g -> related.groups().getOrDefault(g, g)).toList(),
                keyId == null ? null : related.keys().getOrDefault(keyId, keyId),
                publicIp, privateIp, host == null ? null : new SshAccess(host, 22, user),
                i.path("SystemDisk").path("DiskSize").asInt(0), i.path("SystemDisk").path("DiskType").asText(null),
                instant(i.path("CreatedTime").asText(null)), TencentTagCodec.user(i.path("Tags")));
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
