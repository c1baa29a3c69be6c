package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.planId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule 10: a grant whose service plans cannot be enabled with the user's is skipped, SERVICE_PLAN_CONFLICT. */
class ServicePlanConflictTest {
    /** Exchange Online Plan 1 and Kiosk, as on Microsoft's list. */
    private static final ServicePlanConflicts EXCHANGE = new ServicePlanConflicts(List.of(
            new ServicePlanConflicts.Plan("exchange-online", "EXCHANGE_S_STANDARD", planId("EXCHANGE_S_STANDARD")),
            new ServicePlanConflicts.Plan("exchange-online", "EXCHANGE_S_DESKLESS", planId("EXCHANGE_S_DESKLESS"))));

    private static Plan plan(TestingPolicies policies, TestingTenant tenant) {
        TenantSnapshot snapshot = tenant.build();
        Resolution resolution = new Resolver(ProductCatalog.empty().withConflicts(EXCHANGE)).resolve(policies.build(), snapshot);
        return new Planner().plan(resolution.orThrow(), snapshot, Ownership.none());
    }

    private static TestingTenant skus() {
        return tenant().sku("EXCHANGESTANDARD", 10, "EXCHANGE_S_STANDARD").sku("KIOSK", 10, "EXCHANGE_S_DESKLESS", "SWAY")
                .sku("E3", 10, "SWAY");
    }

    @Test
    void aGrantConflictingWithADirectLicenseIsSkippedWithBothPlansAndTheHeldSku() {
        Plan plan = plan(policies().policy("kiosk", "Floor").grant("KIOSK"),
                skus().user("a").holds("EXCHANGESTANDARD").inGroup("Floor").user("b").inGroup("Floor"));

        assertThat(plan.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo(SkipReason.SERVICE_PLAN_CONFLICT);
            assertThat(skip.skuPartNumber()).isEqualTo("KIOSK");
            assertThat(skip.detail()).isEqualTo("EXCHANGE_S_DESKLESS (KIOSK) cannot be assigned with EXCHANGE_S_STANDARD,"
                    + " which the user already has through EXCHANGESTANDARD");
        });
        assertThat(plan.changes()).extracting(UserChange::userPrincipalName).containsExactly("b@contoso.test");
        assertThat(plan.skus()).filteredOn(seats -> seats.skuPartNumber().equals("KIOSK")).singleElement()
                .satisfies(seats -> assertThat(seats.assigned()).isEqualTo(1));
    }

    @Test
    void anInheritedLicenseConflictsToo() {
        Plan plan = plan(policies().policy("kiosk", "Floor").grant("KIOSK"),
                skus().group("Entra").groupLicense("Entra", "EXCHANGESTANDARD").user("a").inherits("EXCHANGESTANDARD", "Entra").inGroup("Floor"));

        assertThat(plan.skipped()).singleElement().satisfies(skip -> assertThat(skip.reason()).isEqualTo(SkipReason.SERVICE_PLAN_CONFLICT));
        assertThat(plan.changes()).isEmpty();
    }

    @Test
    void twoGrantsOfOnePlanConflictAndTheHigherPriorityWins() {
        Plan plan = plan(policies()
                        .policy("standard", "Office").priority(10).grant("EXCHANGESTANDARD")
                        .policy("kiosk", "Floor").grant("KIOSK"),
                skus().user("a").inGroup("Office", "Floor"));

        assertThat(plan.changes()).singleElement().satisfies(change -> assertThat(change.addLicenses())
                .extracting(LicenseAdd::skuPartNumber).containsExactly("EXCHANGESTANDARD"));
        assertThat(plan.skipped()).singleElement().satisfies(skip -> {
            assertThat(skip.policy()).isEqualTo("kiosk");
            assertThat(skip.detail()).endsWith("which the user gets in this plan through EXCHANGESTANDARD");
        });
    }

    @Test
    void aPolicyThatDisablesTheConflictingPlanDoesNotConflict() {
        Plan plan = plan(policies().policy("kiosk", "Floor").grant("KIOSK").disabling("EXCHANGE_S_DESKLESS"),
                skus().user("a").holds("EXCHANGESTANDARD").inGroup("Floor"));

        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.changes()).singleElement().satisfies(change -> assertThat(change.addLicenses()).singleElement()
                .satisfies(add -> assertThat(add.disabledPlans()).containsExactly(planId("EXCHANGE_S_DESKLESS"))));
    }

    @Test
    void aPlanThatRemovesTheConflictingLicenseInTheSameCallDoesNotConflict() {
        Plan plan = plan(policies().policy("kiosk", "Floor").grant("KIOSK").policy("standard", "Nobody").grant("EXCHANGESTANDARD").prune(),
                skus().group("Nobody").user("a").holds("EXCHANGESTANDARD").inGroup("Floor"));

        assertThat(plan.skipped()).isEmpty();
        assertThat(plan.changes()).singleElement().satisfies(change -> {
            assertThat(change.addLicenses()).extracting(LicenseAdd::skuPartNumber).containsExactly("KIOSK");
            assertThat(change.removeLicenses()).extracting(LicenseRemoval::skuPartNumber).containsExactly("EXCHANGESTANDARD");
        });
    }

    @Test
    void aConflictComesAfterTheAccountReasonsAndBeforeSeats() {
        Plan plan = plan(policies().policy("kiosk", "Floor").grant("KIOSK"),
                skus().user("a").holds("EXCHANGESTANDARD").noLocation().inGroup("Floor"));

        assertThat(plan.skipped()).singleElement().satisfies(skip -> assertThat(skip.reason()).isEqualTo(SkipReason.NO_USAGE_LOCATION));
        assertThat(SkipReason.valueOf("SERVICE_PLAN_CONFLICT").ordinal()).isLessThan(SkipReason.NO_SEATS.ordinal())
                .isGreaterThan(SkipReason.SKU_SUSPENDED.ordinal());
    }

    @Test
    void theBundledListIsMicrosoftsPage() {
        ServicePlanConflicts bundled = ServicePlanConflicts.bundled();
        assertThat(bundled.size()).isEqualTo(38);
        assertThat(bundled.plan(io.seatwarden.directory.ServicePlanId.of("9aaf7827-d63c-4b61-89c3-182f06f82e5c")))
                .hasValueSatisfying(plan -> assertThat(plan.family()).isEqualTo("exchange-online"));
        // Exchange Online Plan 2 stacks with Plan 1 since 2023: not on the list
        assertThat(bundled.plan(io.seatwarden.directory.ServicePlanId.of("efb87545-963c-4e0d-99df-69c6916d9eb0"))).isEmpty();
    }
}
