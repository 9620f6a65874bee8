package io.multicloud.driver.openstack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a Nova, Neutron or Cinder listing to its end through {@code limit} and {@code marker}
 * (the last item's id). openstack4j drops the answers' {@code *_links}, so the end is told by
 * the pages themselves: an empty page, or one shorter than an earlier page (a deployment caps
 * every page at its {@code max_limit}, which may be below the limit asked, so a short first page
 * alone does not prove the end).
 */
final class Pages {
    private Pages() {
    }

    /**
     * Every item of a listing.
     *
     * @param limit the page size to ask for
     * @param filters the listing's own filters
     * @param page one page for the filters plus {@code limit} and {@code marker}
     * @param id an item's id, the next page's marker
     */
    static <T> List<T> all(int limit, Map<String, String> filters, Function<Map<String, String>, List<? extends T>> page,
                           Function<T, String> id) {
        List<T> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        String marker = null;
        int fullest = 0;
        while (true) {
            Map<String, String> params = new HashMap<>(filters);
            params.put("limit", String.valueOf(limit));
            if (marker != null) {
                params.put("marker", marker);
            }
            List<? extends T> items = page.apply(params);
            if (items == null || items.isEmpty()) {
                return out;
            }
            boolean fresh = false;
            for (T item : items) {
                if (seen.add(String.valueOf(id.apply(item)))) {
                    out.add(item);
                    fresh = true;
                }
            }
            // A service that ignores the marker answers the same page again: that is the end too.
            if (!fresh || items.size() < fullest) {
                return out;
            }
            fullest = Math.max(fullest, items.size());
            String next = id.apply(items.get(items.size() - 1));
            if (next == null) {
                return out;
            }
            marker = next;
        }
    }
}
