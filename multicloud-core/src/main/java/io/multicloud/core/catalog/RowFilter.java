package io.multicloud.core.catalog;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import java.util.function.Predicate;

/**
 * One filter compiled against one {@link OfferTable}: a test of a row that reads primitive
 * arrays only (text is matched once per distinct value, not once per row), and when it can, the
 * rows that may pass (an index list) so that a query need not scan every row.
 */
abstract class RowFilter {
    /** How the filter reads in explanations ({@code acceleratorMemoryGiB >= 40}). */
    final String label;

    RowFilter(String label) {
        this.label = label;
    }

    abstract boolean test(int row);

    /** Posting lists whose union holds every row that may pass, or null to scan. */
    int[][] candidates() {
        return null;
    }

    /** Whether every row of {@link #candidates()} passes (the test can be skipped for them). */
    boolean exactCandidates() {
        return false;
    }

    static int count(int[][] lists) {
        int n = 0;
        for (int[] l : lists) {
            n += l.length;
        }
        return n;
    }

    /** Compiles a condition. */
    static RowFilter of(Condition c, OfferTable t) {
        Field f = c.fieldEnum();
        String label = c.describe();
        if (f.numeric()) {
            double[] r = c.range();
            double lo = r[2] == 1 ? r[0] : Math.nextUp(r[0]);
            double hi = r[3] == 1 ? r[1] : Math.nextDown(r[1]);
            return switch (f) {
                case VCPUS -> new Column(label, t.vcpus, lo, hi, null);
                case MEMORY_GIB -> new Column(label, t.memory, lo, hi, null);
                case COST_PER_HOUR -> new Column(label, t.cost, lo, hi, null);
                case SPOT_COST_PER_HOUR -> new Column(label, t.spot, lo, hi, null);
                case ACCELERATOR_COUNT -> new Column(label, t.accCount, lo, hi, acceleratedIfZeroFails(t, lo, hi));
                case ACCELERATOR_MEMORY_GIB -> new Column(label, t.accMemory, lo, hi, acceleratedIfZeroFails(t, lo, hi));
                case ACCELERATOR_TOTAL_MEMORY_GIB -> new Computed(label,
                        row -> Offer.totalMemory(t.accCount[row], t.accMemory[row]), lo, hi, acceleratedIfZeroFails(t, lo, hi));
                case LATITUDE -> places(label, t, p -> t.placeLat[p] >= lo && t.placeLat[p] <= hi);
                case LONGITUDE -> places(label, t, p -> t.placeLon[p] >= lo && t.placeLon[p] <= hi);
                default -> throw new IllegalStateException("not numeric: " + f);
            };
        }
        Predicate<String> m = c.textMatcher();
        return switch (f) {
            case PROVIDER -> places(label, t, p -> m.test(t.providers[t.placeProvider[p]]));
            case REGION -> places(label, t, p -> m.test(t.regions[t.placeRegion[p]]));
            case SPEC_NAME -> codes(label, t.spec, t.specs, m, false, null);
            case ZONE -> codes(label, t.zones, t.zoneLists, m, !c.negative(), null);
            case ACCELERATOR_MODEL -> codes(label, t.accModel, t.accModels, m, false, t.rowsByModel);
            case CURRENCY -> codes(label, t.currency, t.currencies, m, false, null);
            case ORIGIN -> codes(label, t.origin, t.origins, m, false, null);
            case ARCHITECTURE -> bytes(label, t.arch, names(Architecture.values()), m);
            case ACCELERATOR_TYPE -> bytes(label, t.accType, names(AcceleratorType.values()), m);
            case SOURCE -> bytes(label, t.source, names(Source.values()), m);
            case ID -> new PerRow(label, row -> m.test(t.id(row).toString()));
            default -> throw new IllegalStateException("not text: " + f);
        };
    }

    /** A provider / region filter from a request's include or exclude list. */
    static RowFilter placeList(String label, OfferTable t, List<String> names, boolean include, boolean providerLevel) {
        return places(label, t, p -> {
            String provider = t.providers[t.placeProvider[p]].toLowerCase(Locale.ROOT);
            String region = t.regions[t.placeRegion[p]].toLowerCase(Locale.ROOT);
            boolean hit = false;
            for (String n : names) {
                String v = n.toLowerCase(Locale.ROOT);
                hit |= providerLevel ? provider.equals(v)
                        : region.equals(v) || (provider + "+" + region).equals(v) || (provider + ":" + region).equals(v);
            }
            return hit == include;
        });
    }

    /** Within a radius of a point. */
    static RowFilter near(Near near, OfferTable t) {
        double radius = near.radiusKm() == null ? Double.POSITIVE_INFINITY : near.radiusKm();
        return places("within " + Offer.num(radius) + " km of " + near.name(), t,
                p -> Geo.distanceKm(near.latitude(), near.longitude(), t.placeLat[p], t.placeLon[p]) <= radius);
    }

    private static String[] names(Enum<?>[] values) {
        String[] out = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i].name().toLowerCase(Locale.ROOT);
        }
        return out;
    }

    /** When 0 fails the range, only rows with an accelerator may pass: their model lists are the candidates. */
    private static int[][] acceleratedIfZeroFails(OfferTable t, double lo, double hi) {
        if (0 >= lo && 0 <= hi) {
            return null;
        }
        int[][] lists = new int[t.rowsByModel.length - 1][];
        System.arraycopy(t.rowsByModel, 1, lists, 0, lists.length);
        return lists;
    }

    private static RowFilter places(String label, OfferTable t, java.util.function.IntPredicate test) {
        boolean[] ok = new boolean[t.places()];
        List<int[]> lists = new ArrayList<>();
        for (int p = 0; p < ok.length; p++) {
            ok[p] = test.test(p);
            if (ok[p]) {
                lists.add(t.rowsByPlace[p]);
            }
        }
        return new Codes(label, t.place, ok, lists.toArray(int[][]::new));
    }

    private static RowFilter codes(String label, int[] column, String[] values, Predicate<String> m, boolean multi,
                                   int[][] postings) {
        boolean[] ok = new boolean[values.length];
        List<int[]> lists = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            String v = values[c];
            if (multi && v.contains(",")) {
                boolean any = false;
                for (String part : v.split(",")) {
                    any |= m.test(part);
                }
                ok[c] = any;
            } else {
                ok[c] = m.test(v);
            }
            if (ok[c] && postings != null) {
                lists.add(postings[c]);
            }
        }
        return new Codes(label, column, ok, postings == null ? null : lists.toArray(int[][]::new));
    }

    private static RowFilter bytes(String label, byte[] column, String[] names, Predicate<String> m) {
        boolean[] ok = new boolean[names.length + 1];
        ok[0] = m.test(""); // unknown (-1) shifted to 0
        for (int i = 0; i < names.length; i++) {
            ok[i + 1] = m.test(names[i]);
        }
        return new RowFilter(label) {
            @Override
            boolean test(int row) {
                return ok[column[row] + 1];
            }
        };
    }

    /** A number column within [lo, hi]; NaN never passes. */
    static final class Column extends RowFilter {
        private final double[] column;
        private final double lo;
        private final double hi;
        private final int[][] candidates;

        Column(String label, double[] column, double lo, double hi, int[][] candidates) {
            super(label);
            this.column = column;
            this.lo = lo;
            this.hi = hi;
            this.candidates = candidates;
        }

        @Override
        boolean test(int row) {
            double v = column[row];
            return v >= lo && v <= hi;
        }

        @Override
        int[][] candidates() {
            return candidates;
        }
    }

    /** A computed number within [lo, hi]. */
    static final class Computed extends RowFilter {
        private final IntToDoubleFunction value;
        private final double lo;
        private final double hi;
        private final int[][] candidates;

        Computed(String label, IntToDoubleFunction value, double lo, double hi, int[][] candidates) {
            super(label);
            this.value = value;
            this.lo = lo;
            this.hi = hi;
            this.candidates = candidates;
        }

        @Override
        boolean test(int row) {
            double v = value.applyAsDouble(row);
            return v >= lo && v <= hi;
        }

        @Override
        int[][] candidates() {
            return candidates;
        }
    }

    /** A coded column whose passing codes are known. */
    static final class Codes extends RowFilter {
        private final int[] column;
        private final boolean[] ok;
        private final int[][] candidates;

        Codes(String label, int[] column, boolean[] ok, int[][] candidates) {
            super(label);
            this.column = column;
            this.ok = ok;
            this.candidates = candidates;
        }

        @Override
        boolean test(int row) {
            return ok[column[row]];
        }

        @Override
        int[][] candidates() {
            return candidates;
        }

        @Override
        boolean exactCandidates() {
            return candidates != null;
        }
    }

    /** A test that needs the row's text (ids). */
    static final class PerRow extends RowFilter {
        private final java.util.function.IntPredicate test;

        PerRow(String label, java.util.function.IntPredicate test) {
            super(label);
            this.test = test;
        }

        @Override
        boolean test(int row) {
            return test.test(row);
        }
    }
}
