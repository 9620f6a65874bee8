package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.Vm;
import io.multicloud.api.VmStatus;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.MockControl;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The watch's first round for a burst of creates waits for the burst's create calls, and for no more than its bound. */
class VmWatchTest {
    private MultiCloud mc;
    private Cloud mars;
    private MockControl control;
    private String vm;

    @BeforeEach
    void aRunningMciVm() {
        mc = MultiCloud.builder().environment(Map.of()).build();
        mars = mc.connect("mock", "mars");
        control = mars.unwrap(MockControl.class);
        vm = mc.mci("watched").subGroup("g", mars, "m1.small", "ubuntu-22.04", 1).create().vms().getFirst().name();
    }

    @AfterEach
    void close() {
        mc.close();
    }

    @Test
    void theFirstRoundWaitsUntilTheCreateCallsUnderWayHaveReturned() throws Exception {
        VmWatch watch = new VmWatch();
        long listings = control.callCount("vm.list");
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            VmWatch.Creating sibling = watch.creating(mars);
            Future<Vm> waited = threads.submit(() -> watch.untilStatus(mars, vm, VmStatus.RUNNING, Duration.ofSeconds(30), null));

            // The VM runs already: without the hold, a round would have answered within about 5 ms.
            Thread.sleep(300);
            assertThat(waited).isNotDone();
            assertThat(control.callCount("vm.list")).as("no listing while a create of the burst is under way").isEqualTo(listings);

            sibling.close();
            assertThat(waited.get(10, TimeUnit.SECONDS).status()).isEqualTo(VmStatus.RUNNING);
            assertThat(control.callCount("vm.list") - listings).as("one round answered the wait").isEqualTo(1);
        }
    }

    @Test
    void aCreateCallThatNeverReturnsHoldsTheFirstRoundForTwoSecondsAtMost() throws Exception {
        VmWatch watch = new VmWatch();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            VmWatch.Creating stuck = watch.creating(mars);
            long start = System.nanoTime();
            Future<Vm> waited = threads.submit(() -> watch.untilStatus(mars, vm, VmStatus.RUNNING, Duration.ofSeconds(30), null));

            assertThat(waited.get(15, TimeUnit.SECONDS).status()).isEqualTo(VmStatus.RUNNING);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            stuck.close();
        }
    }

    @Test
    void oncePastItsFirstRoundAConnectionsWaitsAreNotHeldByNewCreates() throws Exception {
        VmWatch watch = new VmWatch();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // A wait that is never satisfied keeps the rounds going.
            Future<?> endless = threads.submit(() -> watch.await(mars, "not-there", Duration.ofSeconds(30), null, "to appear",
                    seen -> seen.isPresent()));
            long listings = control.callCount("vm.list");
            while (control.callCount("vm.list") == listings) {
                Thread.sleep(5);
            }
            VmWatch.Creating later = watch.creating(mars);
            Future<Vm> waited = threads.submit(() -> watch.untilStatus(mars, vm, VmStatus.RUNNING, Duration.ofSeconds(30), null));

            assertThat(waited.get(1, TimeUnit.SECONDS).status()).as("answered by the rounds already going").isEqualTo(VmStatus.RUNNING);
            later.close();
            endless.cancel(true);
        }
    }
}
