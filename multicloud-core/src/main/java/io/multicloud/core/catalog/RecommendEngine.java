package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one request over one table: compiles the filters, picks the smallest index list to start
 * from (or scans), keeps the rows that pass every filter, ranks them with a bounded heap, and
 * explains the picks (or, when nothing passed, which filter cut the last candidates).
 */
final class RecommendEngine {
    private final OfferTable t;
    private final LatencyMatrix matrix;
    private final RecommendRequest request;
    private final List<RowFilter> filters = new ArrayList<>();
    private final RowFilter currencyFilter;
    private final List<Ranking> rankings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Near distanceFrom;
    private int otherCurrency;

    RecommendEngine(OfferTable table, LatencyMatrix matrix, RecommendRequest request, List<Priority> priorities) {
        this.t = table;
        this.matrix = matrix;
        this.request = request;
        for (Condition c : request.where()) {
            filters.add(RowFilter.of(c, table));
        }
        if (request.near() != null) {
            filters.add(RowFilter.near(request.near(), table));
        }
        if (!request.providers().isEmpty()) {
            filters.add(RowFilter.placeList("provider in " + request.providers(), table, request.providers(), true, true));
        }
        if (!request.excludeProviders().isEmpty()) {
            filters.add(RowFilter.placeList("provider not in " + request.excludeProviders(), table,
                    request.excludeProviders(), false, true));
        }
        if (!request.regions().isEmpty()) {
            filters.add(RowFilter.placeList("region in " + request.regions(), table, request.regions(), true, false));
        }
        if (!request.excludeRegions().isEmpty()) {
            filters.add(RowFilter.placeList("region not in " + request.excludeRegions(), table, request.excludeRegions(),
                    false, false));
        }
        // Prices are compared in one currency: when the caller's filters or priorities use a price,
        // offers in another currency are left out; under the default order they only rank last.
        List<Priority> order = priorities.isEmpty() ? List.of(Priority.cost()) : priorities;
        boolean usesPrice = priorities.stream().anyMatch(p -> p.orderUnchecked().by().endsWith("ost"))
                || request.where().stream().anyMatch(c -> c.field().toLowerCase(java.util.Locale.ROOT).contains("cost"));
        currencyFilter = usesPrice ? RowFilter.of(Condition.is("currency", request.currencyOrDefault()), table) : null;
        int currencyCode = -1;
        for (int c = 0; c < table.currencies.length; c++) {
            if (table.currencies[c].equalsIgnoreCase(request.currencyOrDefault())) {
                currencyCode = c;
            }
        }
        boolean blend = order.stream().anyMatch(p -> p.orderUnchecked().weight() != null);
        Near from = request.near();
        for (Priority p : order) {
            Ranking r = Ranking.of(p, table, matrix, blend, currencyCode);
            rankings.add(r);
            if (r.nearestPoint() != null && from == null) {
                from = r.nearestPoint();
            }
            notes.addAll(r.notes());
        }
        this.distanceFrom = from;
    }

    Recommendation run(LocalDate snapshotDate, List<ConnectionLoad> failures) {
        int[] survivors = survivors();
        List<String> allNotes = new ArrayList<>(notes);
        failures.forEach(f -> allNotes.add("connection " + f.connection() + " is missing: " + f.failure()));
        if (survivors.length == 0) {
            return new Recommendation(List.of(), t.size(), 0, whyNothing(), allNotes, failures, snapshotDate);
        }
        int n = survivors.length;
        double[][] keys = new double[rankings.size()][n];
        for (int q = 0; q < rankings.size(); q++) {
            Ranking r = rankings.get(q);
            for (int i = 0; i < n; i++) {
                keys[q][i] = r.key(survivors[i]);
            }
        }
        double[] blend = rankings.stream().anyMatch(Ranking::weighted) ? blend(keys) : null;
        int[] top = top(survivors, keys, blend, Math.min(request.limitOrDefault(), n));
        List<Pick> picks = new ArrayList<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (int k = 0; k < top.length; k++) {
            int i = top[k];
            int row = survivors[i];
            Offer o = t.offer(row);
            double latency = Double.NaN;
            StringBuilder why = new StringBuilder("#" + (k + 1) + " of " + n + " matches");
            if (blend != null) {
                why.append(" by blended score ").append(fmt(blend[i])).append(" (0 best):");
            } else {
                why.append(" by");
            }
            for (int q = 0; q < rankings.size(); q++) {
                Ranking r = rankings.get(q);
                if (q > 0) {
                    why.append(blend != null ? " +" : ", then");
                }
                if (blend != null) {
                    why.append(' ').append(fmt(r.weightOrOne())).append("×");
                }
                why.append(' ').append(r.describe(row, keys[q][i], o.currency()));
                if (r.isLatency()) {
                    latency = keys[q][i];
                    if (Double.isNaN(latency)) {
                        unknown.add(t.placeKey(t.place[row]));
                    }
                }
            }
            if (k > 0 && blend == null) {
                int first = top[0];
                for (int q = 0; q < rankings.size(); q++) {
                    if (Double.compare(keys[q][i], keys[q][first]) != 0) {
                        why.append(" (#1: ").append(rankings.get(q).describe(survivors[first], keys[q][first],
                                t.currencies[t.currency[survivors[first]]])).append(')');
                        break;
                    }
                }
            }
            double distance = distanceFrom == null ? Double.NaN : Geo.distanceKm(distanceFrom.latitude(),
                    distanceFrom.longitude(), t.placeLat[t.place[row]], t.placeLon[t.place[row]]);
            picks.add(new Pick(k + 1, o, place(row, o), distance, latency, why.toString()));
        }
        if (currencyFilter != null && otherCurrency > 0) {
            allNotes.add(otherCurrency + " offer(s) that passed every other filter are priced in another currency than "
                    + request.currencyOrDefault() + " and were left out (prices are not converted; ask with currency(...))");
        }
        if (!unknown.isEmpty()) {
            allNotes.add("latency unknown for " + unknown + ": not in the latency matrix, or the pair was not measured");
        }
        return new Recommendation(picks, t.size(), n, "", allNotes, failures, snapshotDate);
    }

    private String place(int row, Offer o) {
        int p = t.place[row];
        String display = t.placeDisplay[p];
        StringBuilder b = new StringBuilder(o.provider()).append(' ').append(o.region());
        if (display != null && !display.isBlank()) {
            b.append(" (").append(display).append(')');
        }
        if (o.id().zone() != null) {
            b.append(" zone ").append(o.id().zone());
        } else if (!o.zones().isEmpty()) {
            b.append(" zones ").append(String.join(",", o.zones()));
        }
        return b.toString();
    }

    /** The rows that pass every filter, from the smallest index list (or a scan). */
    private int[] survivors() {
        RowFilter start = null;
        int best = t.size() / 3;
        for (RowFilter f : filters) {
            int[][] c = f.candidates();
            if (c != null && RowFilter.count(c) <= best) {
                best = RowFilter.count(c);
                start = f;
            }
        }
        List<RowFilter> tests = new ArrayList<>(filters);
        if (start != null && start.exactCandidates()) {
            tests.remove(start);
        }
        if (currencyFilter != null) {
            tests.add(currencyFilter);
        }
        RowFilter[] checks = tests.toArray(RowFilter[]::new);
        IntList out = new IntList();
        if (start == null) {
            int n = t.size();
            for (int row = 0; row < n; row++) {
                if (passes(checks, row)) {
                    out.add(row);
                }
            }
        } else {
            for (int[] list : start.candidates()) {
                for (int row : list) {
                    if (passes(checks, row)) {
                        out.add(row);
                    }
                }
            }
        }
        if (out.size() == 0 || currencyFilter != null) {
            countOtherCurrency(start, tests);
        }
        return out.toArray();
    }

    /** How many rows passed every filter but the currency (for the note); only when it may matter. */
    private void countOtherCurrency(RowFilter start, List<RowFilter> tests) {
        if (currencyFilter == null || t.currencies.length <= 2) {
            return;
        }
        List<RowFilter> others = new ArrayList<>(tests);
        others.remove(currencyFilter);
        RowFilter[] checks = others.toArray(RowFilter[]::new);
        int n = 0;
        if (start == null) {
            for (int row = 0; row < t.size(); row++) {
                if (passes(checks, row) && !currencyFilter.test(row)) {
                    n++;
                }
            }
        } else {
            for (int[] list : start.candidates()) {
                for (int row : list) {
                    if (passes(checks, row) && !currencyFilter.test(row)) {
                        n++;
                    }
                }
            }
        }
        otherCurrency = n;
    }

    private static boolean passes(RowFilter[] checks, int row) {
        for (RowFilter f : checks) {
            if (!f.test(row)) {
                return false;
            }
        }
        return true;
    }

    /** Filters in the order written; the one after which nothing was left is named. */
    private String whyNothing() {
        if (t.size() == 0) {
            return "nothing matched: the catalog holds no offer (no snapshot on the class path and no connection answered)";
        }
        List<RowFilter> order = new ArrayList<>(filters);
        if (currencyFilter != null) {
            order.add(currencyFilter);
        }
        boolean[] alive = new boolean[t.size()];
        Arrays.fill(alive, true);
        int left = t.size();
        List<String> passed = new ArrayList<>();
        for (RowFilter f : order) {
            int before = left;
            left = 0;
            for (int row = 0; row < alive.length; row++) {
                if (alive[row]) {
                    alive[row] = f.test(row);
                    if (alive[row]) {
                        left++;
                    }
                }
            }
            if (left == 0) {
                return passed.isEmpty()
                        ? "nothing matched: '" + f.label + "' holds for none of the " + before + " offers"
                        : "nothing matched: '" + f.label + "' cut the last " + before + " candidates (left by "
                        + String.join(", ", passed) + ")";
            }
            passed.add("'" + f.label + "'");
        }
        return "nothing matched";
    }

    /** Each key scaled to 0..1 over the survivors (0 best, unknown 1), weighted and summed. */
    private double[] blend(double[][] keys) {
        int n = keys[0].length;
        double[] score = new double[n];
        for (int q = 0; q < keys.length; q++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : keys[q]) {
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            double w = rankings.get(q).weightOrOne();
            double span = max - min;
            for (int i = 0; i < n; i++) {
                double v = keys[q][i];
                double norm = Double.isNaN(v) ? 1 : span > 0 ? (v - min) / span : 0;
                score[i] += w * norm;
            }
        }
        return score;
    }

    /** The positions of the best {@code k} survivors, best first (a bounded max-heap, then a sort). */
    private static int[] top(int[] rows, double[][] keys, double[] blend, int k) {
        int[] heap = new int[k];
        int size = 0;
        for (int i = 0; i < rows.length; i++) {
            if (size < k) {
                heap[size] = i;
                siftUp(heap, size++, rows, keys, blend);
            } else if (compare(i, heap[0], rows, keys, blend) < 0) {
                heap[0] = i;
                siftDown(heap, size, rows, keys, blend);
            }
        }
        Integer[] sorted = new Integer[size];
        for (int i = 0; i < size; i++) {
            sorted[i] = heap[i];
        }
        Arrays.sort(sorted, (a, b) -> compare(a, b, rows, keys, blend));
        return Arrays.stream(sorted).mapToInt(Integer::intValue).toArray();
    }

    private static void siftUp(int[] heap, int i, int[] rows, double[][] keys, double[] blend) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (compare(heap[i], heap[parent], rows, keys, blend) <= 0) {
                return;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, int[] rows, double[][] keys, double[] blend) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int largest = i;
            if (l < size && compare(heap[l], heap[largest], rows, keys, blend) > 0) {
                largest = l;
            }
            if (r < size && compare(heap[r], heap[largest], rows, keys, blend) > 0) {
                largest = r;
            }
            if (largest == i) {
                return;
            }
            swap(heap, i, largest);
            i = largest;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int x = a[i];
        a[i] = a[j];
        a[j] = x;
    }

    /** Blend first (when weighted), then each key in turn (NaN last), then catalog order. */
    private static int compare(int a, int b, int[] rows, double[][] keys, double[] blend) {
        if (blend != null) {
            int c = Double.compare(blend[a], blend[b]);
            if (c != 0) {
                return c;
            }
        }
        for (double[] key : keys) {
            int c = Double.compare(key[a], key[b]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(rows[a], rows[b]);
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "?" : String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    /** Validates what a table alone can tell (user regions of a latency priority). */
    static void requireKnown(LatencyMatrix matrix, List<String> userRegions) {
        for (String r : userRegions) {
            if (matrix.resolve(r).length == 0) {
                throw new InvalidRequestException("orderBy.to", "the latency matrix does not know the region '" + r
                        + "'; write provider-region such as " + matrix.sample(3));
            }
        }
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a = new int[256];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }

        int size() {
            return n;
        }
    }
}
