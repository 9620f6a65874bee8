package io.multicloud.core.catalog;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One data set a snapshot was built from.
 *
 * @param name the file ({@code gcp_vms.csv}); offers from it have origin {@code snapshot:<name>}
 * @param date the day its facts were true
 * @param from who published it, and under what licence
 * @param offers how many offers it gave
 */
public record SnapshotSource(String name, LocalDate date, String from, int offers) {
    public SnapshotSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(date, "date");
        from = from == null ? "" : from;
    }

    /** The origin of the offers it gave. */
    public String origin() {
        return "snapshot:" + name;
    }
}
