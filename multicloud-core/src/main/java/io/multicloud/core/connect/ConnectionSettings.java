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

    /**
     * The connection of that name, if configured. A connection whose {@code _DRIVER} is in the
     * environment is the environment's alone; one the environment gives only parts of
     * ({@code _REGION}, {@code _ZONE}, {@code _CREDENTIAL_<KEY>}, {@code _PROPERTY_<KEY>}) takes
     * them over the file's connection of that name (a secret kept out of the file, say), and is
     * refused, naming what is missing, when no file has it.
     */
    public Optional<ConnectionConfig> find(String name) {
        Optional<ConnectionConfig> fromEnv = fromEnvironment(name);
        if (fromEnv.isPresent()) {
            return fromEnv;
        }
        Optional<ConnectionConfig> fromFile = ConnectionFiles.read(configDir).stream().filter(c -> c.name().equals(name)).findFirst();
        String prefix = ENV_PREFIX + envName(name) + "_";
        boolean partly = env.keySet().stream().anyMatch(k -> k.startsWith(prefix));
        if (!partly) {
            return fromFile;
        }
        if (fromFile.isEmpty()) {
            throw new InvalidRequestException("driver", "connection '" + name + "' is given only partly in the environment ("
                    + env.keySet().stream().filter(k -> k.startsWith(prefix)).sorted().toList() + "): set " + prefix
                    + "DRIVER and " + prefix + "REGION, or define it in " + ConnectionFiles.describe(configDir));
        }
        return Optional.of(overlay(fromFile.get(), prefix));
    }

    /** The file's connection with what the environment gives of it on top. */
    private ConnectionConfig overlay(ConnectionConfig config, String prefix) {
        ConnectionConfig out = config;
        String region = env.get(prefix + "REGION");
        if (region != null) {
            ConnectionConfig moved = ConnectionConfig.of(out.driver(), region).named(out.name()).zone(out.zone());
            for (Map.Entry<String, String> p : out.properties().entrySet()) {
                moved = moved.property(p.getKey(), p.getValue());
            }
            for (Map.Entry<String, io.multicloud.api.Secret> c : out.credential().values().entrySet()) {
                moved = moved.credential(c.getKey(), c.getValue().reveal());
            }
            out = moved;
        }
        if (env.get(prefix + "ZONE") != null) {
            out = out.zone(env.get(prefix + "ZONE"));
        }
        return withKeys(out, prefix);
    }

    /** The connection with the environment's {@code _CREDENTIAL_<KEY>} and {@code _PROPERTY_<KEY>} values. */
    private ConnectionConfig withKeys(ConnectionConfig config, String prefix) {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(env).entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix + "CREDENTIAL_")) {
                config = config.credential(key.substring((prefix + "CREDENTIAL_").length()).toLowerCase(Locale.ROOT), e.getValue());
            } else if (key.startsWith(prefix + "PROPERTY_")) {
                config = config.property(key.substring((prefix + "PROPERTY_").length()).toLowerCase(Locale.ROOT), e.getValue());
            }
        }
        return config;
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
        return Optional.of(withKeys(ConnectionConfig.of(driver, region).named(name).zone(env.get(prefix + "ZONE")), prefix));
    }

    static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
