package io.multicloud.driver.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Named;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.api.VpcRequest;
import io.multicloud.driver.azure.fake.AzureFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A subscription holds what this library did not make: every list shows the whole subscription,
 * a resource of another resource group is found by its id (and by its name when only that group
 * holds it), its status is read and actions go to its group; a name the connection's group holds
 * comes first, a name several other groups hold is refused; creates go into the connection's group.
 */
class AzureSubscriptionTest {
    private static final String OWN = "/resourceGroups/multicloud-eastus/";
    private AzureFakeCloud cloud;
    private AzureFake fake;
    private Cloud azure;
    private OtherGroup teamB;

    @BeforeEach
    void start() {
        cloud = AzureFakeCloud.start();
        fake = cloud.fake;
        azure = cloud.azure;
        teamB = new OtherGroup(fake, "team-b").seedEveryKind("ext");
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    private static List<String> names(List<? extends Named> items) {
        return items.stream().map(Named::name).toList();
    }

    @Test
    void everyListShowsTheResourcesOfOtherGroupsThatTheLibraryDidNotMake() {
        azure.vpcs().create(VpcRequest.named("vpc-own").cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24"));

        assertThat(names(azure.vpcs().list())).containsExactly("ext-vnet", "vpc-own");
        assertThat(names(azure.securityGroups().list())).contains("ext-nsg");
        assertThat(names(azure.keyPairs().list())).contains("ext-key");
        assertThat(names(azure.disks().list())).contains("ext-data", "ext-0-osdisk", "ext-1-osdisk");
        assertThat(names(azure.myImages().list())).contains("ext-image");
        assertThat(names(azure.nlbs().list())).contains("ext-lb");
        assertThat(names(azure.clusters().list())).contains("ext-aks");
        List<Vm> vms = azure.vms().list();
        assertThat(vms).extracting(Vm::name).containsExactly("ext-0", "ext-1");
        assertThat(vms).allSatisfy(vm -> {
            assertThat(vm.id()).contains("/resourceGroups/team-b/");
            assertThat(vm.status()).isEqualTo(VmStatus.RUNNING);
            assertThat(vm.vpc()).isEqualTo("ext-vnet");
            assertThat(vm.publicIp()).isNotNull();
        });
    }

    @Test
    void aResourceOfAnotherGroupIsFoundByIdAndNameItsStatusReadAndActedOnInItsGroup() {
        String vmId = teamB.id("Microsoft.Compute/virtualMachines", "ext-0");
        Vm byId = azure.vms().get(vmId);
        assertThat(byId.status()).isEqualTo(VmStatus.RUNNING);
        assertThat(byId.privateIp()).startsWith("10.128.");
        assertThat(azure.vms().get("ext-0").id()).isEqualToIgnoringCase(vmId);
        assertThat(azure.disks().get(teamB.id("Microsoft.Compute/disks", "ext-data")).sizeGB()).isEqualTo(10);
        assertThat(azure.keyPairs().get("ext-key").publicKey()).startsWith("ssh-ed25519 ");
        assertThat(azure.clusters().get(teamB.id("Microsoft.ContainerService/managedClusters", "ext-aks")).id()).contains("/team-b/");
        assertThat(azure.myImages().find("ext-image")).isPresent();
        assertThat(azure.nlbs().find("ext-lb")).isPresent();
        assertThat(azure.securityGroups().find(teamB.id("Microsoft.Network/networkSecurityGroups", "ext-nsg"))).isPresent();

        azure.vms().suspend(vmId);
        assertThat(azure.vms().waitUntil(vmId, VmStatus.SUSPENDED, Duration.ofSeconds(20)).id()).isEqualToIgnoringCase(vmId);
        assertThat(azure.vms().get("ext-1").status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void theConnectionsGroupComesFirstANameOfSeveralOtherGroupsIsRefusedAndCreatesGoIntoTheConnectionsGroup() {
        new OtherGroup(fake, "team-c").put("Microsoft.Network/virtualNetworks", "ext-vnet", Map.of("location", "eastus",
                "properties", Map.of("addressSpace", Map.of("addressPrefixes", List.of("10.9.0.0/16")))));

        assertThatThrownBy(() -> azure.vpcs().find("ext-vnet")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("team-b").hasMessageContaining("team-c").hasMessageContaining("resource id");
        assertThat(azure.vpcs().get("/subscriptions/" + AzureFake.SUBSCRIPTION
                + "/resourceGroups/team-c/providers/Microsoft.Network/virtualNetworks/ext-vnet").cidr()).isEqualTo("10.9.0.0/16");

        // the name is free in the connection's group: the create goes there, and the name now means that one
        azure.vpcs().create(VpcRequest.named("ext-vnet").cidr("10.1.0.0/16").subnet("sn", "10.1.1.0/24"));
        assertThat(azure.vpcs().get("ext-vnet").id()).contains(OWN);
        assertThat(azure.vpcs().list()).filteredOn(v -> v.name().equals("ext-vnet")).hasSize(3);
        assertThat(azure.vpcs().find("nowhere")).isEmpty();
    }

    @Test
    void tagsAreFoundInEveryGroupThroughResourceManagersTagFilterReadingOnlyTheGroupsThatHoldThem() {
        azure.vpcs().create(VpcRequest.named("vpc-own").cidr("10.0.0.0/16").subnet("sn", "10.0.1.0/24").tag("team", "blue"));
        Map<String, Object> space = Map.of("addressSpace", Map.of("addressPrefixes", List.of("10.9.0.0/16")));
        teamB.put("Microsoft.Network/virtualNetworks", "blue-net", Map.of("location", "eastus", "tags", Map.of("team", "blue"),
                "properties", space));
        new OtherGroup(fake, "team-c").put("Microsoft.Network/virtualNetworks", "red-net", Map.of("location", "eastus",
                "tags", Map.of("team", "red"), "properties", space));
        var log = fake.server().log();
        log.clear();

        List<TaggedResource> blue = azure.tags().find("team", "blue");

        assertThat(blue).extracting(TaggedResource::name).containsExactly("blue-net", "vpc-own");
        assertThat(blue).allSatisfy(r -> assertThat(r.tags()).containsEntry("team", "blue"));
        assertThat(log.count("Resources_List")).isOne();
        // one paged listing per group holding a match (its later pages carry the skip token): team-c is never read
        var groupListings = log.entries().stream().filter(e -> "Resources_ListByResourceGroup".equals(e.route())).toList();
        assertThat(groupListings).filteredOn(e -> !e.query().contains("skiptoken")).extracting(e -> e.path().split("/")[4])
                .containsExactlyInAnyOrder("multicloud-eastus", "team-b");
        assertThat(log.size()).isEqualTo(1 + groupListings.size());
        assertThat(log.entries()).noneSatisfy(e -> assertThat(e.path()).contains("team-c"));
    }
}
