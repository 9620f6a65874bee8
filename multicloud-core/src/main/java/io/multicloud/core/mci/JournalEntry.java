package io.multicloud.core.mci;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an MCI's journal: what the orchestrator was about to do, or did, to one resource.
 * Entries are made by a {@link Journal} (which assigns {@code sequence} and {@code at}), never
 * by hand. An entry holds no secret: its connection is a {@link ConnectionRef}, which has no
 * credential.
 *
 * @param sequence the journal's counter, unique and increasing in the order entries were appended
 * @param at when the entry was appended
 * @param mci the MCI the resource belongs to
 * @param type what happened
 * @param kind the resource's kind; null only for {@link Type#MCI_DELETED}
 * @param connection where the resource lives; null only for {@link Type#MCI_DELETED}
 * @param name the resource's name; null only for {@link Type#MCI_DELETED}
 * @param cloudId the cloud's id of the resource, when known (CREATED, and DELETED after it), else null
 * @param tags the tags the resource carries (INTENT, CREATED); for FAILED, the reason under {@link #REASON}
 */
public record JournalEntry(long sequence, Instant at, String mci, Type type, ResourceKind kind,
                           ConnectionRef connection, String name, String cloudId, Map<String, String> tags) {

    /** The key under which a {@link Type#FAILED} entry keeps the failure's reason in {@link #tags}. */
    public static final String REASON = "reason";

    /** What an entry records. */
    public enum Type {
        /** Written before a create call: the resource may exist from now on, even if the call never returns. */
        INTENT,
        /** Written after the create call succeeded, with the cloud's id: the resource exists. */
        CREATED,
        /** Written when the create call failed and nothing was made: the intent is closed. */
        FAILED,
        /** Written when the resource is gone (deleted, or found absent). */
        DELETED,
        /** Written when the whole MCI is gone: its journal may be dropped. */
        MCI_DELETED
    }

    public JournalEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(mci, "mci");
        Objects.requireNonNull(type, "type");
        if (type != Type.MCI_DELETED) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(name, "name");
        }
        tags = immutable(tags);
    }

    /** Whether this entry concerns one resource (every type but {@link Type#MCI_DELETED}). */
    public boolean isResource() {
        return type != Type.MCI_DELETED;
    }

    /** The failure's reason of a {@link Type#FAILED} entry, or null. */
    public String reason() {
        return type == Type.FAILED ? tags.get(REASON) : null;
    }

    /** The identity of the resource this entry is about (kind, connection, name), or null for MCI_DELETED. */
    public Resource resource() {
        return isResource() ? new Resource(kind, connection, name) : null;
    }

    /**
     * The identity of one resource in a journal.
     *
     * @param kind its kind
     * @param connection where it lives
     * @param name its name
     */
    public record Resource(ResourceKind kind, ConnectionRef connection, String name) {
    }

    /**
     * A connection as the journal records it: everything needed to reconnect through the user's
     * configured connections, and never the credential.
     *
     * @param name the connection's name
     * @param driver the driver name
     * @param region the region
     * @param zone the zone, or null for the driver's default
     * @param properties the driver properties (settings such as an endpoint, not secrets)
     */
    public record ConnectionRef(String name, String driver, String region, String zone, Map<String, String> properties) {

        public ConnectionRef {
            Validate.notBlank("connection name", name);
            Validate.notBlank("driver", driver);
            Validate.notBlank("region", region);
            properties = immutable(properties);
        }

        /** A reference to a connection: a copy of everything in {@code config} but its credential. */
        public static ConnectionRef of(ConnectionConfig config) {
            Validate.required("connection", config);
            return new ConnectionRef(config.name(), config.driver(), config.region(), config.zone(), config.properties());
        }

        /**
         * The connection again, without a credential (the cloud's own chain then applies; add one
         * with {@link ConnectionConfig#credential(String, String)}): for {@code recover(ref -> mc.connect(ref.toConfig()))}.
         */
        public ConnectionConfig toConfig() {
            ConnectionConfig config = ConnectionConfig.of(driver, region).named(name).zone(zone);
            for (Map.Entry<String, String> property : properties.entrySet()) {
                config = config.property(property.getKey(), property.getValue());
            }
            return config;
        }
    }

    // Map.copyOf returns an immutable map as it is: most entries get the MCI's own, so nothing is copied.
    // A journal file sorts the keys itself (DirectoryJournal.encode), so that it reads the same whatever map was passed.
    private static Map<String, String> immutable(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Map.copyOf(map);
    }
}
