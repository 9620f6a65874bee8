package io.multicloud.core.catalog;

import java.util.List;

/**
 * The answer to a recommendation request: the offers, best first, each explained; when nothing
 * passed the filters, one line that names the filter that cut the last candidates.
 *
 * @param picks the offers, best first, at most the limit
 * @param searched how many offers the catalog held
 * @param matched how many passed every filter
 * @param whyNothing why nothing matched (empty when something did)
 * @param notes what the caller should know (unknown latencies, connections that failed, currencies left out)
 * @param failures connections whose live catalog is missing from this answer, and why
 * @param snapshotDate the date of the offline snapshot the answer used, or null when it used none
 */
public record Recommendation(List<Pick> picks, int searched, int matched, String whyNothing, List<String> notes,
                             List<ConnectionLoad> failures, java.time.LocalDate snapshotDate) {
    public Recommendation {
        picks = List.copyOf(picks);
        whyNothing = whyNothing == null ? "" : whyNothing;
        notes = List.copyOf(notes);
        failures = List.copyOf(failures);
    }

    /** The offers, best first. */
    public List<Offer> offers() {
        return picks.stream().map(Pick::offer).toList();
    }

    /** Whether nothing matched. */
    public boolean isEmpty() {
        return picks.isEmpty();
    }

    /** The best offer; throws when nothing matched, with the reason. */
    public Offer best() {
        if (picks.isEmpty()) {
            throw new io.multicloud.api.NotFoundException(io.multicloud.api.ErrorContext.NONE, whyNothing);
        }
        return picks.get(0).offer();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Recommendation[" + matched + " of " + searched + " offers matched");
        if (snapshotDate != null) {
            b.append("; snapshot of ").append(snapshotDate);
        }
        b.append(']');
        if (picks.isEmpty()) {
            b.append("\n  ").append(whyNothing);
        }
        picks.forEach(p -> b.append("\n  ").append(p));
        notes.forEach(n -> b.append("\n  note: ").append(n));
        return b.toString();
    }
}
