package io.multicloud.core.mci;

import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.core.mci.JournalEntry.ConnectionRef;
import io.multicloud.core.mci.JournalEntry.Resource;
import io.multicloud.core.mci.JournalEntry.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The record of what the MCI orchestrator creates, so that nothing it made is left behind
 * unaccounted after a crash: an {@link #intent} before each create call, {@link #created} (with
 * the cloud's id) or {@link #failed} after it, {@link #deleted} once the resource is gone, and
 * {@link #mciDeleted} when the whole MCI is. After a restart, {@link #pending} tells what was in
 * flight or alive.
 *
 * <p>Every method is thread-safe: many virtual threads may append at once. Each append returns
 * only once the entry is recorded (for a durable journal: on disk). A journal never holds a
 * secret: connections are {@link ConnectionRef}s, which carry no credential.
 *
 * <p>An MCI's journal starts again after its {@code MCI_DELETED} entry: {@link #entries},
 * {@link #pending} and {@link #mcis} no longer show what came before.
 */
public interface Journal extends AutoCloseable {

    /** The longest failure reason kept (the longest tag value any cloud accepts). */
    int MAX_REASON = 256;

    /**
     * The factory of entries: assigns the next sequence and the current time, records the entry,
     * and returns it. The methods below check their input and call it; prefer them.
     *
     * @throws java.io.UncheckedIOException when a durable journal cannot write the entry (then nothing is recorded)
     */
    JournalEntry append(String mci, Type type, ResourceKind kind, ConnectionRef connection, String name,
                        String cloudId, Map<String, String> tags);

    /** The entries of an MCI's current journal, in the order they were appended; empty if none. */
    List<JournalEntry> entries(String mci);

    /** The MCIs with a journal (some entry after their last {@code MCI_DELETED}), in name order. */
    Set<String> mcis();

    /**
     * Makes sure this process may write the journal, before an operation starts: a durable journal
     * takes its directory's lock, and refuses (naming the holder) while another live process has it.
     */
    default void requireWritable() {
    }

    /** Releases what the journal holds open (files); the entries it wrote stay. */
    @Override
    default void close() {
    }

    /** Records, before the create call, that a resource is about to be created with these tags. */
    default JournalEntry intent(String mci, ResourceKind kind, ConnectionRef connection, String name,
                                Map<String, String> tags) {
        checkMci(mci);
        Validate.required("kind", kind);
        Validate.required("connection", connection);
        Validate.notBlank("name", name);
        return append(mci, Type.INTENT, kind, connection, name, null, Validate.tags("tags", tags));
    }

    /** Records that the create call of {@code intent} succeeded and the cloud calls the resource {@code cloudId}. */
    default JournalEntry created(JournalEntry intent, String cloudId) {
        requireIntent(intent);
        Validate.notBlank("cloudId", cloudId);
        return append(intent.mci(), Type.CREATED, intent.kind(), intent.connection(), intent.name(), cloudId, intent.tags());
    }

    /** Records that the create call of {@code intent} failed and nothing was made; the reason is kept, cut to {@link #MAX_REASON}. */
    default JournalEntry failed(JournalEntry intent, String reason) {
        requireIntent(intent);
        String why = reason == null || reason.isBlank() ? "unknown" : reason;
        if (why.length() > MAX_REASON) {
            why = why.substring(0, MAX_REASON - 1) + "…";
        }
        return append(intent.mci(), Type.FAILED, intent.kind(), intent.connection(), intent.name(), null,
                Map.of(JournalEntry.REASON, why));
    }

    /** Records that a resource is gone; the entry carries the cloud id the journal knew, if any. */
    default JournalEntry deleted(String mci, ResourceKind kind, ConnectionRef connection, String name) {
        checkMci(mci);
        Validate.required("kind", kind);
        Validate.required("connection", connection);
        Validate.notBlank("name", name);
        return append(mci, Type.DELETED, kind, connection, name, cloudId(mci, new Resource(kind, connection, name)), Map.of());
    }

    /** The last cloud id the MCI's journal recorded for a resource, or null; override with an index for large journals. */
    default String cloudId(String mci, Resource resource) {
        String cloudId = null;
        for (JournalEntry e : entries(mci)) {
            if (resource.equals(e.resource()) && e.cloudId() != null) {
                cloudId = e.cloudId();
            }
        }
        return cloudId;
    }

    /** Records that a whole MCI is gone: its journal is closed and may be dropped. */
    default JournalEntry mciDeleted(String mci) {
        checkMci(mci);
        return append(mci, Type.MCI_DELETED, null, null, null, null, Map.of());
    }

    /**
     * The resources of an MCI that may exist: those whose last entry is {@code INTENT} (in flight
     * when the process stopped: the create call may or may not have made it) or {@code CREATED}
     * (alive as far as the journal knows), in the order of that last entry, that is the order they
     * were asked for or created in. Undo them in reverse order.
     */
    default List<Pending> pending(String mci) {
        Map<Resource, JournalEntry> last = new LinkedHashMap<>();
        for (JournalEntry e : entries(mci)) {
            if (e.isResource()) {
                last.remove(e.resource()); // re-inserted so the map keeps the order of last entries
                last.put(e.resource(), e);
            }
        }
        List<Pending> pending = new ArrayList<>();
        for (JournalEntry e : last.values()) {
            if (e.type() == Type.INTENT || e.type() == Type.CREATED) {
                pending.add(new Pending(e.kind(), e.connection(), e.name(), e.cloudId(), e.type()));
            }
        }
        return List.copyOf(pending);
    }

    /**
     * Checks the name a journal is kept under: an MCI's name (the name rule of
     * {@link Validate#name}), or a reserved name, {@code _} followed by such a name (such as
     * {@code _shared} for resources several MCIs share), which no MCI can take. Either is safe as
     * a file name.
     *
     * @throws InvalidRequestException naming the field {@code mci} otherwise
     */
    static String checkMci(String mci) {
        Validate.notBlank("mci", mci);
        Validate.name("mci", mci.startsWith("_") ? mci.substring(1) : mci);
        return mci;
    }

    private static void requireIntent(JournalEntry intent) {
        Validate.required("intent", intent);
        if (intent.type() != Type.INTENT) {
            throw new InvalidRequestException("intent", "is a " + intent.type() + " entry, not an INTENT");
        }
    }

    /**
     * A resource that may exist, as the journal knows it.
     *
     * @param kind its kind
     * @param connection where it lives
     * @param name its name
     * @param cloudId the cloud's id, or null when the create call never reported back
     * @param state {@code INTENT} (in flight: it may or may not exist) or {@code CREATED} (it exists)
     */
    record Pending(ResourceKind kind, ConnectionRef connection, String name, String cloudId, Type state) {

        /** Whether the create call never reported back, so the resource must be looked for by name or tags. */
        public boolean inFlight() {
            return state == Type.INTENT;
        }
    }
}
