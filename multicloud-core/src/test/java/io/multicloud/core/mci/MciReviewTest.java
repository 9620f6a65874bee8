package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.multicloud.api.Capabilities;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.SecurityGroupRequest;
import io.multicloud.api.VpcRequest;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MciReviewTest {
    private MultiCloud mc;
    private Cloud mars;
    private Cloud venus;

    @BeforeEach
    void connect() {
        mc = MultiCloud.builder().environment(Map.of()).build();
        mars = mc.connect("mock", "mars");
        venus = mc.connect("mock", "venus");
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void aValidMciReviewsOkWithEveryCheckReported() {
        MciReview review = MciReview.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 3),
                SubGroupRequest.of("gpu", venus, "g1.l4x1", "ubuntu-22.04-cuda-12", 2),
                SubGroupRequest.of("arm", mars, "a1.small", "ubuntu-24.04-arm64", 1)));

        assertThat(review.ok()).isTrue();
        assertThat(review.problems()).isEmpty();
        assertThat(review.findings("web")).extracting(ReviewFinding::check).containsExactly(
                ReviewCheck.LOCATION, ReviewCheck.SPEC, ReviewCheck.IMAGE, ReviewCheck.ARCHITECTURE, ReviewCheck.QUOTA);
        // web (3 × 2 vCPU) and arm (1 × 2 vCPU) draw on the same mars quota (defaults 1024 vCPUs, 500 VMs).
        assertThat(review.findings("web")).filteredOn(f -> f.check() == ReviewCheck.QUOTA).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("8 vCPUs asked", "0 in use of 1024", "4 VMs asked",
                        "0 in use of 500", "[web, arm]"));
        assertThat(review.findings("gpu")).filteredOn(f -> f.check() == ReviewCheck.QUOTA).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("8 vCPUs asked", "2 VMs asked"));
        assertThat(review.toString()).startsWith("MCI review: ok");
    }

    @Test
    void anUnknownSpecIsAnErrorNamingItAndItsRegion() {
        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", mars, "m9.huge", "ubuntu-22.04", 1)));

        assertThat(review.ok()).isFalse();
        assertThat(review.errors()).singleElement().satisfies(f -> {
            assertThat(f.subGroup()).isEqualTo("web");
            assertThat(f.connection()).isEqualTo("mock/mars");
            assertThat(f.check()).isEqualTo(ReviewCheck.SPEC);
            assertThat(f.message()).isEqualTo("spec 'm9.huge' is not offered in region mars");
        });
        assertThat(review.findings("web")).extracting(ReviewFinding::check).doesNotContain(ReviewCheck.ARCHITECTURE);
        assertThat(review.toString()).startsWith("MCI review: BLOCKED, 1 error(s)").contains("m9.huge");
    }

    @Test
    void anUnknownImageIsAnError() {
        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", mars, "m1.small", "beos-5", 1)));

        assertThat(review.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(ReviewCheck.IMAGE);
            assertThat(f.message()).isEqualTo("image 'beos-5' does not exist in region mars");
        });
    }

    @Test
    void anArm64ImageOnAnX86SpecIsAnError() {
        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04-arm64", 1)));

        assertThat(review.ok()).isFalse();
        assertThat(review.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(ReviewCheck.ARCHITECTURE);
            assertThat(f.message()).isEqualTo("image 'ubuntu-22.04-arm64' is ARM64 but spec 'm1.small' is X86_64");
        });
    }

    @Test
    void vcpusOfSubgroupsOnOneRegionAreSummedAgainstTheQuota() {
        // 1 × m1.small (2 vCPU) + 1 × c1.large (4 vCPU) = 6 vCPUs: each fits in 5 alone, not together.
        mars.unwrap(MockControl.class).setQuota(5, 500);
        SubGroupRequest web = SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 1);
        SubGroupRequest api = SubGroupRequest.of("api", mars, "c1.large", "ubuntu-22.04", 1);
        SubGroupRequest gpu = SubGroupRequest.of("gpu", venus, "g1.l4x1", "ubuntu-22.04-cuda-12", 1);

        assertThat(MciReview.of(List.of(web, gpu)).ok()).isTrue();
        assertThat(MciReview.of(List.of(api, gpu)).ok()).isTrue();
        MciReview review = MciReview.of(List.of(web, api, gpu));

        assertThat(review.ok()).isFalse();
        assertThat(review.errors()).extracting(ReviewFinding::subGroup).containsExactly("web", "api");
        assertThat(review.errors()).allSatisfy(f -> {
            assertThat(f.check()).isEqualTo(ReviewCheck.QUOTA);
            assertThat(f.message()).contains("vCPU quota exceeded: 6 vCPUs asked [web 1×2, api 1×4], 0 in use of 5")
                    .doesNotContain("VM quota exceeded");
        });
    }

    @Test
    void tooManyVmsForTheVmQuotaIsAnErrorNamingTheNumbers() {
        mars.unwrap(MockControl.class).setQuota(1024, 2);

        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", mars, "t1.micro", "ubuntu-22.04", 3)));

        assertThat(review.errors()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("VM quota exceeded: 3 VMs asked, 0 in use of 2").doesNotContain("vCPU quota exceeded"));
    }

    @Test
    void aDriverThatCannotTellItsQuotasGetsANoteNotAWarning() {
        Cloud noQuotas = CostEstimateTest.wrap(mars, (method, args, real) -> method.getName().equals("capabilities")
                ? new Capabilities(mars.capabilities().supported(), Set.of()) : real.call());

        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", noQuotas, "m1.small", "ubuntu-22.04", 1)));

        assertThat(review.ok()).isTrue();
        assertThat(review.warnings()).isEmpty();
        assertThat(review.problems()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(ReviewSeverity.INFO);
            assertThat(f.check()).isEqualTo(ReviewCheck.QUOTA);
            assertThat(f.message()).isEqualTo("quota not checked: driver 'mock' cannot tell its quotas");
        });
    }

    @Test
    void aDriverWithoutCatalogsLeavesNotesForWhatItCannotCheck() {
        Cloud regionsOnly = mc.connect("lazy-test", "north");

        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", regionsOnly, "small", "linux", 1)));

        assertThat(review.ok()).isTrue();
        assertThat(review.findings("web")).extracting(ReviewFinding::check, ReviewFinding::severity).containsExactly(
                tuple(ReviewCheck.LOCATION, ReviewSeverity.OK),
                tuple(ReviewCheck.SPEC, ReviewSeverity.INFO),
                tuple(ReviewCheck.IMAGE, ReviewSeverity.INFO),
                tuple(ReviewCheck.QUOTA, ReviewSeverity.INFO));
        assertThat(review.findings("web").get(1).message())
                .isEqualTo("spec 'small' not checked: driver 'lazy-test' does not offer SPECS");
    }

    @Test
    void twoSubgroupsWithOneNameAreAnError() {
        MciReview review = MciReview.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 1),
                SubGroupRequest.of("web", venus, "m1.small", "ubuntu-22.04", 1)));

        assertThat(review.errors()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(ReviewCheck.NAME);
            assertThat(f.connection()).isEqualTo("mock/venus");
            assertThat(f.message()).isEqualTo("subgroup name 'web' is used twice (also on mock/mars): VM names would clash");
        });
    }

    @Test
    void aStaticSubgroupsNetworkSecurityGroupsAndKeyPairMustExist() {
        mars.vpcs().create(VpcRequest.named("vpc-1").cidr("10.0.0.0/16").subnet("sn-1", "10.0.1.0/24"));
        mars.vpcs().create(VpcRequest.named("vpc-2").cidr("10.1.0.0/16").subnet("sn-2", "10.1.1.0/24"));
        mars.securityGroups().create(SecurityGroupRequest.named("sg-1").vpc("vpc-1"));
        mars.securityGroups().create(SecurityGroupRequest.named("sg-other").vpc("vpc-2"));
        mars.keyPairs().create("key-1");
        SubGroupRequest good = SubGroupRequest.of("good", mars, "m1.small", "ubuntu-22.04", 1)
                .network("vpc-1", "sn-1").securityGroups("sg-1").keyPair("key-1");

        assertThat(MciReview.of(List.of(good)).problems()).isEmpty();

        MciReview review = MciReview.of(List.of(
                SubGroupRequest.of("novpc", mars, "m1.small", "ubuntu-22.04", 1).network("vpc-9", "sn-1"),
                SubGroupRequest.of("nosubnet", mars, "m1.small", "ubuntu-22.04", 1).network("vpc-1", "sn-9"),
                SubGroupRequest.of("badsg", mars, "m1.small", "ubuntu-22.04", 1).network("vpc-1", "sn-1")
                        .securityGroups("sg-9", "sg-other").keyPair("key-9")));

        assertThat(review.errors()).extracting(ReviewFinding::subGroup, ReviewFinding::message).containsExactly(
                tuple("novpc", "VPC 'vpc-9' does not exist"),
                tuple("nosubnet", "VPC 'vpc-1' has no subnet 'sn-9' (subnets: [sn-1])"),
                tuple("badsg", "security group 'sg-9' does not exist"),
                tuple("badsg",
                        "security group 'sg-other' belongs to VPC 'vpc-2', not to the subgroup's VPC 'vpc-1'"),
                tuple("badsg", "key pair 'key-9' does not exist"));
    }

    @Test
    void aZoneOutsideTheRegionIsAnError() {
        // The mock refuses such a connection outright; other drivers may only fail at create time.
        Cloud lost = CostEstimateTest.wrap(mars, (method, args, real) -> method.getName().equals("config")
                ? ConnectionConfig.of("mock", "mars").zone("mars-z9") : real.call());

        MciReview review = MciReview.of(List.of(SubGroupRequest.of("web", lost, "m1.small", "ubuntu-22.04", 1)));

        assertThat(review.errors()).singleElement().satisfies(f -> assertThat(f.message())
                .isEqualTo("zone mars-z9 is not in region mars (zones: [mars-z1, mars-z2, mars-z3])"));
    }

    @Test
    void aFailingCloudCallIsAnErrorFindingForItsSubgroupNotAnException() {
        mars.unwrap(MockControl.class).failFraction("*", 1.0, 7, FaultKind.AUTH);

        MciReview review = MciReview.of(List.of(
                SubGroupRequest.of("web", mars, "m1.small", "ubuntu-22.04", 1),
                SubGroupRequest.of("gpu", venus, "g1.l4x1", "ubuntu-22.04-cuda-12", 1)));

        assertThat(review.ok()).isFalse();
        assertThat(review.errors()).isNotEmpty().allSatisfy(f -> {
            assertThat(f.subGroup()).isEqualTo("web");
            assertThat(f.message()).startsWith("could not check ");
        });
        assertThat(review.errors()).extracting(ReviewFinding::check)
                .contains(ReviewCheck.LOCATION, ReviewCheck.SPEC, ReviewCheck.IMAGE, ReviewCheck.QUOTA);
        assertThat(review.findings("gpu")).allSatisfy(f -> assertThat(f.severity()).isEqualTo(ReviewSeverity.OK));
    }

    @Test
    void subgroupsAreReviewedInParallelSoASlowCloudDoesNotSerializeTheOthers() {
        // Each subgroup's spec read waits until all three have started: read one after the other, none would finish.
        CountDownLatch allStarted = new CountDownLatch(3);
        List<SubGroupRequest> subGroups = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Cloud gated = CostEstimateTest.wrap(mars, (method, args, real) -> {
                if (method.getName().equals("specs")) {
                    allStarted.countDown();
                    if (!allStarted.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("spec reads ran one after the other");
                    }
                }
                return real.call();
            });
            subGroups.add(SubGroupRequest.of(name, gated, "m1.small", "ubuntu-22.04", 1));
        }

        MciReview review = MciReview.of(subGroups);

        assertThat(review.ok()).as(review.toString()).isTrue();
    }

    @Test
    void anEmptyListIsRefusedBeforeAnyCloudCall() {
        assertThatThrownBy(() -> MciReview.of(List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("subGroups");
    }
}
