package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.Journal.Pending;
import io.multicloud.core.mci.JournalEntry.ConnectionRef;
import io.multicloud.core.mci.JournalEntry.Type;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the directory journal does: files that survive the process, torn lines, permissions, no secret. */
class DirectoryJournalTest {
    static final ConnectionRef MARS = JournalTest.MARS;
    static final Map<String, String> TAGS = JournalTest.TAGS;

    @TempDir
    Path dir;

    @Test
    void aSecondJournalOnTheSameDirectorySeesEverythingTheFirstWrote() {
        JournalEntry vpc;
        JournalEntry vm;
        try (DirectoryJournal first = new DirectoryJournal(dir)) {
            vpc = first.created(first.intent("web", ResourceKind.VPC, MARS, "web-vpc", TAGS), "vpc-1");
            vm = first.intent("web", ResourceKind.VM, MARS, "web-g1-1", Map.of("note", "a \"quoted\"\nline"));
            first.intent("db", ResourceKind.VM, MARS, "db-g1-1", TAGS);
        }

        try (DirectoryJournal second = new DirectoryJournal(dir)) {
            assertThat(second.mcis()).containsExactly("db", "web");
            assertThat(second.entries("web")).hasSize(3).contains(vpc, vm);
            assertThat(second.pending("web")).containsExactly(
                    new Pending(ResourceKind.VPC, MARS, "web-vpc", "vpc-1", Type.CREATED),
                    new Pending(ResourceKind.VM, MARS, "web-g1-1", null, Type.INTENT));
            JournalEntry next = second.created(vm, "i-1");
            assertThat(next.sequence()).isGreaterThan(second.entries("db").getFirst().sequence());
        }
    }

    @Test
    void anIntentSurvivesAProcessKilledRightAfterItReturns() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                WriteIntentAndWait.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> said = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        if (line.equals("recorded")) {
                            return line;
                        }
                    }
                    return "ended";
                } catch (java.io.IOException e) {
                    return e.toString();
                }
            });
            assertThat(said.get(60, TimeUnit.SECONDS)).isEqualTo("recorded");
        } finally {
            child.destroyForcibly(); // SIGKILL: nothing is flushed on the way out
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (DirectoryJournal after = new DirectoryJournal(dir)) {
            assertThat(after.pending("crashy")).containsExactly(
                    new Pending(ResourceKind.VM, MARS, "crashy-g1-1", null, Type.INTENT));
        }
    }

    /** The process the kill test starts: records one intent, says so, and waits to be killed. */
    static final class WriteIntentAndWait {
        public static void main(String[] args) throws Exception {
            Journal journal = new DirectoryJournal(Path.of(args[0]));
            journal.intent("crashy", ResourceKind.VM, MARS, "crashy-g1-1", TAGS);
            System.out.println("recorded");
            System.out.flush();
            Thread.sleep(120_000); // killed long before; bounded in case the test runner is gone
        }
    }

    @Test
    void aLastLineCutShortByACrashIsIgnoredAndTheNextEntryStartsOnItsOwnLine() throws Exception {
        JournalEntry kept;
        try (DirectoryJournal first = new DirectoryJournal(dir)) {
            kept = first.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS);
        }
        Path file = dir.resolve("web.jsonl");
        Files.writeString(file, "{\"v\":1,\"seq\":2,\"at\":\"2030-01-0", StandardOpenOption.APPEND);

        try (DirectoryJournal second = new DirectoryJournal(dir)) {
            assertThat(second.entries("web")).containsExactly(kept);
            JournalEntry created = second.created(kept, "i-1");

            assertThat(Files.readAllLines(file)).hasSize(2).allMatch(line -> line.startsWith("{") && line.endsWith("}"));
            try (DirectoryJournal third = new DirectoryJournal(dir)) {
                assertThat(third.entries("web")).containsExactly(kept, created);
            }
        }
    }

    @Test
    void anUnreadableLineInTheMiddleIsSkippedAndTheRestIsRead() throws Exception {
        Path file = dir.resolve("web.jsonl");
        JournalEntry one = entry(1, "vm-1");
        JournalEntry three = entry(3, "vm-3");
        Files.writeString(file, DirectoryJournal.encode(one) + "\nnot json at all\n" + DirectoryJournal.encode(three) + "\n");

        try (DirectoryJournal journal = new DirectoryJournal(dir)) {
            assertThat(journal.entries("web")).containsExactly(one, three);
            assertThat(journal.intent("web", ResourceKind.VM, MARS, "vm-4", TAGS).sequence()).isEqualTo(4);
        }
    }

    @Test
    void filesAndTheDirectoryAreForTheOwnerOnly() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path journalDir = dir.resolve("state/journal");
        try (DirectoryJournal journal = new DirectoryJournal(journalDir)) {
            journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS);
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir.resolve("web.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journalDir))).isEqualTo("rwx------");
    }

    @Test
    void noCredentialReachesTheFile() throws Exception {
        String canary = "canary-secret-7f3a9c";
        ConnectionConfig config = ConnectionConfig.of("mock", "mars").credential("account", canary)
                .credential("secret_access_key", canary).property("endpoint", "http://127.0.0.1:1");
        try (DirectoryJournal journal = new DirectoryJournal(dir)) {
            JournalEntry intent = journal.intent("web", ResourceKind.VM, ConnectionRef.of(config), "vm-1", TAGS);
            journal.created(intent, "i-1");
            journal.deleted("web", ResourceKind.VM, ConnectionRef.of(config), "vm-1");
            assertThat(intent.toString()).doesNotContain(canary);
        }

        String text = Files.readString(dir.resolve("web.jsonl"));
        assertThat(text).contains("http://127.0.0.1:1").doesNotContain(canary).doesNotContain("secret_access_key");
    }

    @Test
    void aDeletedMciLeavesNoFile() {
        try (DirectoryJournal journal = new DirectoryJournal(dir)) {
            journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS);
            assertThat(dir.resolve("web.jsonl")).exists();

            journal.mciDeleted("web");

            assertThat(dir.resolve("web.jsonl")).doesNotExist();
        }
        try (DirectoryJournal again = new DirectoryJournal(dir)) {
            assertThat(again.mcis()).isEmpty();
        }
    }

    @Test
    void aFileLeftBehindByACrashAfterMciDeletedIsRemovedWhenRead() throws Exception {
        Path file = dir.resolve("web.jsonl");
        JournalEntry gone = new JournalEntry(2, Instant.parse("2030-01-01T00:00:00Z"), "web", Type.MCI_DELETED,
                null, null, null, null, Map.of());
        Files.writeString(file, DirectoryJournal.encode(entry(1, "vm-1")) + "\n" + DirectoryJournal.encode(gone) + "\n");

        try (DirectoryJournal journal = new DirectoryJournal(dir)) {
            assertThat(journal.mcis()).isEmpty();
            assertThat(file).doesNotExist();
        }
    }

    @Test
    void aPathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> new DirectoryJournal(file))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a directory");
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() throws Exception {
        ConnectionRef ref = new ConnectionRef("prod", "aws", "us-east-2", null, Map.of("endpoint", "http://127.0.0.1:5000"));
        JournalEntry entry = new JournalEntry(7, Instant.parse("2030-01-01T00:00:00.123456Z"), "web", Type.CREATED,
                ResourceKind.SECURITY_GROUP, ref, "web-sg", "sg-0abc", Map.of("k", "v\u00e9\t\"x\""));

        String line = DirectoryJournal.encode(entry);

        assertThat(line).doesNotContain("\n");
        assertThat(DirectoryJournal.decode(line)).isEqualTo(entry);
    }

    private static JournalEntry entry(long sequence, String name) {
        return new JournalEntry(sequence, Instant.parse("2030-01-01T00:00:00Z"), "web", Type.INTENT,
                ResourceKind.VM, MARS, name, null, TAGS);
    }
}
