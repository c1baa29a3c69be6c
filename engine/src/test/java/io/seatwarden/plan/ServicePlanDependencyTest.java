package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.planId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 10 for dependencies, predicted at plan time when the tenant data knows them (a tenant file's
 * {@code dependsOn}): a grant enabling a plan without the plan it needs is skipped, SERVICE_PLAN_DEPENDENCY,
 * with both plans named; the user's other grants go ahead.
 */
class ServicePlanDependencyTest {
    private static Plan plan(TestingPolicies policies, TestingTenant tenant) {
        TenantSnapshot snapshot = tenant.build();
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(policies.build(), snapshot);
        return new Planner().plan(resolution.orThrow(), snapshot, Ownership.none());
    }

    /** Teams Phone (MCOEV) needs Teams (TEAMS1), which E3 carries. */
    private static TestingTenant skus() {
        return tenant().sku("E3", 10, "TEAMS1", "SWAY").sku("PHONE", 10, "MCOEV").sku("BI", 10, "BI_AZURE_P2")
                .planDependsOn("MCOEV", "TEAMS1");
    }

    @Test
    void aGrantWhosePlanLacksThePlanItNeedsIsSkippedByName() {
        Plan plan = plan(policies().policy("phones", "Phones").grant("PHONE").grant("BI"), skus().user("a").inGroup("Phones"));

        assertThat(plan.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo(SkipReason.SERVICE_PLAN_DEPENDENCY);
            assertThat(skip.skuPartNumber()).isEqualTo("PHONE");
            assertThat(skip.detail()).isEqualTo("MCOEV (PHONE) depends on TEAMS1, which the user neither has nor gets in this plan");
        });
        // The user's other SKU is not held hostage.
        assertThat(plan.changes()).singleElement().satisfies(change -> assertThat(change.addLicenses())
                .extracting(LicenseAdd::skuPartNumber).containsExactly("BI"));
    }

    @Test
    void thePlanItNeedsMayBeHeldOrComeInTheSamePlan() {
        Plan held = plan(policies().policy("phones", "Phones").grant("PHONE"), skus().user("a").holds("E3").inGroup("Phones"));
        Plan together = plan(policies().policy("phones", "Phones").grant("PHONE").grant("E3"), skus().user("a").inGroup("Phones"));

        assertThat(held.skipped()).isEmpty();
        assertThat(together.skipped()).isEmpty();
        assertThat(together.changes()).singleElement().satisfies(change -> assertThat(change.addLicenses())
                .extracting(LicenseAdd::skuPartNumber).containsExactlyInAnyOrder("E3", "PHONE"));
    }

    @Test
    void theNeededPlanDisabledByThePolicyDoesNotCount() {
        Plan plan = plan(policies().policy("phones", "Phones").grant("PHONE").grant("E3").disabling("TEAMS1"),
                skus().user("a").inGroup("Phones"));

        assertThat(plan.skipped()).extracting(Skip::reason).containsExactly(SkipReason.SERVICE_PLAN_DEPENDENCY);
    }

    @Test
    void aTenantFileKeepsTheDependencies() {
        TenantSnapshot snapshot = skus().build();
        TenantSnapshot replayed = TenantFileMapper.toSnapshot(TenantFileMapper.toFile(snapshot), "test");

        assertThat(replayed.sku(TestingTenant.skuId("PHONE")).orElseThrow().servicePlans().get(0).dependsOn())
                .containsExactly(planId("TEAMS1"));
    }
}
