package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.azure.fake.AzureFake;
import io.multicloud.testkit.fake.RequestLog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The calls the driver makes, counted from the fake's request log: lists follow {@code nextLink}
 * to the end (the fake pages 3 items at a time), and {@code vms().list()} costs one paged listing
 * of the VMs' status plus one of the group's NICs and one of its public IPs, never a call per VM.
 */
class AzureCallsTest {
    private static final int PAGE = 3;
    private AzureFake fake;
    private MultiCloud mc;
    private Cloud azure;

    @BeforeEach
    void start() {
        fake = AzureFake.start();
        mc = MultiCloud.builder().environment(Map.of()).build();
        azure = mc.connect(AzureFakeConnections.config(fake));
    }

    @AfterEach
    void stop() {
        mc.close();
        fake.close();
    }

    private static int pages(int items) {
        return Math.max(1, (items + PAGE - 1) / PAGE);
    }

    @Test
    void listingAThousandVmsCostsOnePagedListingEachOfVmsNicsAndPublicIpsAndNoCallPerVm() {
        int n = 1000;
        fake.seedVms("multicloud-eastus", "big", n);
        RequestLog log = fake.server().log();
        log.clear();

        List<Vm> vms = azure.vms().list();

        assertThat(vms).hasSize(n);
        assertThat(vms).allSatisfy(vm -> {
            assertThat(vm.status()).hasToString("RUNNING");
            assertThat(vm.publicIp()).isNotNull();
            assertThat(vm.privateIp()).startsWith("10.128.");
            assertThat(vm.subnet()).isEqualTo("sn");
        });
        int vmPages = log.count("VirtualMachines_ListAll");
        int nicPages = log.count("NetworkInterfaces_List");
        int ipPages = log.count("PublicIPAddresses_List");
        assertThat(vmPages).isEqualTo(pages(n));
        assertThat(nicPages).isEqualTo(pages(n));
        assertThat(ipPages).isEqualTo(pages(n));
        assertThat(log.size()).isEqualTo(vmPages + nicPages + ipPages);
        assertThat(log.count("VirtualMachines_Get") + log.count("NetworkInterfaces_Get")).isZero();
        System.out.printf("vms().list() of %d VMs: %d calls (%d + %d + %d pages of %d; ceil(N/page) per listing, 0 per VM)%n",
                n, log.size(), vmPages, nicPages, ipPages, PAGE);
    }

    @Test
    void findingOneVmByNameCostsThreeCallsWhateverTheAccountHolds() {
        fake.seedVms("multicloud-eastus", "big", 50);
        RequestLog log = fake.server().log();
        log.clear();
        Vm vm = azure.vms().get("big-17");
        assertThat(vm.name()).isEqualTo("big-17");
        assertThat(log.size()).isEqualTo(3);
        assertThat(log.count("VirtualMachines_Get")).isOne();
        assertThat(log.count("NetworkInterfaces_Get")).isOne();
        assertThat(log.count("PublicIPAddresses_Get")).isOne();
    }

    @Test
    void listTaggedReadsNoNicsWhenNoVmCarriesTheTagAndAllThatDoOtherwise() {
        fake.seedVms("multicloud-eastus", "tagged", 7);
        RequestLog log = fake.server().log();
        log.clear();
        assertThat(azure.vms().listTagged("multicloud:mci", "nothing")).isEmpty();
        assertThat(log.size()).isEqualTo(pages(7));
        log.clear();
        assertThat(azure.vms().listTagged("seed", "tagged")).hasSize(7);
        assertThat(log.size()).isEqualTo(3 * pages(7));
    }

    @Test
    void listsFollowNextLinkToTheEnd() {
        for (int i = 0; i < 7; i++) {
            azure.vpcs().create(VpcRequest.named("vpc-" + i).cidr("10." + i + ".0.0/16").subnet("sn", "10." + i + ".1.0/24"));
        }
        RequestLog log = fake.server().log();
        log.clear();
        assertThat(azure.vpcs().list()).hasSize(7);
        assertThat(log.count("VirtualNetworks_List")).isEqualTo(pages(7));
        assertThat(log.entries().stream().filter(e -> "VirtualNetworks_List".equals(e.route())).skip(1).toList())
                .hasSize(pages(7) - 1).allSatisfy(e -> assertThat(e.query()).contains("skiptoken"));
    }

    @Test
    void aLongRunningCreateIsAwaitedThroughItsAzureAsyncOperation() {
        RequestLog log = fake.server().log();
        azure.vpcs().create(VpcRequest.named("vpc-lro").cidr("10.9.0.0/16").subnet("sn", "10.9.1.0/24"));
        assertThat(log.count("VirtualNetworks_CreateOrUpdate")).isOne();
        assertThat(log.count("Operations_Status")).isPositive();
        assertThat(log.entries()).filteredOn(e -> "Operations_Status".equals(e.route())).last()
                .satisfies(e -> assertThat(e.status()).isEqualTo(200));
        assertThat(azure.vpcs().get("vpc-lro").subnets()).hasSize(1);
    }
}
