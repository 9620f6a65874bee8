package io.multicloud.benchmarks;

import io.multicloud.core.catalog.Geo;
import io.multicloud.core.catalog.LatencyMatrix;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.OfferId;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The recommend benchmark's yardstick: one plain loop over an array of offer records applying the
 * query's filter, and a bounded heap for the partial sort. In its favour, every offer's latency to
 * ap-northeast-2 and distance to Seoul are computed before timing starts.
 */
final class Baseline {
    private final Offer[] offers;
    private final double[] latency;
    private final double[] distance;

    Baseline(Offer[] offers, LatencyMatrix matrix, double lat, double lon) {
        this.offers = offers;
        this.latency = new double[offers.length];
        this.distance = new double[offers.length];
        int[] users = matrix.resolve("ap-northeast-2");
        for (int i = 0; i < offers.length; i++) {
            Offer o = offers[i];
            int idx = matrix.indexOf(LatencyMatrix.key(o.provider(), o.region()));
            double best = Double.NaN;
            for (int u : users) {
                double ms = matrix.ms(u, idx);
                if (Double.isNaN(ms)) {
                    ms = matrix.ms(idx, u);
                }
                if (!Double.isNaN(ms) && (Double.isNaN(best) || ms < best)) {
                    best = ms;
                }
            }
            latency[i] = best;
            distance[i] = o.location() == null ? Double.NaN
                    : Geo.distanceKm(lat, lon, o.location().latitude(), o.location().longitude());
        }
    }

    private record Candidate(int index, double first, double second) {
    }

    private static int compare(Candidate a, Candidate b) {
        int c = Double.compare(a.first, b.first);
        if (c == 0) {
            c = Double.compare(a.second, b.second);
        }
        return c != 0 ? c : Integer.compare(a.index, b.index);
    }

    /** Model A100 or H100, ≥ 40 GiB each, ≤ 40 USD/h; by latency to ap-northeast-2, then cost; 10. */
    List<OfferId> gpuLatency() {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(11, (a, b) -> compare(b, a));
        for (int i = 0; i < offers.length; i++) {
            Offer o = offers[i];
            String m = o.acceleratorModel();
            if ((m.equalsIgnoreCase("A100") || m.equalsIgnoreCase("H100")) && o.acceleratorMemoryGiB() >= 40
                    && o.costPerHour() <= 40 && o.currency().equals("USD")) {
                offer(heap, new Candidate(i, latency[i], o.costPerHour()), 10);
            }
        }
        return ids(heap);
    }

    /** 2+ GPUs of ≥ 24 GiB each; nearest to Seoul, then cheapest; 5. */
    List<OfferId> nearSeoul() {
        PriorityQueue<Candidate> heap = new PriorityQueue<>(6, (a, b) -> compare(b, a));
        for (int i = 0; i < offers.length; i++) {
            Offer o = offers[i];
            if (o.acceleratorCount() >= 2 && o.acceleratorMemoryGiB() >= 24 && o.currency().equals("USD")) {
                offer(heap, new Candidate(i, distance[i], o.costPerHour()), 5);
            }
        }
        return ids(heap);
    }

    private static void offer(PriorityQueue<Candidate> heap, Candidate c, int limit) {
        if (heap.size() < limit) {
            heap.add(c);
        } else if (compare(c, heap.peek()) < 0) {
            heap.poll();
            heap.add(c);
        }
    }

    private List<OfferId> ids(PriorityQueue<Candidate> heap) {
        List<Candidate> sorted = new ArrayList<>(heap);
        sorted.sort(Baseline::compare);
        return sorted.stream().map(c -> offers[c.index].id()).toList();
    }
}
