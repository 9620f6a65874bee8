package io.multicloud.core.catalog;

import java.util.List;

/**
 * What one connection's driver said: its offers, the regions it knows, the images of its region,
 * and how the load went. Never an exception: a failed load is a value with its reason, so the
 * cache never sees a failure (and never logs one).
 */
record ConnectionCatalog(List<Offer> offers, List<CloudRegion> regions, List<CatalogImage> images, ConnectionLoad status) {
    ConnectionCatalog {
        offers = List.copyOf(offers);
        regions = List.copyOf(regions);
        images = List.copyOf(images);
    }
}
