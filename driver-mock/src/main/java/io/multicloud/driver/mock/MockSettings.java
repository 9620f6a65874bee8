package io.multicloud.driver.mock;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.NotFoundException;
import io.multicloud.api.Region;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Secret;
import io.multicloud.api.Zone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A connection's configuration, read and checked once when it opens (property names are
 * listed on {@link MockDriver}). A bad value is InvalidRequest naming the property.
 */
record MockSettings(String account, String region, String zone, Path stateDir, Duration latency, int rateLimit,
                    Integer quotaVcpus, Integer quotaVms, double faultRate, long faultSeed, String faultOperation,
                    FaultKind faultKind, Duration transition) {

    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static MockSettings of(ConnectionConfig config, MockCatalog catalog) {
        String account = config.credential().get("account").map(Secret::reveal).orElse("default");
        if (!ACCOUNT.matcher(account).matches()) {
            throw new InvalidRequestException(ErrorContext.NONE.connectionIfAbsent(config.name()), "credential account",
                    "use 1-64 letters, digits, dots, hyphens and underscores");
        }
        Region region = catalog.region(config.region()).orElseThrow(() -> new NotFoundException(
                ErrorContext.of(config.name(), ResourceKind.REGION, config.region()).provider(MockErrors.NOT_FOUND, null),
                "the mock has no such region; it has " + catalog.regionNames().stream().sorted().toList()));
        String zone = config.zoneIfSet().orElse(region.zones().getFirst().name());
        if (region.zones().stream().map(Zone::name).noneMatch(zone::equals)) {
            throw new NotFoundException(ErrorContext.of(config.name(), ResourceKind.ZONE, zone)
                    .provider(MockErrors.NOT_FOUND, null), "region " + region.name() + " has zones "
                    + region.zones().stream().map(Zone::name).toList());
        }
        return new MockSettings(account, region.name(), zone,
                property(config, MockDriver.STATE_DIR, Path::of).orElse(null),
                Duration.ofMillis(property(config, MockDriver.LATENCY_MS, Long::parseLong).orElse(0L)),
                property(config, MockDriver.RATE_LIMIT_PER_SECOND, Integer::parseInt).orElse(0),
                property(config, MockDriver.QUOTA_VCPUS, Integer::parseInt).orElse(null),
                property(config, MockDriver.QUOTA_VMS, Integer::parseInt).orElse(null),
                property(config, MockDriver.FAULT_RATE, Double::parseDouble).orElse(0.0),
                property(config, MockDriver.FAULT_SEED, Long::parseLong).orElse(0L),
                property(config, MockDriver.FAULT_OPERATION, MockOperations::requireKnown).orElse(MockOperations.ANY),
                property(config, MockDriver.FAULT_KIND, s -> FaultKind.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                        .orElse(FaultKind.TRANSIENT),
                Duration.ofMillis(property(config, MockDriver.TRANSITION_MS, Long::parseLong)
                        .orElse(MockDriver.DEFAULT_TRANSITION_MS)));
    }

    MockSettings {
        check(latency.isNegative(), MockDriver.LATENCY_MS, "must not be negative");
        check(rateLimit < 0, MockDriver.RATE_LIMIT_PER_SECOND, "must not be negative");
        check(quotaVcpus != null && quotaVcpus < 0, MockDriver.QUOTA_VCPUS, "must not be negative");
        check(quotaVms != null && quotaVms < 0, MockDriver.QUOTA_VMS, "must not be negative");
        check(faultRate < 0 || faultRate > 1, MockDriver.FAULT_RATE, "must be within 0..1");
        check(transition.isNegative(), MockDriver.TRANSITION_MS, "must not be negative");
    }

    private static void check(boolean wrong, String property, String reason) {
        if (wrong) {
            throw new InvalidRequestException("property " + property, reason);
        }
    }

    private static <T> Optional<T> property(ConnectionConfig config, String key, Function<String, T> parse) {
        return config.property(key).filter(v -> !v.isBlank()).map(v -> {
            try {
                return parse.apply(v.trim());
            } catch (RuntimeException e) {
                throw new InvalidRequestException("property " + key, "'" + v + "' is not a valid value");
            }
        });
    }
}
