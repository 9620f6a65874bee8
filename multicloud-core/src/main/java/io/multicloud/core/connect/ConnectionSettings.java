package io.multicloud.core.connect;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Named connections configured outside the code, looked up in this order:
 * <ol>
 *   <li>environment variables {@code MULTICLOUD_CONN_<NAME>_DRIVER}, {@code _REGION}, {@code _ZONE},
 *       {@code _CREDENTIAL_<KEY>}, {@code _PROPERTY_<KEY>} (NAME upper case with {@code _} for
 *       {@code -}; keys lower-cased);</li>
 *   <li>the file {@code connections.yaml} (or {@code .yml}, or {@code connections.properties}) in
 *       the configuration directory: {@code $MULTICLOUD_HOME}, else {@code ~/.multicloud}.</li>
 * </ol>
 */
public final class ConnectionSettings {
    static final String ENV_PREFIX = "MULTICLOUD_CONN_";

    private final Map<String, String> env;
    private final Path configDir;

    /**
     * @param env the environment to read
     * @param userHome the user's home directory, used when {@code MULTICLOUD_HOME} is not set
     */
    public ConnectionSettings(Map<String, String> env, Path userHome) {
        this.env = Map.copyOf(env);
        String override = env.get("MULTICLOUD_HOME");
        this.configDir = override != null && !override.isBlank() ? Path.of(override) : userHome.resolve(".multicloud");
    }

    /** The directory holding {@code connections.yaml} or {@code connections.properties}. */
    public Path configDir() {
        return configDir;
    }

    /** The connection of that name; fails with the known names when there is none. */
    public ConnectionConfig get(String name) {
        return find(name).orElseThrow(() -> new InvalidRequestException("connection",
                "no connection named '" + name + "' in the environment (" + ENV_PREFIX + envName(name) + "_DRIVER ...) or in "
                        + ConnectionFiles.describe(configDir) + "; known connections: " + names()));
    }

    /** The connection of that name, if configured. */
    public Optional<ConnectionConfig> find(String name) {
        Optional<ConnectionConfig> fromEnv = fromEnvironment(name);
        return fromEnv.isPresent() ? fromEnv : ConnectionFiles.read(configDir).stream()
                .filter(c -> c.name().equals(name)).findFirst();
    }

    /** Every configured connection name. */
    public List<String> names() {
        TreeSet<String> names = new TreeSet<>();
        env.keySet().stream()
                .filter(k -> k.startsWith(ENV_PREFIX) && k.endsWith("_DRIVER"))
                .map(k -> k.substring(ENV_PREFIX.length(), k.length() - "_DRIVER".length()))
                .map(n -> n.toLowerCase(Locale.ROOT).replace('_', '-'))
                .forEach(names::add);
        ConnectionFiles.read(configDir).forEach(c -> names.add(c.name()));
        return new ArrayList<>(names);
    }

    private Optional<ConnectionConfig> fromEnvironment(String name) {
        String prefix = ENV_PREFIX + envName(name) + "_";
        String driver = env.get(prefix + "DRIVER");
        if (driver == null) {
            return Optional.empty();
        }
        String region = env.get(prefix + "REGION");
        if (region == null) {
            throw new InvalidRequestException("region", "connection '" + name + "' sets " + prefix + "DRIVER but not " + prefix + "REGION");
        }
        ConnectionConfig config = ConnectionConfig.of(driver, region).named(name).zone(env.get(prefix + "ZONE"));
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix + "CREDENTIAL_")) {
                config = config.credential(key.substring((prefix + "CREDENTIAL_").length()).toLowerCase(Locale.ROOT), e.getValue());
            } else if (key.startsWith(prefix + "PROPERTY_")) {
                config = config.property(key.substring((prefix + "PROPERTY_").length()).toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return Optional.of(config);
    }

    static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
