package io.multicloud.core.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot merged with live answers: a live offer replaces the snapshot's offer of the same id
 * and takes from it what the driver did not say (spot price, coordinates, accelerator memory);
 * live regions replace the snapshot's of the same provider and name. Built once per set of
 * inputs (compared by identity), so repeated answers cost nothing.
 */
record Merged(Snapshot snapshot, List<ConnectionCatalog> inputs, OfferTable table, List<CloudRegion> regions,
              List<CatalogImage> images) {

    boolean sameInputs(Snapshot s, List<ConnectionCatalog> ok) {
        if (s != snapshot || ok.size() != inputs.size()) {
            return false;
        }
        for (int i = 0; i < ok.size(); i++) {
            if (ok.get(i) != inputs.get(i)) {
                return false;
            }
        }
        return true;
    }

    static Merged of(Snapshot s, List<ConnectionCatalog> live) {
        if (live.isEmpty()) {
            return new Merged(s, List.of(), s.offers(), s.regions(), s.images());
        }
        Map<String, CloudRegion> regions = new LinkedHashMap<>();
        s.regions().forEach(r -> regions.put(r.key(), r));
        Map<OfferId, Offer> liveOffers = new LinkedHashMap<>();
        List<CatalogImage> images = new ArrayList<>(s.images());
        for (ConnectionCatalog c : live) {
            c.regions().forEach(r -> regions.put(r.key(), fill(r, regions.get(r.key()))));
            c.offers().forEach(o -> liveOffers.putIfAbsent(o.id(), o));
            images.addAll(c.images());
        }
        OfferTable snap = s.offers();
        OfferTable.Builder b = OfferTable.builder();
        Map<OfferId, Integer> replaced = new HashMap<>();
        for (OfferId id : liveOffers.keySet()) {
            int row = snap.rowOf(id);
            if (row >= 0) {
                replaced.put(id, row);
            }
        }
        boolean[] skip = new boolean[snap.size()];
        replaced.values().forEach(row -> skip[row] = true);
        b.addRows(snap, row -> !skip[row]);
        for (Offer o : liveOffers.values()) {
            Integer row = replaced.get(o.id());
            CloudRegion where = regions.get(o.provider() + "+" + o.region());
            b.add(fill(o, row == null ? null : snap.offer(row), where));
        }
        regions.values().forEach(r -> b.locate(r.provider(), r.name(), r.location()));
        return new Merged(s, List.copyOf(live), b.build(), List.copyOf(regions.values()), images);
    }

    private static CloudRegion fill(CloudRegion live, CloudRegion snap) {
        if (snap == null) {
            return live;
        }
        return new CloudRegion(live.provider(), live.name(), live.display().isEmpty() ? snap.display() : live.display(),
                live.location() != null ? live.location() : snap.location(),
                live.zones().isEmpty() ? snap.zones() : live.zones(), live.source());
    }

    private static Offer fill(Offer live, Offer snap, CloudRegion where) {
        if (snap == null && (live.location() != null || where == null)) {
            return live;
        }
        String origin = live.origin();
        double spot = live.spotCostPerHour();
        double accMemory = live.acceleratorMemoryGiB();
        double cost = live.costPerHour();
        if (snap != null) {
            if (Double.isNaN(cost) && !Double.isNaN(snap.costPerHour())) {
                cost = snap.costPerHour();
                origin += " (price from " + snap.origin() + " of " + snap.asOf().toString().substring(0, 10) + ")";
            }
            if (Double.isNaN(spot) && !Double.isNaN(snap.spotCostPerHour()) && snap.currency().equals(live.currency())) {
                spot = snap.spotCostPerHour();
                origin += " (spot price from " + snap.origin() + " of " + snap.asOf().toString().substring(0, 10) + ")";
            }
            if (Double.isNaN(accMemory) && snap.acceleratorModel().equals(live.acceleratorModel())) {
                accMemory = snap.acceleratorMemoryGiB();
            }
        }
        io.multicloud.api.GeoLocation location = live.location() != null ? live.location()
                : where != null && where.location() != null ? where.location() : snap == null ? null : snap.location();
        List<String> zones = !live.zones().isEmpty() ? live.zones() : snap != null ? snap.zones()
                : where != null ? where.zones() : List.of();
        return new Offer(live.id(), zones, location, live.vcpus(), live.memoryGiB(), live.architecture(),
                live.acceleratorType(), live.acceleratorModel(), live.acceleratorCount(), accMemory, cost, spot,
                Double.isNaN(live.costPerHour()) && snap != null ? snap.currency() : live.currency(), live.source(), live.asOf(), origin);
    }
}
