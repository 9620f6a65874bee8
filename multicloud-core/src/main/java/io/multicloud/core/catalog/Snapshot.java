package io.multicloud.core.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The offline catalog: offers, regions with coordinates, the latency matrix and image hints, as
 * they were on one date. The library ships one in the {@code multicloud-catalog} module (resource
 * {@value #RESOURCE}); {@code catalog-import} there rebuilds it from newer public data.
 *
 * @param date the newest date of its sources
 * @param sources the data sets it was built from
 * @param offers every offer
 * @param regions every region it knows, with coordinates where a source gives them
 * @param latency region-to-region round-trip times
 * @param images image hints per cloud
 */
public record Snapshot(LocalDate date, List<SnapshotSource> sources, OfferTable offers, List<CloudRegion> regions,
                       LatencyMatrix latency, List<CatalogImage> images) {
    /** Where the shipped snapshot sits on the class path. */
    public static final String RESOURCE = "io/multicloud/catalog/snapshot.mcs.gz";

    public Snapshot {
        Objects.requireNonNull(date, "date");
        sources = List.copyOf(sources);
        Objects.requireNonNull(offers, "offers");
        regions = List.copyOf(regions);
        Objects.requireNonNull(latency, "latency");
        images = List.copyOf(images);
    }

    /** A snapshot that knows nothing (used when none is on the class path). */
    public static Snapshot empty() {
        return new Snapshot(LocalDate.EPOCH, List.of(), OfferTable.empty(), List.of(), LatencyMatrix.empty(), List.of());
    }

    /** Whether it holds no offer. */
    public boolean isEmpty() {
        return offers.size() == 0;
    }

    /** The shipped snapshot, when the {@code multicloud-catalog} module is on this class path. */
    public static java.util.Optional<Snapshot> shipped(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            return in == null ? java.util.Optional.empty() : java.util.Optional.of(read(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog snapshot " + RESOURCE, e);
        }
    }

    /** Reads a snapshot written by {@link #write}. */
    public static Snapshot read(InputStream in) throws IOException {
        return SnapshotCodec.read(in);
    }

    /** Writes it compactly (gzip of coded columns); the same snapshot always gives the same bytes. */
    public void write(OutputStream out) throws IOException {
        SnapshotCodec.write(this, out);
    }

    @Override
    public String toString() {
        return "Snapshot[" + date + ", " + offers.size() + " offers, " + regions.size() + " regions, " + latency + ", "
                + images.size() + " image hints, sources=" + sources.stream().map(SnapshotSource::name).toList() + "]";
    }
}
