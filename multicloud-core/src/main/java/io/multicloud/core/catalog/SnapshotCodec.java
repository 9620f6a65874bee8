package io.multicloud.core.catalog;

import io.multicloud.api.AcceleratorType;
import io.multicloud.api.Architecture;
import io.multicloud.api.GeoLocation;
import io.multicloud.api.Platform;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
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
        DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(source, 1 << 16), 1 << 16));
        if (in.readInt() != MAGIC) {
            throw new IOException("not a multicloud catalog snapshot");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("catalog snapshot version " + version + " is not readable here (this library reads "
                    + VERSION + ")");
        }
        LocalDate date = LocalDate.parse(in.readUTF());
        int sourceCount = varint(in);
        int[] sourceNames = new int[sourceCount];
        String[] sourceDates = new String[sourceCount];
        String[] sourceFrom = new String[sourceCount];
        int[] sourceOffers = new int[sourceCount];
        for (int i = 0; i < sourceCount; i++) {
            sourceNames[i] = varint(in);
            sourceDates[i] = in.readUTF();
            sourceFrom[i] = in.readUTF();
            sourceOffers[i] = varint(in);
        }
        String[] str = new String[varint(in)];
        for (int i = 0; i < str.length; i++) {
            str[i] = in.readUTF();
        }
        List<SnapshotSource> sources = new ArrayList<>();
        Map<String, Instant> originDates = new HashMap<>();
        for (int i = 0; i < sourceCount; i++) {
            SnapshotSource src = new SnapshotSource(str[sourceNames[i]], LocalDate.parse(sourceDates[i]), sourceFrom[i],
                    sourceOffers[i]);
            sources.add(src);
            originDates.put(src.origin(), src.date().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        int regionCount = varint(in);
        List<CloudRegion> regions = new ArrayList<>(regionCount);
        Map<String, GeoLocation> locations = new HashMap<>();
        for (int i = 0; i < regionCount; i++) {
            String provider = str[varint(in)];
            String name = str[varint(in)];
            String display = str[varint(in)];
            GeoLocation loc = in.readBoolean() ? new GeoLocation(in.readDouble(), in.readDouble(), display) : null;
            int zc = varint(in);
            List<String> zones = new ArrayList<>(zc);
            for (int z = 0; z < zc; z++) {
                zones.add(str[varint(in)]);
            }
            regions.add(new CloudRegion(provider, name, display, loc, zones, Source.SNAPSHOT));
            if (loc != null) {
                locations.put(provider + "+" + name, loc);
            }
        }
        int keys = varint(in);
        List<String> keyList = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            keyList.add(str[varint(in)]);
        }
        float[] ms = new float[keys * keys];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = in.readFloat();
        }
        int imageCount = varint(in);
        List<CatalogImage> images = new ArrayList<>(imageCount);
        for (int i = 0; i < imageCount; i++) {
            String provider = str[varint(in)];
            String region = str[varint(in)];
            String name = str[varint(in)];
            String id = str[varint(in)];
            String os = str[varint(in)];
            String ver = str[varint(in)];
            Platform platform = Platform.values()[in.readByte()];
            byte arch = in.readByte();
            images.add(new CatalogImage(provider, region, name, id, os, ver, platform,
                    arch < 0 ? null : Architecture.values()[arch], Source.SNAPSHOT));
        }
        int n = varint(in);
        int[] provider = codes(in, n);
        int[] region = codes(in, n);
        int[] spec = codes(in, n);
        int[] zones = codes(in, n);
        int[] idZone = codes(in, n);
        double[] vcpus = scaled(in, n);
        double[] memory = scaled(in, n);
        byte[] arch = new byte[n];
        in.readFully(arch);
        byte[] accType = new byte[n];
        in.readFully(accType);
        int[] accModel = codes(in, n);
        double[] accCount = scaled(in, n);
        double[] accMemory = scaled(in, n);
        double[] cost = scaled(in, n);
        double[] spot = scaled(in, n);
        int[] currency = codes(in, n);
        int[] origin = codes(in, n);

        OfferTable.Builder b = OfferTable.builder();
        Architecture[] archs = Architecture.values();
        AcceleratorType[] types = AcceleratorType.values();
        Map<Integer, List<String>> zoneCache = new HashMap<>();
        for (int row = 0; row < n; row++) {
            String p = str[provider[row]];
            String r = str[region[row]];
            String z = str[idZone[row]];
            List<String> zl = zoneCache.computeIfAbsent(zones[row],
                    c -> str[c].isEmpty() ? List.of() : List.of(str[c].split(",")));
            String originName = str[origin[row]];
            b.add(new Offer(new OfferId(p, r, str[spec[row]], z.isEmpty() ? null : z), zl, locations.get(p + "+" + r),
                    vcpus[row], memory[row], arch[row] < 0 ? null : archs[arch[row]],
                    accType[row] < 0 ? null : types[accType[row]], str[accModel[row]], accCount[row], accMemory[row],
                    cost[row], spot[row], str[currency[row]], Source.SNAPSHOT,
                    originDates.getOrDefault(originName, date.atStartOfDay(ZoneOffset.UTC).toInstant()), originName));
        }
        for (CloudRegion cr : regions) {
            b.locate(cr.provider(), cr.name(), cr.location());
        }
        return new Snapshot(date, sources, b.build(), regions, new LatencyMatrix(keyList, ms), images);
    }

    private static void column(DataOutputStream out, Strings strings, int[] codes, String[] values, int n)
            throws IOException {
        for (int row = 0; row < n; row++) {
            varint(out, strings.code(values[codes[row]]));
        }
    }

    private static int[] codes(DataInputStream in, int n) throws IOException {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = varint(in);
        }
        return c;
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

    private static double[] scaled(DataInputStream in, int n) throws IOException {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            long v = varlong(in);
            d[i] = v == 0 ? Double.NaN : (v - 1) / SCALE;
        }
        return d;
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

    private static int varint(DataInputStream in) throws IOException {
        return (int) varlong(in);
    }

    private static long varlong(DataInputStream in) throws IOException {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
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
