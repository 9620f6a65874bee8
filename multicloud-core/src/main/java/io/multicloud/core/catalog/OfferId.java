package io.multicloud.core.catalog;

import io.multicloud.api.InvalidRequestException;
import java.util.Objects;

/**
 * A spec's place in the multi-cloud catalog: {@code provider+region+specName}, and
 * {@code provider+region+specName+zone} where the price differs by zone. Usable wherever a spec
 * is named ({@code gcp+asia-northeast3+g2-standard-24}).
 *
 * @param provider the driver name ({@code aws}, {@code gcp}, {@code mock})
 * @param region the cloud's region name
 * @param spec the cloud's spec name
 * @param zone the zone, or {@code null} when the offer holds for every zone it lists
 */
public record OfferId(String provider, String region, String spec, String zone) {
    /** The separator: never part of a provider, region or zone name. */
    public static final char SEPARATOR = '+';

    public OfferId {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(spec, "spec");
    }

    /** An id without a zone. */
    public static OfferId of(String provider, String region, String spec) {
        return new OfferId(provider, region, spec, null);
    }

    /**
     * Reads {@code provider+region+spec[+zone]}. A spec name holding a {@code +} cannot be
     * told from a zone and is not used by any cloud here.
     */
    public static OfferId parse(String text) {
        String[] parts = text == null ? new String[0] : text.split("\\+", -1);
        if (parts.length < 3 || parts.length > 4 || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
            throw new InvalidRequestException("spec id",
                    "'" + text + "' is not a spec id: write provider+region+specName[+zone], such as aws+us-east-2+g6.xlarge");
        }
        return new OfferId(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : null);
    }

    /** Whether the text has the shape of a spec id rather than a plain spec name. */
    public static boolean looksLikeId(String text) {
        return text != null && text.chars().filter(c -> c == SEPARATOR).count() >= 2;
    }

    @Override
    public String toString() {
        return zone == null ? provider + SEPARATOR + region + SEPARATOR + spec
                : provider + SEPARATOR + region + SEPARATOR + spec + SEPARATOR + zone;
    }
}
