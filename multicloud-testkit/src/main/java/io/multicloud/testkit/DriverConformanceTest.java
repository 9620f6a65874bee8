package io.multicloud.testkit;

import static io.multicloud.api.Capability.CLUSTERS;
import static io.multicloud.api.Capability.DISKS;
import static io.multicloud.api.Capability.DISK_RESIZE;
import static io.multicloud.api.Capability.IMAGES;
import static io.multicloud.api.Capability.KEY_PAIRS;
import static io.multicloud.api.Capability.KEY_PAIR_IMPORT;
import static io.multicloud.api.Capability.MY_IMAGES;
import static io.multicloud.api.Capability.NLBS;
import static io.multicloud.api.Capability.PRICES;
import static io.multicloud.api.Capability.REGIONS;
import static io.multicloud.api.Capability.SECURITY_GROUPS;
import static io.multicloud.api.Capability.SPECS;
import static io.multicloud.api.Capability.TAGS;
import static io.multicloud.api.Capability.VMS;
import static io.multicloud.api.Capability.VM_SUSPEND;
import static io.multicloud.api.Capability.VPCS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Capability;
import io.multicloud.api.Catalog;
import io.multicloud.api.Cidr;
import io.multicloud.api.Cloud;
import io.multicloud.api.Cluster;
import io.multicloud.api.ClusterRequest;
import io.multicloud.api.ClusterStatus;
import io.multicloud.api.ConflictException;
import io.multicloud.api.Direction;
import io.multicloud.api.Disk;
import io.multicloud.api.DiskRequest;
import io.multicloud.api.DiskStatus;
import io.multicloud.api.HealthChecker;
import io.multicloud.api.KeyPair;
import io.multicloud.api.MyImage;
import io.multicloud.api.MyImageStatus;
import io.multicloud.api.Named;
import io.multicloud.api.Nlb;
import io.multicloud.api.NlbHealth;
import io.multicloud.api.NlbRequest;
import io.multicloud.api.NodeGroupRequest;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.PortRange;
import io.multicloud.api.Price;
import io.multicloud.api.Protocol;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Resources;
import io.multicloud.api.SecurityGroup;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.SecurityRule;
import io.multicloud.api.Spec;
import io.multicloud.api.SubnetRequest;
import io.multicloud.api.TaggedResource;
import io.multicloud.api.Tagged;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.api.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract of a driver: the behaviour every cloud shows through this library, as one
 * JUnit 5 suite. A driver module runs it against its cloud (or a local fake of it) by
 * extending this class:
 * <pre>{@code
 * class AwsConformanceTest extends DriverConformanceTest {
 *     private final MultiCloud multiCloud = MultiCloud.create();
 *
 *     @Override
 *     protected Cloud openCloud() {
 *         return multiCloud.connect(ConnectionConfig.of("aws", "us-east-1").property("endpoint", MOTO_URL));
 *     }
 *
 *     @Override
 *     protected ConformanceProfile profile() {
 *         return ConformanceProfile.defaults().image("ami-0abcdef1234567890").spec("t3.micro");
 *     }
 * }
 * }</pre>
 * Each test runs on the connection {@link #openCloud()} gives it, creates what it needs under
 * unique names, and deletes it again afterwards, so tests may share one real cloud account.
 * A test whose capability the driver does not declare is skipped, and the skip says which.
 */
public abstract class DriverConformanceTest {
    private Cloud cloud;
    private ConformanceProfile profile;
    private TestResources res;

    /** A connection for one test; called before each test. */
    protected abstract Cloud openCloud();

    /** Releases the connection after a test (and after its resources are deleted); closes it by default. */
    protected void closeCloud(Cloud connection) {
        connection.close();
    }

    /** The images, specs, address blocks and timeouts that suit the cloud; {@link ConformanceProfile#defaults()} by default. */
    protected ConformanceProfile profile() {
        return ConformanceProfile.defaults();
    }

    /**
     * Called once a snapshot has started, for clouds whose hypervisor is simulated and never
     * uploads the snapshot's data (OpenStack's fake virt driver): the test stands in for the
     * hypervisor here. Real clouds and the mock need nothing, which is the default.
     */
    protected void finishSnapshot(Cloud connection, MyImage started) {
    }

    @BeforeEach
    final void openConnection() {
        cloud = openCloud();
        profile = profile();
        res = new TestResources(cloud, profile);
    }

    @AfterEach
    final void deleteWhatTheTestCreated() {
        try {
            res.close();
        } finally {
            closeCloud(cloud);
        }
    }

    private void requires(Capability... needed) {
        for (Capability capability : needed) {
            assumeTrue(cloud.capabilities().supports(capability),
                    () -> "driver " + cloud.config().driver() + " does not declare capability " + capability);
        }
    }

    // ---- catalog ----

    @Test
    void theConnectedRegionIsListedWithItsZones() {
        requires(REGIONS);
        Region region = cloud.regions().get(cloud.config().region());
        assertThat(cloud.regions().list()).extracting(Region::name).contains(region.name());
        assertThat(region.zones()).isNotEmpty().allSatisfy(z -> assertThat(z.region()).isEqualTo(region.name()));
        cloud.config().zoneIfSet().ifPresent(zone -> assertThat(region.zones()).extracting(Zone::name).contains(zone));
    }

    @Test
    void theProfileImageIsOffered() {
        requires(IMAGES);
        assertThat(cloud.images().get(profile.image()).name()).isEqualTo(profile.image());
        assertThat(cloud.images().list()).extracting(Named::name).contains(profile.image());
    }

    @Test
    void theProfileSpecIsOfferedWithItsSize() {
        requires(SPECS);
        Spec spec = cloud.specs().get(profile.spec());
        assertThat(spec.vcpus()).isPositive();
        assertThat(spec.memoryGiB()).isPositive();
        assertThat(cloud.specs().list()).extracting(Spec::name).contains(profile.spec());
    }

    @Test
    void theProfileSpecHasAnHourlyPrice() {
        requires(PRICES);
        Price price = cloud.prices().get(profile.spec());
        assertThat(price.costPerHour()).isPositive();
        assertThat(price.currency()).isNotBlank();
    }

    @TestFactory
    Stream<DynamicTest> aMissingNameIsNotFoundInEveryDeclaredKind() {
        return Stream.of(
                missingInCatalog("image", IMAGES, () -> cloud.images()),
                missingInCatalog("spec", SPECS, () -> cloud.specs()),
                missingResource("VPC", VPCS, () -> cloud.vpcs()),
                missingResource("security group", SECURITY_GROUPS, () -> cloud.securityGroups()),
                missingResource("key pair", KEY_PAIRS, () -> cloud.keyPairs()),
                missingResource("VM", VMS, () -> cloud.vms()),
                missingResource("disk", DISKS, () -> cloud.disks()),
                missingResource("my-image", MY_IMAGES, () -> cloud.myImages()),
                missingResource("NLB", NLBS, () -> cloud.nlbs()),
                missingResource("cluster", CLUSTERS, () -> cloud.clusters()));
    }

    private DynamicTest missingInCatalog(String kind, Capability capability, Supplier<Catalog<?>> catalog) {
        return dynamicTest(kind + ": find is empty and get throws NotFoundException", () -> {
            requires(capability);
            String name = res.name("missing");
            assertThat(catalog.get().find(name)).isEmpty();
            assertThatThrownBy(() -> catalog.get().get(name)).isInstanceOf(NotFoundException.class);
        });
    }

    private DynamicTest missingResource(String kind, Capability capability, Supplier<Resources<?, ?>> resources) {
        return dynamicTest(kind + ": find is empty, get and delete throw NotFoundException", () -> {
            requires(capability);
            String name = res.name("missing");
            assertThat(resources.get().find(name)).isEmpty();
            assertThatThrownBy(() -> resources.get().get(name)).isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> resources.get().delete(name)).isInstanceOf(NotFoundException.class);
        });
    }

    // ---- VPCs and subnets ----

    @Test
    void aVpcIsCreatedFoundListedAndDeleted() {
        requires(VPCS);
        String name = res.name("vpc");
        Vpc created = res.vpc(VpcRequest.named(name).cidr(profile.vpcCidr()).subnet("sn-a", profile.subnetCidr()));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.id()).isNotBlank();
        assertThat(created.cidr()).isEqualTo(profile.vpcCidr());
        assertThat(created.subnet("sn-a")).hasValueSatisfying(s -> assertThat(s.cidr()).isEqualTo(profile.subnetCidr()));

        Vpc fetched = cloud.vpcs().get(name);
        assertThat(fetched.id()).isEqualTo(created.id());
        assertThat(fetched.subnets()).extracting(Named::name).containsExactly("sn-a");
        assertThat(cloud.vpcs().list()).extracting(Vpc::name).contains(name);

        cloud.vpcs().delete(name);
        Await.gone(cloud.vpcs(), name, profile.resourceTimeout());
        assertThat(cloud.vpcs().list()).extracting(Vpc::name).doesNotContain(name);
    }

    @Test
    void creatingAVpcUnderATakenNameFailsWithAlreadyExists() {
        requires(VPCS);
        Vpc vpc = res.vpc();
        VpcRequest again = VpcRequest.named(vpc.name()).cidr(profile.vpcCidr()).subnet("sn-b", profile.subnetCidr());
        assertThatThrownBy(() -> cloud.vpcs().create(again)).isInstanceOf(AlreadyExistsException.class);
        assertThat(cloud.vpcs().get(vpc.name()).id()).isEqualTo(vpc.id());
    }

    @Test
    void aSubnetIsAddedToAndRemovedFromAVpc() {
        requires(VPCS);
        Vpc vpc = res.vpc();
        String first = vpc.subnets().getFirst().name();

        Vpc withTwo = cloud.vpcs().addSubnet(vpc.name(), SubnetRequest.of("sn-second", profile.secondSubnetCidr()));
        assertThat(withTwo.subnets()).extracting(Named::name).containsExactlyInAnyOrder(first, "sn-second");
        assertThat(withTwo.subnet("sn-second")).hasValueSatisfying(s -> assertThat(s.cidr()).isEqualTo(profile.secondSubnetCidr()));

        Vpc withOne = cloud.vpcs().removeSubnet(vpc.name(), "sn-second");
        assertThat(withOne.subnets()).extracting(Named::name).containsExactly(first);
        assertThat(cloud.vpcs().get(vpc.name()).subnets()).extracting(Named::name).containsExactly(first);
    }

    @Test
    void deletingAVpcThatHoldsAVmIsRefused() {
        requires(VPCS, VMS);
        Vpc vpc = res.vpc();
        res.vm(vpc);
        assertThatThrownBy(() -> cloud.vpcs().delete(vpc.name())).isInstanceOf(ConflictException.class);
        assertThat(cloud.vpcs().find(vpc.name())).isPresent();
    }

    @Test
    void removingASubnetThatHoldsAVmIsRefused() {
        requires(VPCS, VMS);
        Vpc vpc = res.vpc();
        Vm vm = res.vm(vpc);
        assertThatThrownBy(() -> cloud.vpcs().removeSubnet(vpc.name(), vm.subnet())).isInstanceOf(ConflictException.class);
        assertThat(cloud.vpcs().get(vpc.name()).subnet(vm.subnet())).isPresent();
    }

    // ---- security groups ----

    @Test
    void aSecurityGroupIsCreatedWithItsRulesFoundListedAndDeleted() {
        requires(VPCS, SECURITY_GROUPS);
        Vpc vpc = res.vpc();
        SecurityRule ssh = SecurityRule.inbound(Protocol.TCP, 22);
        SecurityRule web = SecurityRule.inbound(Protocol.TCP, PortRange.of(8000, 8080), "10.0.0.0/8");
        String name = res.name("sg");
        SecurityGroup created = res.securityGroup(SecurityGroupRequest.named(name).vpc(vpc).rule(ssh).rule(web));
        assertThat(created.vpc()).isEqualTo(vpc.name());
        assertThat(created.rules()).contains(ssh, web);
        assertThat(cloud.securityGroups().get(name).rules()).contains(ssh, web);
        assertThat(cloud.securityGroups().list()).extracting(SecurityGroup::name).contains(name);

        cloud.securityGroups().delete(name);
        Await.gone(cloud.securityGroups(), name, profile.resourceTimeout());
    }

    @Test
    void securityGroupRulesAreAddedAndRemoved() {
        requires(VPCS, SECURITY_GROUPS);
        SecurityGroup group = res.securityGroup(res.vpc());
        SecurityRule ping = new SecurityRule(Direction.INBOUND, Protocol.ICMP, null, "10.0.0.0/8");
        SecurityRule dns = SecurityRule.outbound(Protocol.UDP, PortRange.of(53), SecurityRule.ANYWHERE);

        assertThat(cloud.securityGroups().addRules(group.name(), ping, dns).rules()).contains(ping, dns);
        SecurityGroup afterRemove = cloud.securityGroups().removeRules(group.name(), ping);
        assertThat(afterRemove.rules()).contains(dns).doesNotContain(ping);
        assertThat(cloud.securityGroups().get(group.name()).rules()).contains(dns).doesNotContain(ping);
        assertThatThrownBy(() -> cloud.securityGroups().removeRules(group.name(), ping))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void creatingASecurityGroupUnderATakenNameFailsWithAlreadyExists() {
        requires(VPCS, SECURITY_GROUPS);
        Vpc vpc = res.vpc();
        SecurityGroup group = res.securityGroup(vpc);
        assertThatThrownBy(() -> cloud.securityGroups().create(SecurityGroupRequest.named(group.name()).vpc(vpc)))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void deletingASecurityGroupThatAVmUsesIsRefused() {
        requires(VPCS, SECURITY_GROUPS, VMS);
        Vpc vpc = res.vpc();
        SecurityGroup group = res.securityGroup(vpc);
        res.vm(res.vmRequest(vpc).securityGroups(group));
        assertThatThrownBy(() -> cloud.securityGroups().delete(group.name())).isInstanceOf(ConflictException.class);
        assertThat(cloud.securityGroups().find(group.name())).isPresent();
    }

    // ---- key pairs ----

    @Test
    void aKeyPairsPrivateKeyIsGivenOnlyByCreate() {
        requires(KEY_PAIRS);
        KeyPair created = res.keyPair();
        assertThat(created.privateKeyOnce()).hasValueSatisfying(k -> assertThat(k.reveal()).contains("PRIVATE KEY"));
        assertThat(created.publicKey()).startsWith("ssh-");
        assertThat(created.toString()).doesNotContain(created.privateKey().reveal());

        assertThat(cloud.keyPairs().get(created.name()).privateKeyOnce()).isEmpty();
        assertThat(cloud.keyPairs().get(created.name()).managed()).as("carries the library's mark").isTrue();
        assertThat(cloud.keyPairs().list()).filteredOn(k -> k.name().equals(created.name()))
                .singleElement().satisfies(k -> assertThat(k.privateKeyOnce()).isEmpty());

        cloud.keyPairs().delete(created.name());
        Await.gone(cloud.keyPairs(), created.name(), profile.resourceTimeout());
    }

    @Test
    void creatingAKeyPairUnderATakenNameFailsWithAlreadyExists() {
        requires(KEY_PAIRS);
        KeyPair key = res.keyPair();
        assertThatThrownBy(() -> cloud.keyPairs().create(key.name())).isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void anImportedKeyPairKeepsItsPublicKeyAndHasNoPrivateKey() {
        requires(KEY_PAIRS, KEY_PAIR_IMPORT);
        String name = res.track(ResourceKind.KEY_PAIR, res.name("imported"));
        String keyData = profile.importPublicKey().split(" ")[1];
        KeyPair imported = cloud.keyPairs().importKey(name, profile.importPublicKey());
        assertThat(imported.privateKeyOnce()).isEmpty();
        assertThat(imported.publicKey()).contains(keyData);
        assertThat(cloud.keyPairs().get(name).publicKey()).contains(keyData);
    }

    // ---- VMs ----

    @Test
    void aVmGoesFromCreatingToRunningInItsSubnet() {
        requires(VPCS, VMS);
        Vpc vpc = res.vpc();
        Vm created = res.vm(vpc);
        assertThat(created.status()).isIn(VmStatus.CREATING, VmStatus.RUNNING);

        Vm running = cloud.vms().waitUntil(created.name(), VmStatus.RUNNING, profile.vmTimeout());
        assertThat(running.status()).isEqualTo(VmStatus.RUNNING);
        assertThat(running.vpc()).isEqualTo(vpc.name());
        assertThat(running.subnet()).isEqualTo(vpc.subnets().getFirst().name());
        assertThat(running.spec()).isEqualTo(profile.spec());
        assertThat(running.privateIp()).satisfies(ip -> assertThat(Cidr.parse(profile.subnetCidr()).contains(ip)).isTrue());
        assertThat(cloud.vms().get(created.name()).status()).isEqualTo(VmStatus.RUNNING);
        assertThat(cloud.vms().list()).extracting(Vm::name).contains(created.name());
    }

    @Test
    void aVmSuspendsAndResumes() {
        requires(VPCS, VMS, VM_SUSPEND);
        String name = res.runningVm(res.vpc()).name();
        assertThat(cloud.vms().suspend(name)).isEqualTo(VmStatus.SUSPENDING);
        assertThat(cloud.vms().waitUntil(name, VmStatus.SUSPENDED, profile.vmTimeout()).status()).isEqualTo(VmStatus.SUSPENDED);
        assertThat(cloud.vms().resume(name)).isEqualTo(VmStatus.RESUMING);
        assertThat(cloud.vms().waitUntil(name, VmStatus.RUNNING, profile.vmTimeout()).status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void aVmRebootsBackToRunning() {
        requires(VPCS, VMS);
        String name = res.runningVm(res.vpc()).name();
        assertThat(cloud.vms().reboot(name)).isEqualTo(VmStatus.REBOOTING);
        assertThat(cloud.vms().waitUntil(name, VmStatus.RUNNING, profile.vmTimeout()).status()).isEqualTo(VmStatus.RUNNING);
    }

    @Test
    void aTerminatedVmEndsTerminated() {
        requires(VPCS, VMS);
        String name = res.runningVm(res.vpc()).name();
        assertThat(cloud.vms().terminate(name)).isEqualTo(VmStatus.TERMINATING);
        assertThat(cloud.vms().waitUntil(name, VmStatus.TERMINATED, profile.vmTimeout()).status())
                .isEqualTo(VmStatus.TERMINATED);
    }

    @Test
    void aDeletedVmIsGone() {
        requires(VPCS, VMS);
        String name = res.runningVm(res.vpc()).name();
        cloud.vms().delete(name);
        assertThat(cloud.vms().find(name)).isEmpty();
        assertThat(cloud.vms().list()).extracting(Vm::name).doesNotContain(name);
    }

    @Test
    void creatingAVmUnderATakenNameFailsWithAlreadyExists() {
        requires(VPCS, VMS);
        Vpc vpc = res.vpc();
        Vm vm = res.vm(vpc);
        assertThatThrownBy(() -> cloud.vms().create(res.vmRequest(vpc).name(vm.name())))
                .isInstanceOf(AlreadyExistsException.class);
    }

    /**
     * What rebuilds an MCI from the cloud alone: a VM's tags come back exactly as given (keys with
     * {@code :}, query-string values of 255 characters with {@code & = % +}), the driver keeps no
     * {@code multicloud:} tag of the caller's to itself, and {@code listTagged} finds the VM by
     * key and by key and value.
     */
    @Test
    void aVmsTagsComeBackExactlyAndFindItByKeyAndValue() {
        requires(VPCS, VMS);
        Vpc vpc = res.vpc();
        String group = ("spec=" + profile.spec() + "&image=a%2Fb+c&size=3&ip=1&sg=x,y&d=" + "v".repeat(255)).substring(0, 255);
        String owner = res.name("own");
        VmRequest request = res.vmRequest(vpc).tag("multicloud:mci", "web").tag("multicloud:owner", owner)
                .tag("multicloud:group", group).tag("team", "blue green");
        Vm created = res.vm(request);

        Vm seen = cloud.vms().get(created.name());
        assertThat(seen.tags()).containsEntry("multicloud:mci", "web").containsEntry("multicloud:owner", owner)
                .containsEntry("multicloud:group", group).containsEntry("team", "blue green");
        assertThat(cloud.vms().listTagged("multicloud:owner", owner)).extracting(Vm::name).containsExactly(created.name());
        assertThat(cloud.vms().listTagged("multicloud:owner", null)).extracting(Vm::name).contains(created.name());
        assertThat(cloud.vms().listTagged("multicloud:owner", owner + "-other")).isEmpty();
    }

    /**
     * What the library makes carries its mark; {@code delete} refuses a resource without it (one
     * the account held before), and {@code forceDelete} deletes it.
     */
    @Test
    void aResourceTheLibraryDidNotMakeIsDeletedOnlyByForce() {
        requires(VPCS, TAGS);
        Vpc vpc = res.vpc();
        assertThat(cloud.vpcs().get(vpc.name()).tags()).containsEntry(Tagged.MANAGED, "true");

        cloud.tags().remove(ResourceKind.VPC, vpc.name(), Set.of(Tagged.MANAGED).toArray(String[]::new));
        assertThat(cloud.vpcs().get(vpc.name()).managed()).isFalse();
        assertThatThrownBy(() -> cloud.vpcs().delete(vpc.name())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("forceDelete");
        assertThat(cloud.vpcs().find(vpc.name())).isPresent();

        cloud.vpcs().forceDelete(vpc.name());
        assertThat(cloud.vpcs().find(vpc.name())).isEmpty();
    }

    // ---- disks ----

    @Test
    void aDiskIsCreatedFoundListedAndDeleted() {
        requires(DISKS);
        Disk disk = res.availableDisk();
        assertThat(disk.sizeGB()).isEqualTo(profile.diskSizeGB());
        assertThat(disk.attachedTo()).isNull();
        assertThat(cloud.disks().list()).extracting(Disk::name).contains(disk.name());

        cloud.disks().delete(disk.name());
        Await.gone(cloud.disks(), disk.name(), profile.resourceTimeout());
    }

    @Test
    void creatingADiskUnderATakenNameFailsWithAlreadyExists() {
        requires(DISKS);
        Disk disk = res.availableDisk();
        assertThatThrownBy(() -> cloud.disks().create(DiskRequest.named(disk.name()).sizeGB(profile.diskSizeGB())))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aDiskAttachesToAVmAndDetaches() {
        requires(VPCS, VMS, DISKS);
        Vm vm = res.runningVm(res.vpc());
        Disk disk = res.availableDisk(res.diskRequest().zone(vm.zone()));

        cloud.disks().attach(disk.name(), vm.name());
        Disk attached = cloud.disks().waitUntil(disk.name(),
                d -> d.status() == DiskStatus.ATTACHED && vm.name().equals(d.attachedTo()), profile.resourceTimeout());
        assertThat(attached.attachedTo()).isEqualTo(vm.name());

        cloud.disks().detach(disk.name());
        Disk detached = cloud.disks().waitUntil(disk.name(), d -> d.status() == DiskStatus.AVAILABLE, profile.resourceTimeout());
        assertThat(detached.attachedTo()).isNull();
    }

    @Test
    void deletingAnAttachedDiskIsRefused() {
        requires(VPCS, VMS, DISKS);
        Vm vm = res.runningVm(res.vpc());
        Disk disk = res.availableDisk(res.diskRequest().zone(vm.zone()));
        cloud.disks().attach(disk.name(), vm.name());
        cloud.disks().waitUntil(disk.name(), d -> d.status() == DiskStatus.ATTACHED, profile.resourceTimeout());

        assertThatThrownBy(() -> cloud.disks().delete(disk.name())).isInstanceOf(ConflictException.class);
        assertThat(cloud.disks().get(disk.name()).attachedTo()).isEqualTo(vm.name());
    }

    @Test
    void aDiskGrowsWhenResized() {
        requires(DISKS, DISK_RESIZE);
        Disk disk = res.availableDisk();
        cloud.disks().resize(disk.name(), profile.grownDiskSizeGB());
        Disk grown = cloud.disks().waitUntil(disk.name(), d -> d.sizeGB() == profile.grownDiskSizeGB()
                && d.status() == DiskStatus.AVAILABLE, profile.resourceTimeout());
        assertThat(grown.sizeGB()).isEqualTo(profile.grownDiskSizeGB());
    }

    // ---- my-images ----

    @Test
    void anImageMadeFromAVmBecomesAvailableAndIsDeleted() {
        requires(VPCS, VMS, MY_IMAGES);
        Vm vm = res.runningVm(res.vpc());
        String name = res.track(ResourceKind.MY_IMAGE, res.name("img"));

        MyImage started = cloud.vms().snapshot(vm.name(), name);
        assertThat(started.sourceVm()).isEqualTo(vm.name());
        assertThat(cloud.myImages().get(name).status()).isIn(MyImageStatus.CREATING, MyImageStatus.AVAILABLE);
        finishSnapshot(cloud, cloud.myImages().get(name));
        MyImage available = cloud.myImages().waitUntil(name, i -> i.status() == MyImageStatus.AVAILABLE, profile.resourceTimeout());
        assertThat(available.sourceVm()).isEqualTo(vm.name());
        assertThat(cloud.myImages().list()).extracting(MyImage::name).contains(name);

        cloud.myImages().delete(name);
        Await.gone(cloud.myImages(), name, profile.resourceTimeout());
    }

    // ---- network load balancers ----

    @Test
    void aLoadBalancerTakesVmsInAndOutAndReportsTheirHealth() {
        requires(VPCS, VMS, NLBS);
        Vpc vpc = res.vpc();
        String first = res.runningVm(vpc).name();
        String second = res.runningVm(vpc).name();
        String name = res.track(ResourceKind.NLB, res.name("nlb"));

        Nlb created = cloud.nlbs().create(NlbRequest.named(name).vpc(vpc.name())
                .listener(Protocol.TCP, profile.nlbPort()).vmGroup(Protocol.TCP, profile.vmPort(), first)
                .healthChecker(HealthChecker.of(Protocol.TCP, profile.vmPort())));
        assertThat(created.listener().port()).isEqualTo(profile.nlbPort());
        assertThat(created.vmGroup().vms()).containsExactly(first);

        assertThat(cloud.nlbs().addVms(name, second).vmGroup().vms()).containsExactlyInAnyOrder(first, second);
        NlbHealth health = cloud.nlbs().health(name);
        List<String> checked = new ArrayList<>(health.healthy());
        checked.addAll(health.unhealthy());
        assertThat(checked).containsExactlyInAnyOrder(first, second);

        assertThat(cloud.nlbs().removeVms(name, first).vmGroup().vms()).containsExactly(second);
        assertThat(cloud.nlbs().get(name).vmGroup().vms()).containsExactly(second);
        cloud.nlbs().delete(name);
        Await.gone(cloud.nlbs(), name, profile.resourceTimeout());
    }

    // ---- Kubernetes clusters ----

    @Test
    void aClusterNodeGroupIsAddedScaledAndRemoved() {
        requires(VPCS, CLUSTERS);
        String vpcName = res.name("vpc");
        res.vpc(VpcRequest.named(vpcName).cidr(profile.vpcCidr())
                .subnet("sn-a", profile.subnetCidr()).subnet("sn-b", profile.secondSubnetCidr()));
        String name = res.name("k8s");
        ClusterRequest request = ClusterRequest.named(name).vpc(vpcName).subnets("sn-a", "sn-b");
        res.cluster(profile.clusterVersion() == null ? request : request.version(profile.clusterVersion()));
        Cluster active = cloud.clusters().waitUntil(name, c -> c.status() == ClusterStatus.ACTIVE, profile.resourceTimeout());
        assertThat(active.vpc()).isEqualTo(vpcName);
        assertThat(active.subnets()).containsExactlyInAnyOrder("sn-a", "sn-b");

        cloud.clusters().addNodeGroup(name, NodeGroupRequest.of("ng-a", profile.nodeGroupSpec(), 1).sizes(1, 3, 1));
        Cluster withGroup = awaitNodeGroup(name, "ng-a", 1);
        assertThat(withGroup.nodeGroup("ng-a")).hasValueSatisfying(g -> assertThat(g.maxSize()).isEqualTo(3));

        cloud.clusters().scaleNodeGroup(name, "ng-a", 1, 4, 2);
        Cluster scaled = awaitNodeGroup(name, "ng-a", 2);
        assertThat(scaled.nodeGroup("ng-a")).hasValueSatisfying(g -> assertThat(g.maxSize()).isEqualTo(4));

        cloud.clusters().removeNodeGroup(name, "ng-a");
        cloud.clusters().waitUntil(name, c -> c.nodeGroup("ng-a").isEmpty(), profile.resourceTimeout());
        cloud.clusters().delete(name);
        Await.gone(cloud.clusters(), name, profile.resourceTimeout());
    }

    private Cluster awaitNodeGroup(String cluster, String group, int desiredSize) {
        return cloud.clusters().waitUntil(cluster, c -> c.status() == ClusterStatus.ACTIVE && c.nodeGroup(group)
                .filter(g -> g.status() == ClusterStatus.ACTIVE && g.desiredSize() == desiredSize).isPresent(),
                profile.resourceTimeout());
    }

    // ---- tags ----

    @Test
    void tagsAreAddedListedFoundAndRemoved() {
        requires(VPCS, TAGS);
        String key = res.name("owner");
        String value = res.name("team");
        String name = res.name("vpc");
        res.vpc(VpcRequest.named(name).cidr(profile.vpcCidr()).subnet("sn-a", profile.subnetCidr()).tag(key, value));
        assertThat(cloud.tags().list(ResourceKind.VPC, name)).containsEntry(key, value);

        cloud.tags().add(ResourceKind.VPC, name, Map.of("stage", "conformance"));
        assertThat(cloud.tags().list(ResourceKind.VPC, name)).containsEntry(key, value).containsEntry("stage", "conformance");
        assertThat(cloud.tags().find(key, value)).singleElement().satisfies(found -> {
            assertThat(found.kind()).isEqualTo(ResourceKind.VPC);
            assertThat(found.name()).isEqualTo(name);
        });
        assertThat(cloud.tags().find(key, null)).extracting(TaggedResource::name).containsExactly(name);
        assertThat(cloud.tags().find(key, "another-value")).isEmpty();

        cloud.tags().remove(ResourceKind.VPC, name, key);
        assertThat(cloud.tags().list(ResourceKind.VPC, name)).doesNotContainKey(key).containsEntry("stage", "conformance");
        assertThat(cloud.tags().find(key, null)).isEmpty();
    }
}
