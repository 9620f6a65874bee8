package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MCIs on the mock cloud: creation over two regions, failure policies, actions, scaling, deletion. */
class MciTest {
    private MultiCloud mc;
    private Cloud mars;
    private Cloud venus;

    @BeforeEach
    void connect() {
        mc = MultiCloud.builder().environment(Map.of()).mciVmTimeout(Duration.ofSeconds(20)).build();
        mars = mc.connect("mock", "mars");
        venus = mc.connect("mock", "venus");
        for (Cloud cloud : List.of(mars, venus)) {
            cloud.unwrap(MockControl.class).setTransitionTime(Duration.ofMillis(30));
        }
    }

    @AfterEach
    void close() {
        mc.close();
    }

    private MciBuilder twoRegions(String name, int size) {
        return mc.mci(name).subGroup("mars", mars, "m1.small", "ubuntu-22.04", size)
                .subGroup("venus", venus, "m1.small", "ubuntu-22.04", size);
    }

    @Test
    void aDynamicMciOverTwoRegionsRunsEveryVmOnSharedNetworks() {
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        Mci mci = twoRegions("web", 3).description("demo").listener(events::add).create();

        assertThat(mci.creation().ok()).isTrue();
        assertThat(mci.vms()).extracting(MciVm::name).containsExactly(
                "web-mars-1", "web-mars-2", "web-mars-3", "web-venus-1", "web-venus-2", "web-venus-3");
        assertThat(mci.status().toString()).isEqualTo("Running:6 (R:6/6)");
        assertThat(mci.refresh().running()).isEqualTo(6);
        for (Cloud cloud : List.of(mars, venus)) {
            assertThat(cloud.vpcs().list()).extracting(v -> v.name()).containsExactly(SharedResources.VPC);
            assertThat(cloud.vms().list()).allSatisfy(vm -> {
                assertThat(vm.vpc()).isEqualTo(SharedResources.VPC);
                assertThat(vm.tags()).containsEntry("multicloud:mci", "web");
            });
        }
        assertThat(mci.vms("multicloud:subgroup=venus")).extracting(MciVm::name)
                .containsExactly("web-venus-1", "web-venus-2", "web-venus-3");
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Planned).singleElement()
                .satisfies(e -> assertThat(((ProgressEvent.Planned) e).steps()).isEqualTo(6));
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Done d && d.kind() == io.multicloud.api.ResourceKind.VM)
                .hasSize(6);
        assertThat(mc.mcis().list()).containsExactly(mci);
    }

    @Test
    void twoMcisCreatedAtOnceShareOneNetworkPerConnection() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Mci>> made = new ArrayList<>();
            for (String name : List.of("a", "b", "c", "d")) {
                made.add(threads.submit(() -> twoRegions(name, 2).create()));
            }
            for (Future<Mci> mci : made) {
                assertThat(mci.get().creation().ok()).isTrue();
            }
        }
        assertThat(mars.vpcs().list()).hasSize(1);
        assertThat(mars.securityGroups().list()).hasSize(1);
        assertThat(mars.keyPairs().list()).hasSize(1);
        assertThat(mars.vms().list()).hasSize(8);
    }

    @Test
    void continueKeepsAVmThatFailedAfterAcceptanceAsAFailedMember() {
        mars.unwrap(MockControl.class).failVmsAfterAccept(1);
        Mci mci = twoRegions("cont", 2).onPartialFailure(PartialFailure.CONTINUE).create();

        assertThat(mci.creation().failed()).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(VmStatus.FAILED);
            assertThat(f.reason()).contains("fail");
        });
        assertThat(mci.vms()).hasSize(4);
        assertThat(mci.status().toString()).isEqualTo("Partial-Running:3 (R:3/4)");
        assertThat(mars.vms().list()).hasSize(2);
    }

    @Test
    void refineDeletesTheFailedVmsAndKeepsTheOthers() {
        mars.unwrap(MockControl.class).failVmsAfterAccept(1);
        Mci mci = twoRegions("refine", 2).onPartialFailure(PartialFailure.REFINE).create();

        assertThat(mci.creation().count(VmOutcome.Result.REMOVED)).isEqualTo(1);
        assertThat(mci.creation().count(VmOutcome.Result.OK)).isEqualTo(3);
        assertThat(mci.vms()).hasSize(3).allSatisfy(v -> assertThat(v.status()).isEqualTo(VmStatus.RUNNING));
        assertThat(mars.vms().list()).hasSize(1).allSatisfy(v -> assertThat(v.status()).isEqualTo(VmStatus.RUNNING));
    }

    @Test
    void rollbackLeavesNothingBehindWhenAVmFailsAtTheApi() {
        venus.unwrap(MockControl.class).failNthCall("vm.create", 2, FaultKind.QUOTA);
        MciCreationException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(MciCreationException.class,
                () -> twoRegions("rb", 2).onPartialFailure(PartialFailure.ROLLBACK).create());
        assertThat(thrown).hasMessageContaining("rolled back");
        MciReport creation = thrown.report();

        assertThat(creation.ok()).isFalse();
        assertThat(creation.failed()).singleElement().satisfies(f -> assertThat(f.reason()).containsIgnoringCase("quota"));
        assertThat(creation.count(VmOutcome.Result.REMOVED)).isEqualTo(3);
        assertThat(mc.mcis().list()).isEmpty();
        assertThatThrownBy(() -> mc.mcis().get("rb")).isInstanceOf(io.multicloud.api.NotFoundException.class);
        for (Cloud cloud : List.of(mars, venus)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
        assertThat(mc.mciEngine().journal().mcis()).doesNotContain("rb");
    }

    @Test
    void throttledCallsAreRetriedAndReported() {
        mars.unwrap(MockControl.class).failNthCall("vm.create", 1, FaultKind.THROTTLED);
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        Mci mci = mc.mci("retry").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).listener(events::add).create();

        assertThat(mci.creation().ok()).isTrue();
        assertThat(mci.creation().vms().getFirst().attempts()).isEqualTo(2);
        assertThat(events).filteredOn(e -> e instanceof ProgressEvent.Retried).hasSize(1);
    }

    @Test
    void actionsReachEveryVmOrTheSelectionAndSkipThoseTheyDoNotApplyTo() {
        List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
        Mci mci = twoRegions("act", 2).listener(events::add).create();
        events.clear();

        MciReport suspended = mci.suspend();
        assertThat(suspended.count(VmOutcome.Result.OK)).isEqualTo(4);
        assertThat(events).as("the MCI's listener hears its later operations too")
                .filteredOn(e -> e instanceof ProgressEvent.Done d && d.action().equals("suspend")).hasSize(4);
        assertThat(mci.status().toString()).isEqualTo("Suspended:4 (R:0/4)");

        MciReport resumed = mci.resume("multicloud:subgroup=venus");
        assertThat(resumed.vms()).extracting(VmOutcome::vm).containsExactly("act-venus-1", "act-venus-2");
        // A tie: RUNNING comes before SUSPENDED in MciStatus.TIE_ORDER.
        assertThat(mci.refresh().toString()).isEqualTo("Partial-Running:2 (R:2/4)");

        MciReport again = mci.resume("multicloud:subgroup in (mars, venus)");
        assertThat(again.count(VmOutcome.Result.OK)).isEqualTo(2);
        assertThat(again.count(VmOutcome.Result.SKIPPED)).isEqualTo(2);

        assertThat(mci.reboot().count(VmOutcome.Result.OK)).isEqualTo(4);
        assertThat(mci.terminate("multicloud:subgroup=mars").count(VmOutcome.Result.REMOVED)).isEqualTo(2);
        assertThat(mci.vms()).hasSize(2);
        assertThat(mars.vms().list()).isEmpty();
    }

    @Test
    void aFailedResumeLeavesTheVmWhereTheCloudSaysAndItCanBeResumedAgain() {
        Mci mci = mc.mci("stuck").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).create();
        mci.suspend();
        mars.unwrap(MockControl.class).failNthCall("vm.resume", 1, FaultKind.CAPACITY);

        MciReport failed = mci.resume();
        assertThat(failed.failed()).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(VmStatus.SUSPENDED));
        assertThat(mci.status().toString()).isEqualTo("Suspended:1 (R:0/1)");

        assertThat(mci.resume().ok()).isTrue();
        assertThat(mci.status().toString()).isEqualTo("Running:1 (R:1/1)");
    }

    @Test
    void scaleOutAddsNewNamesAndNeverTouchesMembersEvenWhenAskedAtOnce() throws Exception {
        Mci mci = mc.mci("grow").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 2).create();
        Map<String, String> before = ids(mci);

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MciReport> one = threads.submit(() -> mci.scaleOut("mars", 2));
            Future<MciReport> two = threads.submit(() -> mci.scaleOut("mars", 2));
            assertThat(one.get().ok()).isTrue();
            assertThat(two.get().ok()).isTrue();
        }
        assertThat(mci.vms()).extracting(MciVm::name)
                .containsExactly("grow-mars-1", "grow-mars-2", "grow-mars-3", "grow-mars-4", "grow-mars-5", "grow-mars-6");
        assertThat(ids(mci)).containsAllEntriesOf(before);
        assertThat(mars.vms().list()).hasSize(6);
    }

    @Test
    void scaleInRemovesTheNewestOrTheNamedVms() {
        Mci mci = mc.mci("shrink").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 4).create();

        assertThat(mci.scaleIn("mars", 2).vms()).extracting(VmOutcome::vm).containsExactlyInAnyOrder("shrink-mars-4", "shrink-mars-3");
        mci.scaleIn("mars", List.of("shrink-mars-1"));
        assertThat(mci.vms()).extracting(MciVm::name).containsExactly("shrink-mars-2");
        assertThat(mars.vms().list()).extracting(Vm::name).containsExactly("shrink-mars-2");
        // A scale-out after a scale-in does not reuse a number.
        mci.scaleOut("mars", 1);
        assertThat(mci.vms()).extracting(MciVm::name).containsExactly("shrink-mars-2", "shrink-mars-5");
    }

    @Test
    void deleteLeavesNothingAndTheJournalHasNothingPending() {
        Mci mci = twoRegions("gone", 2).create();
        MciReport report = mci.delete();

        assertThat(report.ok()).isTrue();
        assertThat(report.count(VmOutcome.Result.REMOVED)).isEqualTo(4);
        assertThat(mc.mcis().list()).isEmpty();
        for (Cloud cloud : List.of(mars, venus)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
        assertThat(mc.mciEngine().journal().pending("gone")).isEmpty();
        assertThat(mc.mciEngine().journal().pending(SharedResources.JOURNAL_NAME)).isEmpty();
    }

    @Test
    void oneVmIsSelectedByItsNameAndASubgroupByACatalogSpecId() {
        Mci mci = mc.mci("ids").subGroup("gpu", "mock+venus+g1.l4x1", "ubuntu-22.04", 1)
                .subGroup("cpu", mars, "m1.small", "ubuntu-22.04", 2).create();

        assertThat(mci.vms("multicloud:subgroup=gpu")).singleElement().satisfies(vm -> {
            assertThat(vm.vm().spec()).isEqualTo("g1.l4x1");
            assertThat(vm.vm().region()).isEqualTo("venus");
        });
        MciReport one = mci.suspend("multicloud:vm=ids-cpu-2");
        assertThat(one.vms()).extracting(VmOutcome::vm).containsExactly("ids-cpu-2");
        assertThat(mci.status().count(VmStatus.SUSPENDED)).isEqualTo(1);
        assertThatThrownBy(() -> mc.mci("bad").subGroup("g", "mock+mars", "ubuntu-22.04", 1))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("provider+region+specName");
        mci.delete();
    }

    @Test
    void createAsyncCompletesWithTheMciOrItsError() throws Exception {
        Mci mci = twoRegions("later", 1).createAsync().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(mci.status().toString()).isEqualTo("Running:2 (R:2/2)");
        assertThat(twoRegions("later", 1).createAsync()).failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(AlreadyExistsException.class);
    }

    @Test
    void aStaticSubgroupUsesTheUsersNetworkAndTheSharedOneIsNeverMade() {
        mars.vpcs().create(io.multicloud.api.VpcRequest.named("mine").cidr("10.1.0.0/16").subnet("sn", "10.1.1.0/24"));
        mars.securityGroups().create(io.multicloud.api.SecurityGroupRequest.named("my-sg").vpc("mine"));
        mars.keyPairs().create("my-key");
        Mci mci = mc.mci("static").subGroup(SubGroupRequest.of("g", mars, "m1.small", "ubuntu-22.04", 2)
                .network("mine", "sn").securityGroups("my-sg").keyPair("my-key")).create();

        assertThat(mci.creation().ok()).isTrue();
        assertThat(mci.vms()).allSatisfy(v -> {
            assertThat(v.vm().vpc()).isEqualTo("mine");
            assertThat(v.vm().securityGroups()).containsExactly("my-sg");
            assertThat(v.vm().keyPair()).isEqualTo("my-key");
        });
        assertThat(mars.vpcs().list()).extracting(v -> v.name()).containsExactly("mine");
        mci.delete();
        assertThat(mars.vpcs().list()).extracting(v -> v.name()).as("the user's own network stays").containsExactly("mine");
    }

    @Test
    void aFailureWhileMakingTheSharedNetworkFailsThatSubgroupAndRollbackUndoesTheOthers() {
        venus.unwrap(MockControl.class).failNthCall("security_group.create", 1, FaultKind.QUOTA);
        MciCreationException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(MciCreationException.class,
                () -> twoRegions("net", 2).onPartialFailure(PartialFailure.ROLLBACK).create());

        assertThat(thrown.report().failed()).hasSize(2).allSatisfy(f -> {
            assertThat(f.subGroup()).isEqualTo("venus");
            assertThat(f.reason()).startsWith("shared network resources:");
        });
        assertThat(thrown.report().count(VmOutcome.Result.REMOVED)).isEqualTo(2);
        for (Cloud cloud : List.of(mars, venus)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.securityGroups().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
    }

    @Test
    void theSweepFindsVmsWithAnMciTagThatNoMciAccountsFor() {
        Mci mci = mc.mci("owned").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).create();
        mars.vms().create(io.multicloud.api.VmRequest.named("stray").image("ubuntu-22.04").spec("m1.small")
                .subnet(SharedResources.VPC, SharedResources.SUBNET).tag("multicloud:mci", "ghost"));

        assertThat(mc.mciEngine().sweep(List.of(mars, venus))).singleElement().satisfies(orphan -> {
            assertThat(orphan.name()).isEqualTo("stray");
            assertThat(orphan.mci()).isEqualTo("ghost");
            assertThat(orphan.connection()).isEqualTo("mock/mars");
        });
        mars.vms().delete("stray");
        mci.delete();

        // A shared network that no VM uses (left by a process that died before deleting it) is found too.
        mars.vpcs().create(io.multicloud.api.VpcRequest.named(SharedResources.VPC).cidr(SharedResources.VPC_CIDR)
                .subnet(SharedResources.SUBNET, SharedResources.SUBNET_CIDR));
        assertThat(mc.mciEngine().sweep(List.of(mars))).singleElement()
                .satisfies(orphan -> assertThat(orphan.name()).isEqualTo(SharedResources.VPC));
    }

    @Test
    void badRequestsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> mc.mci("Bad_Name")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> mc.mci("empty").create()).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> mc.mci("dup").subGroup("g", mars, "m1.small", "ubuntu-22.04", 1)
                .subGroup("g", venus, "m1.small", "ubuntu-22.04", 1).create()).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> SubGroupRequest.of("g", mars, "m1.small", "ubuntu-22.04", 0))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(mars.unwrap(MockControl.class).callCount()).isZero();

        mc.mci("taken").subGroup("g", mars, "m1.small", "ubuntu-22.04", 1).create();
        assertThatThrownBy(() -> mc.mci("taken").subGroup("g", mars, "m1.small", "ubuntu-22.04", 1).create())
                .isInstanceOf(AlreadyExistsException.class);
    }

    private static Map<String, String> ids(Mci mci) {
        Map<String, String> out = new java.util.HashMap<>();
        mci.vms().forEach(v -> out.put(v.name(), v.vm().id()));
        return out;
    }
}
