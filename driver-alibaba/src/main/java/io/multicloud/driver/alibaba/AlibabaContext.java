package io.multicloud.driver.alibaba;

import io.multicloud.api.CloudException;
import io.multicloud.api.CloudTimeoutException;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.ResourceKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every service class of one connection shares: the configuration, the SDK clients, the
 * error mapping, and the two loops every family needs (paging to the end; waiting for a state
 * the cloud reaches on its own, such as a new VPC becoming Available).
 */
record AlibabaContext(ConnectionConfig config, AlibabaClients clients, AlibabaErrors errors) {
    /** The largest page Alibaba's NextToken lists serve. */
    static final int MAX_RESULTS = 100;
    /** The largest page Alibaba's PageNumber lists serve (VPC, key pairs: 50). */
    static final int PAGE_SIZE = 50;
    private static final Duration WAIT = Duration.ofMinutes(3);

    String region() {
        return config.region();
    }

    /** The zone to place things in when a request names none, or null. */
    String defaultZone() {
        return config.zone();
    }

    ErrorContext error(ResourceKind kind, String name) {
        return ErrorContext.of(config.name(), kind, name);
    }

    <T> T call(ResourceKind kind, String name, Callable<T> call) {
        return errors.call(kind, name, call);
    }

    /** An idempotency key for a create the request carries none for. */
    static String token(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }

    /** One page of a NextToken list. */
    record Page<T>(List<T> items, String next) {
    }

    /** Every item of a NextToken list, following the tokens to the end. */
    static <T> List<T> allByToken(Function<String, Page<T>> call) {
        List<T> all = new ArrayList<>();
        String token = null;
        do {
            Page<T> page = call.apply(token);
            all.addAll(page.items() == null ? List.of() : page.items());
            token = page.next() == null || page.next().isEmpty() ? null : page.next();
        } while (token != null);
        return all;
    }

    /** One page of a PageNumber list, with the total the cloud reports. */
    record Numbered<T>(List<T> items, int total) {
    }

    /** Every item of a PageNumber list: pages 1, 2, ... until the total is reached or a page is empty. */
    static <T> List<T> allByNumber(Function<Integer, Numbered<T>> call) {
        List<T> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Numbered<T> p = call.apply(page);
            List<T> items = p.items() == null ? List.of() : p.items();
            all.addAll(items);
            if (items.isEmpty() || all.size() >= p.total()) {
                return all;
            }
        }
    }

    /**
     * Polls until {@code probe} gives a value (a state the cloud reaches by itself after a create),
     * pausing 20 ms, then twice as long each time up to 2 s (the property {@value AlibabaDriver#POLL_MAX_MS});
     * a timeout is {@link CloudTimeoutException}.
     */
    <T> T await(ResourceKind kind, String name, String what, Supplier<Optional<T>> probe) {
        return await(kind, name, what, WAIT, probe);
    }

    /** As {@link #await(ResourceKind, String, String, Supplier)}, waiting at most {@code wait}. */
    <T> T await(ResourceKind kind, String name, String what, Duration wait, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + wait.toNanos();
        long longest = config.property(AlibabaDriver.POLL_MAX_MS).map(Long::parseLong).orElse(2000L);
        long pause = Math.min(20, longest);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new CloudTimeoutException(error(kind, name), "still not " + what + " after " + wait);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloudException(error(kind, name), "interrupted while waiting until " + what, e);
            }
            pause = Math.min(pause * 2, longest);
        }
    }
}
