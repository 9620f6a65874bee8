package io.multicloud.core.mci;

import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.JournalEntry.ConnectionRef;
import io.multicloud.core.mci.JournalEntry.Type;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default journal: kept in memory, so it survives no crash, but tells a running process
 * what it made. Appends to different MCIs proceed in parallel; appends to one MCI are ordered.
 * It is also the index that {@link DirectoryJournal} keeps in front of its files.
 */
public final class MemoryJournal implements Journal {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryJournal.class);

    /** Where entries go before they become visible; the memory journal's own writes nowhere. */
    interface Sink {
        /** Records an entry; when it throws, the entry is not appended. */
        void write(JournalEntry entry);

        /** Forgets an MCI's journal, after its MCI_DELETED entry was written. */
        void drop(String mci);
    }

    private static final Sink NOWHERE = new Sink() {
        @Override
        public void write(JournalEntry entry) {
        }

        @Override
        public void drop(String mci) {
        }
    };

    private final Clock clock;
    private final AtomicLong sequence;
    private final Sink sink;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();

    /** An empty journal on the system clock. */
    public MemoryJournal() {
        this(Clock.systemUTC());
    }

    /** An empty journal whose entries are stamped by {@code clock}. */
    public MemoryJournal(Clock clock) {
        this(clock, 0, Map.of(), NOWHERE);
    }

    /** A journal that starts with {@code loaded} entries, numbers new ones after {@code lastSequence}, and writes through {@code sink}. */
    MemoryJournal(Clock clock, long lastSequence, Map<String, List<JournalEntry>> loaded, Sink sink) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sequence = new AtomicLong(lastSequence);
        this.sink = Objects.requireNonNull(sink, "sink");
        loaded.forEach((mci, entries) -> {
            Log log = new Log();
            log.entries.addAll(entries);
            entries.stream().filter(e -> e.cloudId() != null && e.isResource()).forEach(e -> log.cloudIds.put(e.resource(), e.cloudId()));
            logs.put(mci, log);
        });
    }

    @Override
    public JournalEntry append(String mci, Type type, ResourceKind kind, ConnectionRef connection, String name,
                               String cloudId, Map<String, String> tags) {
        Objects.requireNonNull(mci, "mci");
        Objects.requireNonNull(type, "type");
        while (true) {
            Log log = logs.computeIfAbsent(mci, m -> new Log());
            log.lock.lock();
            try {
                if (log.dropped) {
                    continue; // an MCI_DELETED dropped this log while we waited: start the new one
                }
                // The sequence is taken under the MCI's lock so that an MCI's entries are in sequence order.
                JournalEntry entry = new JournalEntry(sequence.incrementAndGet(), clock.instant(), mci, type, kind,
                        connection, name, cloudId, tags);
                sink.write(entry);
                if (type == Type.MCI_DELETED) {
                    warnIfPending(mci, log.entries);
                    sink.drop(mci);
                    log.dropped = true;
                    logs.remove(mci, log);
                } else {
                    log.entries.add(entry);
                    if (cloudId != null) {
                        log.cloudIds.put(entry.resource(), cloudId);
                    }
                }
                return entry;
            } finally {
                log.lock.unlock();
            }
        }
    }

    @Override
    public List<JournalEntry> entries(String mci) {
        Log log = logs.get(mci);
        if (log == null) {
            return List.of();
        }
        log.lock.lock();
        try {
            return List.copyOf(log.entries);
        } finally {
            log.lock.unlock();
        }
    }

    @Override
    public Set<String> mcis() {
        Set<String> names = new TreeSet<>();
        logs.forEach((mci, log) -> {
            if (!entries(mci).isEmpty()) {
                names.add(mci);
            }
        });
        return Collections.unmodifiableSet(names);
    }

    private static void warnIfPending(String mci, List<JournalEntry> entries) {
        MemoryJournal view = new MemoryJournal(Clock.systemUTC(), 0, Map.of(mci, entries), NOWHERE);
        int pending = view.pending(mci).size();
        if (pending > 0) {
            LOG.warn("MCI {} is recorded as deleted while its journal still shows {} resource(s) that may exist", mci, pending);
        }
    }

    /** The last cloud id of a resource, from an index (not a scan: an MCI of 10,000 VMs deletes them in one pass). */
    @Override
    public String cloudId(String mci, JournalEntry.Resource resource) {
        Log log = logs.get(mci);
        if (log == null) {
            return null;
        }
        log.lock.lock();
        try {
            return log.cloudIds.get(resource);
        } finally {
            log.lock.unlock();
        }
    }

    /** One MCI's entries, the last cloud id of each resource, and the lock that orders them. */
    private static final class Log {
        final ReentrantLock lock = new ReentrantLock();
        final List<JournalEntry> entries = new ArrayList<>();
        final Map<JournalEntry.Resource, String> cloudIds = new java.util.HashMap<>();
        boolean dropped;
    }
}
