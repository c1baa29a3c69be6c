package io.seatwarden.reconcile;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.graph.TestingTime;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.reconcile.WriteOperation;
import io.seatwarden.state.ChangeIntent;
import io.seatwarden.state.ChangeRequest;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.SeatSample;
import io.seatwarden.state.Settlement;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The reconcile flow (phases, guard, journal, ownership, lease, resume) on a state database; subclasses say which. */
abstract class AbstractReconcileRunTest {
    private final TestingTime time = new TestingTime();
    StateStore state;
    private ReconcileRun reconcile;

    @BeforeEach
    void openState() {
        state = new StateStores(time).open(newDatabase());
        reconcile = new ReconcileRun(state, ProductCatalog.empty(), time);
    }

    /** A fresh, empty state database for one test. */
    abstract StateConfig newDatabase();

    @AfterEach
    void closeState() {
        state.close();
    }

    private Ownership owned(TenantSnapshot tenant) {
        return state.assignments().load(tenant.tenantId());
    }

    private List<JournalState> journal(RunResult result) {
        return state.journal().entries(result.runId().orElseThrow()).stream().map(JournalEntry::state).toList();
    }

    private RunResult apply(TestingDirectory directory, PolicySet policies, RunOptions options) {
        return reconcile.run(RunRequest.unattended(new TenantConnection(directory, directory), policies, options));
    }

    private RunResult dryRun(TestingDirectory directory, PolicySet policies) {
        return apply(directory, policies, RunOptions.apply().asDryRun());
    }

    @Test
    void appliesThenConvergesAndRecordsOwnershipAndJournal() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").noLocation().build());
        PolicySet policies = policies().policy("sales", "Sales").usageLocation("DE").grant("E3").build();

        RunResult result = apply(tenantDirectory, policies, RunOptions.apply());

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.applied().orElseThrow().changes()).extracting(ChangeOutcome::status)
                .containsExactly(ChangeStatus.APPLIED, ChangeStatus.APPLIED);
        assertThat(tenantDirectory.tenant().user(userId("bob")).orElseThrow().usageLocation()).isEqualTo("DE");
        // The location goes out before bob's license, and each user gets one assignLicense.
        List<WriteOperation> sent = tenantDirectory.sent();
        assertThat(sent.get(0)).isInstanceOf(WriteOperation.SetUsageLocation.class);
        assertThat(sent.stream().filter(op -> op instanceof WriteOperation.AssignLicenses)).hasSize(2);
        assertThat(owned(tenantDirectory.tenant()).isOwned(userId("alice"), skuId("E3"))).isTrue();
        assertThat(journal(result)).containsExactly(JournalState.SUCCEEDED, JournalState.SUCCEEDED);
        assertThat(state.runs().find(result.runId().orElseThrow()).orElseThrow().outcome()).isEqualTo(RunOutcome.APPLIED);

        RunResult again = dryRun(tenantDirectory, policies);
        assertThat(again.plan().orElseThrow().changes()).isEmpty();
        assertThat(again.exitCode()).isZero();
    }

    @Test
    void eachWetRunRecordsItsSeatsAndADryRunNone() {
        // E3: 3 seats, carol holds one; Sales is alice, bob, carol, dave: 2 seats left for alice and bob, dave waits.
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 3).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").user("carol").inGroup("Sales").holds("E3")
                .user("dave").inGroup("Sales").build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();

        dryRun(tenantDirectory, policies);
        assertThat(state.seatHistory().since(Optional.empty(), Instant.EPOCH)).isEmpty();

        RunResult first = apply(tenantDirectory, policies, RunOptions.apply());
        time.advance(Duration.ofDays(1));
        RunResult second = apply(tenantDirectory, policies, RunOptions.apply().withKind(RunKind.SCHEDULED));

        TenantId tenantId = tenantDirectory.tenant().tenantId();
        List<SeatSample> samples = state.seatHistory().since(Optional.of(tenantId), Instant.EPOCH);
        // After the first run 3 in use, 0 free, dave waiting; the second changes nothing and finds the same.
        assertThat(samples).extracting(SeatSample::run, SeatSample::skuPartNumber, SeatSample::enabled, SeatSample::assigned,
                SeatSample::available, SeatSample::reserved, SeatSample::waiting).containsExactly(
                tuple(first.runId(), "E3", 3, 3, 0, 0, 1),
                tuple(second.runId(), "E3", 3, 3, 0, 0, 1));
        assertThat(samples.get(1).recordedAt()).isEqualTo(samples.get(0).recordedAt().plus(Duration.ofDays(1)));
    }

    @Test
    void rule5RemovesOnlyWhatTheEngineAssigned() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 10).sku("E5", 10).group("Sales").group("Licensed")
                .groupLicense("Licensed", "E5")
                .user("alice").inGroup("Sales", "Licensed")
                .user("carol").inGroup("Sales").holds("E5")
                .build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").policy("sales-e5", "Sales").grant("E5").build();
        assertThat(apply(tenantDirectory, policies, RunOptions.apply()).outcome()).isEqualTo(RunOutcome.APPLIED);
        // alice got E3 from the engine and keeps E5 from Entra's group; carol got E3, already had E5 by hand.
        assertThat(owned(tenantDirectory.tenant()).keys())
                .containsExactlyInAnyOrder(key("alice", "E3"), key("carol", "E3"));

        // Both leave Sales.
        TestingDirectory after = new TestingDirectory(withoutSalesMembers(tenantDirectory.tenant()));
        RunResult result = apply(after, policies, RunOptions.apply());

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        TenantSnapshot now = after.tenant();
        assertThat(now.user(userId("alice")).orElseThrow().holds(skuId("E3"))).isFalse();
        assertThat(now.user(userId("alice")).orElseThrow().inheritsFromGroup(skuId("E5"))).isTrue();
        assertThat(now.user(userId("carol")).orElseThrow().holds(skuId("E3"))).isFalse();
        assertThat(now.user(userId("carol")).orElseThrow().directLicense(skuId("E5"))).isPresent();
        assertThat(owned(now).keys()).isEmpty();
        assertThat(dryRun(after, policies).plan().orElseThrow().changes()).isEmpty();
    }

    @Test
    void theRemovalGuardHoldsBackEveryRemovalAndAppliesTheRest() {
        // a, b and c hold E3 by hand; a policy that prunes E3 now licenses only Ops, which dave joined.
        PolicySet strict = policies().policy("ops", "Ops").grant("E3").prune().maxRemovals(2).build();
        TenantSnapshot withDave = tenant().sku("E3", 10).group("Sales").group("Ops").user("a").holds("E3").user("b").holds("E3")
                .user("c").holds("E3").user("dave").inGroup("Ops").build();
        TestingDirectory guarded = new TestingDirectory(withDave);

        RunResult held = apply(guarded, strict, RunOptions.apply());

        assertThat(held.outcome()).isEqualTo(RunOutcome.REMOVALS_HELD);
        assertThat(held.exitCode()).isEqualTo(3);
        assertThat(held.message()).contains("removal guard").contains("maxRemovals (2)");
        assertThat(guarded.tenant().user(userId("dave")).orElseThrow().holds(skuId("E3"))).isTrue();
        assertThat(guarded.tenant().user(userId("a")).orElseThrow().holds(skuId("E3"))).isTrue();
        assertThat(held.applied().orElseThrow().count(ChangeStatus.HELD)).isEqualTo(3);

        RunResult raised = apply(guarded, strict, RunOptions.apply().withMaxRemovals(3));
        assertThat(raised.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(guarded.tenant().user(userId("a")).orElseThrow().holds(skuId("E3"))).isFalse();
    }

    @Test
    void heldRemovalsFreeNoSeatsSoReserveAndPriorityHoldAtApply() {
        // E3: 4 seats, 2 held by hand by users the pruning policy no longer licenses, 1 reserved: 1 seat to give.
        PolicySet policies = policies().policy("support-e3", "Support").priority(0).grant("E3").prune()
                .policy("sales-e3", "Sales").priority(100).grant("E3").reserve("E3", 1).maxRemovals(1).build();
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 4).group("Support").group("Sales")
                .user("left1").holds("E3").user("left2").holds("E3")
                .user("aaa").inGroup("Support").user("zzz").inGroup("Sales").build());

        RunResult held = apply(directory, policies, RunOptions.apply());

        assertThat(held.outcome()).isEqualTo(RunOutcome.REMOVALS_HELD);
        Plan plan = held.plan().orElseThrow();
        assertThat(plan.waitingForHeldRemovals()).extracting(io.seatwarden.plan.HeldAdd::userId).containsExactly(userId("aaa"));
        // Exactly the plan's changes went out: zzz's add; not aaa's (it would take the reserved seat), no removal.
        assertThat(directory.sent()).filteredOn(op -> op instanceof WriteOperation.AssignLicenses).extracting(WriteOperation::user)
                .containsExactly(userId("zzz"));
        assertThat(directory.tenant().user(userId("zzz")).orElseThrow().holds(skuId("E3"))).isTrue();
        assertThat(directory.tenant().user(userId("aaa")).orElseThrow().holds(skuId("E3"))).isFalse();
        assertThat(directory.tenant().user(userId("left1")).orElseThrow().holds(skuId("E3"))).isTrue();
        assertThat(directory.tenant().sku(skuId("E3")).orElseThrow().consumedUnits()).isEqualTo(3); // the reserved seat is still free

        RunResult raised = apply(directory, policies, RunOptions.apply().withMaxRemovals(2));

        assertThat(raised.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(directory.tenant().user(userId("aaa")).orElseThrow().holds(skuId("E3"))).isTrue();
        assertThat(directory.tenant().user(userId("left1")).orElseThrow().holds(skuId("E3"))).isFalse();
        assertThat(directory.tenant().sku(skuId("E3")).orElseThrow().consumedUnits()).isEqualTo(2);
    }

    @Test
    void aSavedPlanIsRefusedWhenTheRunWouldDecideTheGuardOtherwise() {
        PolicySet policies = policies().policy("ops", "Ops").grant("E3").prune().maxRemovals(1).build();
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Ops")
                .user("a").holds("E3").user("b").holds("E3").build());
        Plan reviewed = apply(directory, policies, RunOptions.apply().asDryRun().withMaxRemovals(2)).plan().orElseThrow();
        assertThat(reviewed.summary().removalGuard().wouldTrip()).isFalse();

        RunResult refused = apply(directory, policies, RunOptions.apply().withExpectedPlan(SavedPlan.of(reviewed)));

        assertThat(refused.outcome()).isEqualTo(RunOutcome.REFUSED);
        assertThat(refused.details()).singleElement().asString().contains("removal guard holds them back", "--max-removals");
        assertThat(directory.sent()).isEmpty();

        RunResult applied = apply(directory, policies, RunOptions.apply().withMaxRemovals(2).withExpectedPlan(SavedPlan.of(reviewed)));
        assertThat(applied.outcome()).isEqualTo(RunOutcome.APPLIED);
    }

    @Test
    void removalsGoFirstSoTheirSeatsServeTheAdds() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 1).group("Sales").group("Ops")
                .user("old").inGroup("Ops").build());
        apply(tenantDirectory, policies().policy("ops", "Ops").grant("E3").build(), RunOptions.apply());
        TenantSnapshot moved = tenant().sku("E3", 1).group("Sales").group("Ops").user("old").holds("E3").user("new").inGroup("Sales").build();
        TestingDirectory next = new TestingDirectory(moved);

        RunResult result = apply(next, policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply());

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        List<WriteOperation> sent = next.sent();
        assertThat(((WriteOperation.AssignLicenses) sent.get(0)).removesOnly()).isTrue();
        assertThat(next.tenant().user(userId("new")).orElseThrow().holds(skuId("E3"))).isTrue();
    }

    @Test
    void seatsTakenSinceThePlanLeaveTheUserWaitingNotFailing() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 1).group("Sales").user("alice").inGroup("Sales").build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();
        RunResult result = reconcile.run(new RunRequest(new TenantConnection(tenantDirectory, tenantDirectory), policies, RunOptions.apply(),
                (plan, guard) -> {
                    tenantDirectory.consumeElsewhere(skuId("E3"), 1); // someone took the last seat while we asked
                    return true;
                }, ApplyProgress.none()));

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(result.applied().orElseThrow().changes().get(0).status()).isEqualTo(ChangeStatus.WAITING_FOR_SEATS);
        assertThat(journal(result)).containsExactly(JournalState.WAITING_FOR_SEATS);
    }

    @Test
    void aSavedPlanIsRefusedWhenTheTenantChangedUnderIt() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();
        Plan reviewed = dryRun(tenantDirectory, policies).plan().orElseThrow();
        TestingDirectory changed = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("eve").inGroup("Sales").build());

        RunResult refused = apply(changed, policies, RunOptions.apply().withExpectedPlan(SavedPlan.of(reviewed)));

        assertThat(refused.outcome()).isEqualTo(RunOutcome.REFUSED);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.details()).singleElement().asString().contains("eve");
        assertThat(changed.sent()).isEmpty();

        RunResult applied = apply(tenantDirectory, policies, RunOptions.apply().withExpectedPlan(SavedPlan.of(reviewed)));
        assertThat(applied.outcome()).isEqualTo(RunOutcome.APPLIED);
    }

    @Test
    void twoAppliesOfOneTenantDoNotOverlap() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").build());
        state.locks().tryAcquire(tenantDirectory.tenant().tenantId(), "elsewhere:1", Duration.ofMinutes(1)).orElseThrow();
        RunResult refused = apply(tenantDirectory, policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply());
        assertThat(refused.outcome()).isEqualTo(RunOutcome.REFUSED);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.message()).contains("another apply").contains("elsewhere:1");
        assertThat(tenantDirectory.sent()).isEmpty();
    }

    /** A reader that counts the reads of the tenant (asking its id is not one). */
    private static final class CountingReader implements io.seatwarden.directory.DirectoryReader {
        private final TestingDirectory directory;
        int reads;

        CountingReader(TestingDirectory directory) {
            this.directory = directory;
        }

        @Override
        public TenantSnapshot read(io.seatwarden.directory.ReadScope scope) {
            reads++;
            return directory.read(scope);
        }

        @Override
        public io.seatwarden.directory.TenantId tenantId() {
            return directory.tenant().tenantId();
        }
    }

    @Test
    void aSecondRunWaitsForTheLeaseThenReadsTheTenantAsTheFirstLeftIt() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").build());
        io.seatwarden.directory.TenantId tenant = directory.tenant().tenantId();
        io.seatwarden.state.Lease other = state.locks().tryAcquire(tenant, "elsewhere:1", Duration.ofMinutes(1)).orElseThrow();
        CountingReader reader = new CountingReader(directory);
        List<Integer> readsWhileWaiting = new java.util.ArrayList<>();
        List<String> announced = new java.util.ArrayList<>();
        // The first pause stands in for the other run: it licenses alice, then lets go of the lease.
        io.seatwarden.state.StateStores.Pause otherRunFinishes = duration -> {
            readsWhileWaiting.add(reader.reads);
            if (readsWhileWaiting.size() == 1) {
                directory.carryOut(new WriteOperation.AssignLicenses(userId("alice"), "alice",
                        List.of(new LicenseAdd(skuId("E3"), "E3", List.of())), List.of()));
                state.locks().release(other);
            }
        };
        ReconcileRun waiting = new ReconcileRun(java.util.Optional.of(state), ProductCatalog.empty(), time, ReconcileRun.DEFAULT_LEASE,
                otherRunFinishes);

        RunResult result = waiting.run(new RunRequest(new TenantConnection(reader, directory), policies().policy("sales", "Sales").grant("E3").build(),
                RunOptions.apply().withLeaseWait(Duration.ofSeconds(30)), Confirmation.always(), new ApplyProgress() {
                    @Override
                    public void waitingForLease(String holder, Duration limit) {
                        announced.add(holder + " / " + limit);
                    }
                }));

        assertThat(announced).singleElement().asString().startsWith("elsewhere:1 since").endsWith("/ PT30S");
        assertThat(readsWhileWaiting).containsOnly(0); // nothing was read before the lease was held
        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        // Planned from the tenant as the other run left it: only bob still needed E3, and alice was not written twice.
        assertThat(directory.sent()).extracting(WriteOperation::user).containsExactly(userId("bob"));
    }

    @Test
    void aRunWaitsForTheLeaseOnlyAsLongAsAskedThenRefusesHavingReadNothing() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").build());
        state.locks().tryAcquire(directory.tenant().tenantId(), "elsewhere:1", Duration.ofMinutes(10)).orElseThrow();
        CountingReader reader = new CountingReader(directory);
        List<Duration> pauses = new java.util.ArrayList<>();
        ReconcileRun waiting = new ReconcileRun(java.util.Optional.of(state), ProductCatalog.empty(), time, ReconcileRun.DEFAULT_LEASE,
                pauses::add);

        RunResult refused = waiting.run(RunRequest.unattended(new TenantConnection(reader, directory),
                policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply().withLeaseWait(Duration.ofSeconds(2))));

        assertThat(refused.outcome()).isEqualTo(RunOutcome.REFUSED);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.message()).contains("another apply", "elsewhere:1", "waited 2 s", "nothing was read or applied");
        assertThat(pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(2));
        assertThat(reader.reads).isZero();
        assertThat(directory.sent()).isEmpty();
        assertThat(state.runs().recent(java.util.Optional.of(directory.tenant().tenantId()), 10)).isEmpty();
    }

    @Test
    void pendingEntriesOfAnInterruptedRunAreSettledByReadingUsersBack() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").user("carol").inGroup("Sales").build());
        TenantSnapshot before = tenantDirectory.tenant();
        // An earlier run recorded two intents and died: alice's write went out, bob's did not.
        RunId crashed = state.runs().begin(before.tenantId(), RunKind.APPLY, "elsewhere").id();
        state.journal().intend(crashed, before.tenantId(), List.of(assignE3(1, "alice"), assignE3(2, "bob"), assignE3(3, "carol")));
        state.journal().sending(crashed, List.of(1, 2));
        tenantDirectory.carryOut(new WriteOperation.AssignLicenses(userId("alice"), "alice", List.of(new LicenseAdd(skuId("E3"), "E3", List.of())), List.of()));

        RunResult result = apply(tenantDirectory, policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply());

        assertThat(state.journal().entries(crashed)).extracting(JournalEntry::state)
                .containsExactly(JournalState.SUCCEEDED, JournalState.FAILED, JournalState.SUPERSEDED);
        assertThat(state.journal().entries(crashed).get(0).settlement()).contains(Settlement.READ_BACK);
        assertThat(state.runs().find(crashed).orElseThrow().outcome()).isEqualTo(RunOutcome.ABANDONED);
        assertThat(owned(before).isOwned(userId("alice"), skuId("E3"))).isTrue();
        // Only bob and carol were still to do: alice's license was not sent twice.
        assertThat(result.applied().orElseThrow().changes()).extracting(ChangeOutcome::userPrincipalName)
                .containsExactly("bob@contoso.test", "carol@contoso.test");
        assertThat(result.applied().orElseThrow().resumed()).isEqualTo(new ApplyResult.Resumed(3, 1, 1, 1));
    }

    @Test
    void aPendingEntryWhoseChangeTheFreshReadShowsDoneWasSentAndItsMarkLost() {
        TestingDirectory tenantDirectory = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").build());
        TenantSnapshot before = tenantDirectory.tenant();
        // An earlier run recorded both intents, sent alice's write and died; the journal lost the mark that it was sent
        // (the embedded H2 store can lose its last commits to a kill), so both entries still read as pending.
        RunId crashed = state.runs().begin(before.tenantId(), RunKind.APPLY, "elsewhere").id();
        state.journal().intend(crashed, before.tenantId(), List.of(assignE3(1, "alice"), assignE3(2, "bob")));
        tenantDirectory.carryOut(new WriteOperation.AssignLicenses(userId("alice"), "alice", List.of(new LicenseAdd(skuId("E3"), "E3", List.of())), List.of()));

        RunResult result = apply(tenantDirectory, policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply());

        assertThat(state.journal().entries(crashed)).extracting(JournalEntry::state)
                .containsExactly(JournalState.SUCCEEDED, JournalState.SUPERSEDED);
        assertThat(state.journal().entries(crashed).get(0).settlement()).contains(Settlement.READ_BACK);
        // Alice's E3 is the engine's: a later run may take it back when she leaves Sales.
        assertThat(owned(before).isOwned(userId("alice"), skuId("E3"))).isTrue();
        assertThat(owned(before).isOwned(userId("bob"), skuId("E3"))).isTrue();
        assertThat(result.applied().orElseThrow().changes()).extracting(ChangeOutcome::userPrincipalName).containsExactly("bob@contoso.test");
        assertThat(result.applied().orElseThrow().resumed()).isEqualTo(new ApplyResult.Resumed(2, 1, 0, 1));
        assertThat(tenantDirectory.sent()).hasSize(1);
    }

    @Test
    void aRunAskedToStopFinishesItsBatchAndTheNextRunContinues() {
        io.seatwarden.testing.TestingTenant builder = tenant().sku("E3", 100).group("Sales");
        for (int i = 1; i <= 45; i++) {
            builder.user("user" + i).inGroup("Sales");
        }
        TestingDirectory tenantDirectory = new TestingDirectory(builder.build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();

        RunResult stopped = reconcile.run(new RunRequest(new TenantConnection(tenantDirectory, tenantDirectory), policies, RunOptions.apply(),
                Confirmation.always(), ApplyProgress.none(), () -> tenantDirectory.sent().size() >= 20));

        assertThat(stopped.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(tenantDirectory.sent()).hasSize(20);
        assertThat(state.runs().find(stopped.runId().orElseThrow()).orElseThrow().outcome()).isEqualTo(RunOutcome.INTERRUPTED);

        RunResult next = apply(tenantDirectory, policies, RunOptions.apply());
        assertThat(next.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(next.applied().orElseThrow().changes()).hasSize(25);
        assertThat(next.applied().orElseThrow().resumed().neverSent()).isEqualTo(25);
        assertThat(tenantDirectory.sent()).hasSize(45);
    }

    private static ChangeIntent assignE3(int sequence, String user) {
        return new ChangeIntent(sequence, userId(user), user + "@contoso.test", new ChangeRequest(null,
                List.of(new LicenseAdd(skuId("E3"), "E3", List.of())), List.of(), List.of("sales"), List.of(), null));
    }

    private static Ownership.Key key(String user, String sku) {
        return new Ownership.Key(userId(user), skuId(sku));
    }

    private static TenantSnapshot withoutSalesMembers(TenantSnapshot tenant) {
        List<io.seatwarden.directory.Group> groups = tenant.groups().stream()
                .map(group -> group.displayName().equals("Sales")
                        ? new io.seatwarden.directory.Group(group.id(), group.displayName(), List.of(), group.memberGroups(), group.assignedLicenses())
                        : group)
                .toList();
        return new TenantSnapshot(tenant.tenantId(), tenant.subscribedSkus(), tenant.users(), groups);
    }
}
