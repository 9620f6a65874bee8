package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.AlreadyExistsException;
import io.multicloud.api.Cloud;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Vm;
import io.multicloud.api.VmRequest;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import io.multicloud.driver.mock.MockDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCIs that outlive the instance that made them: found again by name from another instance of
 * the same owner and as usable there, never mixed with another owner's, never made twice, and
 * nothing lost when answers are lost (the regressions of the reliability probe of issue 12).
 * Two {@code MultiCloud} instances share one mock cloud through one driver instance.
 */
class MciReattachTest {
    @TempDir
    Path home;

    private final MockDriver mock = new MockDriver();
    private MultiCloud first;
    private MultiCloud second;
    private Cloud mars;
    private Cloud venus;

    @BeforeEach
    void open() {
        first = instance("team");
        second = instance("team");
        mars = connect(first, "mars");
        venus = connect(first, "venus");
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    private MultiCloud instance(String owner) {
        return MultiCloud.builder().environment(Map.of()).home(home).driver(mock).owner(owner)
                .mciVmTimeout(Duration.ofSeconds(20)).build();
    }

    private static Cloud connect(MultiCloud mc, String region) {
        Cloud cloud = mc.connect(ConnectionConfig.of("mock", region));
        cloud.unwrap(MockControl.class).setTransitionTime(Duration.ofMillis(20));
        return cloud;
    }

    private MciBuilder web(MultiCloud mc, Cloud a, Cloud b, int size) {
        return mc.mci("web").subGroup("mars", a, "m1.small", "ubuntu-22.04", size).subGroup("venus", b, "m1.small", "ubuntu-22.04", size)
                .description("front end").label("team", "blue").onPartialFailure(PartialFailure.REFINE);
    }

    @Test
    void anotherInstanceFindsTheMciByNameAndUsesItAsItsOwn() {
        Mci made = web(first, mars, venus, 2).create();
        Cloud mars2 = connect(second, "mars");
        Cloud venus2 = connect(second, "venus");

        Mci found = second.mcis().get("web");

        assertThat(found.id()).isEqualTo(made.id());
        assertThat(found.vms()).extracting(MciVm::name).containsExactly("web-mars-1", "web-mars-2", "web-venus-1", "web-venus-2");
        assertThat(found.description()).isEqualTo("front end");
        assertThat(found.labels()).containsEntry("team", "blue");
        assertThat(found.policy()).isEqualTo(PartialFailure.REFINE);
        assertThat(found.subGroups()).extracting(SubGroupRequest::size).containsExactly(2, 2);
        assertThat(found.refresh().toString()).isEqualTo("Running:4 (R:4/4)");
        assertThat(second.mcis().list()).containsExactly(found);

        assertThat(found.suspend().ok()).isTrue();
        assertThat(made.refresh().toString()).as("the first instance sees the change").isEqualTo("Suspended:4 (R:0/4)");
        assertThat(found.resume().ok()).isTrue();
        assertThat(found.scaleOut("mars", 1).ok()).isTrue();
        assertThat(found.vms()).extracting(MciVm::name).contains("web-mars-3");
        assertThat(found.reconcile().clean()).isTrue();

        assertThat(found.delete().ok()).isTrue();
        for (Cloud cloud : List.of(mars2, venus2)) {
            assertThat(cloud.vms().list()).isEmpty();
            assertThat(cloud.vpcs().list()).isEmpty();
            assertThat(cloud.keyPairs().list()).isEmpty();
        }
        assertThatThrownBy(() -> second.mcis().get("web")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void creatingANameTheCloudsHoldFailsBeforeAnyCallThatMakesAnything() {
        web(first, mars, venus, 1).create();
        Cloud mars2 = connect(second, "mars");
        Cloud venus2 = connect(second, "venus");
        MockControl control = mars.unwrap(MockControl.class);
        long makes = control.callCount("vm.create") + control.callCount("vpc.create") + control.callCount("key_pair.create")
                + control.callCount("security_group.create");

        assertThatThrownBy(() -> web(second, mars2, venus2, 1).create()).isInstanceOf(AlreadyExistsException.class)
                .hasMessageContaining("mc.mcis().get(\"web\")");

        assertThat(control.callCount("vm.create") + control.callCount("vpc.create") + control.callCount("key_pair.create")
                + control.callCount("security_group.create")).isEqualTo(makes);
        assertThat(second.mciEngine().journal().mcis()).as("the journal is not touched").isEmpty();
        assertThat(first.mcis().get("web").vms()).hasSize(2);
    }

    @Test
    void twoOwnersNeverSeeEachOthersMcis() {
        web(first, mars, venus, 1).create();
        MultiCloud other = instance("other-team");
        try {
            Cloud mars3 = connect(other, "mars");
            assertThat(other.mcis().find("web")).isEmpty();
            assertThat(other.mcis().list()).isEmpty();
            assertThatThrownBy(() -> other.mci("web").subGroup("mars", mars3, "m1.small", "ubuntu-22.04", 1).create())
                    .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("another owner");
        } finally {
            other.close();
        }
    }

    @Test
    void aCreateWhoseAnswerIsLostIsAdoptedNotOrphaned() {
        MockControl control = mars.unwrap(MockControl.class);
        control.failFraction("vm.create", 0.15, 11, FaultKind.LOST);
        List<ProgressEvent> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Mci mci = first.mci("lossy").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 20).listener(events::add).create();

        assertThat(mci.creation().ok()).isTrue();
        assertThat(mci.vms()).hasSize(20);
        assertThat(mars.vms().list()).hasSize(20);
        assertThat(events).as("some answers were lost").filteredOn(e -> e instanceof ProgressEvent.Retried).isNotEmpty();
        assertThat(control.callCount("vm.create")).as("each lost VM was found, not made again").isEqualTo(20);
        assertThat(first.mciEngine().sweep(List.of(mars))).isEmpty();
        assertThat(first.mciEngine().journal().pending("lossy")).hasSize(20)
                .allSatisfy(p -> assertThat(p.inFlight()).isFalse());

        assertThat(mci.delete().ok()).isTrue();
        assertThat(mars.vms().list()).isEmpty();
    }

    @Test
    void aCreateRetriedAfterALostAnswerCarriesTheSameClientToken() {
        mars.unwrap(MockControl.class).failNthCall("vm.create", 1, FaultKind.LOST);
        Mci mci = first.mci("once").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).create();

        assertThat(mci.vms()).singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(VmStatus.RUNNING));
        assertThat(mars.vms().list()).hasSize(1);
        String token = VmProvisioner.clientToken(mci.identity(), "once-mars-1");
        assertThatThrownBy(() -> mars.vms().create(VmRequest.named("other").image("ubuntu-22.04").spec("m1.small")
                .subnet(SharedResources.VPC, SharedResources.SUBNET).clientToken(token)))
                .as("the token is bound to the VM it made").isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void lostAnswersOnDeleteAndActionsStillConverge() {
        Mci mci = first.mci("acts").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 3).create();
        MockControl control = mars.unwrap(MockControl.class);
        control.failNthCall("vm.suspend", 1, FaultKind.LOST).failNthCall("vm.resume", 2, FaultKind.LOST)
                .failNthCall("vm.delete", 1, FaultKind.LOST).failNthCall("vm.delete", 3, FaultKind.LOST);

        assertThat(mci.suspend().ok()).isTrue();
        assertThat(mci.resume().ok()).isTrue();
        assertThat(mci.refresh().toString()).isEqualTo("Running:3 (R:3/3)");
        assertThat(mci.delete().ok()).isTrue();
        assertThat(mars.vms().list()).isEmpty();
    }

    @Test
    void aSharedKeyPairWhosePrivateKeyWasLostIsReplacedNotUsed() {
        mars.unwrap(MockControl.class).failNthCall("key_pair.create", 1, FaultKind.LOST);
        Mci mci = first.mci("keyed").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 2).create();

        String key = mci.vms().getFirst().vm().keyPair();
        assertThat(key).startsWith(SharedResources.KEY_PAIR_PREFIX);
        assertThat(first.sshStore().hasPrivateKey(mars.config().name(), key)).as("the store can log in to the VMs").isTrue();
        assertThat(mars.keyPairs().list()).hasSize(1);
        Mci second = first.mci("keyed-too").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).create();
        assertThat(second.vms().getFirst().vm().keyPair()).isEqualTo(key);
    }

    @Test
    void deleteWaitsForAScaleOutUnderWayAndLeavesNothing() throws Exception {
        Mci mci = first.mci("race").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 2).create();
        mars.unwrap(MockControl.class).setLatency(Duration.ofMillis(20));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<MciReport> out = threads.submit(() -> mci.scaleOut("mars", 5));
            Thread.sleep(30); // let the scale-out start its creates
            MciReport deleted = mci.delete();
            assertThat(deleted.ok()).isTrue();
            assertThat(out.get().ok()).as("the scale-out finished before the delete began").isTrue();
            assertThat(deleted.vms()).hasSize(7);
        }
        assertThat(mars.vms().list()).isEmpty();
        assertThat(mars.vpcs().list()).isEmpty();
        assertThatThrownBy(() -> mci.scaleOut("mars", 1)).isInstanceOf(NotFoundException.class).hasMessageContaining("deleted");
    }

    @Test
    void aSharedNetworkAnotherInstanceDeletedIsMadeAgainRatherThanFailing() {
        Mci keep = first.mci("keep").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).create();
        // The other instance sees the network unused once the only VM is gone, and releases it.
        Cloud mars2 = connect(second, "mars");
        second.mcis().get("keep").delete();
        assertThat(mars2.vpcs().list()).isEmpty();

        // This instance still has the network cached: its next VM finds it gone and makes it again.
        Mci again = first.mci("again").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 1).create();
        assertThat(again.creation().ok()).isTrue();
        assertThat(mars.vpcs().list()).extracting(v -> v.name()).containsExactly(SharedResources.VPC);
        assertThat(keep.refresh().toString()).isEqualTo("Terminated:1 (R:0/1)");
        again.delete();
    }

    @Test
    void twoInstancesCreatingOneNameAtOnceEndWithOneMciAndNoMixedVms() throws Exception {
        Cloud mars2 = connect(second, "mars");
        for (Cloud cloud : List.of(mars, mars2)) {
            cloud.unwrap(MockControl.class).setLatency(Duration.ofMillis(10));
        }
        CompletableFuture<Mci> one = CompletableFuture.supplyAsync(
                () -> first.mci("dup").subGroup("g", mars, "m1.small", "ubuntu-22.04", 3).create());
        CompletableFuture<Mci> two = CompletableFuture.supplyAsync(
                () -> second.mci("dup").subGroup("g", mars2, "m1.small", "ubuntu-22.04", 3).create());
        List<Object> results = List.of(outcome(one), outcome(two));

        assertThat(results).filteredOn(r -> r instanceof Mci).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof AlreadyExistsException).hasSize(1);
        Mci winner = (Mci) results.stream().filter(r -> r instanceof Mci).findFirst().orElseThrow();
        assertThat(mars.vms().list()).hasSize(3)
                .allSatisfy(vm -> assertThat(vm.tags()).containsEntry(MciTags.ID, winner.id()));
        winner.delete();
        assertThat(mars.vms().list()).isEmpty();
    }

    /** A VM of a concurrent creation of {@code mci} (same owner, creation id {@code id}) on the shared network. */
    private static void madeByAnotherCreation(Cloud cloud, String mci, String vm, String id) {
        cloud.vms().create(VmRequest.named(vm).image("ubuntu-22.04").spec("m1.small").subnet(SharedResources.VPC, SharedResources.SUBNET)
                .tag(MciTags.MCI, mci).tag(MciTags.OWNER, "team").tag(MciTags.ID, id).tag(MciTags.SUBGROUP, "g"));
    }

    /** Calls {@code action} once, on the thread that is about to create VM {@code vm}, after VM {@code after} exists. */
    private static ProgressListener beforeCreating(Cloud cloud, String vm, String after, Runnable action) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return event -> {
            if (event instanceof ProgressEvent.Started s && s.name().equals(vm) && done.compareAndSet(false, true)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (cloud.vms().find(after).isEmpty() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                action.run();
            }
        };
    }

    @Test
    void whenEachCreationMadeOneOfTheNamesFirstTheEarlierOneKeepsTheNameAndMakesTheRest() {
        // The creation made dup-g-1 first; a concurrent one made dup-g-2 just before it got there, then gives up
        // (it deletes dup-g-2 a little later): this one keeps the name and makes dup-g-2 once it is free.
        ProgressListener other = beforeCreating(mars, "dup-g-2", "dup-g-1", () -> {
            madeByAnotherCreation(mars, "dup", "dup-g-2", "ffffffffffff");
            CompletableFuture.runAsync(() -> {
                sleep(300);
                mars.vms().delete("dup-g-2");
            });
        });
        Mci dup = first.mci("dup").subGroup("g", mars, "m1.small", "ubuntu-22.04", 3).listener(other).create();

        assertThat(dup.creation().ok()).as(dup.creation().toString()).isTrue();
        assertThat(dup.vms()).extracting(MciVm::name).containsExactlyInAnyOrder("dup-g-1", "dup-g-2", "dup-g-3");
        assertThat(mars.vms().list()).hasSize(3).allSatisfy(vm -> assertThat(vm.tags()).containsEntry(MciTags.ID, dup.id()));
        assertThat(dup.delete().ok()).isTrue();
    }

    @Test
    void whenTheConcurrentCreationMadeItsFirstVmEarlierThisOneGivesUpAndLeavesNothing() {
        // The other creation made dup-g-2 and dup-g-3 before this one made any VM: it keeps the name.
        // Every VM create of this creation waits until the other creation's VMs are there.
        java.util.concurrent.CountDownLatch made = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressListener early = event -> {
            if (event instanceof ProgressEvent.Started s && s.kind() == io.multicloud.api.ResourceKind.VM) {
                if (once.compareAndSet(false, true)) {
                    madeByAnotherCreation(mars, "dup", "dup-g-2", "000000000000");
                    madeByAnotherCreation(mars, "dup", "dup-g-3", "000000000000");
                    made.countDown();
                }
                try {
                    made.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertThatThrownBy(() -> first.mci("dup").subGroup("g", mars, "m1.small", "ubuntu-22.04", 3).listener(early).create())
                .isInstanceOf(AlreadyExistsException.class).hasMessageContaining("000000000000");
        assertThat(mars.vms().list()).extracting(Vm::name).containsExactlyInAnyOrder("dup-g-2", "dup-g-3")
                .as("what this creation made was deleted; the other's VMs are untouched");
        assertThat(first.mcis().list()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object outcome(CompletableFuture<Mci> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void reconcileReportsDriftAndRepairPutsItRight() {
        Mci mci = first.mci("drift").subGroup("mars", mars, "m1.small", "ubuntu-22.04", 3).create();
        mars.vms().delete("drift-mars-2");                                   // deleted outside the library
        mars.vms().suspend("drift-mars-3");                                   // changed outside
        Vm one = mars.vms().get("drift-mars-1");
        VmRequest stray = VmRequest.named("drift-mars-9").image("ubuntu-22.04").spec("m1.small")
                .subnet(one.vpc(), one.subnet()).tag(MciTags.MCI, "drift").tag(MciTags.OWNER, "team")
                .tag(MciTags.ID, "0123456789ab").tag(MciTags.SUBGROUP, "mars");
        mars.vms().create(stray);                                              // an earlier creation's leftover

        Drift drift = mci.reconcile();

        assertThat(drift.missing()).extracting(Drift.VmDrift::vm).containsExactly("drift-mars-2");
        assertThat(drift.changed()).extracting(Drift.VmDrift::vm).containsExactly("drift-mars-3");
        assertThat(drift.extra()).extracting(Drift.VmDrift::vm).containsExactly("drift-mars-9");
        assertThat(mars.vms().list()).hasSize(3).as("a reconcile changes nothing");

        MciReport repaired = drift.repair();
        assertThat(repaired.ok()).as(repaired.toString()).isTrue();
        assertThat(mci.vms()).extracting(MciVm::name).containsExactly("drift-mars-1", "drift-mars-3", "drift-mars-4");
        assertThat(mars.vms().list()).extracting(Vm::name).containsExactlyInAnyOrder("drift-mars-1", "drift-mars-3", "drift-mars-4");
    }

    @Test
    void badRequestsAreRefusedBeforeAnyCallWithTheFieldNamed() {
        MockControl control = mars.unwrap(MockControl.class);
        assertThatThrownBy(() -> SubGroupRequest.of("g", mars, "m1.small", "ubuntu-22.04", 1).label("", "x"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("subgroup g labels");
        assertThatThrownBy(() -> SubGroupRequest.of("g", mars, "m1.small", "ubuntu-22.04", 1).label("multicloud:mci", "x"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> first.mci("x").subGroup("g", mars, "no-such-spec", "ubuntu-22.04", 1).create())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("subgroup g spec"));
        assertThatThrownBy(() -> first.mci("x").subGroup("g", mars, "m1.small", "no-such-image", 1).create())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("subgroup g image"));
        assertThat(control.callCount("vm.create") + control.callCount("vpc.create") + control.callCount("key_pair.create")
                + control.callCount("security_group.create")).as("nothing was made").isZero();
        assertThat(first.mcis().list()).isEmpty();

        Mci mci = first.mci("ok").subGroup("g", mars, "m1.small", "ubuntu-22.04", 2).create();
        assertThatThrownBy(() -> mci.scaleIn("g", -1)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("count"));
        assertThatThrownBy(() -> mci.scaleIn("g", 100_000)).isInstanceOf(InvalidRequestException.class).hasMessageContaining("has 2 VM");
        assertThatThrownBy(() -> mci.exec((String) null)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("command"));
        assertThatThrownBy(() -> mci.suspend("multicloud:subgroup=nope")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.field()).isEqualTo("selector"));
        assertThat(mci.vms()).hasSize(2);
    }

    @Test
    void aCreateThatMakesNoVmThrowsWithItsReportAndLeavesNothing() {
        mars.unwrap(MockControl.class).failFraction("vm.create", 1.0, 3, FaultKind.QUOTA);
        MciCreationException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(MciCreationException.class,
                () -> first.mci("none").subGroup("g", mars, "m1.small", "ubuntu-22.04", 2).create());

        assertThat(thrown.report().failed()).hasSize(2);
        assertThat(first.mcis().list()).isEmpty();
        assertThat(mars.vpcs().list()).isEmpty();
        assertThat(mars.keyPairs().list()).isEmpty();
    }

    @Test
    void aConnectionClosedDuringTheMcisLifeIsOpenedAgain() {
        Mci mci = first.mci("closed").subGroup("g", mars, "m1.small", "ubuntu-22.04", 1).create();
        mars.close();

        assertThat(mci.refresh().toString()).isEqualTo("Running:1 (R:1/1)");
        assertThat(mci.delete().ok()).isTrue();
        assertThat(connect(first, "mars").vms().list()).isEmpty();
    }

    @Test
    void anInterruptedCreateStopsMakingVmsAndKeepsWhatItMade() throws Exception {
        MockControl control = mars.unwrap(MockControl.class);
        control.setLatency(Duration.ofMillis(30));
        MciBuilder builder = first.mci("cut").subGroup("g", mars, "m1.small", "ubuntu-22.04", 40);
        CompletableFuture<Object> result = new CompletableFuture<>();
        Thread creator = Thread.ofVirtual().start(() -> {
            try {
                result.complete(builder.create());
            } catch (RuntimeException e) {
                result.complete(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (control.callCount("vm.create") < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5); // the creates run on their own: wait until some are made
        }
        creator.interrupt();
        Object outcome = result.get();

        assertThat(outcome).isInstanceOf(MciCreationException.class);
        long made = mars.vms().list().size();
        assertThat(made).isLessThan(40);
        assertThat(first.mcis().get("cut").vms()).as("what was made is the MCI's").hasSize((int) made);
        first.mcis().get("cut").delete();
        assertThat(mars.vms().list()).isEmpty();
    }

    @Test
    void recoverRefusesWhileAnotherJournalHoldsTheDirectory(@TempDir Path journalDir) {
        MultiCloud holder = MultiCloud.builder().environment(Map.of()).home(home).journal(journalDir).build();
        MultiCloud late = MultiCloud.builder().environment(Map.of()).home(home).journal(journalDir).build();
        try {
            holder.mciEngine().journal().requireWritable();
            assertThatThrownBy(() -> late.mciEngine().recover(ref -> late.connect(ref.toConfig())))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("held by process " + ProcessHandle.current().pid());
        } finally {
            holder.close();
            late.close();
        }
    }
}
