package io.multicloud.driver.tencent.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake's state: the stores of each resource kind, the catalog seeded from Tencent's example
 * answers, and the helpers the actions share. Touched only under the server's lock.
 */
public final class FakeState {
    private final TencentFake fake;
    private final AtomicLong ids = new AtomicLong(1_000_000);

    public final Store<ObjectNode> instances = new Store<>();
    public final Store<ObjectNode> vpcs = new Store<>();
    public final Store<ObjectNode> subnets = new Store<>();
    public final Store<ObjectNode> groups = new Store<>();
    public final Map<String, ObjectNode> policies = new HashMap<>();
    public final Store<ObjectNode> keys = new Store<>();
    public final Store<ObjectNode> images = new Store<>();
    public final Store<ObjectNode> disks = new Store<>();
    /** CLB load balancers and TKE clusters (here so that the tag service finds them too). */
    public final Store<ObjectNode> lbs = new Store<>();
    public final Store<ObjectNode> clusters = new Store<>();
    /** Instance types on sale, by zone: the offers of DescribeZoneInstanceConfigInfos. */
    public final List<ObjectNode> offers = new ArrayList<>();
    final Map<String, List<String>> clientTokens = new HashMap<>();
    final Map<String, String> launchFailures = new HashMap<>();
    final Map<String, Integer> addresses = new HashMap<>();
    /** How many clock steps a transition takes. */
    int steps = 3;

    FakeState(TencentFake fake) {
        this.fake = fake;
        seedImages();
    }

    /** A new Tencent-style id ({@code ins-0000xy12}). */
    String id(String prefix) {
        String n = Long.toString(ids.incrementAndGet(), 36);
        return prefix + "-" + "00000000".substring(n.length()) + n;
    }

    TencentFake fake() {
        return fake;
    }

    /** Runs a change some clock steps from now. */
    void later(Runnable change) {
        fake.server().clock().later(steps, change);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The zones of a region: {@code <region>-3}, {@code -4}, {@code -5} (as the example's ap-guangzhou). */
    List<String> zones(String region) {
        return List.of(region + "-3", region + "-4", region + "-5");
    }

    private void seedImages() {
        JsonNode template = TencentSpec.of("cvm").example("DescribeImages", 0).path("ImageSet").get(0);
        Object[][] seeds = {
                {"img-ubu22x86", "Ubuntu Server 22.04 LTS 64bit", "Ubuntu", "x86_64", "2024-05-01T00:00:00+00:00"},
                {"img-ubu22old", "Ubuntu Server 22.04 LTS 64bit", "Ubuntu", "x86_64", "2023-01-01T00:00:00+00:00"},
                {"img-ubu22arm", "Ubuntu Server 22.04 LTS 64bit", "Ubuntu", "arm", "2024-05-01T00:00:00+00:00"},
                {"img-ubu24x86", "Ubuntu Server 24.04 LTS 64bit", "Ubuntu", "x86_64", "2024-09-01T00:00:00+00:00"},
                {"img-debian12", "Debian 12.0 64bit", "Debian", "x86_64", "2024-02-01T00:00:00+00:00"},
                {"img-tlinux31", "TencentOS Server 3.1 (TK4)", "TencentOS", "x86_64", "2023-06-01T00:00:00+00:00"},
                {"img-9qabwvbn", "CentOS 7.6 64bit", "CentOS", "x86_64", "2020-09-22T00:00:00+00:00"},
                {"img-win2022a", "Windows Server 2022 Datacenter 64bit", "Windows", "x86_64", "2024-03-01T00:00:00+00:00"}};
        for (Object[] s : seeds) {
            ObjectNode image = template.deepCopy();
            image.put("ImageId", (String) s[0]);
            image.put("OsName", (String) s[1]);
            image.put("ImageName", (String) s[1]);
            image.put("ImageDescription", (String) s[1]);
            image.put("Platform", (String) s[2]);
            image.put("Architecture", (String) s[3]);
            image.put("CreatedTime", (String) s[4]);
            image.put("ImageType", "PUBLIC_IMAGE");
            image.put("ImageState", "NORMAL");
            images.put((String) s[0], image);
        }
    }

    /**
     * The offers of a region's zones, from the example's item: {@code S5.SMALL2} (1 vCPU, 2 GiB),
     * {@code S5.MEDIUM4}, {@code S5.LARGE8}, {@code SA3.MEDIUM4}, {@code SR1.MEDIUM4} (ARM),
     * {@code GN7.2XLARGE32} (1 NVIDIA T4) and {@code S6.SMALL1} (sold out everywhere).
     */
    List<ObjectNode> offers(String region) {
        if (offers.stream().noneMatch(o -> o.path("Zone").asText().startsWith(region + "-"))) {
            JsonNode template = TencentSpec.of("cvm").example("DescribeZoneInstanceConfigInfos", 0).path("InstanceTypeQuotaSet").get(0);
            Object[][] types = {
                    {"S5.SMALL2", "S5", 1, 2, 0, "SELL", 0.12},
                    {"S5.MEDIUM4", "S5", 2, 4, 0, "SELL", 0.24},
                    {"S5.LARGE8", "S5", 4, 8, 0, "SELL", 0.48},
                    {"SA3.MEDIUM4", "SA3", 2, 4, 0, "SELL", 0.2},
                    {"SR1.MEDIUM4", "SR1", 2, 4, 0, "SELL", 0.18},
                    {"GN7.2XLARGE32", "GN7", 8, 32, 1, "SELL", 8.68},
                    {"S6.SMALL1", "S6", 1, 1, 0, "SOLD_OUT", 0.06}};
            for (String zone : zones(region)) {
                for (Object[] t : types) {
                    ObjectNode o = template.deepCopy();
                    o.put("Zone", zone);
                    o.put("InstanceType", (String) t[0]);
                    o.put("InstanceFamily", (String) t[1]);
                    o.put("TypeName", (String) t[1]);
                    o.put("Cpu", (Integer) t[2]);
                    o.put("Memory", (Integer) t[3]);
                    o.put("Gpu", (Integer) t[4]);
                    o.put("GpuCount", ((Integer) t[4]).doubleValue());
                    o.put("Status", (String) t[5]);
                    o.put("InstanceChargeType", "POSTPAID_BY_HOUR");
                    o.put("CpuType", t[1].equals("SR1") ? "Ampere Altra" : "Intel Xeon Cascade Lake");
                    ObjectNode price = (ObjectNode) o.path("Price");
                    price.put("UnitPrice", (Double) t[6]);
                    price.put("UnitPriceDiscount", (Double) t[6]);
                    price.put("ChargeUnit", "HOUR");
                    offers.add(o);
                }
            }
        }
        return offers.stream().filter(o -> o.path("Zone").asText().startsWith(region + "-")).toList();
    }

    /** A private address in the subnet's block. */
    String address(ObjectNode subnet) {
        String cidr = subnet.path("CidrBlock").asText();
        String[] base = cidr.substring(0, cidr.indexOf('/')).split("\\.");
        int n = addresses.merge(subnet.path("SubnetId").asText(), 1, Integer::sum) + 3;
        return base[0] + "." + base[1] + "." + (Integer.parseInt(base[2]) + n / 250) + "." + (n % 250 + 1);
    }

    /** Instances in this VPC or subnet. */
    List<ObjectNode> instancesIn(String field, String id) {
        return instances.values(i -> id.equals(i.path("VirtualPrivateCloud").path(field).asText()));
    }

    /** The tags of any resource by id, to change them (the tag service). */
    ArrayNode tagsOf(String id) {
        ObjectNode r = instances.find(id).or(() -> keys.find(id)).or(() -> disks.find(id)).orElse(null);
        if (r != null) {
            return r.withArray("Tags");
        }
        r = vpcs.find(id).or(() -> groups.find(id)).or(() -> subnets.find(id)).orElse(null);
        return r == null ? null : r.withArray("TagSet");
    }
}
