package io.seatwarden.report;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.AdoptedLicense;
import io.seatwarden.plan.DataAtStake;
import io.seatwarden.plan.HeldAdd;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseError;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.PlanOwnership;
import io.seatwarden.plan.PendingRemoval;
import io.seatwarden.plan.PlanSwitch;
import io.seatwarden.plan.PlanSummary;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.RemovalReason;
import io.seatwarden.plan.Skip;
import io.seatwarden.plan.SkipReason;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.UserChange;
import io.seatwarden.plan.cost.PlanCosts;
import io.seatwarden.plan.cost.SeatHolders;

import java.math.BigDecimal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built plans for the renderer tests: no planner involved, so a renderer change shows in its golden file alone. */
final class SamplePlans {
    static final TenantId TENANT = new TenantId("8d3f9a52-1c4e-4b7a-9f0e-2a6b5c7d8e90");
    static final SkuId ENTERPRISEPACK = SkuId.of("6fd2c87f-b296-42f0-b197-1e91e994b900");
    static final SkuId SPE_E5 = SkuId.of("06ebc4ee-1bb5-47dd-8120-11324bc54e06");
    static final SkuId POWER_BI_PRO = SkuId.of("f8a1db68-be16-40ed-86d5-cb42ce701560");
    static final SkuId VISIOCLIENT = SkuId.of("c5928f49-12ba-48f7-ada3-0d743a3601d5");
    static final ServicePlanId YAMMER_ENTERPRISE = ServicePlanId.of("7547a3fe-08ee-4ccb-b430-5077c5041653");
    static final ServicePlanId SWAY = ServicePlanId.of("a23b959c-7ce8-4e57-9140-b90eb88a9e97");
    static final ServicePlanId FORMS_PLAN_E5 = ServicePlanId.of("e212cbc7-0961-4c40-9825-01117710dcb1");

    private SamplePlans() {}

    /**
     * Every field of the plan JSON and every skip reason: a new license with a usage location, a held
     * license converging to other disabled plans together with a removal, a plain removal, a SKU
     * whose consumed units exceed its enabled ones, a suspended SKU, a tripped removal guard with a
     * percentage limit and an add waiting for the seats its removals would free, and a nesting cycle
     * warning. Names carry Markdown and HTML specials. The license lifecycle: every removal reason but
     * DISABLED_ACCOUNT, a removal with a mailbox and OneDrive at stake, an adopted license and a pending removal; a group-licensing error.
     */
    static Plan everything() {
        List<SkuSeats> skus = List.of(
                new SkuSeats(ENTERPRISEPACK, "ENTERPRISEPACK", 10, 8, 1, 2, 1, 0, 1, 1),
                // The guard holds bob's and carol's removals: their 2 seats are not freed, and ivan waits for one.
                new SkuSeats(POWER_BI_PRO, "POWER_BI_PRO", 5, 5, 0, 0, 0, 0, 0, 1, 2, 1),
                new SkuSeats(SPE_E5, "SPE_E5", 5, 6, 0, -1, 0, 0, -1, 1),
                new SkuSeats(VISIOCLIENT, "VISIOCLIENT", 0, 2, 0, -2, 0, 0, -2, 0));
        List<UserChange> changes = List.of(
                new UserChange(new UserId("a1000000-0000-4000-8000-000000000001"), "alice@contoso.com", "US",
                        List.of(new LicenseAdd(ENTERPRISEPACK, "ENTERPRISEPACK", List.of(YAMMER_ENTERPRISE))),
                        List.of(), List.of("sales-e3"), Set.of()),
                new UserChange(new UserId("a1000000-0000-4000-8000-000000000002"), "bob@contoso.com", null,
                        List.of(new LicenseAdd(SPE_E5, "SPE_E5", List.of(SWAY, FORMS_PLAN_E5))),
                        List.of(new LicenseRemoval(POWER_BI_PRO, "POWER_BI_PRO")),
                        List.of("engineering-e5", "engineering-powerbi"), Set.of(SPE_E5),
                        Map.of(SPE_E5, new PlanSwitch(List.of("TEAMS1"), List.of("FORMS_PLAN_E5", "SWAY")))),
                new UserChange(new UserId("a1000000-0000-4000-8000-000000000003"), "carol@contoso.com", null,
                        List.of(), List.of(
                                new LicenseRemoval(ENTERPRISEPACK, "ENTERPRISEPACK", RemovalReason.INACTIVE,
                                        List.of(DataAtStake.MAILBOX, DataAtStake.ONEDRIVE)),
                                new LicenseRemoval(POWER_BI_PRO, "POWER_BI_PRO", RemovalReason.PRUNED)),
                        List.of("engineering-powerbi", "sales-e3"), Set.of()));
        List<Skip> skipped = List.of(
                skip("04", "breakglass@contoso.com", SkipReason.PROTECTED, "sales-e3", "ENTERPRISEPACK"),
                skip("05", "dave@contoso.com", SkipReason.NO_SEATS, "support-e3", "ENTERPRISEPACK"),
                skip("06", "erin@contoso.com", SkipReason.NO_USAGE_LOCATION, "support-e3", "ENTERPRISEPACK"),
                skip("07", "frank@contoso.com", SkipReason.DISABLED_ACCOUNT, "sales-e3", "ENTERPRISEPACK"),
                skip("08", "gina@contoso.com", SkipReason.SKU_SUSPENDED, "design-visio", "VISIOCLIENT"),
                skip("09", "guest_fabrikam.com#EXT#@contoso.onmicrosoft.com", SkipReason.GUEST, "sales-e3", "ENTERPRISEPACK"),
                skip("10", "harry@contoso.com", SkipReason.NO_SEATS, "engineering-e5", "SPE_E5"),
                skip("11", "ivan@contoso.com", SkipReason.NO_SEATS, "analysts-powerbi", "POWER_BI_PRO"),
                skip("12", "jack@contoso.com", SkipReason.INACTIVE, "support-e3", "ENTERPRISEPACK"),
                new Skip(new UserId("b2000000-0000-4000-8000-000000000014"), "jane@contoso.com", SkipReason.SERVICE_PLAN_CONFLICT,
                        "support-e3", "ENTERPRISEPACK", "SHAREPOINTENTERPRISE (ENTERPRISEPACK) cannot be assigned with SHAREPOINTSTANDARD,"
                        + " which the user already has through O365_BUSINESS_ESSENTIALS"));
        List<LicenseError> licenseErrors = List.of(new LicenseError(new UserId("b2000000-0000-4000-8000-000000000015"),
                "kim@contoso.com", POWER_BI_PRO, "POWER_BI_PRO", "c3000000-0000-4000-8000-000000000001", "CountViolation"));
        List<HeldAdd> held = List.of(new HeldAdd(skipped.get(7).userId(), "ivan@contoso.com", POWER_BI_PRO, "POWER_BI_PRO",
                List.of("analysts-powerbi")));
        List<AdoptedLicense> adopted = List.of(new AdoptedLicense(new UserId("a1000000-0000-4000-8000-000000000012"),
                "judy@contoso.com", ENTERPRISEPACK, "ENTERPRISEPACK", "sales-e3"));
        List<PendingRemoval> pending = List.of(new PendingRemoval(new UserId("a1000000-0000-4000-8000-000000000013"),
                "kate@contoso.com", POWER_BI_PRO, "POWER_BI_PRO", RemovalReason.NOT_ENTITLED, Instant.parse("2026-12-30T02:00:00Z")));
        RemovalGuardVerdict guard = new RemovalGuardVerdict(3, 1, 25, true, "3 removals exceed maxRemovals (1)", 1);
        PlanSummary summary = new PlanSummary(3, 1, 1, 3, 1, 10, 3, guard, 1, 1, 1);
        // Planned without the engine's state, so the reports say what that hides.
        Plan plan = new Plan(TENANT, PlanOwnership.NONE, summary, skus, changes, skipped, held,
                List.of("nested groups form a cycle: Data -> Engineering -> Data (each member is counted once)"), adopted, pending,
                licenseErrors);
        return priced(plan);
    }

    /**
     * Prices for {@link #everything()}, worked out by hand: ENTERPRISEPACK 23 (8 held, +1: 184.00 -> 207.00, 1 unused
     * = 23.00, 1 waiting = 23.00), POWER_BI_PRO 9.99 (5 held of 5, removals held: 49.95 both, none unused, 1 waiting
     * = 9.99), SPE_E5 57 (6 held of 5: 342.00 both, none unused, 1 waiting = 57.00), VISIOCLIENT unpriced. Totals
     * 575.95 -> 598.95 (+23.00), unused 23.00, shortfall 89.99.
     */
    private static Plan priced(Plan plan) {
        SeatHolders holders = new SeatHolders();
        for (int seat = 0; seat < 9; seat++) {
            holders.count("sales-e3", ENTERPRISEPACK);
        }
        for (int seat = 0; seat < 6; seat++) {
            holders.count("engineering-e5", SPE_E5);
        }
        holders.count("engineering-powerbi", POWER_BI_PRO);
        holders.count("design-visio", VISIOCLIENT);
        holders.count("design-visio", VISIOCLIENT);
        Map<SkuId, BigDecimal> prices = Map.of(ENTERPRISEPACK, new BigDecimal("23"), POWER_BI_PRO, new BigDecimal("9.99"),
                SPE_E5, new BigDecimal("57"));
        return PlanCosts.price(plan, prices, "EUR",
                List.of("sales-e3", "engineering-e5", "engineering-powerbi", "support-e3", "design-visio"), holders);
    }

    /** A converged tenant: no change, one user waiting for a seat, the guard idle and its percentage limit off. */
    static Plan nothingToChange() {
        RemovalGuardVerdict guard = new RemovalGuardVerdict(0, 50, null, false, null);
        return new Plan(TENANT, new PlanSummary(0, 0, 0, 0, 0, 1, 1, guard),
                List.of(new SkuSeats(ENTERPRISEPACK, "ENTERPRISEPACK", 10, 10, 0, 0, 0, 0, 0, 1)),
                List.of(),
                List.of(skip("05", "dave@contoso.com", SkipReason.NO_SEATS, "support-e3", "ENTERPRISEPACK")),
                List.of());
    }

    /** {@code guests} guests skipped and {@code changed} users each getting a license: lists long enough to be cut. */
    static Plan manyUsers(int guests, int changed) {
        List<Skip> skipped = new ArrayList<>();
        for (int index = 0; index < guests; index++) {
            skipped.add(skip(String.format("%04d", index), String.format("guest%04d@fabrikam.com", index),
                    SkipReason.GUEST, "sales-e3", "ENTERPRISEPACK"));
        }
        List<UserChange> changes = new ArrayList<>();
        for (int index = 0; index < changed; index++) {
            changes.add(new UserChange(new UserId(String.format("c1000000-0000-4000-8000-00000000%04d", index)),
                    String.format("user%04d@contoso.com", index), null,
                    List.of(new LicenseAdd(ENTERPRISEPACK, "ENTERPRISEPACK", List.of())), List.of(), List.of("sales-e3"), Set.of()));
        }
        RemovalGuardVerdict guard = new RemovalGuardVerdict(0, 50, null, false, null);
        return new Plan(TENANT, new PlanSummary(changed, changed, 0, 0, 0, guests, 0, guard),
                List.of(new SkuSeats(ENTERPRISEPACK, "ENTERPRISEPACK", 100_000, 0, 0, 100_000, changed, 0, 100_000 - changed, 0)),
                changes, skipped, List.of());
    }

    private static Skip skip(String id, String userPrincipalName, SkipReason reason, String policy, String sku) {
        return new Skip(new UserId("b2000000-0000-4000-8000-00000000" + String.format("%4s", id).replace(' ', '0')),
                userPrincipalName, reason, policy, sku);
    }
}
