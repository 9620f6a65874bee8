package io.multicloud.core.mci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multicloud.api.ConnectionConfig;
import io.multicloud.api.InvalidRequestException;
import io.multicloud.api.ResourceKind;
import io.multicloud.core.mci.Journal.Pending;
import io.multicloud.core.mci.JournalEntry.ConnectionRef;
import io.multicloud.core.mci.JournalEntry.Type;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The behaviour every journal shares, run on the memory journal and on the directory journal. */
class JournalTest {
    static final ConnectionRef MARS = ConnectionRef.of(ConnectionConfig.of("mock", "mars").zone("mars-z1"));
    static final ConnectionRef VENUS = ConnectionRef.of(ConnectionConfig.of("mock", "venus"));
    static final Map<String, String> TAGS = Map.of("multicloud:mci", "web", "multicloud:owner", "test");

    @TempDir
    Path dir;

    enum Kind {
        MEMORY, DIRECTORY;

        Journal open(Path dir) {
            return this == MEMORY ? new MemoryJournal() : new DirectoryJournal(dir.resolve("journal"));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void entriesComeBackInTheOrderTheyWereAppended(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            JournalEntry vpc = journal.intent("web", ResourceKind.VPC, MARS, "web-vpc", TAGS);
            JournalEntry vpcCreated = journal.created(vpc, "vpc-123");
            JournalEntry vm = journal.intent("web", ResourceKind.VM, MARS, "web-g1-1", TAGS);
            JournalEntry vmFailed = journal.failed(vm, "QuotaExceeded: no cores left");

            assertThat(journal.entries("web")).containsExactly(vpc, vpcCreated, vm, vmFailed);
            assertThat(journal.entries("web")).extracting(JournalEntry::sequence).isSorted().doesNotHaveDuplicates();
            assertThat(vpcCreated.cloudId()).isEqualTo("vpc-123");
            assertThat(vpcCreated.tags()).isEqualTo(TAGS);
            assertThat(vmFailed.reason()).isEqualTo("QuotaExceeded: no cores left");
            assertThat(journal.entries("other")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void pendingShowsWhatWasInFlightAndWhatIsAliveInCreationOrder(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            journal.created(journal.intent("web", ResourceKind.VPC, MARS, "web-vpc", TAGS), "vpc-1");
            JournalEntry failed = journal.intent("web", ResourceKind.VM, MARS, "web-g1-1", TAGS);
            journal.failed(failed, "boom");
            journal.created(journal.intent("web", ResourceKind.SECURITY_GROUP, MARS, "web-sg", TAGS), "sg-1");
            journal.created(journal.intent("web", ResourceKind.VM, MARS, "web-g1-2", TAGS), "i-2");
            journal.deleted("web", ResourceKind.VM, MARS, "web-g1-2");
            journal.intent("web", ResourceKind.VM, VENUS, "web-g2-1", TAGS);

            assertThat(journal.pending("web")).containsExactly(
                    new Pending(ResourceKind.VPC, MARS, "web-vpc", "vpc-1", Type.CREATED),
                    new Pending(ResourceKind.SECURITY_GROUP, MARS, "web-sg", "sg-1", Type.CREATED),
                    new Pending(ResourceKind.VM, VENUS, "web-g2-1", null, Type.INTENT));
            assertThat(journal.pending("web")).filteredOn(Pending::inFlight).extracting(Pending::name)
                    .containsExactly("web-g2-1");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aResourceIsKnownByKindConnectionAndName(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            journal.created(journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS), "i-mars");
            journal.created(journal.intent("web", ResourceKind.VM, VENUS, "vm-1", TAGS), "i-venus");
            journal.created(journal.intent("web", ResourceKind.DISK, MARS, "vm-1", TAGS), "d-mars");

            JournalEntry deleted = journal.deleted("web", ResourceKind.VM, MARS, "vm-1");

            assertThat(deleted.cloudId()).isEqualTo("i-mars");
            assertThat(journal.pending("web")).extracting(Pending::cloudId).containsExactly("i-venus", "d-mars");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aResourceCreatedAgainAfterItsDeletionIsPendingAgain(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            journal.created(journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS), "i-1");
            journal.deleted("web", ResourceKind.VM, MARS, "vm-1");
            journal.created(journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS), "i-2");

            assertThat(journal.pending("web")).extracting(Pending::cloudId).containsExactly("i-2");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeletedMciLeavesTheListAndItsNameStartsAFreshJournal(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            journal.created(journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS), "i-1");
            journal.intent("db", ResourceKind.VM, MARS, "vm-1", TAGS);
            assertThat(journal.mcis()).containsExactly("db", "web");

            JournalEntry gone = journal.mciDeleted("web");

            assertThat(gone.type()).isEqualTo(Type.MCI_DELETED);
            assertThat(gone.mci()).isEqualTo("web");
            assertThat(journal.mcis()).containsExactly("db");
            assertThat(journal.entries("web")).isEmpty();
            assertThat(journal.pending("web")).isEmpty();

            JournalEntry again = journal.intent("web", ResourceKind.VM, MARS, "vm-9", TAGS);
            assertThat(journal.entries("web")).containsExactly(again);
            assertThat(again.sequence()).isGreaterThan(gone.sequence());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void badInputIsRefusedBeforeAnythingIsRecorded(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            assertThatThrownBy(() -> journal.intent("../etc", ResourceKind.VM, MARS, "vm-1", TAGS))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("mci");
            assertThatThrownBy(() -> journal.intent("web", null, MARS, "vm-1", TAGS))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("kind");
            assertThatThrownBy(() -> journal.intent("web", ResourceKind.VM, null, "vm-1", TAGS))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("connection");
            assertThatThrownBy(() -> journal.intent("web", ResourceKind.VM, MARS, " ", TAGS))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("name");
            JournalEntry intent = journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS);
            JournalEntry created = journal.created(intent, "i-1");
            assertThatThrownBy(() -> journal.created(created, "i-2"))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not an INTENT");
            assertThatThrownBy(() -> journal.created(intent, ""))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("cloudId");

            assertThat(journal.entries("web")).containsExactly(intent, created);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aReservedNameKeepsAJournalApartFromEveryMci(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            journal.created(journal.intent("_shared", ResourceKind.VPC, MARS, "multicloud-vpc", TAGS), "vpc-1");

            assertThat(journal.mcis()).containsExactly("_shared");
            assertThat(journal.pending("_shared")).extracting(Pending::cloudId).containsExactly("vpc-1");
            assertThatThrownBy(() -> journal.intent("__shared", ResourceKind.VPC, MARS, "vpc", TAGS))
                    .isInstanceOf(InvalidRequestException.class);
            assertThatThrownBy(() -> journal.intent("_", ResourceKind.VPC, MARS, "vpc", TAGS))
                    .isInstanceOf(InvalidRequestException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLongFailureReasonIsCut(Kind kind) {
        try (Journal journal = kind.open(dir)) {
            JournalEntry failed = journal.failed(journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS), "x".repeat(5000));

            assertThat(failed.reason()).hasSize(Journal.MAX_REASON).endsWith("…");
            assertThat(journal.failed(journal.intent("web", ResourceKind.VM, MARS, "vm-2", TAGS), null).reason())
                    .isEqualTo("unknown");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aThousandAppendsFromAHundredVirtualThreadsAreAllThereWithUniqueSequences(Kind kind) throws Exception {
        try (Journal journal = kind.open(dir); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 100; t++) {
                String mci = "mci-" + (t % 7); // threads share MCIs, so appends to one file interleave
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        journal.created(journal.intent(mci, ResourceKind.VM, MARS, "vm-" + thread + "-" + i, TAGS),
                                "i-" + thread + "-" + i);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }

            List<JournalEntry> all = journal.mcis().stream().flatMap(m -> journal.entries(m).stream()).toList();
            assertThat(all).hasSize(1000);
            assertThat(all).extracting(JournalEntry::sequence).doesNotHaveDuplicates();
            for (String mci : journal.mcis()) {
                assertThat(journal.entries(mci)).extracting(JournalEntry::sequence).isSorted();
            }
            Set<String> alive = journal.mcis().stream().flatMap(m -> journal.pending(m).stream())
                    .filter(p -> p.state() == Type.CREATED).map(Pending::name).collect(Collectors.toCollection(HashSet::new));
            assertThat(alive).hasSize(500);
        }
    }

    @Test
    void entriesAreStampedByTheJournalsClock() {
        Instant now = Instant.parse("2030-01-02T03:04:05Z");
        Journal journal = new MemoryJournal(Clock.fixed(now, ZoneOffset.UTC));

        assertThat(journal.intent("web", ResourceKind.VM, MARS, "vm-1", TAGS).at()).isEqualTo(now);
    }

    @Test
    void aConnectionRefKeepsEverythingButTheCredential() {
        ConnectionConfig config = ConnectionConfig.of("mock", "mars").named("prod").zone("mars-z2")
                .property("endpoint", "http://127.0.0.1:9000").credential("account", "team-a");

        ConnectionRef ref = ConnectionRef.of(config);

        assertThat(ref).isEqualTo(new ConnectionRef("prod", "mock", "mars", "mars-z2",
                Map.of("endpoint", "http://127.0.0.1:9000")));
        assertThat(ref.toString()).doesNotContain("team-a");
    }
}
