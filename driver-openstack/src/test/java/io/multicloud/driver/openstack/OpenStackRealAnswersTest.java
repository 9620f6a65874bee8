package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.core.MultiCloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers of a real project that the local OpenStack does not give, served by
 * {@link FakeNovaNeutron} in Nova's and Neutron's wire format (files under {@code openstack/}),
 * every listing in pages of 2: a VM on a provider network whose fixed address is public, one on
 * an external network, one whose port the project cannot see, a shelved-offloaded one with a
 * floating IP, one still in BUILD without zone, creation time or group name; an admin's view of
 * networks and groups of other projects.
 */
class OpenStackRealAnswersTest {
    private FakeOpenStack openStack;
    private FakeNovaNeutron fake;
    private MultiCloud multiCloud;
    private Cloud cloud;

    @BeforeEach
    void connect() {
        openStack = FakeOpenStack.start();
        fake = new FakeNovaNeutron(Map.of("networks", read("networks.json"), "subnets", read("subnets.json"),
                "ports", read("ports.json"), "security-groups", read("security-groups.json")),
                read("servers.json"), read("flavors.json")).serveOn(openStack);
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(openStack.config());
    }

    @AfterEach
    void close() {
        cloud.close();
        multiCloud.close();
        openStack.close();
    }

    @Test
    void aFixedPublicAddressOnAProviderOrExternalNetworkIsTheVmsPublicIp() {
        Map<String, Vm> vms = cloud.vms().list().stream().collect(Collectors.toMap(Vm::name, Function.identity()));

        assertThat(vms).hasSize(5);
        Vm provider = vms.get("provider-vm");
        assertThat(provider.publicIp()).as("public by its address, on a shared provider network").isEqualTo("203.0.113.10");
        assertThat(provider.privateIp()).isEqualTo("203.0.113.10");
        assertThat(provider.ssh().host()).isEqualTo("203.0.113.10");
        assertThat(provider.vpc()).isEqualTo("1a7a1b2c-0000-4000-8000-000000000003");
        assertThat(provider.securityGroups()).containsExactly("3c7a1b2c-0000-4000-8000-000000000002");
        Vm external = vms.get("public-net-vm");
        assertThat(external.publicIp()).as("public by its network's router:external").isEqualTo("172.24.4.20");
        assertThat(external.vpc()).isEqualTo("public");
        assertThat(vms.get("no-port-vm").publicIp()).as("its port unseen: the network by name").isEqualTo("172.24.4.21");
        Vm shelved = vms.get("shelved-vm");
        assertThat(shelved.publicIp()).isEqualTo("172.24.4.30");
        assertThat(shelved.privateIp()).isEqualTo("10.0.0.5");
        assertThat(shelved.subnet()).isEqualTo("private-subnet");
    }

    @Test
    void aShelvedServerIsSuspendedAndResumeUnshelvesIt() {
        assertThat(cloud.vms().get("shelved-vm").status()).isEqualTo(VmStatus.SUSPENDED);

        assertThat(cloud.vms().resume("shelved-vm")).isEqualTo(VmStatus.RESUMING);

        assertThat(fake.actions()).singleElement().satisfies(a -> assertThat(a)
                .startsWith("6f7a1b2c-0000-4000-8000-000000000002 ").contains("\"unshelve\""));
    }

    @Test
    void aServerInBuildWithoutZoneTimeOrGroupNameIsListedCreatingAndNamedByItsId() {
        Vm building = cloud.vms().get("6f7a1b2c-0000-4000-8000-000000000003");

        assertThat(building.name()).isEqualTo("6f7a1b2c-0000-4000-8000-000000000003");
        assertThat(building.status()).isEqualTo(VmStatus.CREATING);
        assertThat(building.zone()).isNull();
        assertThat(building.createdAt()).isNull();
        assertThat(building.securityGroups()).isEmpty();
        assertThat(building.publicIp()).isNull();
        assertThat(building.ssh()).isNull();
        assertThat(cloud.vms().list()).extracting(Vm::name).contains("6f7a1b2c-0000-4000-8000-000000000003");
    }

    @Test
    void networksAndGroupsTheProjectMayUseAreListedAndOtherProjectsAreNot() {
        List<Vpc> vpcs = cloud.vpcs().list();

        assertThat(vpcs).extracting(Vpc::name).containsExactlyInAnyOrder("private", "public", "1a7a1b2c-0000-4000-8000-000000000003");
        assertThat(vpcs).allSatisfy(v -> assertThat(v.subnets()).hasSize(1));
        assertThat(cloud.vpcs().get("1a7a1b2c-0000-4000-8000-000000000003").subnets().getFirst().cidr())
                .isEqualTo("203.0.113.0/24");
        assertThat(cloud.securityGroups().list()).extracting(SecurityGroup::name)
                .containsExactlyInAnyOrder("default", "3c7a1b2c-0000-4000-8000-000000000002");
        assertThat(openStack.requests()).filteredOn(r -> r.startsWith("GET /network/v2.0/networks")).hasSizeGreaterThan(1);
    }

    private static String read(String file) {
        try (InputStream in = OpenStackRealAnswersTest.class.getResourceAsStream("/openstack/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource openstack/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
