package io.multicloud.driver.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multicloud.api.Cloud;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.fake.GcpFake;
import io.multicloud.testkit.fake.RequestLog;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls the driver makes, counted in the fake's request log: lists follow nextPageToken to
 * the end (the fake answers 3 items a page) with no call per item, a look-up by name is one
 * filtered call, and a create retried after a lost answer reuses its requestId, so one VM exists.
 */
class GcpCallsTest {
    private static final String LIST = "compute.instances.aggregatedList";
    private GcpFake fake;
    private MultiCloud mc;
    private Cloud gcp;

    @BeforeEach
    void connect() {
        fake = GcpFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        gcp = mc.connect(GcpFakeConnections.config(fake));
    }

    @AfterEach
    void close() {
        mc.close();
        fake.close();
    }

    private int pages(int items) {
        return (items + 2) / 3;
    }

    @Test
    void listingVmsCostsOneCallPerPageAndNoCallPerVm() {
        fake.seedInstances(GcpFakeConnections.ZONE, "seeded", 10);
        fake.server().log().clear();
        List<Vm> vms = gcp.vms().list();
        assertThat(vms).hasSize(10);
        assertThat(fake.server().log().count(LIST)).isEqualTo(pages(10));
        assertThat(fake.server().log().size()).isEqualTo(pages(10));
    }

    @Test
    void listingAThousandVmsCostsOnlyItsPages() {
        fake.seedInstances(GcpFakeConnections.ZONE, "many", 1000);
        fake.server().log().clear();
        assertThat(gcp.vms().list()).hasSize(1000);
        RequestLog log = fake.server().log();
        assertThat(log.count(LIST)).isEqualTo(pages(1000));
        assertThat(log.size()).isEqualTo(pages(1000));
        System.out.println("vms().list() of 1000 VMs: " + log.size() + " calls (" + log.count(LIST) + " pages of 3)");
    }

    @Test
    void findingAVmByNameOrIdIsOneFilteredCall() {
        fake.seedInstances(GcpFakeConnections.ZONE, "seeded", 10);
        fake.server().log().clear();
        Vm vm = gcp.vms().find("seeded-7").orElseThrow();
        assertThat(fake.server().log().size()).isEqualTo(1);
        fake.server().log().clear();
        assertThat(gcp.vms().find(vm.id())).hasValueSatisfying(v -> assertThat(v.name()).isEqualTo("seeded-7"));
        assertThat(fake.server().log().size()).isEqualTo(1);
        assertThat(gcp.vms().find("seeded-70")).isEmpty();
    }

    @Test
    void otherListsFollowEveryPageToo() {
        for (int i = 0; i < 7; i++) {
            gcp.vpcs().create(VpcRequest.named("net-" + i).cidr("10." + i + ".0.0/16").subnet("sn-" + i, "10." + i + ".1.0/24"));
        }
        fake.server().log().clear();
        assertThat(gcp.vpcs().list()).hasSize(7);
        assertThat(fake.server().log().count("compute.networks.list")).isEqualTo(pages(7));
        assertThat(fake.server().log().count("compute.subnetworks.list")).isEqualTo(pages(7));
        assertThat(gcp.images().list()).extracting(i -> i.name()).contains("ubuntu-22.04", "debian-12", "ubuntu-2204-jammy-v20240614");
        assertThat(gcp.specs().list().size()).isGreaterThan(3);
    }

    @Test
    void aCreateWhoseAnswerWasLostIsRetriedWithTheSameRequestIdAndMakesOneVm() {
        gcp.vpcs().create(VpcRequest.named("idem-vpc").cidr("10.70.0.0/16").subnet("idem-sn", "10.70.1.0/24"));
        String token = UUID.randomUUID().toString();
        VmRequest request = VmRequest.named("idem-vm").image("ubuntu-22.04").spec("e2-small").subnet("idem-vpc", "idem-sn").clientToken(token);
        fake.loseAnswer("compute.instances.insert", 1);

        Throwable first = catchThrowable(() -> gcp.vms().create(request));
        assertThat(first).isInstanceOf(TransientCloudException.class);
        assertThat(fake.instanceCount()).isEqualTo(1);

        Vm vm = gcp.vms().create(request);
        assertThat(vm.name()).isEqualTo("idem-vm");
        assertThat(fake.instanceCount()).isEqualTo(1);
        List<RequestLog.Entry> inserts = fake.server().log().entries().stream()
                .filter(e -> "compute.instances.insert".equals(e.route())).toList();
        assertThat(inserts).hasSize(2).allSatisfy(e -> assertThat(e.query()).contains("requestId=" + token));
        assertThat(inserts.get(0).fault()).isEqualTo("lost");
        assertThat(inserts.get(1).status()).isEqualTo(200);
    }

    @Test
    void aClientTokenThatIsNotAUuidBecomesTheSameNameBasedUuidEachTime() {
        assertThat(GcpOperations.requestId("mci-web-1-attempt")).isEqualTo(GcpOperations.requestId("mci-web-1-attempt"))
                .isNotEqualTo(GcpOperations.requestId("mci-web-2-attempt"));
        assertThat(UUID.fromString(GcpOperations.requestId("mci-web-1-attempt"))).isNotNull();
        String uuid = UUID.randomUUID().toString();
        assertThat(GcpOperations.requestId(uuid)).isEqualTo(uuid);
        assertThat(GcpOperations.requestId(null)).isNotEqualTo(GcpOperations.requestId(null));
    }

    @Test
    void everyMutatingCallCarriesARequestId() {
        gcp.vpcs().create(VpcRequest.named("rid-vpc").cidr("10.71.0.0/16").subnet("rid-sn", "10.71.1.0/24"));
        gcp.vms().create(VmRequest.named("rid-vm").image("debian-12").spec("e2-micro").subnet("rid-vpc", "rid-sn"));
        gcp.vms().suspend("rid-vm");
        gcp.keyPairs().create("rid-key");
        List<RequestLog.Entry> mutations = fake.server().log().entries().stream()
                .filter(e -> e.method().equals("POST") || e.method().equals("DELETE") || e.method().equals("PATCH")).toList();
        assertThat(mutations).isNotEmpty().allSatisfy(e -> assertThat(e.query()).contains("requestId="));
    }
}
