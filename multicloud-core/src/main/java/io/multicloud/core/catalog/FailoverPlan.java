package io.multicloud.core.catalog;

import io.multicloud.api.ErrorScope;
import io.multicloud.api.ScopedCloudException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The places to try in turn for one request, best first, and the scopes that said no: the part of
 * failover that does not depend on the MCI engine (which calls {@link #next()} before each
 * creation and {@link #failed} when a place refuses). Each offer is one candidate per zone it
 * lists (one without a zone when it lists none). When a place fails with a quota or capacity
 * error, the error's scope is blocked for the rest of the request: the zone, the region
 * (every zone of it) or the whole cloud (every region of the provider); a blocked scope is never
 * offered again. Not thread-safe: one plan per subgroup being placed.
 */
public final class FailoverPlan {
    private final List<Candidate> candidates = new ArrayList<>();
    private final int maxAttempts;
    private final Clock clock;
    private final Set<String> blocked = new HashSet<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private int cursor;

    /** A place to try: an offer, in one zone (null when the offer names none). */
    public record Candidate(Offer offer, String zone) {
        /** {@code provider+region+spec[+zone]}. */
        public String place() {
            return zone == null ? offer.id().toString() : offer.provider() + "+" + offer.region() + "+" + offer.specName()
                    + "+" + zone;
        }
    }

    /**
     * One try and how it ended.
     *
     * @param candidate where
     * @param error the error's text, empty when it worked
     * @param scope the scope blocked after it, null when it worked or blocked nothing
     * @param at when it ended
     */
    public record Attempt(Candidate candidate, String error, ErrorScope scope, Instant at) {
        /** Whether it worked. */
        public boolean succeeded() {
            return error.isEmpty();
        }

        @Override
        public String toString() {
            return at + " " + candidate.place() + (succeeded() ? " ok" : " FAILED " + error
                    + (scope == null ? "" : " [blocked " + scope.name().toLowerCase(Locale.ROOT) + "]"));
        }
    }

    /** A plan over offers (best first), trying at most {@code maxAttempts} places. */
    public FailoverPlan(List<Offer> offers, int maxAttempts) {
        this(offers, maxAttempts, Clock.systemUTC());
    }

    FailoverPlan(List<Offer> offers, int maxAttempts, Clock clock) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        for (Offer o : offers) {
            if (o.id().zone() != null) {
                candidates.add(new Candidate(o, o.id().zone()));
            } else if (o.zones().isEmpty()) {
                candidates.add(new Candidate(o, null));
            } else {
                o.zones().forEach(z -> candidates.add(new Candidate(o, z)));
            }
        }
    }

    /** A plan over a recommendation's picks. */
    public static FailoverPlan of(Recommendation recommendation, int maxAttempts) {
        return new FailoverPlan(recommendation.offers(), maxAttempts);
    }

    /** The next place whose scopes are not blocked, if any is left and the attempt limit is not reached. */
    public Optional<Candidate> next() {
        if (attempts.size() >= maxAttempts) {
            return Optional.empty();
        }
        while (cursor < candidates.size()) {
            Candidate c = candidates.get(cursor++);
            if (!isBlocked(c)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Whether a place lies in a blocked zone, region or cloud. */
    public boolean isBlocked(Candidate c) {
        String cloud = c.offer().provider();
        String region = cloud + "+" + c.offer().region();
        return blocked.contains("cloud:" + cloud) || blocked.contains("region:" + region)
                || (c.zone() != null && blocked.contains("zone:" + region + "+" + c.zone()));
    }

    /** Records that the place worked. */
    public void succeeded(Candidate c) {
        attempts.add(new Attempt(Objects.requireNonNull(c), "", null, clock.instant()));
    }

    /** Records a quota or capacity refusal and blocks its scope. */
    public void failed(Candidate c, ScopedCloudException e) {
        failed(c, e.scope(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /**
     * Records a failure; a non-null scope is blocked (a zone scope without a zone blocks the region:
     * the place named no zone to block).
     */
    public void failed(Candidate c, ErrorScope scope, String error) {
        Objects.requireNonNull(c, "candidate");
        if (scope != null) {
            String region = c.offer().provider() + "+" + c.offer().region();
            switch (scope) {
                case ZONE -> blocked.add(c.zone() == null ? "region:" + region : "zone:" + region + "+" + c.zone());
                case REGION -> blocked.add("region:" + region);
                case CLOUD -> blocked.add("cloud:" + c.offer().provider());
                default -> throw new IllegalStateException("unknown scope " + scope);
            }
        }
        attempts.add(new Attempt(c, error == null || error.isEmpty() ? "failed" : error, scope, clock.instant()));
    }

    /** Every attempt so far, in order. */
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The scopes blocked so far ({@code zone:aws+us-east-2+us-east-2a}, {@code region:...}, {@code cloud:aws}). */
    public Set<String> blockedScopes() {
        return Set.copyOf(blocked);
    }

    @Override
    public String toString() {
        return "FailoverPlan[" + candidates.size() + " places, " + attempts.size() + "/" + maxAttempts + " attempts, blocked="
                + blocked + "]";
    }
}
