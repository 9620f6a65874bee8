package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.FakeClock;
import io.multicloud.testkit.fake.Store;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.multicloud.driver.alibaba.fake.AlibabaFake.JSON;
import static io.multicloud.driver.alibaba.fake.AlibabaFake.error;

/**
 * The ECS API's state: the region's zones, system images, instance types on sale with prices,
 * security groups with their permissions, key pairs (CreateKeyPair makes a real RSA key),
 * instances that move Pending → Starting → Running (and Stopping → Stopped, Starting → Running)
 * with the requests served, data disks, own images, tags, and idempotent creates by
 * {@code ClientToken}. On demand (see {@link AlibabaFake}) an instance is rolled back while
 * Pending: it disappears, as Alibaba releases an instance that failed to start.
 */
final class EcsFake {
    static final List<String> ZONES = List.of(AlibabaFake.ZONE, AlibabaFake.ZONE_2);
    /** Steps (requests served) each transition takes. */
    static final int STEPS = 2;

    /** An instance type: vCPUs, memory GiB, architecture, GPUs, price per hour (CNY). */
    record Type(String id, int cpus, float memory, String arch, int gpus, String gpuSpec, float gpuMemory, float price) {
    }

    static final List<Type> TYPES = List.of(
            new Type("ecs.t6-c1m1.large", 2, 2, "X86", 0, "", 0, 0.09f),
            new Type("ecs.g7.large", 2, 8, "X86", 0, "", 0, 0.39f),
            new Type("ecs.c7.large", 2, 4, "X86", 0, "", 0, 0.30f),
            new Type("ecs.g8y.large", 2, 8, "ARM", 0, "", 0, 0.33f),
            new Type("ecs.gn7i-c8g1.2xlarge", 8, 30, "X86", 1, "NVIDIA A10", 24, 8.74f),
            new Type("ecs.gn6i-c4g1.xlarge", 4, 15, "X86", 1, "NVIDIA T4", 16, 5.06f));

    /** A system image: id, OS type, platform, architecture, size, creation time. */
    record SysImage(String id, String osType, String platform, String arch, String osName, String created) {
    }

    static final List<SysImage> SYSTEM_IMAGES = List.of(
            new SysImage("ubuntu_22_04_x64_20G_alibase_20240130.vhd", "linux", "Ubuntu", "x86_64", "Ubuntu  22.04 64 bit", "2024-01-30T00:00:00Z"),
            new SysImage("ubuntu_22_04_x64_20G_alibase_20231221.vhd", "linux", "Ubuntu", "x86_64", "Ubuntu  22.04 64 bit", "2023-12-21T00:00:00Z"),
            new SysImage("ubuntu_22_04_arm64_20G_alibase_20240130.vhd", "linux", "Ubuntu", "arm64", "Ubuntu  22.04 64 bit ARM", "2024-01-30T00:00:00Z"),
            new SysImage("ubuntu_24_04_x64_20G_alibase_20240812.vhd", "linux", "Ubuntu", "x86_64", "Ubuntu  24.04 64 bit", "2024-08-12T00:00:00Z"),
            new SysImage("debian_12_6_x64_20G_alibase_20240819.vhd", "linux", "Debian", "x86_64", "Debian  12.6 64 bit", "2024-08-19T00:00:00Z"),
            new SysImage("aliyun_3_x64_20G_alibase_20240528.vhd", "linux", "Aliyun", "x86_64", "Alibaba Cloud Linux  3.2104 LTS 64 bit", "2024-05-28T00:00:00Z"),
            new SysImage("aliyun_3_arm64_20G_alibase_20240528.vhd", "linux", "Aliyun", "arm64", "Alibaba Cloud Linux  3.2104 LTS 64 bit ARM", "2024-05-28T00:00:00Z"),
            new SysImage("win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd", "windows", "Windows Server 2022", "x86_64", "Windows Server  2022 Datacenter 64bit English", "2024-08-16T00:00:00Z"));

    static final class Instance {
        String id;
        String name;
        String hostName;
        String type;
        String imageId;
        String zone;
        String vpcId;
        String switchId;
        List<String> groups;
        String keyPair;
        String privateIp;
        String publicIp;
        String status = "Pending";
        String osType;
        int bandwidth;
        String created = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace(":00Z", "Z");
        final Map<String, String> tags = new LinkedHashMap<>();
        int generation;
    }

    static final class Group {
        String id;
        String name;
        String vpcId;
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final List<Map<String, String>> permissions = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class Key {
        String name;
        String fingerprint;
        String publicKey;
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class Disk {
        String id;
        String name;
        String zone;
        int size;
        String category;
        /** {@code data}, or {@code system}: an instance's system disk, made and released with it. */
        String type = "data";
        String status = "Creating";
        String instanceId;
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    static final class OwnImage {
        String id;
        String name;
        String status = "Creating";
        String osType;
        String arch;
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        final Map<String, String> tags = new LinkedHashMap<>();
    }

    private final AlibabaFake fake;
    private final FakeClock clock;
    private final VpcFake vpc;
    final Store<Instance> instances = new Store<>(100_000);
    final Store<Group> groups = new Store<>(6000);
    final Store<Key> keys = new Store<>();
    final Store<Disk> disks = new Store<>(7000);
    final Store<OwnImage> images = new Store<>(8000);
    /** ClientToken → the ids the first call answered with. */
    private final Map<String, List<String>> tokens = new HashMap<>();
    private int nextIp = 10;
    String rollBackNext;

    EcsFake(AlibabaFake fake, FakeClock clock, VpcFake vpc) {
        this.fake = fake;
        this.clock = clock;
        this.vpc = vpc;
    }

    int groupsIn(String vpcId) {
        return groups.values(g -> vpcId.equals(g.vpcId)).size();
    }

    int instancesIn(String switchId) {
        return instances.values(i -> switchId.equals(i.switchId)).size();
    }

    Function<Params, ObjectNode> handler(String action) {
        return switch (action) {
            case "DescribeRegions" -> this::describeRegions;
            case "DescribeZones" -> this::describeZones;
            case "DescribeImages" -> this::describeImages;
            case "DescribeInstanceTypes" -> this::describeInstanceTypes;
            case "DescribeAvailableResource" -> this::describeAvailableResource;
            case "DescribePrice" -> this::describePrice;
            case "CreateSecurityGroup" -> this::createSecurityGroup;
            case "DescribeSecurityGroups" -> this::describeSecurityGroups;
            case "DescribeSecurityGroupAttribute" -> this::describeSecurityGroupAttribute;
            case "AuthorizeSecurityGroup" -> p -> authorize(p, "ingress");
            case "AuthorizeSecurityGroupEgress" -> p -> authorize(p, "egress");
            case "RevokeSecurityGroup", "RevokeSecurityGroupEgress" -> this::revoke;
            case "DeleteSecurityGroup" -> this::deleteSecurityGroup;
            case "CreateKeyPair" -> this::createKeyPair;
            case "ImportKeyPair" -> this::importKeyPair;
            case "DescribeKeyPairs" -> this::describeKeyPairs;
            case "DeleteKeyPairs" -> this::deleteKeyPairs;
            case "RunInstances" -> this::runInstances;
            case "DescribeInstances" -> this::describeInstances;
            case "StartInstance" -> this::startInstance;
            case "StopInstance" -> this::stopInstance;
            case "RebootInstance" -> this::rebootInstance;
            case "DeleteInstance" -> this::deleteInstance;
            case "CreateDisk" -> this::createDisk;
            case "DescribeDisks" -> this::describeDisks;
            case "AttachDisk" -> this::attachDisk;
            case "DetachDisk" -> this::detachDisk;
            case "ResizeDisk" -> this::resizeDisk;
            case "DeleteDisk" -> this::deleteDisk;
            case "CreateImage" -> this::createImage;
            case "DeleteImage" -> this::deleteImage;
            case "TagResources" -> this::tagResources;
            case "UntagResources" -> this::untagResources;
            case "ListTagResources" -> this::listTagResources;
            case "GetInstanceConsoleOutput" -> this::consoleOutput;
            default -> null;
        };
    }

    // ---- catalog ----

    private ObjectNode describeRegions(Params p) {
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("Regions").putArray("Region");
        for (String[] r : new String[][]{{"cn-hangzhou", "China (Hangzhou)"}, {"cn-beijing", "China (Beijing)"},
                {"ap-southeast-1", "Singapore"}, {"eu-central-1", "Germany (Frankfurt)"}}) {
            list.addObject().put("RegionId", r[0]).put("LocalName", r[1]).put("RegionEndpoint", "ecs." + r[0] + ".aliyuncs.com")
                    .put("Status", "available");
        }
        return body;
    }

    private ObjectNode describeZones(Params p) {
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("Zones").putArray("Zone");
        ZONES.forEach(z -> list.addObject().put("ZoneId", z).put("LocalName", "Hangzhou Zone " + z.substring(z.length() - 1).toUpperCase())
                .put("ZoneType", "AvailabilityZone"));
        return body;
    }

    private ObjectNode image(ArrayNode list, String id, String name, String osType, String platform, String arch, String osName,
                             String created, String owner, String status, Map<String, String> tags) {
        ObjectNode o = list.addObject();
        o.put("ImageId", id).put("ImageName", name).put("OSType", osType).put("Platform", platform).put("Architecture", arch)
                .put("OSName", osName).put("OSNameEn", osName).put("Size", osType.equals("windows") ? 40 : 20).put("Status", status)
                .put("CreationTime", created).put("ImageOwnerAlias", owner).put("IsPublic", owner.equals("system"))
                .put("Usage", "instance").put("Progress", status.equals("Available") ? "100%" : "50%");
        ArrayNode t = o.putObject("Tags").putArray("Tag");
        tags.forEach((k, v) -> t.addObject().put("TagKey", k).put("TagValue", v));
        return o;
    }

    private ObjectNode describeImages(Params p) {
        String owner = p.str("ImageOwnerAlias");
        String id = p.str("ImageId");
        String name = p.str("ImageName");
        List<Object> all = new ArrayList<>();
        if (owner == null || owner.equals("system")) {
            SYSTEM_IMAGES.stream().filter(i -> (id == null || i.id().equals(id)) && (name == null || i.id().equals(name))).forEach(all::add);
        }
        if (owner == null || owner.equals("self")) {
            images.values(i -> (id == null || i.id.equals(id)) && (name == null || name.equals(i.name))).forEach(all::add);
        }
        ObjectNode body = JSON.objectNode().put("RegionId", AlibabaFake.REGION);
        ArrayNode list = body.putObject("Images").putArray("Image");
        for (Object o : Paging.byNumber(fake, p, all, body)) {
            if (o instanceof SysImage s) {
                image(list, s.id(), s.id(), s.osType(), s.platform(), s.arch(), s.osName(), s.created(), "system", "Available", Map.of());
            } else {
                OwnImage i = (OwnImage) o;
                image(list, i.id, i.name, i.osType, i.osType.equals("windows") ? "Windows Server 2022" : "Ubuntu", i.arch,
                        "custom", i.created, "self", i.status, i.tags);
            }
        }
        return body;
    }

    private ObjectNode describeInstanceTypes(Params p) {
        List<String> wanted = p.list("InstanceTypes");
        List<Type> all = TYPES.stream().filter(t -> wanted.isEmpty() || wanted.contains(t.id())).toList();
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("InstanceTypes").putArray("InstanceType");
        for (Type t : Paging.byToken(fake, p, all, body)) {
            ObjectNode o = list.addObject().put("InstanceTypeId", t.id()).put("CpuCoreCount", t.cpus()).put("MemorySize", t.memory())
                    .put("CpuArchitecture", t.arch()).put("InstanceTypeFamily", t.id().substring(0, t.id().lastIndexOf('.')))
                    .put("GPUAmount", t.gpus()).put("GPUSpec", t.gpuSpec()).put("EniQuantity", 3);
            if (t.gpus() > 0) {
                o.put("GPUMemorySize", t.gpuMemory());
            }
        }
        return body;
    }

    private ObjectNode describeAvailableResource(Params p) {
        String zone = p.get("ZoneId").orElse(AlibabaFake.ZONE);
        String only = p.str("InstanceType");
        ObjectNode body = JSON.objectNode();
        ObjectNode z = body.putObject("AvailableZones").putArray("AvailableZone").addObject();
        z.put("ZoneId", zone).put("RegionId", AlibabaFake.REGION).put("Status", "Available").put("StatusCategory", "WithStock");
        ObjectNode r = z.putObject("AvailableResources").putArray("AvailableResource").addObject().put("Type", "InstanceType");
        ArrayNode supported = r.putObject("SupportedResources").putArray("SupportedResource");
        TYPES.stream().filter(t -> only == null || t.id().equals(only)).forEach(t -> supported.addObject().put("Value", t.id())
                .put("Status", "Available").put("StatusCategory", "WithStock"));
        return body;
    }

    private ObjectNode describePrice(Params p) {
        String type = p.required("InstanceType");
        Type t = TYPES.stream().filter(x -> x.id().equals(type)).findFirst()
                .orElseThrow(() -> error(400, "InvalidInstanceType.ValueNotSupported", "The specified InstanceType does not exist or beyond the permitted range."));
        ObjectNode body = JSON.objectNode();
        ObjectNode price = body.putObject("PriceInfo").putObject("Price");
        price.put("Currency", "CNY").put("OriginalPrice", t.price()).put("DiscountPrice", 0.0f).put("TradePrice", t.price());
        return body;
    }

    // ---- security groups ----

    Group requireGroup(String id) {
        return groups.require(id, () -> error(404, "InvalidSecurityGroupId.NotFound", "The specified SecurityGroupId does not exist."));
    }

    private ObjectNode createSecurityGroup(Params p) {
        String vpcId = p.str("VpcId");
        if (vpcId != null) {
            vpc.requireVpc(vpcId);
        }
        Map<String, String> tags = p.tags("Tag");
        TagRules.check(tags);
        String token = p.str("ClientToken");
        if (token != null && tokens.containsKey("sg:" + token)) {
            return JSON.objectNode().put("SecurityGroupId", tokens.get("sg:" + token).getFirst());
        }
        Group g = new Group();
        g.id = "sg-bp1" + groups.nextId();
        g.name = p.str("SecurityGroupName");
        g.vpcId = vpcId;
        TagRules.add(g.tags, tags);
        groups.put(g.id, g);
        if (token != null) {
            tokens.put("sg:" + token, List.of(g.id));
        }
        return JSON.objectNode().put("SecurityGroupId", g.id);
    }

    private ObjectNode describeSecurityGroups(Params p) {
        Map<String, String> tagFilter = p.tags("Tag");
        List<Group> all = groups.values(g -> p.get("SecurityGroupId").map(g.id::equals).orElse(true)
                && p.get("SecurityGroupIds").map(ids -> p.jsonList("SecurityGroupIds").contains(g.id)).orElse(true)
                && p.get("SecurityGroupName").map(n -> n.equals(g.name)).orElse(true)
                && p.get("VpcId").map(v -> v.equals(g.vpcId)).orElse(true) && TagRules.matches(g.tags, tagFilter));
        ObjectNode body = JSON.objectNode().put("RegionId", AlibabaFake.REGION);
        ArrayNode list = body.putObject("SecurityGroups").putArray("SecurityGroup");
        for (Group g : Paging.byToken(fake, p, all, body)) {
            ObjectNode o = list.addObject().put("SecurityGroupId", g.id).put("SecurityGroupName", g.name == null ? "" : g.name)
                    .put("VpcId", g.vpcId == null ? "" : g.vpcId).put("SecurityGroupType", "normal").put("CreationTime", g.created)
                    .put("Description", "").put("EcsCount", instances.values(i -> i.groups.contains(g.id)).size());
            ArrayNode t = o.putObject("Tags").putArray("Tag");
            g.tags.forEach((k, v) -> t.addObject().put("TagKey", k).put("TagValue", v));
        }
        return body;
    }

    private ObjectNode describeSecurityGroupAttribute(Params p) {
        Group g = requireGroup(p.required("SecurityGroupId"));
        ObjectNode body = JSON.objectNode().put("RegionId", AlibabaFake.REGION).put("SecurityGroupId", g.id)
                .put("SecurityGroupName", g.name == null ? "" : g.name).put("VpcId", g.vpcId == null ? "" : g.vpcId)
                .put("Description", "").put("InnerAccessPolicy", "Accept");
        ArrayNode list = body.putObject("Permissions").putArray("Permission");
        for (Map<String, String> perm : Paging.byToken(fake, p, g.permissions, body)) {
            ObjectNode o = list.addObject();
            perm.forEach(o::put);
        }
        return body;
    }

    private ObjectNode authorize(Params p, String direction) {
        Group g = requireGroup(p.required("SecurityGroupId"));
        String protocol = p.required("IpProtocol").toLowerCase();
        String range = p.get("PortRange").orElse("-1/-1");
        if ((protocol.equals("tcp") || protocol.equals("udp")) && range.startsWith("-1")) {
            throw error(400, "InvalidPortRange.Malformed", "The specified parameter PortRange is not valid.");
        }
        String cidr = direction.equals("ingress") ? p.get("SourceCidrIp").orElse("") : p.get("DestCidrIp").orElse("");
        Map<String, String> perm = new LinkedHashMap<>();
        perm.put("SecurityGroupRuleId", "sgr-bp1" + groups.nextId());
        perm.put("Direction", direction);
        perm.put("IpProtocol", protocol.toUpperCase());
        perm.put("PortRange", range);
        perm.put(direction.equals("ingress") ? "SourceCidrIp" : "DestCidrIp", cidr);
        perm.put("Policy", p.get("Policy").map(x -> x.substring(0, 1).toUpperCase() + x.substring(1)).orElse("Accept"));
        perm.put("Priority", p.get("Priority").orElse("1"));
        perm.put("NicType", "intranet");
        perm.put("CreateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        boolean duplicate = g.permissions.stream().anyMatch(x -> x.get("Direction").equals(direction)
                && x.get("IpProtocol").equals(perm.get("IpProtocol")) && x.get("PortRange").equals(range)
                && cidr.equals(x.getOrDefault(direction.equals("ingress") ? "SourceCidrIp" : "DestCidrIp", "")));
        if (!duplicate) {
            g.permissions.add(perm);
        }
        return JSON.objectNode();
    }

    private ObjectNode revoke(Params p) {
        Group g = requireGroup(p.required("SecurityGroupId"));
        List<String> ids = p.list("SecurityGroupRuleId");
        if (ids.isEmpty()) {
            throw error(400, "MissingParameter", "The input parameter SecurityGroupRuleId is not supplied.");
        }
        for (String id : ids) {
            if (g.permissions.stream().noneMatch(x -> id.equals(x.get("SecurityGroupRuleId")))) {
                throw error(404, "InvalidSecurityGroupRule.RuleNotExist", "The specified rule does not exist.");
            }
        }
        g.permissions.removeIf(x -> ids.contains(x.get("SecurityGroupRuleId")));
        return JSON.objectNode();
    }

    private ObjectNode deleteSecurityGroup(Params p) {
        Group g = requireGroup(p.required("SecurityGroupId"));
        if (!instances.values(i -> i.groups.contains(g.id)).isEmpty()) {
            throw error(403, "DependencyViolation", "There is still instance(s) in the specified security group.");
        }
        groups.remove(g.id);
        return JSON.objectNode();
    }

    // ---- key pairs ----

    private ObjectNode createKeyPair(Params p) {
        String name = p.required("KeyPairName");
        if (keys.contains(name)) {
            throw error(400, "InvalidKeyPairName.Duplicate", "The key pair already exists.");
        }
        Map<String, String> tags = p.tags("Tag");
        TagRules.check(tags);
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            java.security.KeyPair kp = gen.generateKeyPair();
            Key k = new Key();
            k.name = name;
            k.publicKey = sshRsa((RSAPublicKey) kp.getPublic());
            k.fingerprint = fingerprint(k.publicKey);
            TagRules.add(k.tags, tags);
            keys.put(name, k);
            String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(kp.getPrivate().getEncoded()) + "\n-----END RSA PRIVATE KEY-----\n";
            return JSON.objectNode().put("KeyPairName", name).put("KeyPairFingerPrint", k.fingerprint).put("PrivateKeyBody", pem)
                    .put("KeyPairId", "kp-bp1" + keys.nextId());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sshRsa(RSAPublicKey key) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : new byte[][]{"ssh-rsa".getBytes(StandardCharsets.US_ASCII), key.getPublicExponent().toByteArray(),
                key.getModulus().toByteArray()}) {
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        return "ssh-rsa " + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String fingerprint(String publicKey) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(publicKey.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode importKeyPair(Params p) {
        String name = p.required("KeyPairName");
        String body = p.required("PublicKeyBody");
        if (keys.contains(name)) {
            throw error(400, "InvalidKeyPairName.Duplicate", "The key pair already exists.");
        }
        if (!body.matches("(ssh-(rsa|ed25519)|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+.*")) {
            throw error(400, "InvalidPublicKeyBody.Malformed", "The specified PublicKeyBody is not valid.");
        }
        Map<String, String> tags = p.tags("Tag");
        TagRules.check(tags);
        Key k = new Key();
        k.name = name;
        k.publicKey = body;
        k.fingerprint = fingerprint(body);
        TagRules.add(k.tags, tags);
        keys.put(name, k);
        return JSON.objectNode().put("KeyPairName", name).put("KeyPairFingerPrint", k.fingerprint);
    }

    private ObjectNode describeKeyPairs(Params p) {
        List<Key> all = keys.values(k -> p.get("KeyPairName").map(n -> n.equals(k.name)).orElse(true));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("KeyPairs").putArray("KeyPair");
        for (Key k : Paging.byNumber(fake, p, all, body)) {
            ObjectNode o = list.addObject().put("KeyPairName", k.name).put("KeyPairFingerPrint", k.fingerprint).put("CreationTime", k.created);
            if (p.bool("IncludePublicKey")) {
                o.put("PublicKey", k.publicKey);
            }
            ArrayNode t = o.putObject("Tags").putArray("Tag");
            k.tags.forEach((key, v) -> t.addObject().put("TagKey", key).put("TagValue", v));
        }
        return body;
    }

    private ObjectNode deleteKeyPairs(Params p) {
        for (String name : p.jsonList("KeyPairNames")) {
            keys.remove(name);
        }
        return JSON.objectNode();
    }

    // ---- instances ----

    Instance requireInstance(String id) {
        return instances.require(id, () -> error(404, "InvalidInstanceId.NotFound", "The specified InstanceId does not exist."));
    }

    private ObjectNode runInstances(Params p) {
        String token = p.str("ClientToken");
        if (token != null && tokens.containsKey("run:" + token)) {
            return runAnswer(tokens.get("run:" + token));
        }
        String imageId = p.required("ImageId");
        String osType = SYSTEM_IMAGES.stream().filter(i -> i.id().equals(imageId)).map(SysImage::osType).findFirst()
                .or(() -> images.find(imageId).map(i -> i.osType))
                .orElseThrow(() -> error(404, "InvalidImageId.NotFound", "The specified ImageId does not exist."));
        String type = p.required("InstanceType");
        if (TYPES.stream().noneMatch(t -> t.id().equals(type))) {
            throw error(400, "InvalidInstanceType.ValueNotSupported", "The specified InstanceType beyond the permitted range.");
        }
        VpcFake.VSwitch sw = vpc.requireSwitch(p.required("VSwitchId"));
        if (!"Available".equals(sw.status)) {
            throw error(400, "IncorrectVSwitchStatus", "The current status of the VSwitch does not support this operation.");
        }
        String zone = p.get("ZoneId").orElse(sw.zone);
        if (!zone.equals(sw.zone)) {
            throw error(400, "InvalidVSwitchId.NotFound", "The specified VSwitch does not exist in the zone.");
        }
        List<String> groupIds = p.list("SecurityGroupIds");
        if (groupIds.isEmpty() && p.get("SecurityGroupId").isPresent()) {
            groupIds = List.of(p.str("SecurityGroupId"));
        }
        if (groupIds.isEmpty()) {
            throw error(400, "MissingParameter", "The input parameter \"SecurityGroupId\" that is mandatory for processing this request is not supplied.");
        }
        for (String g : groupIds) {
            if (!sw.vpcId.equals(requireGroup(g).vpcId)) {
                throw error(400, "InvalidSecurityGroupId.NotFound", "The security group and the VSwitch are in different VPCs.");
            }
        }
        String key = p.str("KeyPairName");
        if (key != null && !keys.contains(key)) {
            throw error(404, "InvalidKeyPairName.NotFound", "The specified KeyPairName does not exist in our records.");
        }
        String name = p.str("InstanceName");
        if (name != null && (name.length() < 2 || name.length() > 128 || !Character.isLetter(name.charAt(0)))) {
            throw error(400, "InvalidInstanceName.Malformed", "The specified parameter InstanceName is not valid.");
        }
        Map<String, String> tags = p.tags("Tag");
        TagRules.check(tags);
        if (tags.size() > TagRules.MAX_TAGS) {
            throw error(400, "InvalidTagCount", "The specified tags are beyond the permitted range.");
        }
        int imageSize = "windows".equals(osType) ? 40 : 20;
        int systemSize = p.integer("SystemDisk.Size", Math.max(40, imageSize));
        if (systemSize < imageSize) {
            throw error(400, "InvalidSystemDiskSize.LessThanImageSize", "The specified parameter SystemDisk.Size is less than the image size.");
        }
        if (systemSize > 2048) {
            throw error(400, "InvalidSystemDiskSize.MoreThanMaxSize", "The specified parameter SystemDisk.Size is more than the max size.");
        }
        String systemCategory = p.get("SystemDisk.Category").orElse("cloud_efficiency");
        int amount = p.integer("Amount", 1);
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < amount; n++) {
            Instance i = new Instance();
            i.id = "i-bp1" + instances.nextId();
            i.name = name;
            i.hostName = p.get("HostName").orElse(i.id);
            i.type = type;
            i.imageId = imageId;
            i.osType = osType;
            i.zone = sw.zone;
            i.vpcId = sw.vpcId;
            i.switchId = sw.id;
            i.groups = List.copyOf(groupIds);
            i.keyPair = key;
            i.bandwidth = p.integer("InternetMaxBandwidthOut", 0);
            i.privateIp = ip(sw.cidr);
            i.publicIp = i.bandwidth > 0 ? "47.98." + (nextIp / 250) + "." + (nextIp % 250 + 1) : null;
            i.tags.putAll(tags);
            instances.put(i.id, i);
            systemDisk(i, systemSize, systemCategory, tags);
            ids.add(i.id);
            if (rollBackNext != null) {
                rollBackNext = null;
                clock.later(STEPS, () -> release(i));
            } else {
                after(i, "Pending", "Starting", () -> after(i, "Starting", "Running", null));
            }
        }
        if (token != null) {
            tokens.put("run:" + token, ids);
        }
        return runAnswer(ids);
    }

    /** The instance's system disk: RunInstances' tags go on the instance, its disks and its primary NIC alike. */
    private void systemDisk(Instance i, int size, String category, Map<String, String> tags) {
        Disk d = new Disk();
        d.id = "d-bp1" + disks.nextId();
        d.zone = i.zone;
        d.size = size;
        d.category = category;
        d.type = "system";
        d.status = "In_use";
        d.instanceId = i.id;
        d.tags.putAll(tags);
        disks.put(d.id, d);
    }

    /** Releases an instance: its system disk goes with it, its data disks become Available. */
    private void release(Instance i) {
        disks.values(d -> i.id.equals(d.instanceId)).forEach(d -> {
            if (d.type.equals("system")) {
                disks.remove(d.id);
            } else {
                d.instanceId = null;
                d.status = "Available";
            }
        });
        vpc.eips.boundTo("EcsInstance", i.id).ifPresent(e -> {
            e.instanceType = "";
            e.instanceId = "";
        });
        instances.remove(i.id);
    }

    private static ObjectNode runAnswer(List<String> ids) {
        ObjectNode body = JSON.objectNode();
        ArrayNode set = body.putObject("InstanceIdSets").putArray("InstanceIdSet");
        ids.forEach(set::add);
        return body.put("TradePrice", 0.0f);
    }

    /** Moves the instance from one status to the next after STEPS requests, unless something moved it meanwhile. */
    private void after(Instance i, String from, String to, Runnable then) {
        int generation = ++i.generation;
        clock.later(STEPS, () -> {
            if (i.generation == generation && from.equals(i.status)) {
                i.status = to;
                if (then != null) {
                    then.run();
                }
            }
        });
    }

    private String ip(String cidr) {
        io.multicloud.api.Cidr block = io.multicloud.api.Cidr.parse(cidr);
        String base = block.toString().substring(0, block.toString().indexOf('/'));
        String[] parts = base.split("\\.");
        int n = nextIp++;
        return parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + n / 250) + "." + (n % 250 + 2);
    }

    private ObjectNode describeInstances(Params p) {
        List<String> ids = p.get("InstanceIds").isPresent() ? p.jsonList("InstanceIds") : List.of();
        Map<String, String> tagFilter = p.tags("Tag");
        List<Instance> all = instances.values(i -> (ids.isEmpty() || ids.contains(i.id))
                && p.get("InstanceName").map(n -> n.equals(i.name)).orElse(true)
                && p.get("VpcId").map(v -> v.equals(i.vpcId)).orElse(true)
                && p.get("VSwitchId").map(v -> v.equals(i.switchId)).orElse(true)
                && p.get("ZoneId").map(v -> v.equals(i.zone)).orElse(true)
                && p.get("Status").map(v -> v.equals(i.status)).orElse(true)
                && TagRules.matches(i.tags, tagFilter));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("Instances").putArray("Instance");
        for (Instance i : Paging.byToken(fake, p, all, body)) {
            ObjectNode o = list.addObject();
            o.put("InstanceId", i.id).put("InstanceName", i.name == null ? i.id : i.name).put("HostName", i.hostName)
                    .put("InstanceType", i.type).put("ImageId", i.imageId).put("RegionId", AlibabaFake.REGION).put("ZoneId", i.zone)
                    .put("Status", i.status).put("OSType", i.osType).put("InstanceNetworkType", "vpc")
                    .put("InstanceChargeType", "PostPaid").put("InternetChargeType", "PayByTraffic")
                    .put("InternetMaxBandwidthOut", i.bandwidth).put("CreationTime", i.created).put("StoppedMode",
                            i.status.equals("Stopped") ? "StopCharging" : "Not-applicable")
                    .put("Cpu", TYPES.stream().filter(t -> t.id().equals(i.type)).findFirst().map(Type::cpus).orElse(1))
                    .put("Memory", TYPES.stream().filter(t -> t.id().equals(i.type)).findFirst().map(t -> (int) (t.memory() * 1024)).orElse(1024));
            if (i.keyPair != null) {
                o.put("KeyPairName", i.keyPair);
            }
            ObjectNode va = o.putObject("VpcAttributes").put("VpcId", i.vpcId).put("VSwitchId", i.switchId).put("NatIpAddress", "");
            va.putObject("PrivateIpAddress").putArray("IpAddress").add(i.privateIp);
            ArrayNode pub = o.putObject("PublicIpAddress").putArray("IpAddress");
            if (i.publicIp != null) {
                pub.add(i.publicIp);
            }
            var eip = vpc.eips.boundTo("EcsInstance", i.id);
            o.putObject("EipAddress").put("IpAddress", eip.map(e -> e.ip).orElse("")).put("AllocationId", eip.map(e -> e.allocationId).orElse(""))
                    .put("Bandwidth", eip.isPresent() ? 5 : 0);
            ArrayNode g = o.putObject("SecurityGroupIds").putArray("SecurityGroupId");
            i.groups.forEach(g::add);
            ArrayNode t = o.putObject("Tags").putArray("Tag");
            i.tags.forEach((k, v) -> t.addObject().put("TagKey", k).put("TagValue", v));
        }
        return body;
    }

    private ObjectNode startInstance(Params p) {
        Instance i = requireInstance(p.required("InstanceId"));
        if (!"Stopped".equals(i.status)) {
            throw error(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.");
        }
        i.status = "Starting";
        after(i, "Starting", "Running", null);
        return JSON.objectNode();
    }

    private ObjectNode stopInstance(Params p) {
        Instance i = requireInstance(p.required("InstanceId"));
        if (!"Running".equals(i.status)) {
            throw error(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.");
        }
        i.status = "Stopping";
        after(i, "Stopping", "Stopped", null);
        return JSON.objectNode();
    }

    private ObjectNode rebootInstance(Params p) {
        Instance i = requireInstance(p.required("InstanceId"));
        if (!"Running".equals(i.status)) {
            throw error(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.");
        }
        i.status = "Stopping";
        after(i, "Stopping", "Starting", () -> after(i, "Starting", "Running", null));
        return JSON.objectNode();
    }

    private ObjectNode deleteInstance(Params p) {
        Instance i = requireInstance(p.required("InstanceId"));
        if (!p.bool("Force") && !"Stopped".equals(i.status)) {
            throw error(403, "IncorrectInstanceStatus", "The current status of the resource does not support this operation.");
        }
        release(i);
        return JSON.objectNode();
    }

    private ObjectNode consoleOutput(Params p) {
        Instance i = requireInstance(p.required("InstanceId"));
        String text = "[    0.000000] Linux version 5.15.0 (fake)\n" + i.hostName + " login: ";
        return JSON.objectNode().put("InstanceId", i.id).put("LastUpdateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .put("ConsoleOutput", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Seeds running instances in a new VPC, bypassing the API (for tests of lists). */
    void seed(int count, Map<String, String> tags) {
        VpcFake.Vpc v = new VpcFake.Vpc();
        v.id = "vpc-bp1" + vpc.vpcs.nextId();
        v.name = "seeded";
        v.cidr = "10.200.0.0/16";
        v.status = "Available";
        vpc.vpcs.put(v.id, v);
        VpcFake.VSwitch s = new VpcFake.VSwitch();
        s.id = "vsw-bp1" + vpc.switches.nextId();
        s.name = "seeded-sn";
        s.vpcId = v.id;
        s.cidr = "10.200.0.0/16";
        s.zone = AlibabaFake.ZONE;
        s.status = "Available";
        vpc.switches.put(s.id, s);
        Group g = new Group();
        g.id = "sg-bp1" + groups.nextId();
        g.name = "seeded-sg";
        g.vpcId = v.id;
        groups.put(g.id, g);
        for (int n = 0; n < count; n++) {
            Instance i = new Instance();
            i.id = "i-bp1" + instances.nextId();
            i.name = "seeded-" + n;
            i.hostName = i.name;
            i.type = TYPES.getFirst().id();
            i.imageId = SYSTEM_IMAGES.getFirst().id();
            i.osType = "linux";
            i.zone = s.zone;
            i.vpcId = v.id;
            i.switchId = s.id;
            i.groups = List.of(g.id);
            i.privateIp = ip(s.cidr);
            i.status = "Running";
            i.tags.putAll(tags);
            instances.put(i.id, i);
            systemDisk(i, 40, "cloud_essd", tags);
        }
    }

    // ---- disks ----

    Disk requireDisk(String id) {
        return disks.require(id, () -> error(404, "InvalidDiskId.NotFound", "The specified disk does not exist."));
    }

    private ObjectNode createDisk(Params p) {
        String token = p.str("ClientToken");
        if (token != null && tokens.containsKey("disk:" + token)) {
            return JSON.objectNode().put("DiskId", tokens.get("disk:" + token).getFirst());
        }
        String zone = p.required("ZoneId");
        if (!ZONES.contains(zone)) {
            throw error(404, "InvalidZoneId.NotFound", "The specified ZoneId does not exist.");
        }
        Map<String, String> tags = p.tags("Tag");
        TagRules.check(tags);
        Disk d = new Disk();
        d.id = "d-bp1" + disks.nextId();
        d.name = p.str("DiskName");
        d.zone = zone;
        d.size = p.integer("Size", 20);
        d.category = p.get("DiskCategory").orElse("cloud_efficiency");
        TagRules.add(d.tags, tags);
        disks.put(d.id, d);
        clock.later(STEPS, () -> d.status = "Available");
        if (token != null) {
            tokens.put("disk:" + token, List.of(d.id));
        }
        return JSON.objectNode().put("DiskId", d.id).put("OrderId", "");
    }

    private ObjectNode describeDisks(Params p) {
        List<String> ids = p.get("DiskIds").isPresent() ? p.jsonList("DiskIds") : List.of();
        if (ids.size() > 100) {
            throw error(400, "InvalidParameter.DiskIds", "The specified DiskIds holds more than 100 ids.");
        }
        String type = p.get("DiskType").orElse("all");
        Map<String, String> tagFilter = p.tags("Tag");
        List<Disk> all = disks.values(d -> (ids.isEmpty() || ids.contains(d.id))
                && (type.equals("all") || type.equals(d.type))
                && p.get("DiskName").map(n -> n.equals(d.name)).orElse(true)
                && p.get("InstanceId").map(n -> n.equals(d.instanceId)).orElse(true)
                && TagRules.matches(d.tags, tagFilter));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("Disks").putArray("Disk");
        for (Disk d : Paging.byToken(fake, p, all, body)) {
            ObjectNode o = list.addObject().put("DiskId", d.id).put("DiskName", d.name == null ? "" : d.name).put("ZoneId", d.zone)
                    .put("RegionId", AlibabaFake.REGION).put("Size", d.size).put("Category", d.category).put("Status", d.status)
                    .put("Type", d.type).put("InstanceId", d.instanceId == null ? "" : d.instanceId).put("CreationTime", d.created)
                    .put("Portable", d.type.equals("data")).put("DeleteWithInstance", d.type.equals("system"))
                    .put("DiskChargeType", "PostPaid");
            ArrayNode t = o.putObject("Tags").putArray("Tag");
            d.tags.forEach((k, v) -> t.addObject().put("TagKey", k).put("TagValue", v));
        }
        return body;
    }

    private ObjectNode attachDisk(Params p) {
        Disk d = requireDisk(p.required("DiskId"));
        Instance i = requireInstance(p.required("InstanceId"));
        if (!"Available".equals(d.status)) {
            throw error(403, "IncorrectDiskStatus", "The current disk status does not support this operation.");
        }
        if (!i.zone.equals(d.zone)) {
            throw error(403, "InstanceDiskNotInSameZone", "The disk and the instance are not in the same zone.");
        }
        d.status = "Attaching";
        d.instanceId = i.id;
        clock.later(STEPS, () -> {
            if ("Attaching".equals(d.status)) {
                d.status = "In_use";
            }
        });
        return JSON.objectNode();
    }

    private ObjectNode detachDisk(Params p) {
        Disk d = requireDisk(p.required("DiskId"));
        if (!"In_use".equals(d.status) || !p.required("InstanceId").equals(d.instanceId)) {
            throw error(403, "IncorrectDiskStatus", "The current disk status does not support this operation.");
        }
        d.status = "Detaching";
        clock.later(STEPS, () -> {
            if ("Detaching".equals(d.status)) {
                d.status = "Available";
                d.instanceId = null;
            }
        });
        return JSON.objectNode();
    }

    private ObjectNode resizeDisk(Params p) {
        Disk d = requireDisk(p.required("DiskId"));
        int size = p.integer("NewSize", 0);
        if (size <= d.size) {
            throw error(400, "InvalidDiskSize.TooSmall", "The specified disk size is less than the current size.");
        }
        d.size = size;
        return JSON.objectNode();
    }

    private ObjectNode deleteDisk(Params p) {
        Disk d = requireDisk(p.required("DiskId"));
        if (!"Available".equals(d.status)) {
            throw error(403, "IncorrectDiskStatus", "The current disk status does not support this operation.");
        }
        disks.remove(d.id);
        return JSON.objectNode();
    }

    // ---- own images ----

    private ObjectNode createImage(Params p) {
        String token = p.str("ClientToken");
        if (token != null && tokens.containsKey("image:" + token)) {
            return JSON.objectNode().put("ImageId", tokens.get("image:" + token).getFirst());
        }
        Instance i = requireInstance(p.required("InstanceId"));
        String name = p.str("ImageName");
        if (name != null && !images.values(x -> name.equals(x.name)).isEmpty()) {
            throw error(400, "InvalidImageName.Duplicated", "The specified Image name has already been used.");
        }
        Map<String, String> tags = p.tags("Tag");
        TagRules.check(tags);
        OwnImage img = new OwnImage();
        img.id = "m-bp1" + images.nextId();
        img.name = name;
        img.osType = i.osType;
        img.arch = SYSTEM_IMAGES.stream().filter(s -> s.id().equals(i.imageId)).map(SysImage::arch).findFirst().orElse("x86_64");
        TagRules.add(img.tags, tags);
        images.put(img.id, img);
        clock.later(STEPS * 2, () -> img.status = "Available");
        if (token != null) {
            tokens.put("image:" + token, List.of(img.id));
        }
        return JSON.objectNode().put("ImageId", img.id);
    }

    private ObjectNode deleteImage(Params p) {
        String id = p.required("ImageId");
        images.require(id, () -> error(404, "InvalidImageId.NotFound", "The specified ImageId does not exist."));
        images.remove(id);
        return JSON.objectNode();
    }

    // ---- tags ----

    private Map<String, String> tagsOf(String type, String id) {
        return switch (type) {
            case "instance" -> requireInstance(id).tags;
            case "disk" -> requireDisk(id).tags;
            case "securitygroup" -> requireGroup(id).tags;
            case "keypair" -> keys.require(id, () -> error(404, "InvalidKeyPairName.NotFound", "The key pair does not exist.")).tags;
            case "image" -> images.require(id, () -> error(404, "InvalidImageId.NotFound", "The image does not exist.")).tags;
            default -> throw error(400, "InvalidResourceType.NotSupported", "The resource type " + type + " is not supported.");
        };
    }

    private List<String> idsOf(String type) {
        return switch (type) {
            case "instance" -> instances.values().stream().map(i -> i.id).toList();
            case "disk" -> disks.values().stream().map(d -> d.id).toList();
            case "securitygroup" -> groups.values().stream().map(g -> g.id).toList();
            case "keypair" -> keys.values().stream().map(k -> k.name).toList();
            case "image" -> images.values().stream().map(i -> i.id).toList();
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
        if (ids.isEmpty() && filter.isEmpty()) {
            throw error(400, "MissingParameter", "ResourceId or Tag must be given.");
        }
        List<String[]> rows = new ArrayList<>();
        for (String id : idsOf(type)) {
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

    static Set<String> zones() {
        return Set.copyOf(ZONES);
    }
}
