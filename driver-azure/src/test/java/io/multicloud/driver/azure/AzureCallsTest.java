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
 * of the subscription's VMs' status plus one of its NICs and one of its public IPs, never a call
 * per VM; {@code listTagged} asks Resource Manager's tag filter, then reads only the groups it names.
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
        // the subscription's VMs in two groups, the connection's and another the driver never made
        fake.seedVms("multicloud-eastus", "big", n - 100);
        fake.seedVms("team-b", "other", 100);
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
        assertThat(vms).filteredOn(vm -> vm.id().contains("/resourceGroups/team-b/")).hasSize(100);
        int vmPages = log.count("VirtualMachines_ListAll");
        int nicPages = log.count("NetworkInterfaces_ListAll");
        int ipPages = log.count("PublicIPAddresses_ListAll");
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
    void listTaggedAsksResourceManagerForTheTagAndReadsOnlyTheGroupsHoldingTaggedVms() {
        // seedVms tags each VM seed=<prefix>: 5 + 4 tagged 'web' in two groups, untagged VMs beside them and in a third group
        fake.seedVms("multicloud-eastus", "web", 5);
        fake.seedVms("multicloud-eastus", "db", 4);
        fake.seedVms("team-b", "web", 4);
        fake.seedVms("team-c", "batch", 6);
        RequestLog log = fake.server().log();
        log.clear();

        List<Vm> web = azure.vms().listTagged("seed", "web");

        assertThat(web).hasSize(9).allSatisfy(vm -> {
            assertThat(vm.tags()).containsEntry("seed", "web");
            assertThat(vm.status()).hasToString("RUNNING");
            assertThat(vm.publicIp()).isNotNull();
        });
        assertThat(web).filteredOn(vm -> vm.id().contains("/resourceGroups/team-b/")).hasSize(4);
        assertThat(log.count("Resources_List")).isEqualTo(pages(9));
        assertThat(log.entries()).filteredOn(e -> "Resources_List".equals(e.route())).first()
                .satisfies(e -> assertThat(java.net.URLDecoder.decode(e.query(), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("tagName eq 'seed' and tagValue eq 'web'"));
        // each group holding a tagged VM: its VMs, NICs and public IPs, one paged listing each; team-c is never read
        int perGroup = pages(9) + pages(4);
        assertThat(log.count("VirtualMachines_List")).isEqualTo(perGroup);
        assertThat(log.count("NetworkInterfaces_List")).isEqualTo(perGroup);
        assertThat(log.count("PublicIPAddresses_List")).isEqualTo(perGroup);
        assertThat(log.size()).isEqualTo(pages(9) + 3 * perGroup);
        assertThat(log.entries()).noneSatisfy(e -> assertThat(e.path()).containsIgnoringCase("team-c"));
        System.out.printf("listTagged of 9 VMs in 2 of 3 groups: %d calls%n", log.size());

        log.clear();
        assertThat(azure.vms().listTagged("multicloud:mci", "nothing")).isEmpty();
        assertThat(log.size()).isOne();
        assertThat(azure.vms().listTagged("seed", null)).hasSize(19);
    }

    @Test
    void listsFollowNextLinkToTheEnd() {
        for (int i = 0; i < 7; i++) {
            azure.vpcs().create(VpcRequest.named("vpc-" + i).cidr("10." + i + ".0.0/16").subnet("sn", "10." + i + ".1.0/24"));
        }
        RequestLog log = fake.server().log();
        log.clear();
        assertThat(azure.vpcs().list()).hasSize(7);
        assertThat(log.count("VirtualNetworks_ListAll")).isEqualTo(pages(7));
        assertThat(log.entries().stream().filter(e -> "VirtualNetworks_ListAll".equals(e.route())).skip(1).toList())
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
