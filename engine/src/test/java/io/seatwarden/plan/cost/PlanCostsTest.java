package io.seatwarden.plan.cost;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.Resolution;
import io.seatwarden.plan.Resolver;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The cost arithmetic, each figure worked out by hand in the comments. */
class PlanCostsTest {
    private static Plan plan(TestingPolicies policies, TestingTenant tenant) {
        var snapshot = tenant.build();
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(policies.build(), snapshot);
        assertThat(resolution.problems()).isEmpty();
        return new Planner().plan(resolution.orThrow(), snapshot, Ownership.none());
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /**
     * E3 at 23.50: 3 bought, alice and carol hold one; Sales (priority 100) gets bob the last seat, Support's dave waits.
     * E5 at 57.10: 5 bought, erin and gina hold one; frank joins, gina loses it (prune): 2 held before and after.
     * VISIO has no price: its seats are counted for the policy, its cost is not.
     */
    private static Plan shortageAndPrune() {
        return plan(policies()
                        .policy("sales-e3", "Sales").priority(100).grant("E3")
                        .policy("support-e3", "Support").priority(10).grant("E3")
                        .policy("eng", "Engineering").grant("E5").prune().grant("VISIO")
                        .price("E3", "23.50").price("E5", "57.10"),
                tenant().sku("E3", 3).sku("E5", 5).sku("VISIO", 2)
                        .user("alice").inGroup("Sales").holds("E3")
                        .user("bob").inGroup("Sales")
                        .user("carol").inGroup("Support").holds("E3")
                        .user("dave").inGroup("Support")
                        .user("erin").inGroup("Engineering").holds("E5")
                        .user("frank").inGroup("Engineering")
                        .user("gina").inGroup("Finance").holds("E5"));
    }

    @Test
    void perSkuFiguresAreSeatsTimesPrice() {
        Plan plan = shortageAndPrune();

        assertThat(plan.skus()).extracting(SkuSeats::skuPartNumber, SkuSeats::cost).containsExactly(
                // before 2 * 23.50; after 3 * 23.50; unused max(0, 3 - 3) * 23.50; shortfall 1 waiting * 23.50
                tuple("E3", new SkuCost(money("23.50"), money("47.00"), money("70.50"), money("23.50"), money("0.00"), money("23.50"))),
                // before 2 * 57.10; after (2 + 1 - 1) * 57.10; unused (5 - 2) * 57.10; nobody waits
                tuple("E5", new SkuCost(money("57.10"), money("114.20"), money("114.20"), money("0.00"), money("171.30"), money("0.00"))),
                tuple("VISIO", null));
    }

    @Test
    void thePlanSumsThePricedSkusAndNamesTheOthers() {
        PlanCost cost = shortageAndPrune().summary().cost();

        assertThat(cost.currency()).isEqualTo("EUR");
        assertThat(cost.assignedBefore()).isEqualTo(money("161.20")); // 47.00 + 114.20
        assertThat(cost.assignedAfter()).isEqualTo(money("184.70")); // 70.50 + 114.20
        assertThat(cost.delta()).isEqualTo(money("23.50"));
        assertThat(cost.unusedAfter()).isEqualTo(money("171.30"));
        assertThat(cost.shortfall()).isEqualTo(money("23.50"));
        assertThat(cost.unpriced()).containsExactly("VISIO");
    }

    @Test
    void chargebackCountsEachPolicysSeatsAfterThePlan() {
        PlanCost cost = shortageAndPrune().summary().cost();

        assertThat(cost.policies()).containsExactly(
                new PolicyCost("sales-e3", 2, money("47.00"), java.util.List.of()), // alice kept, bob new: 2 * 23.50
                new PolicyCost("support-e3", 1, money("23.50"), java.util.List.of()), // carol kept; dave waits
                // E5: erin kept, frank new (2 * 57.10); VISIO: erin and frank new, unpriced
                new PolicyCost("eng", 4, money("114.20"), java.util.List.of("VISIO")));
    }

    @Test
    void aMemberTwoPoliciesGrantIsChargedToTheOneServedFirst() {
        Plan plan = plan(policies()
                        .policy("all-e3", "Everyone").grant("E3")
                        .policy("sales-e3", "Sales").priority(5).grant("E3")
                        .price("E3", "20"),
                tenant().sku("E3", 10).user("alice").inGroup("Sales", "Everyone").holds("E3").user("bob").inGroup("Everyone"));

        assertThat(plan.summary().cost().policies()).extracting(PolicyCost::policy, PolicyCost::seats, PolicyCost::monthly)
                .containsExactly(tuple("sales-e3", 1, money("20.00")), tuple("all-e3", 1, money("20.00")));
    }

    @Test
    void negativeHeadroomLeavesNothingUnusedAndAllWaitersShort() {
        // 6 held of 5 bought: nothing is free, both newcomers wait. unused max(0, 5 - 6) = 0; shortfall 2 * 9.9999
        Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI").price("PBI", "9.9999"),
                tenant().sku("PBI", 5).consumed("PBI", 6).user("ann").inGroup("Analysts").user("ben").inGroup("Analysts"));

        SkuCost cost = plan.skus().get(0).cost();
        assertThat(cost.assignedBefore()).isEqualTo(money("59.9994")); // 6 * 9.9999, every digit kept
        assertThat(cost.assignedAfter()).isEqualTo(money("59.9994"));
        assertThat(cost.unusedAfter()).isEqualTo(money("0.0000")); // in the price's own decimals
        assertThat(cost.shortfall()).isEqualTo(money("19.9998"));
    }

    @Test
    void aCurrencyWithoutDecimalsShowsWholeAmounts() {
        Plan plan = plan(policies().policy("sales", "Sales").grant("E3").price("E3", "2750").currency("JPY"),
                tenant().sku("E3", 4).user("alice").inGroup("Sales"));

        PlanCost cost = plan.summary().cost();
        assertThat(cost.assignedBefore()).isEqualTo(money("0"));
        assertThat(cost.assignedAfter()).isEqualTo(money("2750"));
        assertThat(cost.unusedAfter()).isEqualTo(money("8250")); // (4 - 1) * 2750
        assertThat(cost.assignedAfter().scale()).isZero();
    }

    @Test
    void withoutPricesThePlanHasNoCost() {
        Plan plan = plan(policies().policy("sales", "Sales").grant("E3"), tenant().sku("E3", 4).user("alice").inGroup("Sales"));

        assertThat(plan.summary().cost()).isNull();
        assertThat(plan.skus().get(0).cost()).isNull();
    }
}
