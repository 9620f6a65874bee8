package io.multicloud.driver.alibaba.fake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.testkit.fake.Store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.multicloud.driver.alibaba.fake.AlibabaFake.JSON;
import static io.multicloud.driver.alibaba.fake.AlibabaFake.error;

/**
 * The VPC API's elastic IP addresses, as DescribeEipAddresses reports them: each bound to an ECS
 * instance of a VPC ({@code EcsInstance}) or to an intranet CLB instance ({@code SlbInstance}), or
 * to nothing ({@code Available}). Tests bind them straight in the fake's state (as another tool
 * would have); DescribeInstances shows an instance's EIP in its {@code EipAddress}.
 */
final class EipFake {
    static final class Eip {
        String allocationId;
        String ip;
        String instanceType = "";
        String instanceId = "";
        String created = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private final AlibabaFake fake;
    final Store<Eip> eips = new Store<>(3000);
    private int nextIp = 20;

    EipFake(AlibabaFake fake) {
        this.fake = fake;
    }

    /** A new EIP bound to the instance of this type ({@code EcsInstance}, {@code SlbInstance}); its address. */
    String bind(String instanceType, String instanceId) {
        Eip e = new Eip();
        e.allocationId = "eip-bp1" + eips.nextId();
        e.ip = "39.104.7." + nextIp++ % 250;
        e.instanceType = instanceType;
        e.instanceId = instanceId;
        eips.put(e.allocationId, e);
        return e.ip;
    }

    /** The EIP bound to this instance, if any. */
    Optional<Eip> boundTo(String instanceType, String instanceId) {
        return eips.values(e -> instanceType.equals(e.instanceType) && instanceId.equals(e.instanceId)).stream().findFirst();
    }

    ObjectNode describe(Params p) {
        p.required("RegionId");
        String type = p.str("AssociatedInstanceType");
        String instance = p.str("AssociatedInstanceId");
        if (instance != null && type == null) {
            type = "EcsInstance"; // Alibaba's default type for an associated instance
        }
        List<String> ids = p.get("AllocationId").map(v -> List.of(v.split(","))).orElse(List.of());
        if (ids.size() > 50) {
            throw error(400, "InvalidParameter", "At most 50 AllocationIds may be given.");
        }
        String wantedType = type;
        List<Eip> all = eips.values(e -> (wantedType == null || wantedType.equals(e.instanceType))
                && (instance == null || instance.equals(e.instanceId)) && (ids.isEmpty() || ids.contains(e.allocationId))
                && p.get("EipAddress").map(v -> List.of(v.split(",")).contains(e.ip)).orElse(true));
        ObjectNode body = JSON.objectNode();
        ArrayNode list = body.putObject("EipAddresses").putArray("EipAddress");
        for (Eip e : Paging.byNumber(fake, p, all, body)) {
            list.addObject().put("AllocationId", e.allocationId).put("IpAddress", e.ip).put("RegionId", AlibabaFake.REGION)
                    .put("Status", e.instanceId.isEmpty() ? "Available" : "InUse").put("InstanceType", e.instanceType)
                    .put("InstanceId", e.instanceId).put("InstanceRegionId", AlibabaFake.REGION).put("Bandwidth", "5")
                    .put("InternetChargeType", "PayByTraffic").put("ChargeType", "PostPaid").put("AllocationTime", e.created)
                    .put("ISP", "BGP").put("Netmode", "public").put("Mode", "NAT").put("DeletionProtection", false)
                    .put("SecondLimited", false).put("ServiceManaged", 0);
        }
        return body;
    }
}
