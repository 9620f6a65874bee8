package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.Validate;
import io.multicloud.core.catalog.FailoverPlan;
import io.multicloud.core.catalog.Offer;
import io.multicloud.core.catalog.Recommendation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dynamic subgroup that names the places it may run, best first, instead of one connection and
 * spec: the offers of a recommendation, or offers the catalog resolved from spec ids
 * ({@code MciBuilder.subGroup(name, List.of("aws+us-east-2+g6.xlarge", ...), image, size)}). Each
 * offer is one place per zone it lists ({@link FailoverPlan}). Its VMs are made at the first place;
 * when that place refuses with {@code QuotaExceeded} or {@code CapacityUnavailable}, the error's
 * scope (the zone, the region or the whole cloud) is blocked for this creation, what was made there
 * is deleted (its shared network too, unless something else uses it), and the subgroup moves to the
 * next place not blocked, up to {@link #maxAttempts} places. A place whose check-before-create
 * review blocks (no such image there, the quota full) is passed over without a create call, as is,
 * under a budget, a place whose price would exceed it. All VMs of the subgroup end at one place;
 * {@code mci.creation().placements()} lists the attempts in order, and the subgroup then lives
 * there ({@code mci.subGroups()}, scale-out).
 *
 * @param name the subgroup's name
 * @param offers the places to try, best first (at least one)
 * @param image the image, a portable alias every candidate cloud accepts ({@code ubuntu-22.04})
 * @param size how many VMs
 * @param maxAttempts how many places may be tried (or passed over) at most
 * @param labels labels on every VM of the subgroup
 * @param publicIp whether its VMs get public IPs
 */
public record FailoverSubGroup(String name, List<Offer> offers, String image, int size, int maxAttempts,
                               Map<String, String> labels, boolean publicIp) {

    /** How many places are tried unless told: enough for a few zones and regions, not every region there is. */
    public static final int DEFAULT_ATTEMPTS = 6;

    public FailoverSubGroup {
        Validate.name("subgroup name", name);
        Objects.requireNonNull(offers, "offers");
        offers = List.copyOf(offers);
        if (offers.isEmpty()) {
            throw new InvalidRequestException("subgroup " + name + " places", "a failover subgroup names at least one place");
        }
        Validate.notBlank("image", image);
        if (size < 1 || size > SubGroupRequest.MAX_SIZE) {
            throw new InvalidRequestException("size", "a subgroup has 1 to " + SubGroupRequest.MAX_SIZE + " VMs, not " + size);
        }
        if (maxAttempts < 1) {
            throw new InvalidRequestException("subgroup " + name + " attempts", "at least one place is tried, not " + maxAttempts);
        }
        labels = Map.copyOf(Validate.tags("subgroup " + name + " labels", labels == null ? Map.of() : labels));
        MciTags.requireUserLabels("subgroup " + name + " labels", labels);
    }

    /** A subgroup over these offers, best first. */
    public static FailoverSubGroup of(String name, List<Offer> offers, String image, int size) {
        return new FailoverSubGroup(name, offers, image, size, DEFAULT_ATTEMPTS, Map.of(), true);
    }

    /** A subgroup over a recommendation's offers, in its order; InvalidRequest with its reason when nothing matched. */
    public static FailoverSubGroup of(String name, Recommendation recommendation, String image, int size) {
        Objects.requireNonNull(recommendation, "recommendation");
        if (recommendation.isEmpty()) {
            throw new InvalidRequestException("subgroup " + name + " places", "the recommendation has no offer: "
                    + recommendation.whyNothing());
        }
        return of(name, recommendation.offers(), image, size);
    }

    /** A copy that tries at most this many places. */
    public FailoverSubGroup maxAttempts(int attempts) {
        return new FailoverSubGroup(name, offers, image, size, attempts, labels, publicIp);
    }

    /** A copy with one more label. */
    public FailoverSubGroup label(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(key, value);
        return new FailoverSubGroup(name, offers, image, size, maxAttempts, more, publicIp);
    }

    /** A copy whose VMs get public IPs or not. */
    public FailoverSubGroup publicIp(boolean wanted) {
        return new FailoverSubGroup(name, offers, image, size, maxAttempts, labels, wanted);
    }

    /** A fresh plan over its places. */
    FailoverPlan plan() {
        return new FailoverPlan(offers, maxAttempts);
    }
}
