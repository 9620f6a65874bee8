package io.multicloud.core.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The catalog at one moment: the snapshot merged with the live answers of the connections (live
 * wins; the snapshot fills the gaps), with how each connection's load went.
 *
 * @param table every offer, by column
 * @param regions every region, live ones replacing the snapshot's
 * @param images image hints of the snapshot and live images
 * @param latency the latency matrix
 * @param snapshotDate the snapshot's date, or null when no snapshot is used
 * @param connections how each connection's live catalog loaded (failed ones included)
 * @param at when the answer was put together
 */
public record CatalogAnswer(OfferTable table, List<CloudRegion> regions, List<CatalogImage> images, LatencyMatrix latency,
                            LocalDate snapshotDate, List<ConnectionLoad> connections, Instant at) {
    public CatalogAnswer {
        regions = List.copyOf(regions);
        images = List.copyOf(images);
        connections = List.copyOf(connections);
    }

    /** Every offer (records made when read). */
    public List<Offer> offers() {
        return table.asList();
    }

    /** The offer of an id ({@code provider+region+spec[+zone]}). */
    public Optional<Offer> offer(String id) {
        return table.find(OfferId.parse(id));
    }

    /** The connections whose live catalog is missing, and why. */
    public List<ConnectionLoad> failures() {
        return connections.stream().filter(ConnectionLoad::failed).toList();
    }

    @Override
    public String toString() {
        long live = connections.stream().filter(c -> !c.failed()).mapToLong(ConnectionLoad::offers).sum();
        StringBuilder b = new StringBuilder("CatalogAnswer[" + table.size() + " offers");
        if (snapshotDate != null) {
            b.append(", snapshot of ").append(snapshotDate);
        }
        b.append(", ").append(live).append(" live offers from ").append(connections.size() - failures().size())
                .append(" connection(s)");
        failures().forEach(f -> b.append("; ").append(f.connection()).append(" FAILED: ").append(f.failure()));
        return b.append(']').toString();
    }
}
