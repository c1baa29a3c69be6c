package io.seatwarden.notify;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.RemovalReason;
import io.seatwarden.plan.Resolver;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.WriterStats;
import io.seatwarden.state.RunId;

import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;

/** Run results with every event in them, over a catalog that names ENTERPRISEPACK. */
final class NoticeFixtures {
    static final RunId RUN = RunId.of("20260101T000000000Z-abcdef01");
    static final ProductCatalog CATALOG = new ProductCatalog(List.of(
            new ProductCatalog.Product(skuId("ENTERPRISEPACK"), "ENTERPRISEPACK", "Office 365 E3", List.of())));
    static final NoticeContext CONTEXT = new NoticeContext("Contoso", CATALOG);

    private NoticeFixtures() {}

    /** One ENTERPRISEPACK seat for three members of Sales: alice is planned a seat, bob and carol wait. */
    static Plan shortPlan() {
        TenantSnapshot snapshot = tenant().sku("ENTERPRISEPACK", 1).sku("E5", 10).group("Sales")
                .user("alice").inGroup("Sales").user("bob").inGroup("Sales").user("carol").inGroup("Sales").build();
        return new Planner().plan(new Resolver(CATALOG).resolve(policies().policy("sales", "Sales").grant("ENTERPRISEPACK").build(), snapshot)
                .orThrow(), snapshot, Ownership.none());
    }

    /** alice applied, dave failed, erin's two removals held by the guard; bob and carol wait for seats. */
    static RunResult everything() {
        Plan plan = shortPlan();
        RemovalGuardVerdict guard = new RemovalGuardVerdict(2, 1, null, true, "2 removals exceed maxRemovals (1)");
        List<ChangeOutcome> changes = List.of(
                new ChangeOutcome(userId("alice"), "alice@contoso.test", ChangeStatus.APPLIED, "DE",
                        List.of(new LicenseAdd(skuId("ENTERPRISEPACK"), "ENTERPRISEPACK", List.of())), List.of(), List.of(), "", 1, false),
                new ChangeOutcome(userId("dave"), "dave@contoso.test", ChangeStatus.FAILED, null,
                        List.of(new LicenseAdd(skuId("E5"), "E5", List.of())), List.of(), List.of(), "Graph refused: bad request", 1, false),
                new ChangeOutcome(userId("erin"), "erin@contoso.test", ChangeStatus.HELD, null, List.of(), List.of(),
                        List.of(removal("E5"), removal("ENTERPRISEPACK")), "held", 0, false));
        ApplyResult applied = new ApplyResult(RUN, plan.tenantId(), guard, ApplyResult.Resumed.NONE, changes, WriterStats.ZERO);
        return new RunResult(RunOutcome.CHANGES_FAILED, "1 applied, 1 failed, 2 waiting for seats, 1 held", Optional.of(plan),
                Optional.of(applied), Optional.of(RUN), List.of(), List.of());
    }

    private static LicenseRemoval removal(String sku) {
        return new LicenseRemoval(skuId(sku), sku, RemovalReason.NOT_ENTITLED);
    }
}
