package io.seatwarden.apply;

import io.seatwarden.apply.graph.TestingTime;
import io.seatwarden.apply.graph.WriteOperation;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.PolicySet;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

class ReconcileRunTest {
    private final TestingTime time = new TestingTime();
    private final InMemoryApplyStore store = new InMemoryApplyStore();
    private final ReconcileRun reconcile = new ReconcileRun(store, ProductCatalog.empty(), time);

    private RunResult apply(TestingDirectory directory, PolicySet policies, RunOptions options) {
        return reconcile.run(RunRequest.unattended(new TenantConnection(directory, directory), policies, options));
    }

    private RunResult dryRun(TestingDirectory directory, PolicySet policies) {
        return apply(directory, policies, RunOptions.apply().asDryRun());
    }

    @Test
    void appliesThenConvergesAndRecordsOwnershipAndJournal() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").noLocation().build());
        PolicySet policies = policies().policy("sales", "Sales").usageLocation("DE").grant("E3").build();

        RunResult result = apply(directory, policies, RunOptions.apply());

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(result.exitCode()).isZero();
        assertThat(result.applied().orElseThrow().changes()).extracting(ChangeOutcome::status)
                .containsExactly(ChangeStatus.APPLIED, ChangeStatus.APPLIED);
        assertThat(directory.tenant().user(userId("bob")).orElseThrow().usageLocation()).isEqualTo("DE");
        // The location goes out before bob's license, and each user gets one assignLicense.
        List<WriteOperation> sent = directory.sent();
        assertThat(sent.get(0)).isInstanceOf(WriteOperation.SetUsageLocation.class);
        assertThat(sent.stream().filter(op -> op instanceof WriteOperation.AssignLicenses)).hasSize(2);
        assertThat(store.ownership(directory.tenant().tenantId()).isOwned(userId("alice"), skuId("E3"))).isTrue();
        assertThat(store.journal(result.runId().orElseThrow())).extracting(JournalEntry::status).containsOnly(EntryStatus.APPLIED).hasSize(3);
        assertThat(store.run(result.runId().orElseThrow()).orElseThrow().outcome()).contains("APPLIED");

        RunResult again = dryRun(directory, policies);
        assertThat(again.plan().orElseThrow().changes()).isEmpty();
        assertThat(again.exitCode()).isZero();
    }

    @Test
    void rule5RemovesOnlyWhatTheEngineAssigned() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).sku("E5", 10).group("Sales").group("Licensed")
                .groupLicense("Licensed", "E5")
                .user("alice").inGroup("Sales", "Licensed")
                .user("carol").inGroup("Sales").holds("E5")
                .build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").policy("sales-e5", "Sales").grant("E5").build();
        assertThat(apply(directory, policies, RunOptions.apply()).outcome()).isEqualTo(RunOutcome.APPLIED);
        // alice got E3 from the engine and keeps E5 from Entra's group; carol got E3, already had E5 by hand.
        assertThat(store.ownership(directory.tenant().tenantId()).keys())
                .containsExactlyInAnyOrder(key("alice", "E3"), key("carol", "E3"));

        // Both leave Sales.
        TestingDirectory after = new TestingDirectory(withoutSalesMembers(directory.tenant()));
        RunResult result = apply(after, policies, RunOptions.apply());

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        TenantSnapshot now = after.tenant();
        assertThat(now.user(userId("alice")).orElseThrow().holds(skuId("E3"))).isFalse();
        assertThat(now.user(userId("alice")).orElseThrow().inheritsFromGroup(skuId("E5"))).isTrue();
        assertThat(now.user(userId("carol")).orElseThrow().holds(skuId("E3"))).isFalse();
        assertThat(now.user(userId("carol")).orElseThrow().directLicense(skuId("E5"))).isPresent();
        assertThat(store.ownership(now.tenantId()).keys()).isEmpty();
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
    void removalsGoFirstSoTheirSeatsServeTheAdds() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 1).group("Sales").group("Ops")
                .user("old").inGroup("Ops").build());
        apply(directory, policies().policy("ops", "Ops").grant("E3").build(), RunOptions.apply());
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
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 1).group("Sales").user("alice").inGroup("Sales").build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();
        RunResult result = reconcile.run(new RunRequest(new TenantConnection(directory, directory), policies, RunOptions.apply(),
                (plan, guard) -> {
                    directory.consumeElsewhere(skuId("E3"), 1); // someone took the last seat while we asked
                    return true;
                }, ApplyProgress.none()));

        assertThat(result.outcome()).isEqualTo(RunOutcome.APPLIED);
        assertThat(result.applied().orElseThrow().changes().get(0).status()).isEqualTo(ChangeStatus.WAITING_FOR_SEATS);
        assertThat(store.journal(result.runId().orElseThrow())).extracting(JournalEntry::status).containsExactly(EntryStatus.WAITING_FOR_SEATS);
    }

    @Test
    void aSavedPlanIsRefusedWhenTheTenantChangedUnderIt() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").build());
        PolicySet policies = policies().policy("sales", "Sales").grant("E3").build();
        Plan reviewed = dryRun(directory, policies).plan().orElseThrow();
        TestingDirectory changed = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("eve").inGroup("Sales").build());

        RunResult refused = apply(changed, policies, RunOptions.apply().withExpectedPlan(SavedPlan.of(reviewed)));

        assertThat(refused.outcome()).isEqualTo(RunOutcome.REFUSED);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.details()).singleElement().asString().contains("eve");
        assertThat(changed.sent()).isEmpty();

        RunResult applied = apply(directory, policies, RunOptions.apply().withExpectedPlan(SavedPlan.of(reviewed)));
        assertThat(applied.outcome()).isEqualTo(RunOutcome.APPLIED);
    }

    @Test
    void twoAppliesOfOneTenantDoNotOverlap() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").build());
        try (ApplyStore.ApplyLock held = store.tryLock(directory.tenant().tenantId(), "someone else").orElseThrow()) {
            RunResult refused = apply(directory, policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply());
            assertThat(refused.outcome()).isEqualTo(RunOutcome.REFUSED);
            assertThat(refused.message()).contains("another apply");
            assertThat(directory.sent()).isEmpty();
        }
    }

    @Test
    void pendingEntriesOfAnInterruptedRunAreSettledByReadingUsersBack() {
        TestingDirectory directory = new TestingDirectory(tenant().sku("E3", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").build());
        TenantSnapshot before = directory.tenant();
        // An earlier run recorded two intents and died: alice's write went out, bob's did not.
        String crashed = store.startRun(before.tenantId(), "apply", time.instant());
        List<JournalEntry> intents = store.recordIntents(crashed, before.tenantId(), List.of(
                assignE3("alice"), assignE3("bob")), time.instant());
        directory.carryOut(Applier.operation(intents.get(0).intent()));

        RunResult result = apply(directory, policies().policy("sales", "Sales").grant("E3").build(), RunOptions.apply());

        assertThat(store.journal(crashed)).extracting(JournalEntry::status).containsExactly(EntryStatus.APPLIED, EntryStatus.NOT_APPLIED);
        assertThat(store.ownership(before.tenantId()).isOwned(userId("alice"), skuId("E3"))).isTrue();
        // Only bob was still to do: alice's license was not sent twice.
        assertThat(result.applied().orElseThrow().changes()).extracting(ChangeOutcome::userPrincipalName).containsExactly("bob@contoso.test");
        assertThat(result.applied().orElseThrow().resumed()).isEqualTo(new ApplyResult.Resumed(2, 1, 1));
    }

    private static JournalIntent assignE3(String user) {
        return new JournalIntent(userId(user), user + "@contoso.test", WriteKind.ASSIGN_LICENSE, null,
                List.of(new io.seatwarden.plan.LicenseAdd(skuId("E3"), "E3", List.of())), List.of(), "US", List.of());
    }

    private static io.seatwarden.plan.Ownership.Key key(String user, String sku) {
        return new io.seatwarden.plan.Ownership.Key(userId(user), skuId(sku));
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
