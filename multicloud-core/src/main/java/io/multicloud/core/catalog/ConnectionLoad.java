package io.multicloud.core.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the live catalog of one connection loaded.
 *
 * @param connection the connection's name
 * @param driver its driver (the provider of its offers)
 * @param region its region
 * @param offers how many offers it gave
 * @param loadedAt when its answer was read (the age of its offers counts from here)
 * @param took how long the load took
 * @param failure why it gave nothing (empty when it worked): the error, or a time-out
 * @param notes parts that failed without failing the whole (images, regions, prices)
 */
public record ConnectionLoad(String connection, String driver, String region, int offers, Instant loadedAt,
                             Duration took, String failure, List<String> notes) {
    public ConnectionLoad {
        failure = failure == null ? "" : failure;
        notes = List.copyOf(notes);
    }

    /** Whether the connection's catalog is missing from the answer. */
    public boolean failed() {
        return !failure.isEmpty();
    }

    @Override
    public String toString() {
        return failed() ? connection + " (" + driver + " " + region + "): FAILED " + failure
                : connection + " (" + driver + " " + region + "): " + offers + " offers in " + took.toMillis() + " ms"
                + (notes.isEmpty() ? "" : " " + notes);
    }
}
