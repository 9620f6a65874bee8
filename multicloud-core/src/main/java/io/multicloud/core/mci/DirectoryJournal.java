package io.multicloud.core.mci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.multicloud.api.ConflictException;
import io.multicloud.api.ErrorContext;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.api.Validate;
import io.multicloud.core.mci.JournalEntry.ConnectionRef;
import io.multicloud.core.mci.JournalEntry.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A journal that survives a crash: one append-only JSON-lines file per MCI ({@code <mci>.jsonl})
 * in a directory. Each append is written and forced to disk before it returns, so a process
 * killed right after {@link #intent} returns leaves the entry on disk, and a new
 * {@code DirectoryJournal} on the same directory (a new process after a crash) sees every entry
 * the old one wrote. A last line cut short by a crash is ignored when read (and cut off before
 * the next append); it was never acknowledged to a caller.
 *
 * <p>Files (and the directory, when this class creates it) are readable by their owner only,
 * where the file system supports POSIX permissions. They hold no secret.
 *
 * <p>One process writes a directory at a time: the first write (or {@link #lockForWriting()})
 * takes a {@link FileLock} on its {@code .lock} file, held until {@link #close()} or the process
 * ends (the operating system lets it go when a process dies), and writes there who holds it. A
 * second process (or a second journal in this JVM) is refused, naming the holder.
 */
public final class DirectoryJournal implements Journal {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".jsonl";
    private static final int FORMAT = 1;
    private static final Set<StandardOpenOption> OPEN = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);

    private final Path dir;
    private final boolean posix;
    private final Map<String, FileChannel> files = new ConcurrentHashMap<>();
    private final MemoryJournal index;
    private FileChannel lockChannel;
    private FileLock lock;

    /** A journal in {@code dir}, created if missing, with the entries already there. */
    public DirectoryJournal(Path dir) {
        this(dir, Clock.systemUTC());
    }

    /** A journal in {@code dir} whose new entries are stamped by {@code clock}. */
    public DirectoryJournal(Path dir, Clock clock) {
        this.dir = Validate.required("dir", dir).toAbsolutePath();
        this.posix = this.dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        createDirectory();
        Map<String, List<JournalEntry>> loaded = new TreeMap<>();
        long last = load(loaded);
        this.index = new MemoryJournal(clock, last, loaded, new FileSink());
    }

    /** The directory the journal lives in. */
    public Path directory() {
        return dir;
    }

    @Override
    public JournalEntry append(String mci, Type type, ResourceKind kind, ConnectionRef connection, String name,
                               String cloudId, Map<String, String> tags) {
        Journal.checkMci(mci); // it becomes a file name
        lockForWriting();
        return index.append(mci, type, kind, connection, name, cloudId, tags);
    }

    @Override
    public void requireWritable() {
        lockForWriting();
    }

    /**
     * Takes the directory's lock for this process, unless it has it already.
     *
     * @throws ConflictException naming the holder when another process (or another journal in this JVM) has it
     */
    public synchronized void lockForWriting() {
        if (lock != null && lock.isValid()) {
            return;
        }
        Path file = dir.resolve(".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                taken = null;
            }
            if (taken == null) {
                String holder = holder(file);
                closeQuietly(channel);
                throw new ConflictException(ErrorContext.NONE, "the journal directory " + dir + " is held by " + holder
                        + ": one process writes a journal directory at a time (give this one another directory, or let"
                        + " that process end)");
            }
            String me = "process " + ProcessHandle.current().pid() + " on " + hostName() + " since " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            lockChannel = channel;
            lock = taken;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the journal directory " + dir, e);
        }
    }

    private static String holder(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this host";
        }
    }

    @Override
    public List<JournalEntry> entries(String mci) {
        return index.entries(mci);
    }

    @Override
    public Set<String> mcis() {
        return index.mcis();
    }

    @Override
    public String cloudId(String mci, JournalEntry.Resource resource) {
        return index.cloudId(mci, resource);
    }

    /** Closes the open files and lets the directory's lock go; a later append takes them again. */
    @Override
    public synchronized void close() {
        for (Iterator<Map.Entry<String, FileChannel>> it = files.entrySet().iterator(); it.hasNext(); ) {
            closeQuietly(it.next().getValue());
            it.remove();
        }
        if (lockChannel != null) {
            closeQuietly(lockChannel); // releases the lock
            lockChannel = null;
            lock = null;
        }
    }

    @Override
    public String toString() {
        return "DirectoryJournal[" + dir + "]";
    }

    private void createDirectory() {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (Files.exists(dir)) {
            throw new InvalidRequestException("dir", dir + " exists and is not a directory");
        }
        try {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the journal directory " + dir, e);
        }
    }

    /** Reads every MCI's file into {@code into}; returns the highest sequence seen. */
    private long load(Map<String, List<JournalEntry>> into) {
        long last = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                String mci = name.substring(0, name.length() - SUFFIX.length());
                List<JournalEntry> entries = read(file, mci);
                for (JournalEntry e : entries) {
                    last = Math.max(last, e.sequence());
                }
                int closedAt = lastMciDeleted(entries);
                List<JournalEntry> current = entries.subList(closedAt + 1, entries.size());
                if (closedAt >= 0 && current.isEmpty()) {
                    // A crash between writing MCI_DELETED and removing the file: finish the removal.
                    Files.deleteIfExists(file);
                } else if (!current.isEmpty()) {
                    into.put(mci, List.copyOf(current));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal directory " + dir, e);
        }
        return last;
    }

    private static int lastMciDeleted(List<JournalEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).type() == Type.MCI_DELETED) {
                return i;
            }
        }
        return -1;
    }

    private static List<JournalEntry> read(Path file, String mci) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        // The last element follows the last newline: empty when the file ends cleanly, else a torn append.
        if (!lines[lines.length - 1].isEmpty()) {
            LOG.debug("Ignored a line cut short at the end of {}", file);
        }
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            try {
                JournalEntry entry = decode(lines[i]);
                if (!entry.mci().equals(mci)) {
                    LOG.warn("Skipped line {} of {}: it belongs to MCI {}", i + 1, file, entry.mci());
                } else {
                    entries.add(entry);
                }
            } catch (IOException | RuntimeException e) {
                if (i == lines.length - 2) {
                    LOG.debug("Ignored an unreadable last line of {}: {}", file, e.toString());
                } else {
                    LOG.warn("Skipped unreadable line {} of {}: {}", i + 1, file, e.toString());
                }
            }
        }
        return entries;
    }

    static String encode(JournalEntry e) {
        ObjectNode node = JSON.createObjectNode();
        node.put("v", FORMAT);
        node.put("seq", e.sequence());
        node.put("at", e.at().toString());
        node.put("mci", e.mci());
        node.put("type", e.type().name());
        if (e.isResource()) {
            node.put("kind", e.kind().name());
            ObjectNode c = node.putObject("connection");
            ConnectionRef ref = e.connection();
            c.put("name", ref.name());
            c.put("driver", ref.driver());
            c.put("region", ref.region());
            if (ref.zone() != null) {
                c.put("zone", ref.zone());
            }
            new TreeMap<>(ref.properties()).forEach(c.putObject("properties")::put);
            node.put("name", e.name());
        }
        if (e.cloudId() != null) {
            node.put("cloudId", e.cloudId());
        }
        ObjectNode tags = node.putObject("tags");
        new TreeMap<>(e.tags()).forEach(tags::put); // sorted: a file reads the same whatever map was passed
        try {
            return JSON.writeValueAsString(node); // escapes newlines: one entry, one line
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static JournalEntry decode(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        Type type = Type.valueOf(n.required("type").asText());
        ResourceKind kind = null;
        ConnectionRef ref = null;
        String name = null;
        if (type != Type.MCI_DELETED) {
            kind = ResourceKind.valueOf(n.required("kind").asText());
            JsonNode c = n.required("connection");
            ref = new ConnectionRef(c.required("name").asText(), c.required("driver").asText(),
                    c.required("region").asText(), text(c, "zone"), strings(c.get("properties")));
            name = n.required("name").asText();
        }
        return new JournalEntry(n.required("seq").asLong(), Instant.parse(n.required("at").asText()),
                n.required("mci").asText(), type, kind, ref, name, text(n, "cloudId"), strings(n.get("tags")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null) {
            node.fields().forEachRemaining(f -> map.put(f.getKey(), f.getValue().asText()));
        }
        return map;
    }

    private Path file(String mci) {
        return dir.resolve(mci + SUFFIX);
    }

    private FileChannel open(String mci) {
        Path file = file(mci);
        try {
            boolean created = !Files.exists(file);
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            FileChannel channel = FileChannel.open(file, OPEN, attributes);
            try {
                channel.position(cutTornTail(channel));
            } catch (IOException e) {
                closeQuietly(channel);
                throw e;
            }
            if (created) {
                forceDirectory(); // so that the new file's name survives a power loss, not only its content
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal file " + file, e);
        }
    }

    /** Cuts off a line left unfinished by a crash, so the next entry starts on its own line; returns the new end. */
    private static long cutTornTail(FileChannel channel) throws IOException {
        long end = channel.size();
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        long pos = end;
        while (pos > 0) {
            int length = (int) Math.min(chunk.capacity(), pos);
            chunk.clear().limit(length);
            long from = pos - length;
            while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) >= 0) {
                // read until the chunk is full
            }
            for (int i = length - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    long cut = from + i + 1;
                    if (cut < end) {
                        channel.truncate(cut);
                    }
                    return cut;
                }
            }
            pos = from;
        }
        if (end > 0) {
            channel.truncate(0);
        }
        return 0;
    }

    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not force the directory {} to disk: {}", dir, e.toString());
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Could not close a journal file: {}", e.toString());
        }
    }

    /** Writes each entry to its MCI's file; called under that MCI's lock, so one writer per file. */
    private final class FileSink implements MemoryJournal.Sink {
        @Override
        public void write(JournalEntry entry) {
            ByteBuffer line = ByteBuffer.wrap((encode(entry) + "\n").getBytes(StandardCharsets.UTF_8));
            FileChannel channel = files.computeIfAbsent(entry.mci(), DirectoryJournal.this::open);
            try {
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                channel.force(false); // data and the size needed to read it back
            } catch (IOException e) {
                // Reopened on the next append, which cuts off whatever part of this line was written.
                files.remove(entry.mci(), channel);
                closeQuietly(channel);
                throw new UncheckedIOException("cannot write the journal of MCI " + entry.mci() + " to " + file(entry.mci()), e);
            }
        }

        @Override
        public void drop(String mci) {
            FileChannel channel = files.remove(mci);
            if (channel != null) {
                closeQuietly(channel);
            }
            try {
                Files.deleteIfExists(file(mci));
            } catch (IOException e) {
                LOG.warn("Could not delete the journal file {} of deleted MCI {}: {}", file(mci), mci, e.toString());
            }
        }
    }
}
