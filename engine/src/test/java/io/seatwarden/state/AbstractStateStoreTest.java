package io.seatwarden.state;

import io.seatwarden.directory.DeltaState;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Ownership;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract of the state store, run against every database it supports. Each test gets a
 * fresh database from {@link #newDatabase()}; a second {@link StateStore} on the same database
 * stands for a second process (its own connection pool).
 */
abstract class AbstractStateStoreTest {
    static final TenantId CONTOSO = TenantId.of("11111111-1111-1111-1111-111111111111");
    static final TenantId FABRIKAM = TenantId.of("22222222-2222-2222-2222-222222222222");
    static final SkuId E3 = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");
    static final SkuId E5 = SkuId.of("c7df2760-2c81-4ef7-b578-5b5392b571df");
    static final ServicePlanId YAMMER = ServicePlanId.of("7547a3fe-08ee-4ccb-b430-5077c5041653");
    static final UserId ALICE = UserId.of("aaaaaaaa-0000-0000-0000-000000000001");
    static final UserId BOB = UserId.of("bbbbbbbb-0000-0000-0000-000000000002");
    static final UserId CAROL = UserId.of("cccccccc-0000-0000-0000-000000000003");
    static final Instant START = Instant.parse("2026-11-23T02:00:00Z");

    final TestingClock clock = new TestingClock(START);
    final List<StateStore> opened = new ArrayList<>();
    StateConfig config;
    StateStore store;

    /** A configuration naming an empty database of its own. */
    abstract StateConfig newDatabase();

    @BeforeEach
    void openStore() {
        config = newDatabase();
        store = open();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(StateStore::close);
    }

    /** Another process: its own pool on the same database. */
    StateStore open() {
        StateStore state = new StateStores(clock).open(config);
        opened.add(state);
        return state;
    }

    // --- migrations ---

    private static List<Integer> bundledVersions() {
        return Migration.bundled().stream().map(Migration::version).toList();
    }

    @Test
    void migratesOnceAndReopensWithoutMigratingAgain() throws SQLException {
        RunRecord run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1");
        StateStore again = open();
        assertThat(again.runs().find(run.id())).contains(run);
        assertThat(schemaVersions(again)).containsExactlyElementsOf(bundledVersions());
    }

    @Test
    void processesStartingAtOnceMigrateOnce() throws Exception {
        config = newDatabase();
        int processes = 4;
        CountDownLatch ready = new CountDownLatch(processes);
        List<Callable<StateStore>> starts = new ArrayList<>();
        for (int index = 0; index < processes; index++) {
            starts.add(() -> {
                ready.countDown();
                ready.await();
                return open();
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(processes);
        try {
            List<StateStore> stores = new ArrayList<>();
            for (Future<StateStore> started : executor.invokeAll(starts, 2, TimeUnit.MINUTES)) {
                stores.add(started.get());
            }
            assertThat(stores).hasSize(processes);
            assertThat(schemaVersions(stores.get(0))).containsExactlyElementsOf(bundledVersions());
            stores.get(1).runs().begin(CONTOSO, RunKind.APPLY, "node-2");
            assertThat(stores.get(2).runs().recent(Optional.of(CONTOSO), 10)).hasSize(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void refusesADatabaseANewerEngineMigrated() throws SQLException {
        execute(store, "INSERT INTO seatwarden_schema_version (version, description, file_name, checksum, installed_at)"
                + " VALUES (99, 'future', 'V99__future.sql', 0, CURRENT_TIMESTAMP)");
        assertThatThrownBy(this::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("upgrade seatwarden");
    }

    @Test
    void refusesAMigrationChangedAfterItWasApplied() throws SQLException {
        execute(store, "UPDATE seatwarden_schema_version SET checksum = 1 WHERE version = 1");
        assertThatThrownBy(this::open)
                .isInstanceOf(StateException.class)
                .hasMessageContaining("V1__state.sql was changed after it was applied");
    }

    @Test
    void appliesANewMigrationOnTopOfAnExistingSchema() throws SQLException {
        List<Migration> migrations = new ArrayList<>(Migration.bundled());
        int next = migrations.get(migrations.size() - 1).version() + 1;
        migrations.add(Migration.of("V" + next + "__test_extra.sql", "CREATE TABLE IF NOT EXISTS seatwarden_test_extra (id INTEGER NOT NULL);\n"
                + "INSERT INTO seatwarden_test_extra (id) VALUES (7);\n"));
        StateStore upgraded = new StateStores(clock).open(config, migrations);
        opened.add(upgraded);
        List<Integer> versions = new ArrayList<>(bundledVersions());
        versions.add(next);
        assertThat(schemaVersions(upgraded)).containsExactlyElementsOf(versions);
        StateStore again = new StateStores(clock).open(config, migrations);
        opened.add(again);
        assertThat(count(again, "SELECT COUNT(*) FROM seatwarden_test_extra")).isEqualTo(1);
    }

    // --- stored snapshots (incremental reads) ---

    @Test
    void aStoredSnapshotIsReplacedAndForgotten() {
        assertThat(store.snapshots().load(CONTOSO)).isEmpty();
        byte[] blob = new byte[300_000];
        new java.util.Random(7).nextBytes(blob); // larger than a page, incompressible
        Instant first = Instant.parse("2026-03-01T02:00:00Z");
        store.snapshots().save(new DeltaState(CONTOSO, "g:Sales\n", "https://graph/users/delta?$deltatoken=a",
                "https://graph/groups/delta?$deltatoken=b", blob, first, first));
        DeltaState loaded = open().snapshots().load(CONTOSO).orElseThrow();
        assertThat(loaded.snapshot()).isEqualTo(blob);
        assertThat(loaded.usersDeltaLink()).endsWith("=a");
        assertThat(loaded.groupsDeltaLink()).endsWith("=b");
        assertThat(loaded.readAt()).isEqualTo(first);
        Instant later = first.plusSeconds(86_400);
        store.snapshots().save(new DeltaState(CONTOSO, "g:Sales\ng:Eng\n", "u2", "g2", new byte[] {1, 2}, later, first));
        DeltaState replaced = store.snapshots().load(CONTOSO).orElseThrow();
        assertThat(replaced.scopeKey()).contains("g:Eng");
        assertThat(replaced.snapshot()).containsExactly(1, 2);
        assertThat(replaced.readAt()).isEqualTo(later);
        assertThat(replaced.fullReadAt()).isEqualTo(first);
        store.snapshots().forget(CONTOSO);
        assertThat(store.snapshots().load(CONTOSO)).isEmpty();
    }

    // --- pending removals ---

    @Test
    void pendingRemovalsAreReplacedKeepingTheirFirstInstant() {
        Ownership.Key alice = new Ownership.Key(UserId.of("alice"), E5);
        Ownership.Key bob = new Ownership.Key(UserId.of("bob"), E5);
        Instant first = Instant.parse("2026-11-01T02:00:00Z");
        store.pendingRemovals().replace(CONTOSO, Map.of(alice, first, bob, first));

        store.pendingRemovals().replace(CONTOSO, Map.of(alice, first.plusSeconds(86_400)));

        assertThat(store.pendingRemovals().load(CONTOSO)).containsExactly(Map.entry(alice, first));
        assertThat(open().pendingRemovals().load(CONTOSO)).containsOnlyKeys(alice);
    }

    // --- ownership ---

    @Test
    void ownershipRoundTrips() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        store.assignments().recordAssigned(CONTOSO, run, List.of(new Ownership.Key(ALICE, E3), new Ownership.Key(BOB, E3),
                new Ownership.Key(BOB, E5)));
        store.assignments().recordAssigned(FABRIKAM, run, List.of(new Ownership.Key(CAROL, E3)));

        Ownership contoso = store.assignments().load(CONTOSO);
        assertThat(contoso.keys()).containsExactlyInAnyOrder(new Ownership.Key(ALICE, E3), new Ownership.Key(BOB, E3),
                new Ownership.Key(BOB, E5));
        assertThat(contoso.isOwned(CAROL, E3)).isFalse();
        assertThat(store.assignments().load(FABRIKAM).keys()).containsExactly(new Ownership.Key(CAROL, E3));

        clock.advance(Duration.ofHours(1));
        RunId later = store.runs().begin(CONTOSO, RunKind.SCHEDULED, "node-1").id();
        store.assignments().recordAssigned(CONTOSO, later, List.of(new Ownership.Key(ALICE, E3)));
        store.assignments().forget(CONTOSO, List.of(new Ownership.Key(BOB, E5), new Ownership.Key(CAROL, E5)));

        assertThat(open().assignments().list(CONTOSO)).containsExactly(
                new Assignment(CONTOSO, ALICE, E3, START, run),
                new Assignment(CONTOSO, BOB, E3, START, run));
    }

    @Test
    void ownershipOfAnUnknownTenantIsEmpty() {
        assertThat(store.assignments().load(TenantId.of("never-seen")).keys()).isEmpty();
    }

    // --- journal ---

    @Test
    void journalRecordsIntentThenOutcomeAndOwnershipTogether() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        ChangeRequest addE3 = new ChangeRequest("US", List.of(new LicenseAdd(E3, "ENTERPRISEPACK", List.of(YAMMER))), List.of(),
                List.of("sales-e3"), List.of(), null);
        ChangeRequest removeE5 = new ChangeRequest(null, List.of(), List.of(new LicenseRemoval(E5, "ENTERPRISEPREMIUM")),
                List.of(), List.of(new LicenseAdd(E5, "ENTERPRISEPREMIUM", List.of())), null);
        store.assignments().recordAssigned(CONTOSO, run, List.of(new Ownership.Key(BOB, E5)));
        store.journal().intend(run, CONTOSO, List.of(
                new ChangeIntent(0, ALICE, "alice@contoso.com", addE3),
                new ChangeIntent(1, BOB, "bob@contoso.com", removeE5)));

        List<JournalEntry> pending = store.journal().entries(run);
        assertThat(pending).extracting(JournalEntry::state).containsExactly(JournalState.PENDING, JournalState.PENDING);
        assertThat(pending.get(0).request()).isEqualTo(addE3);
        assertThat(pending.get(1).request()).isEqualTo(removeE5);
        assertThat(pending.get(0).attempts()).isZero();
        assertThat(pending.get(0).createdAt()).isEqualTo(START);

        clock.advance(Duration.ofSeconds(1));
        store.journal().sending(run, List.of(0, 1));
        clock.advance(Duration.ofSeconds(1));
        store.journal().sending(run, List.of(1)); // retried after a 429
        clock.advance(Duration.ofSeconds(1));
        store.journal().settle(run, 0, JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(E3), List.of())));
        store.journal().settle(run, 1, JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(), List.of(E5))));

        List<JournalEntry> settled = open().journal().entries(run);
        assertThat(settled).extracting(JournalEntry::state).containsExactly(JournalState.SUCCEEDED, JournalState.SUCCEEDED);
        assertThat(settled).extracting(JournalEntry::attempts).containsExactly(1, 2);
        assertThat(settled).extracting(JournalEntry::settlement).containsOnly(Optional.of(Settlement.RESPONSE));
        assertThat(settled.get(0).updatedAt()).isEqualTo(START.plusSeconds(3));
        assertThat(store.assignments().load(CONTOSO).keys()).containsExactly(new Ownership.Key(ALICE, E3));
        assertThat(store.journal().unfinished(CONTOSO)).isEmpty();
    }

    @Test
    void anEntryIsSettledOnceAndNeverSentAfter() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        store.journal().intend(run, CONTOSO, List.of(intent(0, ALICE), intent(1, BOB)));
        store.journal().sending(run, List.of(0));
        store.journal().settle(run, 0, JournalOutcome.failed(Settlement.RESPONSE, "Request_BadRequest: License assignment failed"));

        assertThatThrownBy(() -> store.journal().settle(run, 0,
                JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(E3), List.of()))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already settled as FAILED");
        assertThatThrownBy(() -> store.journal().sending(run, List.of(1, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[0]");
        assertThatThrownBy(() -> store.journal().settle(run, 7, JournalOutcome.held("guard")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no journal entry 7");

        List<JournalEntry> entries = store.journal().entries(run);
        assertThat(entries.get(0).detail()).contains("Request_BadRequest: License assignment failed");
        assertThat(entries.get(1).state()).as("nothing marked when one entry was refused").isEqualTo(JournalState.PENDING);
        assertThat(store.assignments().load(CONTOSO).keys()).isEmpty();
    }

    @Test
    void aBatchIsSettledInOneGoOrNotAtAll() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        store.journal().intend(run, CONTOSO, List.of(intent(0, ALICE), intent(1, BOB), intent(2, CAROL)));
        store.journal().sending(run, List.of(0, 1, 2));
        store.journal().settle(run, 2, JournalOutcome.waitingForSeats(Settlement.RESPONSE, "no seats left"));

        assertThatThrownBy(() -> store.journal().settleAll(run, Map.of(
                0, JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(E3), List.of())),
                2, JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(E3), List.of())),
                9, JournalOutcome.failed(Settlement.RESPONSE, "x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("entry 2 of run " + run + " is already settled as WAITING_FOR_SEATS")
                .hasMessageContaining("no journal entry 9");
        assertThat(store.journal().entries(run)).extracting(JournalEntry::state)
                .containsExactly(JournalState.SENT, JournalState.SENT, JournalState.WAITING_FOR_SEATS);
        assertThat(store.assignments().load(CONTOSO).keys()).isEmpty();

        store.journal().settleAll(run, Map.of(
                0, JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(E3, E5), List.of())),
                1, JournalOutcome.failed(Settlement.RESPONSE, "Request_BadRequest")));
        assertThat(store.journal().entries(run)).extracting(JournalEntry::state)
                .containsExactly(JournalState.SUCCEEDED, JournalState.FAILED, JournalState.WAITING_FOR_SEATS);
        assertThat(store.assignments().load(CONTOSO).keys())
                .containsExactlyInAnyOrder(new Ownership.Key(ALICE, E3), new Ownership.Key(ALICE, E5));
    }

    @Test
    void thousandsOfEntriesAreSettledAtOnce() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        List<ChangeIntent> intents = new ArrayList<>();
        Map<Integer, JournalOutcome> outcomes = new java.util.HashMap<>();
        for (int sequence = 0; sequence < 1_100; sequence++) {
            intents.add(intent(sequence, UserId.of("user-" + sequence)));
            outcomes.put(sequence, JournalOutcome.superseded(run));
        }
        store.journal().intend(run, CONTOSO, intents);
        store.journal().settleAll(run, outcomes);
        assertThat(store.journal().unfinished(CONTOSO)).isEmpty();
        assertThat(store.journal().entries(run)).hasSize(1_100).extracting(JournalEntry::state).containsOnly(JournalState.SUPERSEDED);
    }

    @Test
    void intentIsAllOrNothingAndNeedsAKnownRun() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        store.journal().intend(run, CONTOSO, List.of(intent(0, ALICE)));
        assertThatThrownBy(() -> store.journal().intend(run, CONTOSO, List.of(intent(1, BOB), intent(0, CAROL))))
                .isInstanceOf(StateException.class);
        assertThat(store.journal().entries(run)).extracting(JournalEntry::user).containsExactly(ALICE);
        assertThatThrownBy(() -> store.journal().intend(RunId.of("no-such-run"), CONTOSO, List.of(intent(0, ALICE))))
                .isInstanceOf(StateException.class);
    }

    @Test
    void aCrashedRunLeavesItsUnfinishedEntriesForTheNextOne() {
        RunRecord crashed = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1");
        store.journal().intend(crashed.id(), CONTOSO, List.of(intent(0, ALICE), intent(1, BOB), intent(2, CAROL)));
        store.journal().sending(crashed.id(), List.of(0, 1));
        store.journal().settle(crashed.id(), 0, JournalOutcome.succeeded(Settlement.RESPONSE,
                new OwnershipDelta(List.of(E3), List.of())));
        // The process dies here: entry 1 was sent (it may have taken effect), entry 2 never was.
        clock.advance(Duration.ofMinutes(1));
        RunRecord other = store.runs().begin(FABRIKAM, RunKind.APPLY, "node-2");
        store.journal().intend(other.id(), FABRIKAM, List.of(intent(0, ALICE)));

        StateStore restarted = open();
        assertThat(restarted.runs().unfinished(CONTOSO)).extracting(RunRecord::id).containsExactly(crashed.id());
        List<JournalEntry> unfinished = restarted.journal().unfinished(CONTOSO);
        assertThat(unfinished).extracting(JournalEntry::sequence).containsExactly(1, 2);
        assertThat(unfinished).extracting(JournalEntry::state).containsExactly(JournalState.SENT, JournalState.PENDING);
        assertThat(unfinished).extracting(JournalEntry::run).containsOnly(crashed.id());

        RunRecord resumed = restarted.runs().begin(CONTOSO, RunKind.APPLY, "node-1");
        restarted.journal().settle(crashed.id(), 1, JournalOutcome.succeeded(Settlement.READ_BACK,
                new OwnershipDelta(List.of(E3), List.of())));
        restarted.journal().settle(crashed.id(), 2, JournalOutcome.superseded(resumed.id()));
        restarted.runs().finish(crashed.id(), RunOutcome.ABANDONED, new RunCounts(3, 2, 0, 0, 0, 0),
                "its process died; settled by run " + resumed.id());

        assertThat(restarted.journal().unfinished(CONTOSO)).isEmpty();
        assertThat(restarted.journal().entries(crashed.id()))
                .extracting(JournalEntry::state, JournalEntry::settlement)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(JournalState.SUCCEEDED, Optional.of(Settlement.RESPONSE)),
                        org.assertj.core.groups.Tuple.tuple(JournalState.SUCCEEDED, Optional.of(Settlement.READ_BACK)),
                        org.assertj.core.groups.Tuple.tuple(JournalState.SUPERSEDED, Optional.of(Settlement.NOT_SENT)));
        assertThat(restarted.assignments().load(CONTOSO).keys())
                .containsExactlyInAnyOrder(new Ownership.Key(ALICE, E3), new Ownership.Key(BOB, E3));
        assertThat(restarted.journal().unfinished(FABRIKAM)).hasSize(1);
    }

    @Test
    void anInterruptedThreadRecordsItsRunAndKeepsTheDatabaseOpen() {
        RunRecord run = store.runs().begin(CONTOSO, RunKind.SCHEDULED, "node-1");
        store.journal().intend(run.id(), CONTOSO, List.of(intent(0, ALICE)));
        Thread.currentThread().interrupt();
        try {
            store.journal().settle(run.id(), 0, JournalOutcome.superseded(run.id()));
            store.runs().finish(run.id(), RunOutcome.INTERRUPTED, RunCounts.none(), "stopped between two users");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(store.runs().find(run.id()).orElseThrow().outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(open().runs().begin(CONTOSO, RunKind.SCHEDULED, "node-1").outcome()).isEqualTo(RunOutcome.RUNNING);
    }

    @Test
    void storeErrorsPassThroughUnwrapped() {
        assertThatThrownBy(() -> store.runs().finish(RunId.of("unknown"), RunOutcome.FAILED, RunCounts.none(), ""))
                .isExactlyInstanceOf(IllegalStateException.class);
    }

    // --- runs ---

    @Test
    void recentRunsComeNewestFirst() {
        RunRecord first = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1");
        clock.advance(Duration.ofMinutes(1));
        RunRecord second = store.runs().begin(FABRIKAM, RunKind.SCHEDULED, "node-2");
        RunRecord sameInstant = store.runs().begin(CONTOSO, RunKind.UNDO, "node-1");
        clock.advance(Duration.ofMinutes(1));
        RunRecord third = store.runs().begin(RunId.of("chosen-id"), CONTOSO, RunKind.PLAN, "node-3");

        assertThat(store.runs().recent(Optional.empty(), 10)).extracting(RunRecord::id)
                .containsExactly(third.id(), sameInstant.id(), second.id(), first.id());
        assertThat(store.runs().recent(Optional.of(CONTOSO), 2)).extracting(RunRecord::id)
                .containsExactly(third.id(), sameInstant.id());
        assertThat(first.id().compareTo(second.id())).as("ids sort by start time").isNegative();
        assertThat(third.startedAt()).isEqualTo(START.plus(Duration.ofMinutes(2)));
        assertThatThrownBy(() -> store.runs().begin(RunId.of("chosen-id"), CONTOSO, RunKind.APPLY, "node-1"))
                .isInstanceOf(StateException.class)
                .hasMessageContaining("already recorded");
    }

    @Test
    void aRunFinishesOnceWithItsCountsAndReports() {
        RunRecord run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1");
        assertThat(run.outcome()).isEqualTo(RunOutcome.RUNNING);
        assertThat(run.finishedAt()).isEmpty();
        clock.advance(Duration.ofSeconds(90));
        store.runs().reportsWritten(run.id(), "/var/lib/seatwarden/runs/" + run.id());
        RunCounts counts = new RunCounts(10, 7, 1, 2, 3, 4);
        RunRecord finished = store.runs().finish(run.id(), RunOutcome.REMOVALS_HELD, counts, "3 removals held: limit 50");

        assertThat(finished).isEqualTo(new RunRecord(run.id(), Optional.of(CONTOSO), RunKind.APPLY, "node-1", START,
                Optional.of(START.plusSeconds(90)), RunOutcome.REMOVALS_HELD, counts, "3 removals held: limit 50",
                Optional.of("/var/lib/seatwarden/runs/" + run.id()), Optional.empty(), GraphTraffic.none()));
        assertThat(open().runs().find(run.id())).contains(finished);
        assertThat(store.runs().unfinished(CONTOSO)).isEmpty();
        assertThatThrownBy(() -> store.runs().finish(run.id(), RunOutcome.APPLIED, counts, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already finished as REMOVALS_HELD");
        assertThatThrownBy(() -> store.runs().finish(RunId.of("unknown"), RunOutcome.APPLIED, counts, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown run");
    }

    @Test
    void aScheduledRunIsRecordedBeforeItsTenantIsKnownThenTiedToIt() {
        Instant due = START.minusMillis(1500);
        RunId stoppedEarly = RunId.of("20261123T020000000Z-early");
        RunRecord early = store.runs().beginScheduled(stoppedEarly, new ScheduledStart("contoso", due, false), "node-1");
        assertThat(early.tenant()).isEmpty();
        assertThat(early.tenantName()).isEqualTo("contoso");
        store.runs().finish(stoppedEarly, RunOutcome.FAILED, RunCounts.none(), "invalid policies (1 problem)");

        clock.advance(Duration.ofMinutes(1));
        RunId applied = RunId.of("20261123T020100000Z-later");
        store.runs().beginScheduled(applied, new ScheduledStart("contoso", due.plusSeconds(60), true), "node-1");
        // The reconciliation begins the same id once it has read the tenant: the row is tied to the tenant, keeping its start.
        clock.advance(Duration.ofSeconds(5));
        RunRecord tied = store.runs().begin(applied, CONTOSO, RunKind.SCHEDULED, "node-1");
        assertThat(tied.tenant()).contains(CONTOSO);
        assertThat(tied.startedAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(tied.scheduled()).contains(new ScheduledStart("contoso", due.plusSeconds(60), true));
        store.runs().trafficSent(applied, new GraphTraffic(12, Duration.ofMillis(2500)));
        store.runs().finish(applied, RunOutcome.APPLIED, new RunCounts(3, 3, 0, 0, 0, 1), "3 applied");

        assertThatThrownBy(() -> store.runs().begin(applied, CONTOSO, RunKind.SCHEDULED, "node-1"))
                .as("a finished run is not begun again").isInstanceOf(StateException.class).hasMessageContaining("already recorded");
        assertThat(store.runs().recentOfJob("contoso", 10)).extracting(RunRecord::id).containsExactly(applied, stoppedEarly);
        assertThat(store.runs().recent(Optional.of(CONTOSO), 10)).extracting(RunRecord::id).containsExactly(applied);
        assertThat(store.runs().recent(Optional.empty(), 10)).extracting(RunRecord::outcome)
                .containsExactly(RunOutcome.APPLIED, RunOutcome.FAILED);
        RunRecord read = open().runs().find(applied).orElseThrow();
        assertThat(read.traffic()).isEqualTo(new GraphTraffic(12, Duration.ofMillis(2500)));
        assertThat(read.counts().succeeded()).isEqualTo(3);
    }

    @Test
    void aScheduledRunLeftRunningByADeadNodeIsAbandonedByTheNextRunOfItsJob() {
        RunId dead = RunId.of("dead-node-run");
        store.runs().beginScheduled(dead, new ScheduledStart("contoso", START, false), "node-a");
        RunId otherJob = RunId.of("other-job-run");
        store.runs().beginScheduled(otherJob, new ScheduledStart("fabrikam", START, false), "node-a");
        clock.advance(Duration.ofMinutes(2));
        RunId next = RunId.of("next-run");
        store.runs().beginScheduled(next, new ScheduledStart("contoso", START.plusSeconds(60), true), "node-b");

        RunRecord abandoned = store.runs().find(dead).orElseThrow();
        assertThat(abandoned.outcome()).isEqualTo(RunOutcome.ABANDONED);
        assertThat(abandoned.message()).isEqualTo("its node stopped mid-run; superseded by run next-run");
        assertThat(abandoned.finishedAt()).contains(START.plus(Duration.ofMinutes(2)));
        assertThat(store.runs().find(otherJob).orElseThrow().outcome()).as("another job's run is not touched").isEqualTo(RunOutcome.RUNNING);
        assertThat(store.runs().find(next).orElseThrow().outcome()).isEqualTo(RunOutcome.RUNNING);
    }

    @Test
    void version3MovesTheSchedulersTableIntoTheRunHistoryInTheOneVocabulary() throws SQLException {
        config = newDatabase();
        StateStore old = new StateStores(clock).open(config, Migration.bundled().subList(0, 2));
        opened.add(old);
        // Rows as version 2 and the old run service wrote them.
        execute(old, "INSERT INTO seatwarden_runs (run_id, tenant_id, kind, node, started_at, finished_at, outcome, changes, succeeded,"
                + " failed, waiting_for_seats, removals_held, skipped, message, report_directory) VALUES"
                + " ('r-ok', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'SUCCEEDED', 2, 2, 0, 0, 0, 0, '2 applied', NULL),"
                + " ('r-none', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'SUCCEEDED', 0, 0, 0, 0, 0, 3, 'nothing', NULL),"
                + " ('r-waiting', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'PARTIAL', 2, 1, 0, 1, 0, 0, 'w', NULL),"
                + " ('r-failed', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'PARTIAL', 2, 1, 1, 0, 0, 0, 'f', NULL),"
                + " ('r-declined', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'ABORTED', 0, 0, 0, 0, 0, 0, 'not confirmed', NULL),"
                + " ('r-stale', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'ABORTED', 0, 0, 0, 0, 0, 0,"
                + " 'the tenant changed since the saved plan was made (1 difference); nothing applied', NULL),"
                + " ('r-bad', 'tenant-1', 'APPLY', 'n', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'ABORTED', 0, 0, 0, 0, 0, 0, 'no policy matched', NULL),"
                + " ('s-both', 'tenant-1', 'SCHEDULED', 'node-a', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'SUCCEEDED', 3, 3, 0, 0, 0, 0, '3 applied',"
                + " '/runs/contoso/s-both')");
        execute(old, "CREATE TABLE seatwarden_scheduled_runs (run_id VARCHAR(64) NOT NULL PRIMARY KEY, tenant VARCHAR(64) NOT NULL,"
                + " node VARCHAR(200) NOT NULL, outcome VARCHAR(32) NOT NULL, scheduled_at BIGINT NOT NULL, started_at BIGINT NOT NULL,"
                + " ended_at BIGINT, recovering BOOLEAN NOT NULL, message VARCHAR(2000) NOT NULL, changes VARCHAR(2000) NOT NULL,"
                + " seats_free VARCHAR(4000) NOT NULL, graph_requests BIGINT NOT NULL, throttle_wait_ms BIGINT NOT NULL,"
                + " run_directory VARCHAR(1000) NOT NULL)");
        execute(old, "INSERT INTO seatwarden_scheduled_runs VALUES"
                + " ('s-both', 'contoso', 'node-a', 'SUCCEEDED', 1795406399000, 1795406400123, 1795406402500, TRUE, 'applied', '{\"add\":3}',"
                + " '{}', 7, 1500, '/runs/contoso/s-both'),"
                + " ('s-early', 'contoso', 'node-b', 'FAILED', 1795492799000, 1795492800250, 1795492800900, FALSE, 'invalid policies (1 problem)',"
                + " '{}', '{}', 0, 0, '/runs/contoso/s-early'),"
                + " ('s-dead', 'fabrikam', 'node-b', 'RUNNING', 1795492799000, 1795492800000, NULL, FALSE, 'running', '{}', '{}', 0, 0,"
                + " '/runs/fabrikam/s-dead')");

        StateStore migrated = open();
        assertThat(schemaVersions(migrated)).containsExactlyElementsOf(bundledVersions());
        Map<String, RunOutcome> outcomes = new java.util.TreeMap<>();
        for (RunRecord run : migrated.runs().recent(Optional.empty(), 50)) {
            outcomes.put(run.id().value(), run.outcome());
        }
        assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of("r-ok", RunOutcome.APPLIED, "r-none", RunOutcome.NOTHING_TO_DO,
                "r-waiting", RunOutcome.APPLIED, "r-failed", RunOutcome.CHANGES_FAILED, "r-declined", RunOutcome.DECLINED,
                "r-stale", RunOutcome.REFUSED, "r-bad", RunOutcome.FAILED, "s-both", RunOutcome.APPLIED, "s-early", RunOutcome.FAILED,
                "s-dead", RunOutcome.RUNNING));

        RunRecord both = migrated.runs().find(RunId.of("s-both")).orElseThrow();
        assertThat(both.tenant()).as("the history's row is kept").contains(TenantId.of("tenant-1"));
        assertThat(both.counts().succeeded()).isEqualTo(3);
        assertThat(both.scheduled()).contains(new ScheduledStart("contoso", Instant.ofEpochMilli(1795406399000L), true));
        assertThat(both.traffic()).isEqualTo(new GraphTraffic(7, Duration.ofMillis(1500)));

        RunRecord early = migrated.runs().find(RunId.of("s-early")).orElseThrow();
        assertThat(early.tenant()).isEmpty();
        assertThat(early.kind()).isEqualTo(RunKind.SCHEDULED);
        assertThat(early.node()).isEqualTo("node-b");
        assertThat(early.startedAt()).isEqualTo(Instant.ofEpochMilli(1795492800250L));
        assertThat(early.finishedAt()).contains(Instant.ofEpochMilli(1795492800900L));
        assertThat(early.message()).isEqualTo("invalid policies (1 problem)");
        assertThat(early.reportDirectory()).contains("/runs/contoso/s-early");
        assertThat(early.scheduled()).contains(new ScheduledStart("contoso", Instant.ofEpochMilli(1795492799000L), false));
        assertThat(migrated.runs().find(RunId.of("s-dead")).orElseThrow().finishedAt()).isEmpty();
        assertThat(migrated.runs().recentOfJob("fabrikam", 5)).extracting(RunRecord::id).containsExactly(RunId.of("s-dead"));
        try (Connection connection = migrated.dataSource().getConnection()) {
            assertThat(StateDatabase.tableExists(connection, "seatwarden_scheduled_runs")).as("the old table is gone").isFalse();
        }
    }

    @Test
    void version3MigratesADatabaseTheRunServiceNeverUsed() {
        config = newDatabase();
        opened.add(new StateStores(clock).open(config, Migration.bundled().subList(0, 2)));
        StateStore migrated = open();
        assertThat(migrated.runs().recent(Optional.empty(), 5)).isEmpty();
        assertThat(migrated.runs().beginScheduled(RunId.of("first"), new ScheduledStart("contoso", START, false), "node").outcome())
                .isEqualTo(RunOutcome.RUNNING);
    }

    // --- apply lock ---

    @Test
    void twoProcessesCannotHoldATenantAtOnce() {
        StateStore otherProcess = open();
        Lease lease = store.locks().tryAcquire(CONTOSO, "host-a:100", Duration.ofMinutes(2)).orElseThrow();

        assertThat(otherProcess.locks().tryAcquire(CONTOSO, "host-b:200", Duration.ofMinutes(2))).isEmpty();
        assertThat(otherProcess.locks().holder(CONTOSO)).contains(lease);
        assertThat(otherProcess.locks().tryAcquire(FABRIKAM, "host-b:200", Duration.ofMinutes(2))).isPresent();

        store.locks().release(lease);
        assertThat(store.locks().holder(CONTOSO)).isEmpty();
        Lease taken = otherProcess.locks().tryAcquire(CONTOSO, "host-b:200", Duration.ofMinutes(2)).orElseThrow();
        assertThat(taken.owner()).isEqualTo("host-b:200");
        assertThat(store.locks().tryAcquire(CONTOSO, "host-a:100", Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    void anExpiredLeaseIsTakenOverAndItsFormerHolderLosesIt() {
        StateStore otherProcess = open();
        Lease crashed = store.locks().tryAcquire(CONTOSO, "host-a:100", Duration.ofMinutes(2)).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        Lease renewed = store.locks().renew(crashed, Duration.ofMinutes(2)).orElseThrow();
        assertThat(renewed.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(3)));
        clock.advance(Duration.ofSeconds(90));
        assertThat(otherProcess.locks().tryAcquire(CONTOSO, "host-b:200", Duration.ofMinutes(2)))
                .as("renewed lease still live").isEmpty();

        clock.advance(Duration.ofSeconds(30));
        Lease takenOver = otherProcess.locks().tryAcquire(CONTOSO, "host-b:200", Duration.ofMinutes(2)).orElseThrow();
        assertThat(takenOver.acquiredAt()).isEqualTo(START.plus(Duration.ofMinutes(3)));

        assertThat(store.locks().renew(renewed, Duration.ofMinutes(2))).isEmpty();
        store.locks().release(renewed);
        assertThat(store.locks().holder(CONTOSO)).contains(takenOver);
    }

    @Test
    void aLiveLeaseKnownToBeDeadIsTakenOverOnlyWhileUnchanged() {
        StateStore otherProcess = open();
        Lease dead = store.locks().tryAcquire(CONTOSO, "host-a:100", Duration.ofMinutes(2)).orElseThrow();

        Lease takenOver = otherProcess.locks().takeOver(dead, "host-a:200", Duration.ofMinutes(2)).orElseThrow();
        assertThat(takenOver.owner()).isEqualTo("host-a:200");
        assertThat(store.locks().holder(CONTOSO)).contains(takenOver);
        assertThat(store.locks().takeOver(dead, "host-a:300", Duration.ofMinutes(2))).as("no longer that lease").isEmpty();
        assertThat(store.locks().renew(dead, Duration.ofMinutes(2))).isEmpty();

        otherProcess.locks().release(takenOver);
        assertThat(store.locks().takeOver(takenOver, "host-a:300", Duration.ofMinutes(2))).as("released: nothing to take over").isEmpty();
        assertThat(store.locks().holder(CONTOSO)).isEmpty();
    }

    @Test
    void exactlyOneOfManyConcurrentAttemptsWins() throws Exception {
        int processes = 6;
        List<StateStore> stores = new ArrayList<>();
        for (int index = 0; index < processes; index++) {
            stores.add(index == 0 ? store : open());
        }
        CountDownLatch ready = new CountDownLatch(processes);
        List<Callable<Optional<Lease>>> attempts = new ArrayList<>();
        for (int index = 0; index < processes; index++) {
            StateStore state = stores.get(index);
            String owner = "host-" + index;
            attempts.add(() -> {
                ready.countDown();
                ready.await();
                return state.locks().tryAcquire(CONTOSO, owner, Duration.ofMinutes(2));
            });
        }
        ExecutorService executor = Executors.newFixedThreadPool(processes);
        try {
            List<Lease> won = new ArrayList<>();
            for (Future<Optional<Lease>> attempt : executor.invokeAll(attempts, 2, TimeUnit.MINUTES)) {
                attempt.get().ifPresent(won::add);
            }
            assertThat(won).hasSize(1);
            assertThat(store.locks().holder(CONTOSO)).contains(won.get(0));
        } finally {
            executor.shutdownNow();
        }
    }

    // --- seat history ---

    private static SeatSample sample(TenantId tenant, Instant at, SkuId sku, String partNumber, int assigned, Optional<RunId> run) {
        return new SeatSample(tenant, at, run, sku, partNumber, 25, assigned, 25 - assigned, 2, assigned > 23 ? 1 : 0);
    }

    @Test
    void seatHistoryReadsBackWhatWasRecordedByTenantSkuAndTime() {
        RunId run = store.runs().begin(CONTOSO, RunKind.APPLY, "node-1").id();
        Instant later = START.plus(Duration.ofHours(25)).plusNanos(123_456_789); // kept to the microsecond
        store.seatHistory().record(List.of(sample(CONTOSO, later, E5, "SPE_E5", 24, Optional.of(run)),
                sample(CONTOSO, later, E3, "ENTERPRISEPACK", 11, Optional.of(run))));
        open().seatHistory().record(List.of(sample(CONTOSO, START, E3, "ENTERPRISEPACK", 10, Optional.empty()),
                sample(FABRIKAM, START, E3, "ENTERPRISEPACK", 3, Optional.empty())));

        List<SeatSample> all = store.seatHistory().since(Optional.empty(), START);
        List<SeatSample> contoso = store.seatHistory().since(Optional.of(CONTOSO), START);
        List<SeatSample> recent = store.seatHistory().since(Optional.of(CONTOSO), START.plusSeconds(1));

        // By tenant, then SKU part number, then time.
        assertThat(all).containsExactly(sample(CONTOSO, START, E3, "ENTERPRISEPACK", 10, Optional.empty()),
                sample(CONTOSO, JdbcValues.stored(later), E3, "ENTERPRISEPACK", 11, Optional.of(run)),
                sample(CONTOSO, JdbcValues.stored(later), E5, "SPE_E5", 24, Optional.of(run)),
                sample(FABRIKAM, START, E3, "ENTERPRISEPACK", 3, Optional.empty()));
        assertThat(contoso).hasSize(3).allMatch(sample -> sample.tenant().equals(CONTOSO));
        assertThat(recent).extracting(SeatSample::skuPartNumber).containsExactly("ENTERPRISEPACK", "SPE_E5");
        assertThat(recent.get(1).waiting()).isEqualTo(1);
    }

    @Test
    void twoSamplesOfOneSkuAtOneInstantAreBothKept() {
        store.seatHistory().record(List.of(sample(CONTOSO, START, E3, "ENTERPRISEPACK", 10, Optional.empty())));
        store.seatHistory().record(List.of(sample(CONTOSO, START, E3, "ENTERPRISEPACK", 12, Optional.empty())));

        assertThat(store.seatHistory().since(Optional.of(CONTOSO), START)).extracting(SeatSample::assigned).containsExactly(10, 12);
    }

    // --- helpers ---

    static ChangeIntent intent(int sequence, UserId user) {
        return new ChangeIntent(sequence, user, user.value() + "@contoso.com", new ChangeRequest(null,
                List.of(new LicenseAdd(E3, "ENTERPRISEPACK", List.of())), List.of(), List.of("sales-e3"), List.of(), null));
    }

    static List<Integer> schemaVersions(StateStore state) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection connection = state.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM seatwarden_schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    static long count(StateStore state, String sql) throws SQLException {
        try (Connection connection = state.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static void execute(StateStore state, String sql) throws SQLException {
        try (Connection connection = state.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
