package io.multicloud.driver.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Architecture;
import io.multicloud.api.Cloud;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.Subnet;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.core.mci.MciReview;
import io.multicloud.core.mci.ReviewCheck;
import io.multicloud.core.mci.ReviewSeverity;
import io.multicloud.core.mci.SubGroupRequest;
import io.multicloud.driver.openstack.OpenStackCatalogTest.Direct;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openstack4j.api.Builders;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.network.IPVersionType;
import org.openstack4j.model.network.Network;

/**
 * What a project holds before the library touches it, made here through openstack4j as the demo
 * user behind the library's back, on the local OpenStack: every server, network, subnet and
 * security group is listed (the {@code default} group too), named by its name when valid, else
 * by its id, and found by either. The connection asks for pages of 2 ({@code page_size}), so
 * Nova's and Neutron's listings are read over several pages.
 */
@RequiresOpenStack
class OpenStackProjectTest {
    private MultiCloud multiCloud;
    private Cloud cloud;
    private final List<Runnable> cleanup = new ArrayList<>();

    @BeforeEach
    void connect() {
        multiCloud = MultiCloud.builder().environment(Map.of()).build();
        cloud = multiCloud.connect(LocalOpenStack.demo().property(OpenStackContext.PAGE_SIZE, "2"));
    }

    @AfterEach
    void close() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            try {
                cleanup.get(i).run();
            } catch (RuntimeException e) {
                // best effort: the next step may still succeed
            }
        }
        cloud.close();
        multiCloud.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void serversNetworksAndGroupsMadeOutsideTheLibraryAreListedOverEveryPageByNameOrId() {
        Direct demo = Direct.demo();
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Network network = demo.client().networking().network().create(Builders.network().name("Outside Net " + tag)
                .adminStateUp(true).build());
        cleanup.add(() -> Direct.await(() -> Direct.demo().client().networking().network().delete(network.getId()).isSuccess(),
                ok -> ok, Duration.ofSeconds(60)));
        String subnetId = demo.client().networking().subnet().create(Builders.subnet().name("outside_subnet")
                .networkId(network.getId()).ipVersion(IPVersionType.V4).cidr("10.78.0.0/24").build()).getId();
        String image = demo.client().imagesV2().list(Map.of("name", "cirros-fake")).get(0).getId();
        List<String> names = List.of("Web Server " + tag, "db_" + tag, "plain-a-" + tag, "plain-b-" + tag, "plain-c-" + tag);
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            Server server = demo.client().compute().servers().boot(Builders.server().name(name).flavor("1").image(image)
                    .networks(List.of(network.getId())).build());
            ids.add(server.getId());
            cleanup.add(() -> {
                Direct.demo().client().compute().servers().delete(server.getId());
                Direct.await(() -> Direct.demo().client().compute().servers().get(server.getId()) == null, gone -> gone,
                        Duration.ofSeconds(60));
            });
        }
        List<String> groupIds = new ArrayList<>();
        for (String name : List.of("Ops Group " + tag, "ops-" + tag)) {
            String id = demo.client().networking().securitygroup().create(Builders.securityGroup().name(name).build()).getId();
            groupIds.add(id);
            cleanup.add(() -> Direct.demo().client().networking().securitygroup().delete(id));
        }

        List<Vm> vms = cloud.vms().list();

        assertThat(vms).extracting(Vm::name).contains(ids.get(0), ids.get(1), "plain-a-" + tag, "plain-b-" + tag, "plain-c-" + tag);
        assertThat(vms).filteredOn(vm -> ids.contains(vm.id())).hasSize(5)
                .allSatisfy(vm -> assertThat(vm.managed()).isFalse());
        assertThat(cloud.vms().get(ids.get(0)).name()).isEqualTo(ids.get(0));
        assertThat(cloud.vms().get("plain-a-" + tag).id()).isEqualTo(ids.get(2));
        assertThat(cloud.vms().get(ids.get(2)).name()).isEqualTo("plain-a-" + tag);
        Vm onOutsideNet = cloud.vms().waitUntil(ids.get(3), vm -> vm.privateIp() != null, Duration.ofMinutes(1));
        assertThat(onOutsideNet.vpc()).isEqualTo(network.getId());
        assertThat(onOutsideNet.subnet()).isEqualTo(subnetId);

        Vpc vpc = cloud.vpcs().get(network.getId());
        assertThat(vpc.name()).isEqualTo(network.getId());
        assertThat(vpc.subnets()).extracting(Subnet::name).containsExactly(subnetId);
        assertThat(cloud.vpcs().list()).extracting(Vpc::id).contains(network.getId());

        List<SecurityGroup> groups = cloud.securityGroups().list();
        assertThat(groups).extracting(SecurityGroup::name).contains("default", groupIds.get(0), "ops-" + tag);
        assertThat(cloud.securityGroups().get("ops-" + tag).id()).isEqualTo(groupIds.get(1));
        assertThat(cloud.securityGroups().get(groupIds.get(0)).managed()).isFalse();
    }

    @Test
    void aVmOfTheLibraryTakesTheProjectsDefaultGroupByName() {
        String vpc = unique("vpc");
        String vmName = unique("vm");
        SecurityGroup group = cloud.securityGroups().get("default");
        assertThat(group.managed()).isFalse();
        cloud.vpcs().create(VpcRequest.named(vpc).cidr("10.79.0.0/16").subnet("sn-1", "10.79.1.0/24"));
        cleanup.add(() -> cloud.vpcs().delete(vpc));

        cloud.vms().create(VmRequest.named(vmName).image("cirros-fake").spec("m1.tiny").subnet(vpc, "sn-1")
                .securityGroups("default"));
        cleanup.add(() -> cloud.vms().delete(vmName));
        Vm vm = cloud.vms().waitUntil(vmName, VmStatus.RUNNING, Duration.ofMinutes(2));

        assertThat(vm.securityGroups()).containsExactly("default");
    }

    @Test
    void anI386ImageIsI386AndTheReviewRefusesItOnAnX86Flavor() {
        Direct demo = Direct.demo();
        String name = unique("cirros-i386");
        String id = demo.activeImage(name, b -> b.architecture("i686"));
        cleanup.add(() -> Direct.demo().client().imagesV2().delete(id));

        assertThat(cloud.images().get(name).architecture()).isEqualTo(Architecture.I386);
        MciReview review = MciReview.of(List.of(SubGroupRequest.of("old", cloud, "m1.tiny", name, 1)));

        assertThat(review.ok()).isFalse();
        assertThat(review.findings("old")).filteredOn(f -> f.check() == ReviewCheck.ARCHITECTURE).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(ReviewSeverity.ERROR);
                    assertThat(f.message()).isEqualTo("image '" + name + "' is I386 but spec 'm1.tiny' is X86_64");
                });
    }
}
