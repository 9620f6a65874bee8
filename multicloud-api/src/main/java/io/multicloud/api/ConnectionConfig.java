package io.multicloud.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a connection is made of, in the spirit of CB-Spider: a driver, a region (and optional
 * zone), a credential, and driver properties (such as an {@code endpoint} override).
 * Immutable; build it fluently:
 * <pre>{@code ConnectionConfig.of("mock", "mars").zone("mars-z1").credential("account", "team-a")}</pre>
 *
 * @param name a name for the connection, used in messages; defaults to {@code driver/region}
 * @param driver the driver name, as listed by {@code MultiCloud.drivers()}
 * @param region the cloud's region
 * @param zone the zone inside the region, or {@code null} for the driver's default
 * @param credential the credential; {@link Credential#NONE} for the cloud's own chain
 * @param properties driver-specific settings, documented by each driver
 */
public record ConnectionConfig(String name, String driver, String region, String zone,
                               Credential credential, Map<String, String> properties) {

    public ConnectionConfig {
        Validate.notBlank("driver", driver);
        Validate.notBlank("region", region);
        if (name == null || name.isBlank()) {
            name = driver + "/" + region;
        }
        credential = credential == null ? Credential.NONE : credential;
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** A configuration for a driver and region, with no credential (the cloud's own chain). */
    public static ConnectionConfig of(String driver, String region) {
        return new ConnectionConfig(null, driver, region, null, Credential.NONE, Map.of());
    }

    /** A copy with this connection name. */
    public ConnectionConfig named(String newName) {
        return new ConnectionConfig(newName, driver, region, zone, credential, properties);
    }

    /** A copy with this zone. */
    public ConnectionConfig zone(String newZone) {
        return new ConnectionConfig(name, driver, region, newZone, credential, properties);
    }

    /** A copy with this credential. */
    public ConnectionConfig credential(Credential newCredential) {
        return new ConnectionConfig(name, driver, region, zone, newCredential, properties);
    }

    /** A copy with one more credential value. */
    public ConnectionConfig credential(String key, String value) {
        return credential(credential.with(key, value));
    }

    /** A copy with one more driver property. */
    public ConnectionConfig property(String key, String value) {
        Validate.notBlank("property key", key);
        Map<String, String> copy = new LinkedHashMap<>(properties);
        copy.put(key, value);
        return new ConnectionConfig(name, driver, region, zone, credential, copy);
    }

    /** A driver property, if set. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** The zone, if set. */
    public Optional<String> zoneIfSet() {
        return Optional.ofNullable(zone);
    }
}
