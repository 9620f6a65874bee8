package io.multicloud.driver.alibaba;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.AuthenticationFailedException;
import io.multicloud.api.CapacityUnavailableException;
import io.multicloud.api.CloudException;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorScope;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.QuotaExceededException;
import io.multicloud.api.ThrottledException;
import io.multicloud.api.TransientCloudException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.api.Vpc;
import io.multicloud.api.VpcRequest;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.Protocol;
import io.multicloud.driver.alibaba.fake.AlibabaFake;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What is specific to Alibaba Cloud, against the fake of cloud-specs/alibaba: the error table,
 * paging and call counts, client tokens after a lost answer, the creation rollback, tags that
 * break Alibaba's tag rules, and the any-call functions.
 */
class AlibabaDriverTest extends OnTheFake {

    private Vpc network() {
        Vpc vpc = cloud.vpcs().create(VpcRequest.named("net").cidr("10.1.0.0/16").subnet("sn-1", "10.1.1.0/24"));
        cloud.securityGroups().create(SecurityGroupRequest.named("sg").vpc(vpc).allowInbound(Protocol.TCP, 22));
        return vpc;
    }

    private VmRequest vm(String name) {
        return VmRequest.named(name).image("ubuntu-22.04").spec("ecs.g7.large").subnet("net", "sn-1").securityGroups("sg");
    }

    @Test
    void alibabasErrorCodesMapOntoTheCommonHierarchyWithTheirScope() {
        record Case(String code, int status, Class<? extends CloudException> type, ErrorScope scope) {
        }
        List<Case> cases = List.of(
                new Case("InvalidVpcId.NotFound", 404, NotFoundException.class, null),
                new Case("InvalidKeyPairName.Duplicate", 400, AlreadyExistsException.class, null),
                new Case("QuotaExceed.ElasticQuota", 400, QuotaExceededException.class, ErrorScope.REGION),
                new Case("OperationDenied.NoStock", 403, CapacityUnavailableException.class, ErrorScope.ZONE),
                new Case("Zone.NotOnSale", 403, CapacityUnavailableException.class, ErrorScope.ZONE),
                new Case("InvalidResourceType.NotSupported", 400, CapacityUnavailableException.class, ErrorScope.ZONE),
                new Case("Throttling.User", 400, ThrottledException.class, null),
                new Case("Throttling", 400, ThrottledException.class, null),
                new Case("ServiceUnavailable", 503, TransientCloudException.class, null),
                new Case("InvalidAccessKeyId.NotFound", 404, AuthenticationFailedException.class, null),
                new Case("SignatureDoesNotMatch", 400, AuthenticationFailedException.class, null),
                new Case("Forbidden.RAM", 403, AuthenticationFailedException.class, null),
                new Case("DependencyViolation.Instance", 400, ConflictException.class, null),
                new Case("IncorrectInstanceStatus", 403, ConflictException.class, null));
        for (Case c : cases) {
            fake.refuse("DescribeVpcs", 1, c.status(), c.code(), "refused on purpose: " + c.code());
            assertThatThrownBy(() -> cloud.vpcs().find("some-vpc")).as(c.code()).isInstanceOf(c.type()).satisfies(e -> {
                CloudException ce = (CloudException) e;
                assertThat(ce.context().providerCode()).isEqualTo(c.code());
                assertThat(ce.getMessage()).contains("alibaba-fake", "VPC", "some-vpc", c.code(), "refused on purpose")
                        .doesNotContain(AlibabaFake.secret());
                if (c.scope() != null) {
                    assertThat(((io.multicloud.api.ScopedCloudException) ce).scope()).isEqualTo(c.scope());
                }
            });
        }
    }

    @Test
    void aQuotaMessageOnAnUnsupportedTypeIsAQuotaErrorAndAStockoutIsZoneWide() {
        network();
        fake.refuse("RunInstances", 1, 400, "InvalidInstanceType.ValueNotSupported", "The vCPU quota of the account is exceeded.");
        assertThatThrownBy(() -> cloud.vms().create(vm("vm-1"))).isInstanceOf(QuotaExceededException.class);
        fake.refuse("RunInstances", 1, 400, "InvalidInstanceType.ValueNotSupported", "The specified InstanceType is not valid.");
        assertThatThrownBy(() -> cloud.vms().create(vm("vm-1"))).isInstanceOf(io.multicloud.api.InvalidRequestException.class);
        fake.refuse("RunInstances", 1, 403, "OperationDenied.NoStock", "The resource is out of stock in the specified zone.");
        assertThatThrownBy(() -> cloud.vms().create(vm("vm-1"))).isInstanceOfSatisfying(CapacityUnavailableException.class,
                e -> assertThat(e.scope()).isEqualTo(ErrorScope.ZONE));
        assertThat(fake.instanceCount()).isZero();
    }

    @Test
    void listingAThousandVmsCostsOneCallPerPagePlusAFewLookUps() {
        fake.seedInstances(1000, Map.of("team", "a"));
        fake.clearCalls();
        List<Vm> vms = cloud.vms().list();
        assertThat(vms).hasSize(1000).allSatisfy(v -> {
            assertThat(v.vpc()).isEqualTo("seeded");
            assertThat(v.rootDiskGB()).isEqualTo(40);
            assertThat(v.rootDiskType()).isEqualTo("cloud_essd");
        });
        int pages = (1000 + 2) / 3;
        assertThat(fake.calls("DescribeInstances")).isEqualTo(pages);
        // The system disks: the region's, in pages (of 3 here, of 500 on Alibaba), never one call per VM.
        assertThat(fake.calls("DescribeDisks")).isEqualTo(pages);
        int lookUps = fake.actions().size() - 2 * pages;
        assertThat(lookUps).isLessThanOrEqualTo(3);
        System.out.println("vms().list() of 1000 VMs: " + fake.actions().size() + " calls = " + pages
                + " DescribeInstances and " + pages + " DescribeDisks pages of 3 + " + lookUps + " look-ups "
                + fake.actions().stream().distinct().toList());

        fake.clearCalls();
        assertThat(cloud.vms().find("seeded-517")).hasValueSatisfying(v -> {
            assertThat(v.status()).isEqualTo(VmStatus.RUNNING);
            assertThat(v.rootDiskGB()).isEqualTo(40);
        });
        assertThat(fake.calls("DescribeInstances")).isEqualTo(1);
        assertThat(fake.calls("DescribeDisks")).isEqualTo(1);
    }

    @Test
    void listTaggedFiltersOnTheServerAndFollowsPages() {
        fake.seedInstances(7, Map.of("multicloud:mci", "web"));
        fake.seedInstances(20, Map.of("multicloud:mci", "db"));
        fake.clearCalls();
        assertThat(cloud.vms().listTagged("multicloud:mci", "web")).hasSize(7).allSatisfy(v -> assertThat(v.rootDiskGB()).isEqualTo(40));
        assertThat(fake.calls("DescribeInstances")).isEqualTo(3);
        // The system disks carrying the same tag (RunInstances tags them too): 7 in pages of 3, not the region's 27.
        assertThat(fake.calls("DescribeDisks")).isEqualTo(3);
        assertThat(cloud.vms().listTagged("multicloud:mci", null)).hasSize(27);
    }

    @Test
    void aCreateRetriedAfterALostAnswerMakesNoSecondInstance() {
        network();
        VmRequest request = vm("vm-1").clientToken(UUID.randomUUID().toString());
        fake.loseAnswer("RunInstances", 1);
        assertThatThrownBy(() -> cloud.vms().create(request)).isInstanceOfSatisfying(TransientCloudException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThat(fake.instanceCount()).isEqualTo(1);

        Vm adopted = cloud.vms().create(request);
        assertThat(adopted.name()).isEqualTo("vm-1");
        assertThat(fake.instanceCount()).isEqualTo(1);
        assertThat(cloud.vms().list()).extracting(Vm::name).containsExactly("vm-1");
        assertThat(adopted.tags()).doesNotContainKeys("multicloud:client-token", "multicloud:image");
        assertThatThrownBy(() -> cloud.vms().create(vm("vm-1").clientToken(UUID.randomUUID().toString())))
                .isInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void theSameClientTokenGivesTheSameInstanceEvenWhenTheNameCheckMissesIt() {
        network();
        String token = UUID.randomUUID().toString();
        Vm first = cloud.vms().create(vm("vm-1").clientToken(token));
        // Another name, same token: Alibaba answers with the first call's instance instead of a new one.
        Vm second = cloud.vms().create(vm("vm-2").clientToken(token));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(fake.instanceCount()).isEqualTo(1);
    }

    @Test
    void anInstanceTheCloudRollsBackDuringCreationIsReportedFailedWithTheReason() {
        network();
        fake.rollBackNextInstance("the instance failed to start");
        Vm created = cloud.vms().create(vm("vm-1"));
        assertThat(created.status()).isEqualTo(VmStatus.CREATING);

        assertThatThrownBy(() -> cloud.vms().waitUntil("vm-1", VmStatus.RUNNING, Duration.ofSeconds(20)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("rolled back");
        Vm failed = cloud.vms().get("vm-1");
        assertThat(failed.status()).isEqualTo(VmStatus.FAILED);
        assertThat(failed.statusReason()).contains("rolled back");
        assertThat(cloud.vms().list()).singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(VmStatus.FAILED));

        cloud.vms().delete("vm-1");
        assertThat(cloud.vms().find("vm-1")).isEmpty();
    }

    @Test
    void tagsThatBreakAlibabasTagRulesRoundTripExactly() {
        String longValue = "v".repeat(256);
        Map<String, String> tags = Map.of("multicloud:mci", "web", "url", "see https://example.com/x=1%2",
                "aliyun-reserved", "acs:prefixed", "k".repeat(128), longValue, "mc~odd", "");
        Vpc vpc = cloud.vpcs().create(new VpcRequest("tagged", "10.2.0.0/16", List.of(io.multicloud.api.SubnetRequest.of("sn-1", "10.2.1.0/24")), tags));
        Map<String, String> marked = new java.util.HashMap<>(tags);
        marked.put(io.multicloud.api.Tagged.MANAGED, "true");
        assertThat(cloud.vpcs().get("tagged").tags()).isEqualTo(marked);
        assertThat(cloud.tags().list(io.multicloud.api.ResourceKind.VPC, "tagged")).isEqualTo(marked);
        assertThat(cloud.tags().find("url", "see https://example.com/x=1%2")).singleElement()
                .satisfies(t -> assertThat(t.id()).isEqualTo(vpc.id()));
        assertThat(cloud.tags().find("k".repeat(128), longValue)).hasSize(1);
        assertThat(cloud.tags().find("aliyun-reserved", null)).hasSize(1);
        assertThat(cloud.tags().find("url", "other")).isEmpty();
    }

    @Test
    void theAnyCallFunctionsAnswer() {
        network();
        cloud.vms().create(vm("vm-1"));
        assertThat(cloud.anyCall("DescribeAvailableInstanceTypes", Map.of("zone", AlibabaFake.ZONE)).get("types"))
                .contains("ecs.g7.large");
        assertThat(cloud.anyCall("DescribeInstanceConsoleOutput", Map.of("vm", "vm-1")).get("output")).contains("vm-1 login");
    }

    @Test
    void specsCarryTheirGpusAndArchitecture() {
        assertThat(cloud.specs().get("ecs.gn7i-c8g1.2xlarge").accelerators()).singleElement()
                .satisfies(a -> assertThat(a.model()).isEqualTo("NVIDIA A10"));
        assertThat(cloud.specs().get("ecs.g8y.large").architecture()).isEqualTo(io.multicloud.api.Architecture.ARM64);
        assertThat(cloud.images().get("ubuntu-22.04").id()).isEqualTo("ubuntu_22_04_x64_20G_alibase_20240130.vhd");
        assertThat(cloud.images().get("windows-2022").platform()).isEqualTo(io.multicloud.api.Platform.WINDOWS);
        assertThat(cloud.regions().get(AlibabaFake.REGION).location()).isNotNull();
    }
}
