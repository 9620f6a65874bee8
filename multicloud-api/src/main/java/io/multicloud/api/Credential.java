package io.multicloud.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The credential of a connection: named secret values, as each driver documents them
 * (for the mock: {@code account}; for AWS: {@code access_key_id}, {@code secret_access_key}).
 * An empty credential means "use the cloud's own credential chain".
 * {@code toString()} shows the keys only, never a value.
 */
public record Credential(Map<String, Secret> values) {

    /** No explicit credential: the driver uses its cloud's default credential chain. */
    public static final Credential NONE = new Credential(Map.of());

    public Credential {
        values = Map.copyOf(values);
    }

    /** A credential of one key. */
    public static Credential of(String key, String value) {
        return NONE.with(key, value);
    }

    /** A copy with one more value. */
    public Credential with(String key, String value) {
        Validate.notBlank("credential key", key);
        Map<String, Secret> copy = new LinkedHashMap<>(values);
        copy.put(key, Secret.of(value));
        return new Credential(copy);
    }

    /** The value for a key, if present. */
    public Optional<Secret> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether no value is given. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return "Credential" + values.keySet().stream().sorted().toList();
    }
}
