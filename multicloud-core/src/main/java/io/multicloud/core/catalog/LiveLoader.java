package io.multicloud.core.catalog;

import io.multicloud.api.Accelerator;
import io.multicloud.api.Capability;
import io.multicloud.api.Cloud;
import io.multicloud.api.CloudException;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Image;
import io.multicloud.api.Price;
import io.multicloud.api.Region;
import io.multicloud.api.Spec;
import io.multicloud.api.Zone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the live catalog of one connection: its regions, and the specs, prices and images of its
 * region, the four calls at once. Specs are the answer; when they fail the connection fails. When
 * regions, prices or images fail, the answer lacks them and says so.
 */
final class LiveLoader {
    private static final Logger log = LoggerFactory.getLogger(LiveLoader.class);

    private final Executor executor;
    private final Clock clock;

    LiveLoader(Executor executor, Clock clock) {
        this.executor = executor;
        this.clock = clock;
    }

    ConnectionCatalog load(Cloud cloud) {
        Instant start = clock.instant();
        String name = cloud.config().name();
        String driver = cloud.config().driver();
        String region = cloud.config().region();
        try {
            CompletableFuture<List<Region>> regions = call(cloud, Capability.REGIONS, () -> cloud.regions().list());
            CompletableFuture<List<Spec>> specs = call(cloud, Capability.SPECS, () -> cloud.specs().list());
            CompletableFuture<List<Price>> prices = call(cloud, Capability.PRICES, () -> cloud.prices().list());
            CompletableFuture<List<Image>> images = call(cloud, Capability.IMAGES, () -> cloud.images().list());
            List<String> notes = new ArrayList<>();
            List<Spec> specList = join(specs, "specs", null);
            if (specList == null) {
                String why = reason(specs);
                return failed(name, driver, region, start, why);
            }
            List<Region> regionList = orEmpty(join(regions, "regions", notes));
            List<Price> priceList = orEmpty(join(prices, "prices", notes));
            List<Image> imageList = orEmpty(join(images, "images", notes));
            Instant at = clock.instant();
            List<CloudRegion> cloudRegions = regionList.stream().map(r -> new CloudRegion(driver, r.name(),
                    r.displayName(), r.location(), r.zones().stream().filter(Zone::available).map(Zone::name).toList(),
                    Source.LIVE)).toList();
            Map<String, CloudRegion> byName = new HashMap<>();
            cloudRegions.forEach(r -> byName.put(r.name(), r));
            Map<String, Price> priceBySpec = new HashMap<>();
            priceList.forEach(p -> priceBySpec.putIfAbsent(p.spec(), p));
            List<Offer> offers = new ArrayList<>();
            for (Spec s : specList) {
                String specRegion = s.region() == null || s.region().isBlank() ? region : s.region();
                offers.add(offer(driver, name, specRegion, s, priceBySpec.get(s.name()), byName.get(specRegion), at));
            }
            List<CatalogImage> imageHints = imageList.stream().map(i -> new CatalogImage(driver, region, i.name(), i.id(),
                    i.os(), i.osVersion(), i.platform(), i.architecture(), Source.LIVE)).toList();
            Duration took = Duration.between(start, clock.instant());
            return new ConnectionCatalog(offers, cloudRegions, imageHints,
                    new ConnectionLoad(name, driver, region, offers.size(), at, took, "", notes));
        } catch (RuntimeException e) {
            log.debug("catalog of {} failed", name, e);
            return failed(name, driver, region, start, describe(e));
        }
    }

    /** The answer when the catalog is closed: nothing loaded, and why. */
    ConnectionCatalog closed(Cloud cloud) {
        return failed(cloud.config().name(), cloud.config().driver(), cloud.config().region(), clock.instant(),
                "the catalog is closed");
    }

    private ConnectionCatalog failed(String name, String driver, String region, Instant start, String why) {
        Instant now = clock.instant();
        return new ConnectionCatalog(List.of(), List.of(), List.of(),
                new ConnectionLoad(name, driver, region, 0, now, Duration.between(start, now), why, List.of()));
    }

    static Offer offer(String driver, String connection, String region, Spec s, Price price, CloudRegion where,
                       Instant at) {
        double count = 0;
        double memory = 0;
        String model = "";
        io.multicloud.api.AcceleratorType type = null;
        if (s.hasAccelerator()) {
            Accelerator a = s.accelerators().get(0);
            count = s.acceleratorCount();
            double each = a.memoryGiB() > 0 ? a.memoryGiB() : Double.NaN;
            model = AcceleratorModels.normalise(a.model(), each);
            if (model.isEmpty()) {
                model = "UNKNOWN";
            }
            memory = Double.isNaN(each) ? AcceleratorModels.memoryGiB(model).orElse(Double.NaN) : each;
            type = a.type();
        }
        GeoLocation location = where == null ? null : where.location();
        List<String> zones = where == null ? List.of() : where.zones();
        return new Offer(OfferId.of(driver, region, s.name()), zones, location, s.vcpus(), s.memoryGiB(), s.architecture(),
                type, model, count, memory, price == null ? Double.NaN : price.costPerHour(), Double.NaN,
                price == null ? "USD" : price.currency(), Source.LIVE, at, "live:" + connection);
    }

    private <T> CompletableFuture<List<T>> call(Cloud cloud, Capability capability, Supplier<List<T>> call) {
        if (!cloud.capabilities().supports(capability)) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException("the driver offers no "
                    + capability.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return CompletableFuture.supplyAsync(call, executor);
    }

    private static <T> List<T> join(CompletableFuture<List<T>> f, String what, List<String> notes) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (notes != null) {
                notes.add(what + " missing: " + describe(e.getCause()));
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (notes != null) {
                notes.add(what + " missing: interrupted");
            }
            return null;
        }
    }

    private static String reason(CompletableFuture<?> f) {
        try {
            f.get();
            return "no specs";
        } catch (ExecutionException e) {
            return describe(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static String describe(Throwable e) {
        if (e instanceof CloudException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
