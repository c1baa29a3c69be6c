package io.seatwarden.reconcile;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.Resolution;
import io.seatwarden.plan.Resolver;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.UserChange;
import io.seatwarden.state.RunId;
import io.seatwarden.state.SeatSample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The seat figures a run records: Graph's as read, moved by the changes that took effect. Figures computed by hand. */
class SeatHistoryRecordsTest {
    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    private static final RunId RUN = RunId.of("20261130T020000000Z-abcdef01");

    /**
     * E3: 5 enabled, carol and dave hold one (consumed 2), reserve 2. Ops (alice, bob, carol, erin) gets E3 with
     * YAMMER off and prune: dave loses his, carol's converges (an update, not a seat), and 5 - 2 - 2 + 1 freed = 2
     * seats go to alice and bob; erin waits.
     */
    private static Plan plan() {
        TenantSnapshot snapshot = tenant().sku("E3", 5, "EXCHANGE", "YAMMER").group("Ops")
                .user("alice").inGroup("Ops").user("bob").inGroup("Ops").user("carol").inGroup("Ops").holds("E3")
                .user("dave").holds("E3").user("erin").inGroup("Ops").build();
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(
                policies().policy("ops", "Ops").grant("E3").disabling("YAMMER").prune().reserve("E3", 2).build(), snapshot);
        assertThat(resolution.problems()).isEmpty();
        Plan plan = new Planner().plan(resolution.orThrow(), snapshot, Ownership.none());
        assertThat(plan.skus()).containsExactly(new SkuSeats(skuId("E3"), "E3", 5, 2, 2, 3, 2, 1, 2, 1));
        return plan;
    }

    @Test
    void withoutAnApplyTheFiguresAreAsRead() {
        Plan plan = plan();

        List<SeatSample> samples = SeatHistoryRecords.samples(plan.tenantId(), NOW, Optional.of(RUN), plan, Optional.empty());

        // in use 2 (consumed), free 5 - 2 = 3, reserve 2, erin waiting.
        assertThat(samples).containsExactly(new SeatSample(plan.tenantId(), NOW, Optional.of(RUN), skuId("E3"), "E3", 5, 2, 3, 2, 1));
    }

    @Test
    void countsOnlyTheChangesThatTookEffect() {
        Plan plan = plan();
        // alice got her seat, bob's was taken by someone else meanwhile, carol's update and dave's removal went out.
        ApplyResult applied = new ApplyResult(RUN, plan.tenantId(), plan.summary().removalGuard(), ApplyResult.Resumed.NONE, List.of(
                outcome(plan, "alice", ChangeStatus.APPLIED), outcome(plan, "bob", ChangeStatus.WAITING_FOR_SEATS),
                outcome(plan, "carol", ChangeStatus.APPLIED), outcome(plan, "dave", ChangeStatus.APPLIED)), WriterStats.ZERO);

        List<SeatSample> samples = SeatHistoryRecords.samples(plan.tenantId(), NOW, Optional.of(RUN), plan, Optional.of(applied));

        // in use 2 + 1 (alice) - 1 (dave) = 2, free 3 - 1 + 1 = 3; waiting: erin, and bob whom Graph refused.
        assertThat(samples).containsExactly(new SeatSample(plan.tenantId(), NOW, Optional.of(RUN), skuId("E3"), "E3", 5, 2, 3, 2, 2));
    }

    @Test
    void aFullyAppliedRunEndsWhereThePlanSaid() {
        Plan plan = plan();
        ApplyResult applied = new ApplyResult(RUN, plan.tenantId(), plan.summary().removalGuard(), ApplyResult.Resumed.NONE,
                plan.changes().stream().map(change -> outcome(change, ChangeStatus.APPLIED)).toList(), WriterStats.ZERO);

        SeatSample sample = SeatHistoryRecords.samples(plan.tenantId(), NOW, Optional.empty(), plan, Optional.of(applied)).get(0);

        // in use 2 + 2 - 1 = 3 = consumed + assigned - freed; free 2 = the plan's availableAfter.
        assertThat(sample.assigned()).isEqualTo(3);
        assertThat(sample.available()).isEqualTo(plan.skus().get(0).availableAfter());
        assertThat(sample.waiting()).isEqualTo(1);
        assertThat(sample.run()).isEmpty();
    }

    private static ChangeOutcome outcome(Plan plan, String user, ChangeStatus status) {
        return outcome(plan.changes().stream().filter(change -> change.userId().equals(userId(user))).findFirst().orElseThrow(), status);
    }

    private static ChangeOutcome outcome(UserChange change, ChangeStatus status) {
        return new ChangeOutcome(change.userId(), change.userPrincipalName(), status, change.usageLocation(), change.addLicenses(),
                change.removeLicenses(), List.of(), status == ChangeStatus.APPLIED ? "" : "no seats", 1, false);
    }
}
