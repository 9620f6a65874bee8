package io.multicloud.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.multicloud.api.Cloud;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.core.MultiCloud;
import io.multicloud.driver.mock.FaultKind;
import io.multicloud.driver.mock.MockControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The catalog over live mock connections: loaded once, in parallel, partial when one fails, merged with the snapshot. */
class LiveCatalogTest {
    private MultiCloud mc;

    private MultiCloud open(Duration timeout) {
        mc = MultiCloud.builder().environment(Map.of()).catalogSnapshot(SmallCatalog.snapshot()).catalogTimeout(timeout)
                .build();
        return mc;
    }

    @AfterEach
    void close() {
        if (mc != null) {
            mc.close();
        }
    }

    private Cloud connect(String name, String region) {
        // one mock account per connection, so that each counts its own calls
        return mc.connect(ConnectionConfig.of("mock", region).named(name).credential("account", name));
    }

    @Test
    void fiftyCallersAtOnceLoadEachConnectionOnce() throws Exception {
        open(Duration.ofSeconds(30));
        Cloud mars = connect("m-mars", "mars");
        Cloud venus = connect("m-venus", "venus");
        mars.unwrap(MockControl.class).setLatency(Duration.ofMillis(200));
        venus.unwrap(MockControl.class).setLatency(Duration.ofMillis(200));
        CyclicBarrier start = new CyclicBarrier(50);
        List<Future<CatalogAnswer>> answers = new ArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return mc.catalog().answer();
                }));
            }
            for (Future<CatalogAnswer> a : answers) {
                assertThat(a.get().failures()).isEmpty();
                assertThat(a.get().offers()).anyMatch(o -> o.id().toString().equals("mock+venus+g1.l4x1"));
            }
        }
        for (Cloud c : List.of(mars, venus)) {
            MockControl control = c.unwrap(MockControl.class);
            assertThat(control.callCount("spec.list")).as(c.config().name()).isEqualTo(1);
            assertThat(control.callCount("price.list")).isEqualTo(1);
            assertThat(control.callCount("region.list")).isEqualTo(1);
            assertThat(control.callCount("image.list")).isEqualTo(1);
        }
    }

    @Test
    void aFailingConnectionIsNamedWithItsReasonAndTheOthersStillAnswerWithoutAStackTraceOnTheConsole() {
        List<LogRecord> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            open(Duration.ofSeconds(30));
            connect("m-ok", "mars");
            Cloud bad = connect("m-bad", "venus");
            // its next two catalog loads fail
            bad.unwrap(MockControl.class).failNthCall("spec.list", 1, FaultKind.AUTH).failNthCall("spec.list", 2, FaultKind.AUTH);

            CatalogAnswer a = mc.catalog().answer();

            assertThat(a.failures()).singleElement().satisfies(f -> {
                assertThat(f.connection()).isEqualTo("m-bad");
                assertThat(f.failure()).startsWith("AuthenticationFailedException");
            });
            assertThat(a.offers()).anyMatch(o -> o.id().toString().equals("mock+mars+g1.l4x1"));
            assertThat(a.offers()).noneMatch(o -> o.region().equals("venus"));
            assertThat(a.offers()).anyMatch(o -> o.provider().equals("gcp")); // the snapshot fills in
            Recommendation r = mc.recommend().where("provider").is("mock").run();
            assertThat(r.failures()).extracting(ConnectionLoad::connection).containsExactly("m-bad");
            assertThat(r.notes()).anyMatch(n -> n.startsWith("connection m-bad is missing: AuthenticationFailedException"));

            // a failure is not cached: the next call asks again, and venus answers now
            CatalogAnswer again = mc.catalog().answer();
            assertThat(again.failures()).isEmpty();
            assertThat(again.offers()).anyMatch(o -> o.region().equals("venus"));
            assertThat(bad.unwrap(MockControl.class).callCount("spec.list")).isEqualTo(3);
        } finally {
            root.removeHandler(capture);
        }
        assertThat(logged).as("nothing logged at WARNING or above (Caffeine never saw a failed load)").isEmpty();
    }

    @Test
    void aSlowConnectionIsLeftOutAfterTheTimeoutAndUsedWhenItComes() throws Exception {
        open(Duration.ofMillis(300));
        connect("m-fast", "mars");
        Cloud slow = connect("m-slow", "pluto");
        CountDownLatch release = new CountDownLatch(1);
        slow.unwrap(MockControl.class).setLatency(Duration.ofMillis(1500));

        long t0 = System.nanoTime();
        CatalogAnswer a = mc.catalog().answer();
        long tookMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(tookMs).isLessThan(1400);
        assertThat(a.failures()).singleElement().satisfies(f -> {
            assertThat(f.connection()).isEqualTo("m-slow");
            assertThat(f.failure()).startsWith("no answer within 300 ms");
        });
        assertThat(a.offers()).anyMatch(o -> o.region().equals("mars"));
        release.countDown();
        // the load went on: a later call has pluto without asking the mock again
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        CatalogAnswer later = mc.catalog().answer();
        while (!later.failures().isEmpty() && System.nanoTime() < deadline) {
            later = mc.catalog().answer();
        }
        assertThat(later.failures()).isEmpty();
        assertThat(later.offers()).anyMatch(o -> o.region().equals("pluto"));
        assertThat(slow.unwrap(MockControl.class).callCount("spec.list")).isEqualTo(1);
    }

    @Test
    void liveOffersWinAndTheSnapshotFillsWhatTheDriverDoesNotSay() {
        OfferTable snap = OfferTable.of(List.of(SmallCatalog.offer("mock", "mars", "g1.l4x1", null, 4, 16,
                SmallCatalog.X86, "L4", 1, 24, 9.99, 0.31, "USD")));
        mc = MultiCloud.builder().environment(Map.of())
                .catalogSnapshot(new Snapshot(java.time.LocalDate.of(2026, 5, 20), List.of(), snap, List.of(),
                        LatencyMatrix.empty(), List.of()))
                .build();
        connect("m-1", "mars");

        Offer o = mc.catalog().offer("mock+mars+g1.l4x1").orElseThrow();

        assertThat(o.source()).isEqualTo(Source.LIVE);
        assertThat(o.costPerHour()).isEqualTo(0.7248); // the mock's own price, not the snapshot's 9.99
        assertThat(o.spotCostPerHour()).isEqualTo(0.31); // the mock has no spot price: the snapshot's
        assertThat(o.origin()).isEqualTo("live:m-1 (spot price from snapshot:test of 2026-05-20)");
        assertThat(o.location()).isNotNull();
        assertThat(o.location().display()).isEqualTo("Ohio, USA");
        assertThat(o.zones()).containsExactly("mars-z1", "mars-z2", "mars-z3");
        assertThat(o.age(java.time.Instant.now())).isLessThan(Duration.ofMinutes(1));
        assertThat(o.acceleratorModel()).isEqualTo("L4");
        assertThat(mc.catalog().answer().offers()).filteredOn(x -> x.id().toString().equals("mock+mars+g1.l4x1")).hasSize(1);
        assertThat(mc.catalog().answer().toString()).contains("live offers from 1 connection");
    }

    @Test
    void theCacheExpiresAfterTheConfiguredTime() {
        mc = MultiCloud.builder().environment(Map.of()).catalogSnapshot(Snapshot.empty())
                .catalogExpiry(Duration.ofMillis(50)).build();
        Cloud mars = connect("m-1", "mars");
        MockControl control = mars.unwrap(MockControl.class);
        mc.catalog().answer();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (control.callCount("spec.list") < 2 && System.nanoTime() < deadline) {
            mc.catalog().answer();
        }
        assertThat(control.callCount("spec.list")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void imagesOfALiveRegionMatchTheOffersArchitecture() {
        open(Duration.ofSeconds(30));
        connect("m-1", "mars");
        Offer arm = mc.catalog().offer("mock+mars+a1.small").orElseThrow();
        assertThat(mc.catalog().image(arm, "ubuntu 22.04").use()).isEqualTo("ubuntu-22.04-arm64");
        Offer gpu = mc.catalog().offer("mock+mars+g1.l4x1").orElseThrow();
        assertThat(mc.catalog().images(gpu, "ubuntu-22.04")).extracting(ImageMatch::use)
                .containsExactlyInAnyOrder("ubuntu-22.04", "ubuntu-22.04-cuda-12");
        assertThat(mc.catalog().images(gpu, "windows")).extracting(ImageMatch::use).first().isEqualTo("windows-2022");
    }
}
