package io.multicloud.core.catalog;

import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Platform;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The snapshot's file format: gzip over a header, one string table, the regions, the latency
 * matrix, the image hints and then the offers column by column (strings as varint codes into the
 * table, decimals as varints of millionths: exact for prices of up to six decimals). Version 1.
 */
final class SnapshotCodec {
    private static final int MAGIC = 0x4D43534E; // "MCSN"
    private static final int VERSION = 1;
    private static final double SCALE = 1_000_000.0;

    private SnapshotCodec() {
    }

    static void write(Snapshot s, OutputStream target) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(target, 1 << 16);
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
        OfferTable t = s.offers();
        Strings strings = new Strings();
        // every string first, in a fixed order, so the same snapshot gives the same bytes
        s.sources().forEach(src -> strings.add(src.name()));
        for (CloudRegion r : s.regions()) {
            strings.add(r.provider());
            strings.add(r.name());
            strings.add(r.display());
            r.zones().forEach(strings::add);
        }
        s.latency().keys().forEach(strings::add);
        for (CatalogImage i : s.images()) {
            for (String v : List.of(i.provider(), i.region(), i.name(), i.id(), i.os(), i.osVersion())) {
                strings.add(v);
            }
        }
        for (int row = 0; row < t.size; row++) {
            int p = t.place[row];
            strings.add(t.providers[t.placeProvider[p]]);
            strings.add(t.regions[t.placeRegion[p]]);
            strings.add(t.specs[t.spec[row]]);
            strings.add(t.zoneLists[t.zones[row]]);
            strings.add(t.idZones[t.idZone[row]]);
            strings.add(t.accModels[t.accModel[row]]);
            strings.add(t.currencies[t.currency[row]]);
            strings.add(t.origins[t.origin[row]]);
        }

        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(s.date().toString());
        varint(out, s.sources().size());
        for (SnapshotSource src : s.sources()) {
            varint(out, strings.code(src.name()));
            out.writeUTF(src.date().toString());
            out.writeUTF(src.from());
            varint(out, src.offers());
        }
        varint(out, strings.list.size());
        for (String v : strings.list) {
            out.writeUTF(v);
        }
        varint(out, s.regions().size());
        for (CloudRegion r : s.regions()) {
            varint(out, strings.code(r.provider()));
            varint(out, strings.code(r.name()));
            varint(out, strings.code(r.display()));
            out.writeBoolean(r.location() != null);
            if (r.location() != null) {
                out.writeDouble(r.location().latitude());
                out.writeDouble(r.location().longitude());
            }
            varint(out, r.zones().size());
            for (String z : r.zones()) {
                varint(out, strings.code(z));
            }
        }
        LatencyMatrix m = s.latency();
        varint(out, m.size());
        for (String k : m.keys()) {
            varint(out, strings.code(k));
        }
        for (float f : m.values()) {
            out.writeFloat(f);
        }
        varint(out, s.images().size());
        for (CatalogImage i : s.images()) {
            for (String v : List.of(i.provider(), i.region(), i.name(), i.id(), i.os(), i.osVersion())) {
                varint(out, strings.code(v));
            }
            out.writeByte(i.platform().ordinal());
            out.writeByte(i.architecture() == null ? -1 : i.architecture().ordinal());
        }
        int n = t.size;
        varint(out, n);
        for (int row = 0; row < n; row++) {
            varint(out, strings.code(t.providers[t.placeProvider[t.place[row]]]));
        }
        for (int row = 0; row < n; row++) {
            varint(out, strings.code(t.regions[t.placeRegion[t.place[row]]]));
        }
        column(out, strings, t.spec, t.specs, n);
        column(out, strings, t.zones, t.zoneLists, n);
        column(out, strings, t.idZone, t.idZones, n);
        scaled(out, t.vcpus, n);
        scaled(out, t.memory, n);
        out.write(t.arch, 0, n);
        out.write(t.accType, 0, n);
        column(out, strings, t.accModel, t.accModels, n);
        scaled(out, t.accCount, n);
        scaled(out, t.accMemory, n);
        scaled(out, t.cost, n);
        scaled(out, t.spot, n);
        column(out, strings, t.currency, t.currencies, n);
        column(out, strings, t.origin, t.origins, n);
        out.flush();
        gz.finish();
    }

    static Snapshot read(InputStream source) throws IOException {
        Bytes in = new Bytes(new GZIPInputStream(source, 1 << 16).readAllBytes());
        if (in.readInt() != MAGIC) {
            throw new IOException("not a multicloud catalog snapshot");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("catalog snapshot version " + version + " is not readable here (this library reads "
                    + VERSION + ")");
        }
        LocalDate date = LocalDate.parse(in.readUTF());
        int sourceCount = in.varint();
        int[] sourceNames = new int[sourceCount];
        String[] sourceDates = new String[sourceCount];
        String[] sourceFrom = new String[sourceCount];
        int[] sourceOffers = new int[sourceCount];
        for (int i = 0; i < sourceCount; i++) {
            sourceNames[i] = in.varint();
            sourceDates[i] = in.readUTF();
            sourceFrom[i] = in.readUTF();
            sourceOffers[i] = in.varint();
        }
        String[] str = new String[in.varint()];
        for (int i = 0; i < str.length; i++) {
            str[i] = in.readUTF();
        }
        List<SnapshotSource> sources = new ArrayList<>();
        Map<String, Long> originDates = new HashMap<>();
        for (int i = 0; i < sourceCount; i++) {
            SnapshotSource src = new SnapshotSource(str[sourceNames[i]], LocalDate.parse(sourceDates[i]), sourceFrom[i],
                    sourceOffers[i]);
            sources.add(src);
            originDates.put(src.origin(), src.date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        }
        int regionCount = in.varint();
        List<CloudRegion> regions = new ArrayList<>(regionCount);
        Map<String, GeoLocation> locations = new HashMap<>();
        for (int i = 0; i < regionCount; i++) {
            String provider = str[in.varint()];
            String name = str[in.varint()];
            String display = str[in.varint()];
            GeoLocation loc = in.readBoolean() ? new GeoLocation(in.readDouble(), in.readDouble(), display) : null;
            int zc = in.varint();
            List<String> zones = new ArrayList<>(zc);
            for (int z = 0; z < zc; z++) {
                zones.add(str[in.varint()]);
            }
            regions.add(new CloudRegion(provider, name, display, loc, zones, Source.SNAPSHOT));
            if (loc != null) {
                locations.put(provider + "+" + name, loc);
            }
        }
        int keys = in.varint();
        List<String> keyList = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            keyList.add(str[in.varint()]);
        }
        float[] ms = new float[keys * keys];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = in.readFloat();
        }
        int imageCount = in.varint();
        List<CatalogImage> images = new ArrayList<>(imageCount);
        for (int i = 0; i < imageCount; i++) {
            String provider = str[in.varint()];
            String region = str[in.varint()];
            String name = str[in.varint()];
            String id = str[in.varint()];
            String os = str[in.varint()];
            String ver = str[in.varint()];
            Platform platform = Platform.values()[in.readByte()];
            byte arch = in.readByte();
            images.add(new CatalogImage(provider, region, name, id, os, ver, platform,
                    arch < 0 ? null : Architecture.values()[arch], Source.SNAPSHOT));
        }
        int n = in.varint();
        OfferTable.Columns c = new OfferTable.Columns();
        c.size = n;
        int[] provider = in.codes(n);
        int[] region = in.codes(n);
        Recode providers = new Recode(str);
        Recode regionNames = new Recode(str);
        for (int row = 0; row < n; row++) {
            provider[row] = providers.code(provider[row]);
            region[row] = regionNames.code(region[row]);
        }
        c.providers = providers.values();
        c.regions = regionNames.values();
        // places: one per (provider, region) pair, in order of first appearance
        int[] placeOfPair = new int[c.providers.length * c.regions.length];
        java.util.Arrays.fill(placeOfPair, -1);
        List<Integer> placeProviders = new ArrayList<>();
        List<Integer> placeRegions = new ArrayList<>();
        c.place = new int[n];
        for (int row = 0; row < n; row++) {
            int pair = provider[row] * c.regions.length + region[row];
            if (placeOfPair[pair] < 0) {
                placeOfPair[pair] = placeProviders.size();
                placeProviders.add(provider[row]);
                placeRegions.add(region[row]);
            }
            c.place[row] = placeOfPair[pair];
        }
        int places = placeProviders.size();
        c.placeProvider = placeProviders.stream().mapToInt(Integer::intValue).toArray();
        c.placeRegion = placeRegions.stream().mapToInt(Integer::intValue).toArray();
        c.placeLat = new double[places];
        c.placeLon = new double[places];
        c.placeDisplay = new String[places];
        for (int p = 0; p < places; p++) {
            GeoLocation loc = locations.get(c.providers[c.placeProvider[p]] + "+" + c.regions[c.placeRegion[p]]);
            c.placeLat[p] = loc == null ? Double.NaN : loc.latitude();
            c.placeLon[p] = loc == null ? Double.NaN : loc.longitude();
            c.placeDisplay[p] = loc == null ? null : loc.display();
        }
        Recode specs = new Recode(str);
        c.spec = specs.column(in.codes(n));
        c.specs = specs.values();
        Recode zones = new Recode(str);
        c.zones = zones.column(in.codes(n));
        c.zoneLists = zones.values();
        Recode idZones = new Recode(str);
        c.idZone = idZones.column(in.codes(n));
        c.idZones = idZones.values();
        c.vcpus = in.scaled(n);
        c.memory = in.scaled(n);
        c.arch = in.bytes(n);
        c.accType = in.bytes(n);
        Recode models = new Recode(str);
        c.accModel = models.column(in.codes(n));
        c.accModels = models.values();
        c.accCount = in.scaled(n);
        c.accMemory = in.scaled(n);
        c.cost = in.scaled(n);
        c.spot = in.scaled(n);
        Recode currencies = new Recode(str);
        c.currency = currencies.column(in.codes(n));
        c.currencies = currencies.values();
        Recode origins = new Recode(str);
        c.origin = origins.column(in.codes(n));
        c.origins = origins.values();
        c.source = new byte[n];
        java.util.Arrays.fill(c.source, (byte) Source.SNAPSHOT.ordinal());
        long fallback = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long[] originDate = new long[c.origins.length];
        for (int o = 0; o < originDate.length; o++) {
            originDate[o] = originDates.getOrDefault(c.origins[o], fallback);
        }
        c.asOf = new long[n];
        for (int row = 0; row < n; row++) {
            c.asOf[row] = originDate[c.origin[row]];
        }
        return new Snapshot(date, sources, c.table(), regions, new LatencyMatrix(keyList, ms), images);
    }

    /** String-table codes turned into one column's own codes (0 is always the empty string). */
    private static final class Recode {
        private final String[] table;
        private final int[] map;
        private final List<String> values = new ArrayList<>();

        Recode(String[] table) {
            this.table = table;
            this.map = new int[table.length];
            java.util.Arrays.fill(map, -1);
            values.add("");
            for (int i = 0; i < table.length; i++) {
                if (table[i].isEmpty()) {
                    map[i] = 0;
                }
            }
        }

        int code(int stringCode) {
            int c = map[stringCode];
            if (c < 0) {
                c = values.size();
                values.add(table[stringCode]);
                map[stringCode] = c;
            }
            return c;
        }

        int[] column(int[] stringCodes) {
            for (int i = 0; i < stringCodes.length; i++) {
                stringCodes[i] = code(stringCodes[i]);
            }
            return stringCodes;
        }

        String[] values() {
            return values.toArray(String[]::new);
        }
    }

    /** A cursor over the decompressed bytes (what DataOutputStream wrote). */
    private static final class Bytes {
        private final byte[] b;
        private int pos;

        Bytes(byte[] b) {
            this.b = b;
        }

        int readInt() {
            int v = ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long readLong() {
            return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
        }

        double readDouble() {
            return Double.longBitsToDouble(readLong());
        }

        float readFloat() {
            return Float.intBitsToFloat(readInt());
        }

        boolean readBoolean() {
            return b[pos++] != 0;
        }

        byte readByte() {
            return b[pos++];
        }

        String readUTF() throws IOException {
            int len = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
            pos += 2;
            boolean ascii = true;
            for (int i = pos; i < pos + len; i++) {
                if (b[i] <= 0) {
                    ascii = false;
                    break;
                }
            }
            String s;
            if (ascii) {
                s = new String(b, pos, len, java.nio.charset.StandardCharsets.ISO_8859_1);
            } else {
                s = new DataInputStream(new java.io.ByteArrayInputStream(b, pos - 2, len + 2)).readUTF();
            }
            pos += len;
            return s;
        }

        int varint() {
            return (int) varlong();
        }

        long varlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                int x = b[pos++] & 0xFF;
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        int[] codes(int n) {
            int[] c = new int[n];
            for (int i = 0; i < n; i++) {
                c[i] = varint();
            }
            return c;
        }

        byte[] bytes(int n) {
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        /** NaN as 0, anything else as 1 + millionths. */
        double[] scaled(int n) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                long v = varlong();
                d[i] = v == 0 ? Double.NaN : (v - 1) / SCALE;
            }
            return d;
        }
    }

    private static void column(DataOutputStream out, Strings strings, int[] codes, String[] values, int n)
            throws IOException {
        for (int row = 0; row < n; row++) {
            varint(out, strings.code(values[codes[row]]));
        }
    }

    /** NaN as 0, anything else as 1 + millionths (values here are never negative). */
    private static void scaled(DataOutputStream out, double[] values, int n) throws IOException {
        for (int row = 0; row < n; row++) {
            double v = values[row];
            if (v < 0) {
                throw new IllegalArgumentException("a negative value cannot be stored: " + v);
            }
            varlong(out, Double.isNaN(v) ? 0 : Math.round(v * SCALE) + 1);
        }
    }

    private static void varint(DataOutputStream out, int v) throws IOException {
        varlong(out, v);
    }

    private static void varlong(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    /** Strings in order of first use. */
    private static final class Strings {
        final List<String> list = new ArrayList<>();
        final Map<String, Integer> codes = new LinkedHashMap<>();

        void add(String s) {
            codes.computeIfAbsent(s == null ? "" : s, k -> {
                list.add(k);
                return list.size() - 1;
            });
        }

        int code(String s) {
            return codes.get(s == null ? "" : s);
        }
    }
}
