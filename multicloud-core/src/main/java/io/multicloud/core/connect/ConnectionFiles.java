package io.multicloud.core.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads named connections from {@code connections.yaml} / {@code connections.yml} /
 * {@code connections.properties} in a directory.
 * <pre>
 * # connections.yaml
 * connections:
 *   dev-mock:
 *     driver: mock
 *     region: mars
 *     zone: mars-z1
 *     credential: {account: team-a}
 *     properties: {transition_ms: 50}
 *
 * # connections.properties
 * dev-mock.driver=mock
 * dev-mock.region=mars
 * dev-mock.credential.account=team-a
 * dev-mock.property.transition_ms=50
 * </pre>
 */
final class ConnectionFiles {
    private static final List<String> YAML_NAMES = List.of("connections.yaml", "connections.yml");
    private static final String PROPERTIES_NAME = "connections.properties";
    /** What a connection in a file takes. */
    static final List<String> FIELDS = List.of("driver", "region", "zone", "credential", "properties");

    private ConnectionFiles() {
    }

    static String describe(Path dir) {
        return dir.resolve(YAML_NAMES.get(0)) + " (or .yml, or " + PROPERTIES_NAME + ")";
    }

    static List<ConnectionConfig> read(Path dir) {
        List<ConnectionConfig> all = new ArrayList<>();
        for (String name : YAML_NAMES) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                all.addAll(readYaml(file));
            }
        }
        Path properties = dir.resolve(PROPERTIES_NAME);
        if (Files.isRegularFile(properties)) {
            all.addAll(readProperties(properties));
        }
        return all;
    }

    private static List<ConnectionConfig> readYaml(Path file) {
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new ObjectMapper(new YAMLFactory()).readTree(reader);
        } catch (IOException e) {
            // The parser's message quotes the line, which may hold a credential: leave it out.
            throw new InvalidRequestException("connections file", file + " is not valid YAML");
        }
        JsonNode connections = root == null ? null : root.get("connections");
        if (connections == null || !connections.isObject()) {
            throw new InvalidRequestException("connections file", file + " needs a top-level 'connections:' map");
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!key.equals("connections")) {
                throw new InvalidRequestException("connections file", file + " has an unknown top-level key '" + key
                        + "'; it takes only 'connections'");
            }
        });
        List<ConnectionConfig> configs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = connections.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode c = e.getValue();
            if (c == null || !c.isObject()) {
                throw new InvalidRequestException("connection " + e.getKey(), "in " + file + " is not a map of " + FIELDS);
            }
            c.fieldNames().forEachRemaining(key -> {
                if (!FIELDS.contains(key)) {
                    throw new InvalidRequestException("connection " + e.getKey(), "in " + file + " has an unknown key '" + key
                            + "'; a connection takes " + FIELDS);
                }
            });
            ConnectionConfig config = ConnectionConfig.of(text(file, e.getKey(), c, "driver"), text(file, e.getKey(), c, "region"))
                    .named(e.getKey());
            if (c.hasNonNull("zone")) {
                config = config.zone(c.get("zone").asText());
            }
            for (Map.Entry<String, String> kv : map(c.get("credential")).entrySet()) {
                config = config.credential(kv.getKey(), kv.getValue());
            }
            for (Map.Entry<String, String> kv : map(c.get("properties")).entrySet()) {
                config = config.property(kv.getKey(), kv.getValue());
            }
            configs.add(config);
        }
        return configs;
    }

    private static String text(Path file, String connection, JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.asText().isBlank()) {
            throw new InvalidRequestException(field, "connection '" + connection + "' in " + file + " has no " + field);
        }
        return value.asText();
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> values = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        }
        return values;
    }

    private static List<ConnectionConfig> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new InvalidRequestException("connections file", file + " cannot be read: " + e.getClass().getSimpleName());
        }
        TreeSet<String> names = new TreeSet<>();
        p.stringPropertyNames().stream().filter(k -> k.endsWith(".driver"))
                .forEach(k -> names.add(k.substring(0, k.length() - ".driver".length())));
        for (String key : p.stringPropertyNames()) {
            int dot = key.indexOf('.');
            String connection = dot < 0 ? key : key.substring(0, dot);
            String rest = dot < 0 ? "" : key.substring(dot + 1);
            if (!names.contains(connection)) {
                throw new InvalidRequestException("connections file", file + " has '" + key + "' for a connection with no "
                        + connection + ".driver");
            }
            boolean known = rest.equals("driver") || rest.equals("region") || rest.equals("zone")
                    || rest.startsWith("credential.") && rest.length() > "credential.".length()
                    || rest.startsWith("property.") && rest.length() > "property.".length();
            if (!known) {
                throw new InvalidRequestException("connection " + connection, "in " + file + " has an unknown key '" + key
                        + "'; a connection takes <name>.driver, .region, .zone, .credential.<key>, .property.<key>");
            }
        }
        List<ConnectionConfig> configs = new ArrayList<>();
        for (String name : names) {
            String region = p.getProperty(name + ".region");
            if (region == null || region.isBlank()) {
                throw new InvalidRequestException("region", "connection '" + name + "' in " + file + " has no region");
            }
            ConnectionConfig config = ConnectionConfig.of(p.getProperty(name + ".driver"), region).named(name)
                    .zone(p.getProperty(name + ".zone"));
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                if (key.startsWith(name + ".credential.")) {
                    config = config.credential(key.substring((name + ".credential.").length()), p.getProperty(key));
                } else if (key.startsWith(name + ".property.")) {
                    config = config.property(key.substring((name + ".property.").length()), p.getProperty(key));
                }
            }
            configs.add(config);
        }
        return configs;
    }
}
