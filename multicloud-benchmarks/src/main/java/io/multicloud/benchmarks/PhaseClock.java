package io.multicloud.benchmarks;

import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.ProgressEvent;
import io.multicloud.core.mci.ProgressListener;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Hears an MCI creation's progress and keeps when its phases ran, in ms after {@link #start}, each
 * as the first..last time over all connections: the first create started (the review's end), each
 * kind of shared network resource made, VM creates started and VMs seen running. Thread-safe:
 * events come from many threads.
 */
final class PhaseClock implements ProgressListener {
    private static final String REVIEW = "review ended";
    private static final String SHARED = "shared network resources made";
    private static final String VM_STARTED = "VM creates started";
    private static final String VM_RUNNING = "VMs running";

    private volatile long startNanos = System.nanoTime();
    private final Map<String, Span> spans = new ConcurrentSkipListMap<>();

    /** The first and last time an event of one kind was heard. */
    private static final class Span {
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong(-1);

        void heard(long at) {
            first.accumulateAndGet(at, Math::min);
            last.accumulateAndGet(at, Math::max);
        }

        @Override
        public String toString() {
            return first.get() + ".." + last.get();
        }
    }

    /** Sets time zero. */
    void start() {
        startNanos = System.nanoTime();
    }

    @Override
    public void on(ProgressEvent event) {
        long at = (System.nanoTime() - startNanos) / 1_000_000;
        switch (event) {
            case ProgressEvent.Started s when s.action().equals("create") -> {
                span(REVIEW).heard(at);
                if (s.kind() == ResourceKind.VM) {
                    span(VM_STARTED).heard(at);
                } else {
                    span("  " + s.kind().label() + " started").heard(at);
                }
            }
            case ProgressEvent.Done d when d.kind() == ResourceKind.VM && d.action().equals("create") -> span(VM_RUNNING).heard(at);
            case ProgressEvent.Done d when d.action().equals("create") -> {
                span(SHARED).heard(at);
                span("  " + d.kind().label() + " made").heard(at);
            }
            default -> {
                // Other events do not mark a phase.
            }
        }
    }

    private Span span(String name) {
        return spans.computeIfAbsent(name, k -> new Span());
    }

    /** When the last shared resource was made (-1 when all were found). */
    long sharedReadyMs() {
        Span shared = spans.get(SHARED);
        return shared == null ? -1 : shared.last.get();
    }

    /** The phases, for people: the review's end is when the first create started. */
    String summary() {
        String review = spans.containsKey(REVIEW) ? REVIEW + " " + spans.get(REVIEW).first.get() + ", " : "";
        String shared = spans.entrySet().stream().filter(e -> e.getKey().startsWith("  "))
                .map(e -> e.getKey().trim() + " " + e.getValue()).collect(Collectors.joining(", "));
        return review + (spans.containsKey(SHARED) ? SHARED + " " + spans.get(SHARED) + " (" + shared + "), " : "")
                + VM_STARTED + " " + spanText(VM_STARTED) + ", " + VM_RUNNING + " " + spanText(VM_RUNNING);
    }

    private String spanText(String name) {
        Span span = spans.get(name);
        return span == null ? "-" : span.toString();
    }
}
