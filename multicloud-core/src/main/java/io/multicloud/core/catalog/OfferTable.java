package io.multicloud.core.catalog;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * Offers stored by column (numbers in primitive arrays, strings coded once), so that a filter over
 * a million offers is a loop over arrays, and with two indexes: the rows of each accelerator model
 * and the rows of each place (provider + region). Immutable; {@link #offer(int)} makes the record
 * of one row on demand.
 */
public final class OfferTable {
    private static final Architecture[] ARCHS = Architecture.values();
    private static final AcceleratorType[] ACC_TYPES = AcceleratorType.values();

    final int size;
    // place = provider + region, with its coordinates
    final int[] place;
    final int[] placeProvider;
    final int[] placeRegion;
    final double[] placeLat;
    final double[] placeLon;
    final String[] placeDisplay;
    final String[] providers;
    final String[] regions;
    // row columns
    final int[] spec;
    final String[] specs;
    final int[] zones;
    final String[] zoneLists;
    final int[] idZone;
    final String[] idZones;
    final double[] vcpus;
    final double[] memory;
    final byte[] arch;
    final byte[] accType;
    final int[] accModel;
    final String[] accModels;
    final double[] accCount;
    final double[] accMemory;
    final double[] cost;
    final double[] spot;
    final int[] currency;
    final String[] currencies;
    final byte[] source;
    final long[] asOf;
    final int[] origin;
    final String[] origins;
    // indexes
    final int[][] rowsByModel;
    final int[][] rowsByPlace;
    private final Map<String, Integer> placeIndex = new HashMap<>();
    private volatile Map<OfferId, Integer> idIndex;

    private OfferTable(Columns c) {
        size = c.size;
        place = c.place;
        placeProvider = c.placeProvider;
        placeRegion = c.placeRegion;
        placeLat = c.placeLat;
        placeLon = c.placeLon;
        placeDisplay = c.placeDisplay;
        providers = c.providers;
        regions = c.regions;
        spec = c.spec;
        specs = c.specs;
        zones = c.zones;
        zoneLists = c.zoneLists;
        idZone = c.idZone;
        idZones = c.idZones;
        vcpus = c.vcpus;
        memory = c.memory;
        arch = c.arch;
        accType = c.accType;
        accModel = c.accModel;
        accModels = c.accModels;
        accCount = c.accCount;
        accMemory = c.accMemory;
        cost = c.cost;
        spot = c.spot;
        currency = c.currency;
        currencies = c.currencies;
        source = c.source;
        asOf = c.asOf;
        origin = c.origin;
        origins = c.origins;
        for (int p = 0; p < placeProvider.length; p++) {
            placeIndex.put(providers[placeProvider[p]] + "+" + regions[placeRegion[p]], p);
        }
        rowsByModel = postings(accModel, size, accModels.length);
        rowsByPlace = postings(place, size, placeProvider.length);
    }

    /** Columns of a table as one holder (the builder fills one; the snapshot reader fills one directly). */
    static final class Columns {
        int size;
        int[] place;
        int[] placeProvider;
        int[] placeRegion;
        double[] placeLat;
        double[] placeLon;
        String[] placeDisplay;
        String[] providers;
        String[] regions;
        int[] spec;
        String[] specs;
        int[] zones;
        String[] zoneLists;
        int[] idZone;
        String[] idZones;
        double[] vcpus;
        double[] memory;
        byte[] arch;
        byte[] accType;
        int[] accModel;
        String[] accModels;
        double[] accCount;
        double[] accMemory;
        double[] cost;
        double[] spot;
        int[] currency;
        String[] currencies;
        byte[] source;
        long[] asOf;
        int[] origin;
        String[] origins;

        OfferTable table() {
            return new OfferTable(this);
        }
    }

    private static int[][] postings(int[] codes, int size, int distinct) {
        int[] counts = new int[distinct];
        for (int i = 0; i < size; i++) {
            counts[codes[i]]++;
        }
        int[][] rows = new int[distinct][];
        for (int c = 0; c < distinct; c++) {
            rows[c] = new int[counts[c]];
        }
        int[] fill = new int[distinct];
        for (int i = 0; i < size; i++) {
            int c = codes[i];
            rows[c][fill[c]++] = i;
        }
        return rows;
    }

    /** A table with no offer. */
    public static OfferTable empty() {
        return builder().build();
    }

    /** A table of these offers, in this order. */
    public static OfferTable of(List<Offer> offers) {
        Builder b = builder();
        offers.forEach(b::add);
        return b.build();
    }

    /** Builds a table row by row. */
    public static Builder builder() {
        return new Builder();
    }

    /** How many offers. */
    public int size() {
        return size;
    }

    /** The record of one row. */
    public Offer offer(int row) {
        int p = place[row];
        String z = idZones[idZone[row]];
        OfferId id = new OfferId(providers[placeProvider[p]], regions[placeRegion[p]], specs[spec[row]], z.isEmpty() ? null : z);
        String zl = zoneLists[zones[row]];
        List<String> zoneList = zl.isEmpty() ? List.of() : List.of(zl.split(","));
        GeoLocation loc = Double.isNaN(placeLat[p]) ? null : new GeoLocation(placeLat[p], placeLon[p], placeDisplay[p]);
        return new Offer(id, zoneList, loc, vcpus[row], memory[row], arch[row] < 0 ? null : ARCHS[arch[row]],
                accType[row] < 0 ? null : ACC_TYPES[accType[row]], accModels[accModel[row]], accCount[row], accMemory[row],
                cost[row], spot[row], currencies[currency[row]], Source.values()[source[row]],
                Instant.ofEpochMilli(asOf[row]), origins[origin[row]]);
    }

    /** Every offer as a list whose records are made when read. */
    public List<Offer> asList() {
        return new Rows();
    }

    /** The row of an offer id, if the table holds it. */
    public Optional<Offer> find(OfferId id) {
        Integer row = ids().get(id);
        return row == null ? Optional.empty() : Optional.of(offer(row));
    }

    /** The row of an id, or -1. */
    int rowOf(OfferId id) {
        Integer row = ids().get(id);
        return row == null ? -1 : row;
    }

    private Map<OfferId, Integer> ids() {
        Map<OfferId, Integer> m = idIndex;
        if (m == null) {
            m = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                m.putIfAbsent(id(i), i);
            }
            idIndex = m;
        }
        return m;
    }

    /** The id of a row, without making the whole record. */
    OfferId id(int row) {
        int p = place[row];
        String z = idZones[idZone[row]];
        return new OfferId(providers[placeProvider[p]], regions[placeRegion[p]], specs[spec[row]], z.isEmpty() ? null : z);
    }

    /** The place code of {@code provider+region}, or -1. */
    int placeOf(String provider, String region) {
        Integer p = placeIndex.get(provider + "+" + region);
        return p == null ? -1 : p;
    }

    /** How many places. */
    int places() {
        return placeProvider.length;
    }

    /** {@code provider+region} of a place. */
    String placeKey(int p) {
        return providers[placeProvider[p]] + "+" + regions[placeRegion[p]];
    }

    @Override
    public String toString() {
        return "OfferTable[" + size + " offers, " + places() + " places, " + (accModels.length - 1) + " accelerator models]";
    }

    private final class Rows extends AbstractList<Offer> implements RandomAccess {
        @Override
        public Offer get(int index) {
            return offer(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** Adds offers one by one; the first location given for a place is its location. */
    public static final class Builder {
        private int size;
        private int[] place = new int[1024];
        private int[] spec = new int[1024];
        private int[] zones = new int[1024];
        private int[] idZone = new int[1024];
        private double[] vcpus = new double[1024];
        private double[] memory = new double[1024];
        private byte[] arch = new byte[1024];
        private byte[] accType = new byte[1024];
        private int[] accModel = new int[1024];
        private double[] accCount = new double[1024];
        private double[] accMemory = new double[1024];
        private double[] cost = new double[1024];
        private double[] spot = new double[1024];
        private int[] currency = new int[1024];
        private byte[] source = new byte[1024];
        private long[] asOf = new long[1024];
        private int[] origin = new int[1024];
        private final Dict providers = new Dict();
        private final Dict regions = new Dict();
        private final Dict specs = new Dict();
        private final Dict zoneLists = new Dict();
        private final Dict idZones = new Dict();
        private final Dict accModels = new Dict();
        private final Dict currencies = new Dict();
        private final Dict origins = new Dict();
        private final Map<String, Integer> placeCodes = new HashMap<>();
        private final List<String> placeKeys = new ArrayList<>();
        private final List<Integer> placeProviders = new ArrayList<>();
        private final List<Integer> placeRegions = new ArrayList<>();
        private final List<GeoLocation> placeLocations = new ArrayList<>();

        private Builder() {
        }

        /** How many offers so far. */
        public int size() {
            return size;
        }

        /** Adds one offer. */
        public Builder add(Offer o) {
            grow();
            int i = size++;
            place[i] = place(o.provider(), o.region(), o.location());
            spec[i] = specs.code(o.specName());
            zones[i] = zoneLists.code(String.join(",", o.zones()));
            idZone[i] = idZones.code(o.id().zone());
            vcpus[i] = o.vcpus();
            memory[i] = o.memoryGiB();
            arch[i] = (byte) (o.architecture() == null ? -1 : o.architecture().ordinal());
            accType[i] = (byte) (o.acceleratorType() == null ? -1 : o.acceleratorType().ordinal());
            accModel[i] = accModels.code(o.acceleratorModel());
            accCount[i] = o.acceleratorCount();
            accMemory[i] = o.acceleratorMemoryGiB();
            cost[i] = o.costPerHour();
            spot[i] = o.spotCostPerHour();
            currency[i] = currencies.code(o.currency());
            source[i] = (byte) o.source().ordinal();
            asOf[i] = o.asOf().toEpochMilli();
            origin[i] = origins.code(o.origin());
            return this;
        }

        /** Adds the rows of another table that pass the test, copying columns (no record is made). */
        public Builder addRows(OfferTable t, java.util.function.IntPredicate keep) {
            int[] places = new int[t.places()];
            for (int p = 0; p < places.length; p++) {
                GeoLocation loc = Double.isNaN(t.placeLat[p]) ? null
                        : new GeoLocation(t.placeLat[p], t.placeLon[p], t.placeDisplay[p]);
                places[p] = place(t.providers[t.placeProvider[p]], t.regions[t.placeRegion[p]], loc);
            }
            int[] specMap = remap(specs, t.specs);
            int[] zoneMap = remap(zoneLists, t.zoneLists);
            int[] idZoneMap = remap(idZones, t.idZones);
            int[] modelMap = remap(accModels, t.accModels);
            int[] currencyMap = remap(currencies, t.currencies);
            int[] originMap = remap(origins, t.origins);
            for (int row = 0; row < t.size; row++) {
                if (!keep.test(row)) {
                    continue;
                }
                grow();
                int i = size++;
                place[i] = places[t.place[row]];
                spec[i] = specMap[t.spec[row]];
                zones[i] = zoneMap[t.zones[row]];
                idZone[i] = idZoneMap[t.idZone[row]];
                vcpus[i] = t.vcpus[row];
                memory[i] = t.memory[row];
                arch[i] = t.arch[row];
                accType[i] = t.accType[row];
                accModel[i] = modelMap[t.accModel[row]];
                accCount[i] = t.accCount[row];
                accMemory[i] = t.accMemory[row];
                cost[i] = t.cost[row];
                spot[i] = t.spot[row];
                currency[i] = currencyMap[t.currency[row]];
                source[i] = t.source[row];
                asOf[i] = t.asOf[row];
                origin[i] = originMap[t.origin[row]];
            }
            return this;
        }

        private static int[] remap(Dict into, String[] values) {
            int[] map = new int[values.length];
            for (int c = 0; c < values.length; c++) {
                map[c] = into.code(values[c]);
            }
            return map;
        }

        /** Gives a place its location when no offer gave one yet (regions known without offers). */
        public Builder locate(String provider, String region, GeoLocation location) {
            int p = place(provider, region, location);
            if (placeLocations.get(p) == null && location != null) {
                placeLocations.set(p, location);
            }
            return this;
        }

        private int place(String provider, String region, GeoLocation location) {
            String key = provider + "+" + region;
            Integer p = placeCodes.get(key);
            if (p == null) {
                p = placeKeys.size();
                placeCodes.put(key, p);
                placeKeys.add(key);
                placeProviders.add(providers.code(provider));
                placeRegions.add(regions.code(region));
                placeLocations.add(location);
            } else if (location != null && placeLocations.get(p) == null) {
                placeLocations.set(p, location);
            }
            return p;
        }

        private void grow() {
            if (size < place.length) {
                return;
            }
            int n = place.length * 2;
            place = Arrays.copyOf(place, n);
            spec = Arrays.copyOf(spec, n);
            zones = Arrays.copyOf(zones, n);
            idZone = Arrays.copyOf(idZone, n);
            vcpus = Arrays.copyOf(vcpus, n);
            memory = Arrays.copyOf(memory, n);
            arch = Arrays.copyOf(arch, n);
            accType = Arrays.copyOf(accType, n);
            accModel = Arrays.copyOf(accModel, n);
            accCount = Arrays.copyOf(accCount, n);
            accMemory = Arrays.copyOf(accMemory, n);
            cost = Arrays.copyOf(cost, n);
            spot = Arrays.copyOf(spot, n);
            currency = Arrays.copyOf(currency, n);
            source = Arrays.copyOf(source, n);
            asOf = Arrays.copyOf(asOf, n);
            origin = Arrays.copyOf(origin, n);
        }

        /** The table. */
        public OfferTable build() {
            Columns c = new Columns();
            c.size = size;
            c.place = Arrays.copyOf(place, size);
            int places = placeKeys.size();
            c.placeProvider = new int[places];
            c.placeRegion = new int[places];
            c.placeLat = new double[places];
            c.placeLon = new double[places];
            c.placeDisplay = new String[places];
            for (int p = 0; p < places; p++) {
                c.placeProvider[p] = placeProviders.get(p);
                c.placeRegion[p] = placeRegions.get(p);
                GeoLocation loc = placeLocations.get(p);
                c.placeLat[p] = loc == null ? Double.NaN : loc.latitude();
                c.placeLon[p] = loc == null ? Double.NaN : loc.longitude();
                c.placeDisplay[p] = loc == null ? null : loc.display();
            }
            c.providers = providers.toArray();
            c.regions = regions.toArray();
            c.spec = Arrays.copyOf(spec, size);
            c.specs = specs.toArray();
            c.zones = Arrays.copyOf(zones, size);
            c.zoneLists = zoneLists.toArray();
            c.idZone = Arrays.copyOf(idZone, size);
            c.idZones = idZones.toArray();
            c.vcpus = Arrays.copyOf(vcpus, size);
            c.memory = Arrays.copyOf(memory, size);
            c.arch = Arrays.copyOf(arch, size);
            c.accType = Arrays.copyOf(accType, size);
            c.accModel = Arrays.copyOf(accModel, size);
            c.accModels = accModels.toArray();
            c.accCount = Arrays.copyOf(accCount, size);
            c.accMemory = Arrays.copyOf(accMemory, size);
            c.cost = Arrays.copyOf(cost, size);
            c.spot = Arrays.copyOf(spot, size);
            c.currency = Arrays.copyOf(currency, size);
            c.currencies = currencies.toArray();
            c.source = Arrays.copyOf(source, size);
            c.asOf = Arrays.copyOf(asOf, size);
            c.origin = Arrays.copyOf(origin, size);
            c.origins = origins.toArray();
            return c.table();
        }
    }
}
