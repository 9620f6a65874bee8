package io.multicloud.core.catalog;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.multicloud.api.Cloud;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.ErrorContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One catalog over every connected cloud, merged with the offline snapshot: offers (spec + price
 * at a place), regions with coordinates, images and the latency matrix. Get it from
 * {@code MultiCloud.catalog()}, or {@link #offline(Snapshot)} for the snapshot alone.
 * <p>
 * Each connection's live catalog is loaded on demand, all connections at once (and the regions,
 * specs, prices and images of one connection at once), cached per connection with Caffeine for
 * the configured expiry, and loaded once however many threads ask at the same time. A connection
 * that fails, or does not answer within the time-out, is left out of the answer and named in it
 * with the reason; its failure is not cached (the next call tries again), and a slow load goes on
 * in the background for the next call to use.
 */
public final class CloudCatalog implements AutoCloseable {
    /** Default expiry of a connection's live catalog. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);
    /** Default time a caller waits for the connections before answering without the slow ones. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<List<Cloud>> connections;
    private final Supplier<Snapshot> snapshotSource;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("catalog-", 0).factory());
    private final AsyncLoadingCache<Cloud, ConnectionCatalog> cache;
    private volatile Snapshot snapshot;
    private volatile Merged merged;

    /**
     * A catalog over the connections the supplier gives each time it is asked, and the snapshot
     * (loaded on first use).
     */
    public CloudCatalog(Supplier<List<Cloud>> connections, Supplier<Snapshot> snapshot, Duration expiry, Duration timeout) {
        this(connections, snapshot, expiry, timeout, Clock.systemUTC());
    }

    CloudCatalog(Supplier<List<Cloud>> connections, Supplier<Snapshot> snapshot, Duration expiry, Duration timeout,
                 Clock clock) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.snapshotSource = Objects.requireNonNull(snapshot, "snapshot");
        this.timeout = requirePositive(timeout, "timeout");
        this.clock = clock;
        long ttl = requirePositive(expiry, "expiry").toNanos();
        LiveLoader loader = new LiveLoader(executor, clock);
        this.cache = Caffeine.newBuilder()
                .weakKeys()
                // Caffeine's own upkeep runs on the calling thread: it never meets a closed executor
                // (which it would log as a warning with a stack trace).
                .executor(Runnable::run)
                .expireAfter(new Expiry<Cloud, ConnectionCatalog>() {
                    @Override
                    public long expireAfterCreate(Cloud key, ConnectionCatalog value, long now) {
                        return value.status().failed() ? 0 : ttl;
                    }

                    @Override
                    public long expireAfterUpdate(Cloud key, ConnectionCatalog value, long now, long current) {
                        return expireAfterCreate(key, value, now);
                    }

                    @Override
                    public long expireAfterRead(Cloud key, ConnectionCatalog value, long now, long current) {
                        return current;
                    }
                })
                // The loader never throws: a failure is a value, so Caffeine has no failed load to log.
                .buildAsync((cloud, ignored) -> startLoad(loader, cloud));
    }

    private CompletableFuture<ConnectionCatalog> startLoad(LiveLoader loader, Cloud cloud) {
        try {
            return CompletableFuture.supplyAsync(() -> loader.load(cloud), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(loader.closed(cloud));
        }
    }

    /** A catalog of the snapshot alone (no connection). */
    public static CloudCatalog offline(Snapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return new CloudCatalog(List::of, () -> snapshot, DEFAULT_EXPIRY, DEFAULT_TIMEOUT);
    }

    private static Duration requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the catalog " + what + " must be positive, not " + d);
        }
        return d;
    }

    /** The offline snapshot (empty when none is on the class path or it was turned off). */
    public Snapshot snapshot() {
        Snapshot s = snapshot;
        if (s == null) {
            synchronized (this) {
                s = snapshot;
                if (s == null) {
                    s = Objects.requireNonNull(snapshotSource.get(), "snapshot");
                    snapshot = s;
                }
            }
        }
        return s;
    }

    /**
     * The catalog now: the snapshot merged with every open connection's live answer (cached),
     * waiting at most the time-out for connections still loading.
     */
    public CatalogAnswer answer() {
        List<Cloud> clouds = new ArrayList<>(connections.get());
        clouds.sort(Comparator.comparing(c -> c.config().name()));
        List<CompletableFuture<ConnectionCatalog>> futures = clouds.stream().map(cache::get).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConnectionCatalog> loaded = new ArrayList<>();
        List<ConnectionLoad> failedNow = new ArrayList<>();
        for (int i = 0; i < clouds.size(); i++) {
            Cloud cloud = clouds.get(i);
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                loaded.add(futures.get(i).get(left, TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                failedNow.add(new ConnectionLoad(cloud.config().name(), cloud.config().driver(), cloud.config().region(), 0,
                        clock.instant(), timeout, "no answer within " + timeout.toMillis()
                        + " ms (still loading: a later call uses it when it comes)", List.of()));
            } catch (ExecutionException e) {
                failedNow.add(new ConnectionLoad(cloud.config().name(), cloud.config().driver(), cloud.config().region(), 0,
                        clock.instant(), Duration.ZERO, LiveLoader.describe(e.getCause()), List.of()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while loading the catalog", e);
            }
        }
        return merge(loaded, failedNow);
    }

    /** The answer's offers. */
    public List<Offer> offers() {
        return answer().offers();
    }

    /** The offer of an id ({@code gcp+asia-northeast3+g2-standard-24}), if the catalog holds it. */
    public Optional<Offer> offer(String id) {
        return answer().offer(id);
    }

    /**
     * The offer of a spec on a connection (its driver, its region), live when the connection
     * answered, else the snapshot's: what a cost estimate or a budget check prices a VM at.
     */
    public Optional<Offer> offer(Cloud connection, String spec) {
        Objects.requireNonNull(connection, "connection");
        if (OfferId.looksLikeId(spec)) {
            return answer().table().find(OfferId.parse(spec));
        }
        return answer().table().find(OfferId.of(connection.config().driver(), connection.config().region(), spec));
    }

    /**
     * The price of a spec on a connection (its driver, region and zone): the connection's own live
     * catalog (loaded on demand and cached, waiting at most the time-out, without waiting for any
     * other connection), else the snapshot's offer of that place. Never throws for a cloud's
     * failure: the quote is then unknown with the reason. {@code spec} may be a spec id naming
     * the connection's place.
     */
    public PriceQuote quote(Cloud connection, String spec) {
        Objects.requireNonNull(connection, "connection");
        io.multicloud.api.Validate.notBlank("spec", spec);
        String driver = connection.config().driver();
        String region = connection.config().region();
        String specName = OfferId.looksLikeId(spec) ? OfferId.parse(spec).spec() : spec;
        OfferId place = new OfferId(driver, region, specName, connection.config().zone());
        OfferId any = OfferId.of(driver, region, specName);
        String liveWhy;
        Offer live = null;
        try {
            ConnectionCatalog loaded = cache.get(connection).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (loaded.status().failed()) {
                liveWhy = "its live catalog failed (" + loaded.status().failure() + ")";
            } else {
                live = loaded.offers().stream().filter(o -> o.id().equals(place) || o.id().equals(any)).findFirst().orElse(null);
                liveWhy = live == null ? "its live catalog has no spec '" + specName + "'" : "its live catalog has no price for it";
            }
        } catch (TimeoutException e) {
            liveWhy = "its live catalog did not answer within " + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            liveWhy = "its live catalog failed (" + LiveLoader.describe(e.getCause()) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PriceQuote.unknown(place, "interrupted while loading the catalog");
        }
        if (live != null && Double.isFinite(live.costPerHour()) && live.costPerHour() >= 0) {
            return PriceQuote.of(place, live);
        }
        Optional<Offer> snap = snapshot().offers().find(place).or(() -> snapshot().offers().find(any));
        if (snap.isPresent() && Double.isFinite(snap.get().costPerHour()) && snap.get().costPerHour() >= 0) {
            return PriceQuote.of(place, snap.get());
        }
        return PriceQuote.unknown(place, "no price for " + place + " on " + connection.config().name() + ": " + liveWhy
                + ", and the snapshot " + (snapshot().isEmpty() ? "is empty" : "has none"));
    }

    /**
     * The offer a spec id names, normalised the way the catalog spells it: the provider in lower
     * case, region and spec name matched ignoring case, and {@code +zone} accepted for an offer that
     * holds for every zone it lists (the offer returned then names that zone in its id).
     *
     * @throws io.multicloud.api.InvalidRequestException when the text is no spec id, or the catalog
     *         has no such offer (a live offer is there only while a connection to its region is open)
     */
    public Offer resolve(String specId) {
        OfferId asked = OfferId.parse(specId);
        OfferTable table = answer().table();
        Optional<Offer> found = find(table, asked);
        if (found.isEmpty()) {
            throw new io.multicloud.api.InvalidRequestException("spec id", "'" + specId + "' is not in the catalog ("
                    + table.size() + " offers): check the name, or connect to its region so that its live catalog is loaded");
        }
        return found.get();
    }

    /**
     * A spec id as the catalog spells it (see {@link #resolve}), from the snapshot alone (no cloud
     * call); the id as given, provider in lower case, when the snapshot does not have it.
     */
    public OfferId normalise(String specId) {
        OfferId asked = OfferId.parse(specId);
        return find(snapshot().offers(), asked).map(Offer::id)
                .orElse(new OfferId(asked.provider().toLowerCase(java.util.Locale.ROOT), asked.region(), asked.spec(), asked.zone()));
    }

    private static Optional<Offer> find(OfferTable table, OfferId asked) {
        OfferId id = new OfferId(asked.provider().toLowerCase(java.util.Locale.ROOT), asked.region(), asked.spec(), asked.zone());
        Optional<Offer> exact = table.find(id);
        if (exact.isPresent()) {
            return exact;
        }
        Optional<Offer> offer = table.find(OfferId.of(id.provider(), id.region(), id.spec()));
        for (int row = 0; offer.isEmpty() && row < table.size(); row++) {
            OfferId c = table.id(row);
            if (c.provider().equalsIgnoreCase(id.provider()) && c.region().equalsIgnoreCase(id.region())
                    && c.spec().equalsIgnoreCase(id.spec())) {
                if (c.zone() == null) {
                    offer = Optional.of(table.offer(row));
                } else if (c.zone().equalsIgnoreCase(id.zone())) {
                    return Optional.of(table.offer(row));
                }
            }
        }
        if (offer.isEmpty() || id.zone() == null) {
            return offer;
        }
        Offer o = offer.get();
        Optional<String> zone = o.zones().stream().filter(z -> z.equalsIgnoreCase(id.zone())).findFirst();
        if (zone.isEmpty() && !o.zones().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(o.inZone(zone.orElse(id.zone())));
    }

    /** Every region the catalog knows (live ones replacing the snapshot's). */
    public List<CloudRegion> regions() {
        return answer().regions();
    }

    /** The region-to-region latency matrix of the snapshot. */
    public LatencyMatrix latency() {
        return snapshot().latency();
    }

    /** Starts a recommendation. */
    public Recommend recommend() {
        return new Recommend(this::run);
    }

    /** Runs a request (from a file: {@link RecommendRequest#read}). */
    public Recommendation recommend(RecommendRequest request) {
        return run(request, request.orderBy().stream().map(Priority::of).toList());
    }

    private Recommendation run(RecommendRequest request, List<Priority> priorities) {
        CatalogAnswer a = answer();
        return new RecommendEngine(a.table(), a.latency(), request, priorities).run(a.snapshotDate(), a.failures());
    }

    /**
     * The images of an offer's region that fit its architecture and an OS wish
     * ({@code "ubuntu 22.04"}, {@code "ubuntu-22.04-arm64"}), best first; live images of a
     * connection to that region, then the snapshot's hints for the cloud.
     */
    public List<ImageMatch> images(Offer offer, String osWish) {
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(osWish, "osWish");
        return ImageMatcher.match(offer, osWish, answer().images());
    }

    /** The best image for an offer and a wish; NotFound when none fits. */
    public ImageMatch image(Offer offer, String osWish) {
        List<ImageMatch> all = images(offer, osWish);
        if (all.isEmpty()) {
            throw new NotFoundException(ErrorContext.of(null, io.multicloud.api.ResourceKind.IMAGE, osWish),
                    "no image of " + offer.provider() + " " + offer.region() + " fits '" + osWish + "' on "
                            + (offer.architecture() == null ? "x86_64" : offer.architecture()));
        }
        return all.get(0);
    }

    /** Forgets every connection's live catalog: the next call loads them again. */
    public void invalidate() {
        cache.synchronous().invalidateAll();
        merged = null;
    }

    /** Stops the loader threads. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private CatalogAnswer merge(List<ConnectionCatalog> loaded, List<ConnectionLoad> failedNow) {
        Snapshot s = snapshot();
        List<ConnectionLoad> statuses = new ArrayList<>();
        List<ConnectionCatalog> ok = new ArrayList<>();
        for (ConnectionCatalog c : loaded) {
            statuses.add(c.status());
            if (!c.status().failed()) {
                ok.add(c);
            }
        }
        statuses.addAll(failedNow);
        statuses.sort(Comparator.comparing(ConnectionLoad::connection));
        Merged m = merged;
        if (m == null || !m.sameInputs(s, ok)) {
            m = Merged.of(s, ok);
            merged = m;
        }
        return new CatalogAnswer(m.table(), m.regions(), m.images(), s.latency(), s.isEmpty() ? null : s.date(), statuses,
                Instant.now(clock));
    }
}
