package io.seatwarden.reconcile;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.Resolver;
import io.seatwarden.state.RunId;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

class SeatShortageTest {
    static final ProductCatalog CATALOG = new ProductCatalog(List.of(
            new ProductCatalog.Product(skuId("ENTERPRISEPACK"), "ENTERPRISEPACK", "Office 365 E3", List.of())));

    private static Plan plan(TestingPolicies policies, TestingTenant tenant) {
        TenantSnapshot snapshot = tenant.build();
        return new Planner().plan(new Resolver(CATALOG).resolve(policies.build(), snapshot).orThrow(), snapshot, Ownership.none());
    }

    @Test
    void countsDistinctUsersThePlanCouldNotSeatPerSkuAndSaysWhatToDo() {
        // One seat, four members of two policies granting it: one is seated, three wait (carol once, though both policies reach her).
        Plan plan = plan(policies().policy("sales", "Sales").grant("ENTERPRISEPACK").policy("ops", "Ops").grant("ENTERPRISEPACK"),
                tenant().sku("ENTERPRISEPACK", 1).user("alice").inGroup("Sales").user("bob").inGroup("Sales")
                        .user("carol").inGroup("Sales", "Ops").user("dave").inGroup("Ops"));

        SeatShortage shortage = SeatShortage.of(plan, Optional.empty(), CATALOG);

        assertThat(shortage.users()).isEqualTo(3);
        assertThat(shortage.skus()).singleElement().satisfies(sku -> {
            assertThat(sku.skuPartNumber()).isEqualTo("ENTERPRISEPACK");
            assertThat(sku.productName()).contains("Office 365 E3");
            assertThat(sku.users()).isEqualTo(3);
        });
        assertThat(shortage.advice()).containsExactly(
                "3 users are waiting for seats of ENTERPRISEPACK (Office 365 E3): buy 3 seats or free 3; the next run assigns them");
        assertThat(shortage.note()).isEqualTo("; 3 users waiting for seats");
    }

    @Test
    void addsUsersGraphTurnedAwayWhileApplyingAndNamesUnknownSkusByPartNumber() {
        Plan plan = plan(policies().policy("sales", "Sales").grant("E5"), tenant().sku("E5", 5).user("alice").inGroup("Sales"));
        ChangeOutcome refused = new ChangeOutcome(userId("alice"), "alice@contoso.test", ChangeStatus.WAITING_FOR_SEATS, null,
                List.of(new LicenseAdd(skuId("E5"), "E5", List.of())), List.of(), List.of(), "no seats left: none", 1, false);
        ApplyResult applied = new ApplyResult(RunId.of("20260101T000000000Z-abcdef01"), new TenantId("t1"),
                new RemovalGuardVerdict(0, 50, null, false, null), ApplyResult.Resumed.NONE, List.of(refused), WriterStats.ZERO);

        SeatShortage shortage = SeatShortage.of(plan, Optional.of(applied), CATALOG);

        assertThat(shortage.users()).isEqualTo(1);
        assertThat(shortage.advice()).containsExactly("1 user is waiting for a seat of E5: buy 1 seat or free 1; the next run assigns it");
    }

    @Test
    void nobodyWaitingMeansNoAdviceAndNoNote() {
        Plan plan = plan(policies().policy("sales", "Sales").grant("ENTERPRISEPACK"),
                tenant().sku("ENTERPRISEPACK", 5).user("alice").inGroup("Sales"));

        SeatShortage shortage = SeatShortage.of(plan, Optional.empty(), CATALOG);

        assertThat(shortage.isEmpty()).isTrue();
        assertThat(shortage.advice()).isEmpty();
        assertThat(shortage.note()).isEmpty();
    }
}
