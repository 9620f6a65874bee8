package io.multicloud.driver.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.gcp.fake.GcpFake;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The any-call functions: Cloud TPU nodes, Deep Learning VMs, and the pair of both. */
class GcpAnyCallTest {
    private static GcpFake fake;
    private MultiCloud mc;
    private Cloud gcp;

    @BeforeAll
    static void startFake() {
        fake = GcpFake.start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void connect() {
        mc = MultiCloud.builder().environment(Map.of()).build();
        gcp = mc.connect(GcpFakeConnections.config(fake));
        if (gcp.vpcs().find("ml-vpc").isEmpty()) {
            gcp.vpcs().create(VpcRequest.named("ml-vpc").cidr("10.80.0.0/16").subnet("ml-sn", "10.80.1.0/24"));
        }
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void theFunctionsAreDeclared() {
        assertThat(gcp.capabilities().anyCallFunctions()).containsExactlyInAnyOrder("LIST_TPU_ZONES", "CREATE_TPU", "LIST_TPU",
                "DELETE_TPU", "CREATE_DLVM", "LIST_DLVM", "DELETE_DLVM", "CREATE_TPU_DLVM", "DELETE_TPU_DLVM");
    }

    @Test
    void tpuZonesAreListedForARegionOrAll() {
        assertThat(gcp.anyCall("LIST_TPU_ZONES", Map.of("region", "us-central1")).get("zones"))
                .isEqualTo("us-central1-a,us-central1-b,us-central1-f");
        assertThat(gcp.anyCall("LIST_TPU_ZONES", Map.of()).get("zones")).contains("europe-west4-a");
    }

    @Test
    void aTpuNodeIsCreatedListedAndDeleted() {
        Map<String, String> created = gcp.anyCall("CREATE_TPU", Map.of("name", "tpu-1", "type", "v4-8", "runtime", "tpu-vm-tf-2.16.0-pjrt"));
        assertThat(created).containsEntry("name", "tpu-1").containsEntry("state", "READY").containsEntry("type", "v4-8")
                .containsEntry("zone", GcpFakeConnections.ZONE);
        assertThat(created.get("ip")).startsWith("10.");
        Map<String, String> listed = gcp.anyCall("LIST_TPU", Map.of());
        assertThat(listed.get("nodes")).contains("tpu-1");
        assertThat(listed).containsEntry("tpu-1.state", "READY");
        assertThat(gcp.anyCall("DELETE_TPU", Map.of("name", "tpu-1"))).containsEntry("deleted", "tpu-1");
        assertThat(gcp.anyCall("LIST_TPU", Map.of()).get("nodes")).doesNotContain("tpu-1");
    }

    @Test
    void aDeepLearningVmGetsItsFamilyAGpuAndTheDriverInstall() {
        Map<String, String> created = gcp.anyCall("CREATE_DLVM", Map.of("name", "dlvm-1", "vpc", "ml-vpc", "subnet", "ml-sn"));
        assertThat(created).containsEntry("name", "dlvm-1").containsEntry("image", "common-cu121-debian-11")
                .containsEntry("spec", "n1-standard-8+nvidia-tesla-t4:1");
        var instance = fake.instance(GcpFakeConnections.ZONE, "dlvm-1");
        assertThat(instance.path("scheduling").path("onHostMaintenance").asText()).isEqualTo("TERMINATE");
        assertThat(instance.path("guestAccelerators").get(0).path("acceleratorType").asText()).endsWith("nvidia-tesla-t4");
        assertThat(instance.path("metadata").toString()).contains("install-nvidia-driver");
        assertThat(gcp.anyCall("LIST_DLVM", Map.of()).get("vms")).isEqualTo("dlvm-1");
        assertThat(gcp.vms().get("dlvm-1").tags()).containsEntry("multicloud:dlvm", "true");
        gcp.anyCall("DELETE_DLVM", Map.of("name", "dlvm-1"));
        gcp.vms().waitUntil("dlvm-1", io.multicloud.api.VmStatus.TERMINATED, java.time.Duration.ofSeconds(30));
        assertThat(gcp.anyCall("LIST_DLVM", Map.of()).get("vms")).isEmpty();
    }

    @Test
    void aTpuAndDeepLearningVmPairIsMadeAndDeletedTogether() {
        Map<String, String> pair = gcp.anyCall("CREATE_TPU_DLVM", Map.of("name", "pair", "type", "v5litepod-8", "vpc", "ml-vpc", "subnet", "ml-sn"));
        assertThat(pair).containsEntry("tpu", "pair-tpu").containsEntry("vm", "pair-vm").containsEntry("zone", GcpFakeConnections.ZONE);
        assertThat(gcp.vms().find("pair-vm")).isPresent();
        assertThat(gcp.anyCall("DELETE_TPU_DLVM", Map.of("name", "pair"))).containsEntry("deleted", "pair-tpu,pair-vm");
        assertThat(gcp.anyCall("LIST_TPU", Map.of()).get("nodes")).doesNotContain("pair-tpu");
    }

    @Test
    void whenThePairsVmFailsItsTpuIsDeletedAgain() {
        fake.failNextOperation("compute.instances.insert", "ZONE_RESOURCE_POOL_EXHAUSTED", "no T4 left in us-central1-a", null);
        assertThatThrownBy(() -> gcp.anyCall("CREATE_TPU_DLVM", Map.of("name", "lost", "type", "v4-8", "vpc", "ml-vpc", "subnet", "ml-sn")))
                .isInstanceOf(io.multicloud.api.CapacityUnavailableException.class);
        assertThat(gcp.anyCall("LIST_TPU", Map.of()).get("nodes")).doesNotContain("lost-tpu");
    }

    @Test
    void anUnknownFunctionOrAMissingParameterIsInvalid() {
        assertThatThrownBy(() -> gcp.anyCall("CREATE_QUANTUM", Map.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("CREATE_TPU");
        assertThatThrownBy(() -> gcp.anyCall("CREATE_TPU", Map.of("name", "x"))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("type");
    }
}
