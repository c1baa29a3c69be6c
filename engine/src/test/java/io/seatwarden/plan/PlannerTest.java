package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.planId;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.upn;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PlannerTest {
    static Plan plan(TestingPolicies policies, TestingTenant tenant) {
        return plan(policies, tenant.build(), Ownership.none());
    }

    static Plan plan(TestingPolicies policies, TenantSnapshot tenant, Ownership ownership) {
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(policies.build(), tenant);
        assertThat(resolution.problems()).isEmpty();
        return new Planner().plan(resolution.orThrow(), tenant, ownership);
    }

    static Plan plan(TestingPolicies policies, TenantSnapshot tenant, Ownership ownership, RemovalLimits limits) {
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(policies.build(), tenant);
        assertThat(resolution.problems()).isEmpty();
        return new Planner().plan(resolution.orThrow(), tenant, ownership, limits);
    }

    static List<String> added(Plan plan) {
        return plan.changes().stream()
                .filter(change -> change.addLicenses().stream().anyMatch(change::isNewLicense))
                .map(UserChange::userPrincipalName)
                .collect(Collectors.toList());
    }

    static List<String> skippedFor(Plan plan, SkipReason reason) {
        return plan.skipped().stream().filter(skip -> skip.reason() == reason).map(Skip::userPrincipalName).distinct().collect(Collectors.toList());
    }

    static TestingPolicies salesE3() {
        return policies().policy("sales-e3", "Sales").grant("E3");
    }

    @Test
    void membersWithoutTheLicenseGetIt() {
        Plan plan = plan(salesE3(), tenant().sku("E3", 10).user("alice").inGroup("Sales").user("bob").inGroup("Sales"));

        assertThat(plan.changes()).extracting(UserChange::userPrincipalName).containsExactly(upn("alice"), upn("bob"));
        UserChange alice = plan.changes().get(0);
        assertThat(alice.addLicenses()).extracting(LicenseAdd::skuId, LicenseAdd::skuPartNumber).containsExactly(tuple(skuId("E3"), "E3"));
        assertThat(alice.removeLicenses()).isEmpty();
        assertThat(alice.policies()).containsExactly("sales-e3");
        assertThat(alice.usageLocation()).isNull();
        assertThat(plan.summary().licensesAdded()).isEqualTo(2);
        assertThat(plan.skus()).singleElement().satisfies(seats -> {
            assertThat(seats.availableBefore()).isEqualTo(10);
            assertThat(seats.assigned()).isEqualTo(2);
            assertThat(seats.availableAfter()).isEqualTo(8);
        });
        assertThat(plan.hasChanges()).isTrue();
    }

    @Test
    void usersOutsideThePolicyGroupAreUntouched() {
        Plan plan = plan(salesE3(), tenant().sku("E3", 10).user("alice").inGroup("Sales").user("carol").inGroup("Finance"));

        assertThat(plan.changes()).extracting(UserChange::userPrincipalName).containsExactly(upn("alice"));
    }

    @Nested
    class Guests {
        @Test
        void everyGuestSignalIsSkippedAndNeverLicensed() {
            Plan plan = plan(salesE3(), tenant().sku("E3", 10)
                    .user("typed").userType("Guest").inGroup("Sales")
                    .user("invited").creationType("Invitation").inGroup("Sales")
                    .user("external").externalUserState("Accepted").inGroup("Sales")
                    .user("ext").upnIs("ext_fabrikam.com#EXT#@contoso.test").inGroup("Sales")
                    .user("member").inGroup("Sales"));

            assertThat(added(plan)).containsExactly(upn("member"));
            assertThat(skippedFor(plan, SkipReason.GUEST)).containsExactlyInAnyOrder(
                    upn("typed"), upn("invited"), upn("external"), "ext_fabrikam.com#EXT#@contoso.test");
        }

        @Test
        void guestIsTheFirstReasonEvenWhenOthersApply() {
            Plan plan = plan(salesE3(), tenant().sku("E3", 0).user("guest").userType("Guest").disabled().noLocation().inGroup("Sales"));

            assertThat(plan.skipped()).singleElement().extracting(Skip::reason).isEqualTo(SkipReason.GUEST);
        }
    }

    @Nested
    class Accounts {
        @Test
        void disabledAccountsAreSkippedByDefault() {
            Plan plan = plan(salesE3(), tenant().sku("E3", 10).user("dormant").disabled().noLocation().inGroup("Sales"));

            assertThat(plan.changes()).isEmpty();
            assertThat(plan.skipped()).singleElement().extracting(Skip::reason, Skip::policy, Skip::skuPartNumber)
                    .containsExactly(SkipReason.DISABLED_ACCOUNT, "sales-e3", "E3");
        }

        @Test
        void disabledAccountsAreLicensedWhenSettingsSaySo() {
            Plan plan = plan(salesE3().includeDisabledAccounts(), tenant().sku("E3", 10).user("dormant").disabled().inGroup("Sales"));

            assertThat(added(plan)).containsExactly(upn("dormant"));
        }

        @Test
        void usersWithoutUsageLocationAreSkippedUnlessThePolicySetsOne() {
            TestingTenant tenant = tenant().sku("E3", 10).user("nowhere").noLocation().inGroup("Sales");

            Plan skipped = plan(salesE3(), tenant);
            assertThat(skipped.changes()).isEmpty();
            assertThat(skippedFor(skipped, SkipReason.NO_USAGE_LOCATION)).containsExactly(upn("nowhere"));

            Plan located = plan(policies().policy("sales-e3", "Sales").usageLocation("US").grant("E3"), tenant);
            assertThat(located.changes()).singleElement().extracting(UserChange::usageLocation).isEqualTo("US");
            assertThat(located.summary().usageLocationsSet()).isEqualTo(1);
        }

        @Test
        void anExistingUsageLocationIsNeverOverwritten() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").usageLocation("US").grant("E3"),
                    tenant().sku("E3", 10).user("anna").location("DE").inGroup("Sales"));

            assertThat(plan.changes()).singleElement().extracting(UserChange::usageLocation).isNull();
        }
    }

    @Nested
    class Seats {
        @Test
        void reserveIsLeftFree() {
            Plan plan = plan(salesE3().reserve("E3", 2), tenant().sku("E3", 3)
                    .user("a").inGroup("Sales").user("b").inGroup("Sales").user("c").inGroup("Sales"));

            assertThat(added(plan)).containsExactly(upn("a"));
            assertThat(skippedFor(plan, SkipReason.NO_SEATS)).containsExactly(upn("b"), upn("c"));
            assertThat(plan.skus()).singleElement().satisfies(seats -> {
                assertThat(seats.reserved()).isEqualTo(2);
                assertThat(seats.availableBefore()).isEqualTo(3);
                assertThat(seats.availableAfter()).isEqualTo(2);
                assertThat(seats.waiting()).isEqualTo(2);
            });
            assertThat(plan.summary().waitingForSeats()).isEqualTo(2);
        }

        @Test
        void warningSeatsCountOnlyWhenSettingsSaySo() {
            TestingTenant tenant = tenant().sku("E3", 1).warning("E3", 2)
                    .user("a").inGroup("Sales").user("b").inGroup("Sales").user("c").inGroup("Sales");

            assertThat(added(plan(salesE3(), tenant))).containsExactly(upn("a"));
            assertThat(added(plan(salesE3().countWarningSeats(), tenant))).containsExactly(upn("a"), upn("b"), upn("c"));
        }

        @Test
        void suspendedAndLockedOutSubscriptionsGetNoNewAssignments() {
            for (CapabilityStatus status : List.of(CapabilityStatus.SUSPENDED, CapabilityStatus.LOCKED_OUT, CapabilityStatus.DELETED)) {
                Plan plan = plan(salesE3(), tenant().sku("E3", 10).status("E3", status).user("a").inGroup("Sales"));

                assertThat(plan.changes()).as(status.name()).isEmpty();
                assertThat(skippedFor(plan, SkipReason.SKU_SUSPENDED)).as(status.name()).containsExactly(upn("a"));
            }
        }

        @Test
        void overAssignedSubscriptionHasNothingFreeAndSaysSo() {
            Plan plan = plan(salesE3(), tenant().sku("E3", 5).consumed("E3", 7).user("a").inGroup("Sales"));

            assertThat(plan.changes()).isEmpty();
            assertThat(skippedFor(plan, SkipReason.NO_SEATS)).containsExactly(upn("a"));
            assertThat(plan.skus()).singleElement().satisfies(seats -> {
                assertThat(seats.availableBefore()).isEqualTo(-2);
                assertThat(seats.availableAfter()).isEqualTo(-2);
            });
            assertThat(plan.hasChanges()).isFalse();
        }

        @Test
        void whenSeatsRunShortHigherPriorityGoesFirstThenUserPrincipalName() {
            TestingPolicies policies = policies()
                    .policy("support-e3", "Support").priority(10).grant("E3")
                    .policy("sales-e3", "Sales").priority(100).grant("E3");
            Plan plan = plan(policies, tenant().sku("E3", 3)
                    .user("zed").inGroup("Sales")
                    .user("amy").inGroup("Support")
                    .user("bob").inGroup("Support")
                    .user("yan").inGroup("Sales"));

            assertThat(added(plan)).containsExactly(upn("amy"), upn("yan"), upn("zed"));
            assertThat(plan.skipped()).singleElement()
                    .extracting(Skip::userPrincipalName, Skip::reason, Skip::policy)
                    .containsExactly(upn("bob"), SkipReason.NO_SEATS, "support-e3");
        }

        @Test
        void holdersKeepTheirSeatsWhenSeatsRunShort() {
            Plan plan = plan(policies().policy("support-e3", "Support").priority(1).grant("E3")
                            .policy("sales-e3", "Sales").priority(100).grant("E3"),
                    tenant().sku("E3", 1).user("holder").holds("E3").inGroup("Support").user("newcomer").inGroup("Sales"));

            assertThat(plan.changes()).isEmpty();
            assertThat(skippedFor(plan, SkipReason.NO_SEATS)).containsExactly(upn("newcomer"));
        }

        @Test
        void aUserInSeveralPoliciesForOneSkuTakesOneSeatAtTheHighestPriority() {
            Plan plan = plan(policies().policy("low", "Support").priority(1).grant("E3")
                            .policy("high", "Sales").priority(50).grant("E3")
                            .policy("middle", "Ops").priority(20).grant("E3"),
                    tenant().sku("E3", 1).user("zoe").inGroup("Support", "Sales").user("abe").inGroup("Ops"));

            assertThat(added(plan)).containsExactly(upn("zoe"));
            assertThat(plan.changes().get(0).policies()).containsExactly("high", "low");
            assertThat(plan.skus().get(0).assigned()).isEqualTo(1);
        }
    }

    @Nested
    class Nesting {
        @Test
        void policiesReachMembersOfNestedGroups() {
            Plan plan = plan(policies().policy("eng", "Engineering").grant("E5"), tenant().sku("E5", 10)
                    .group("Engineering", "Platform").group("Platform", "Data")
                    .user("top").inGroup("Engineering").user("mid").inGroup("Platform").user("deep").inGroup("Data"));

            assertThat(added(plan)).containsExactly(upn("deep"), upn("mid"), upn("top"));
            assertThat(plan.warnings()).isEmpty();
        }

        @Test
        void cyclesAreReportedAndSurvived() {
            Plan plan = plan(policies().policy("eng", "Engineering").grant("E5"), tenant().sku("E5", 10)
                    .group("Engineering", "Data").group("Data", "Engineering")
                    .user("a").inGroup("Engineering").user("b").inGroup("Data", "Engineering"));

            assertThat(added(plan)).containsExactly(upn("a"), upn("b"));
            assertThat(plan.skus().get(0).assigned()).isEqualTo(2);
            assertThat(plan.warnings()).singleElement().asString().contains("cycle", "'Data'", "'Engineering'");
        }
    }

    @Nested
    class ServicePlans {
        @Test
        void disabledPlansAreSentAsServicePlanIds() {
            Plan plan = plan(salesE3().disabling("YAMMER"), tenant().sku("E3", 10, "EXCHANGE", "YAMMER", "SWAY").user("a").inGroup("Sales"));

            assertThat(plan.changes().get(0).addLicenses().get(0).disabledPlans()).containsExactly(planId("YAMMER"));
        }

        @Test
        void enabledPlansDisableEveryOtherPlanOfTheTenantsSku() {
            Plan plan = plan(salesE3().enabling("EXCHANGE"), tenant().sku("E3", 10, "EXCHANGE", "YAMMER", "SWAY").user("a").inGroup("Sales"));

            assertThat(plan.changes().get(0).addLicenses().get(0).disabledPlans())
                    .containsExactlyInAnyOrder(planId("YAMMER"), planId("SWAY"));
        }

        @Test
        void aPlanIsEnabledWhenAnyPolicyEnablesIt() {
            Plan plan = plan(policies()
                            .policy("one", "Sales").grant("E3").disabling("YAMMER", "SWAY")
                            .policy("two", "Support").grant("E3").disabling("SWAY", "EXCHANGE"),
                    tenant().sku("E3", 10, "EXCHANGE", "YAMMER", "SWAY").user("a").inGroup("Sales", "Support"));

            assertThat(plan.changes().get(0).addLicenses()).singleElement()
                    .satisfies(add -> assertThat(add.disabledPlans()).containsExactly(planId("SWAY")));
        }

        @Test
        void holdersConvergeToThePolicysDisabledPlansWithoutANewSeat() {
            Plan plan = plan(salesE3().disabling("YAMMER"), tenant().sku("E3", 1, "EXCHANGE", "YAMMER", "SWAY").consumed("E3", 1)
                    .user("a").holds("E3", "SWAY").inGroup("Sales")
                    .user("b").holds("E3", "YAMMER").inGroup("Sales"));

            assertThat(plan.changes()).singleElement().satisfies(change -> {
                assertThat(change.userPrincipalName()).isEqualTo(upn("a"));
                assertThat(change.addLicenses()).singleElement().satisfies(add -> {
                    assertThat(add.skuId()).isEqualTo(skuId("E3"));
                    assertThat(add.disabledPlans()).containsExactly(planId("YAMMER"));
                    assertThat(change.isNewLicense(add)).isFalse();
                    assertThat(change.planSwitch(add.skuId())).contains(new PlanSwitch(List.of("SWAY"), List.of("YAMMER")));
                });
            });
            assertThat(plan.summary().licensesUpdated()).isEqualTo(1);
            assertThat(plan.summary().licensesAdded()).isZero();
            assertThat(plan.skus().get(0).assigned()).isZero();
        }
    }

    @Nested
    class Removals {
        @Test
        void pruneRemovesUnjustifiedDirectHoldersAndFreesTheirSeats() {
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI").prune(), tenant().sku("PBI", 1)
                    .user("leaver").holds("PBI")
                    .user("joiner").inGroup("Analysts"));

            assertThat(plan.changes()).extracting(UserChange::userPrincipalName).containsExactly(upn("joiner"), upn("leaver"));
            assertThat(plan.changes().get(1).removeLicenses()).extracting(LicenseRemoval::skuPartNumber).containsExactly("PBI");
            assertThat(plan.changes().get(1).policies()).containsExactly("bi");
            assertThat(plan.skus().get(0)).satisfies(seats -> {
                assertThat(seats.availableBefore()).isZero();
                assertThat(seats.freed()).isEqualTo(1);
                assertThat(seats.assigned()).isEqualTo(1);
                assertThat(seats.availableAfter()).isZero();
            });
            assertThat(plan.summary().removalGuard().removals()).isEqualTo(1);
        }

        @Test
        void withoutPruneOrOwnershipNothingIsRemoved() {
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI"), tenant().sku("PBI", 1).group("Analysts").user("byhand").holds("PBI"));

            assertThat(plan.changes()).isEmpty();
        }

        @Test
        void licensesInheritedFromEntraGroupLicensingAreNeverTouched() {
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI").prune(), tenant().sku("PBI", 5).group("Analysts")
                    .groupLicense("Entra-PBI", "PBI")
                    .user("inherited").inGroup("Entra-PBI")
                    .user("both").holds("PBI").inGroup("Entra-PBI"));

            assertThat(plan.changes()).singleElement().satisfies(change -> {
                assertThat(change.userPrincipalName()).isEqualTo(upn("both"));
                assertThat(change.removeLicenses()).hasSize(1); // the direct copy goes, the inherited one stays
            });
            assertThat(plan.skus().get(0).freed()).isZero(); // still holds a seat through the group
        }

        @Test
        void aMemberHoldingTheSkuOnlyThroughEntraGroupLicensingGetsNoDirectCopy() {
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI"), tenant().sku("PBI", 5)
                    .groupLicense("Entra-PBI", "PBI").user("a").inGroup("Analysts", "Entra-PBI"));

            assertThat(plan.changes()).isEmpty();
        }

        @Test
        void engineOwnedLicensesGoWhenTheUserLeavesTheGroupButHandAssignedOnesStay() {
            TenantSnapshot tenant = tenant().sku("E3", 10)
                    .user("left").holds("E3")
                    .user("byhand").holds("E3")
                    .user("stays").holds("E3").inGroup("Sales")
                    .build();
            Ownership owned = Ownership.builder().add(userId("left"), skuId("E3")).add(userId("stays"), skuId("E3")).build();

            Plan plan = plan(salesE3(), tenant, owned);

            assertThat(plan.changes()).singleElement().satisfies(change -> {
                assertThat(change.userPrincipalName()).isEqualTo(upn("left"));
                assertThat(change.removeLicenses()).extracting(LicenseRemoval::skuId).containsExactly(skuId("E3"));
                assertThat(change.policies()).containsExactly(Planner.OWNED_REMOVAL);
            });
        }

        @Test
        void guestsHoldingAPrunedSkuLoseIt() {
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI").prune(), tenant().sku("PBI", 5)
                    .user("guest").userType("Guest").holds("PBI").inGroup("Analysts"));

            assertThat(plan.changes()).singleElement().extracting(change -> change.removeLicenses().size()).isEqualTo(1);
            assertThat(skippedFor(plan, SkipReason.GUEST)).containsExactly(upn("guest"));
        }
    }

    @Nested
    class ProtectedUsers {
        @Test
        void protectedUsersAreNeverChanged() {
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI").prune().protect("breakglass@contoso.test"),
                    tenant().sku("PBI", 5)
                            .user("breakglass").inGroup("Analysts")
                            .user("admin").upnIs("admin@contoso.test").holds("PBI"));
            Plan protectingBoth = plan(policies().policy("bi", "Analysts").grant("PBI").prune()
                            .protect("BreakGlass@contoso.test").protect("user-admin"),
                    tenant().sku("PBI", 5)
                            .user("breakglass").inGroup("Analysts")
                            .user("admin").upnIs("admin@contoso.test").holds("PBI"));

            assertThat(plan.changes()).extracting(UserChange::userPrincipalName).containsExactly("admin@contoso.test");
            assertThat(skippedFor(plan, SkipReason.PROTECTED)).containsExactly(upn("breakglass"));
            assertThat(protectingBoth.changes()).isEmpty();
            assertThat(protectingBoth.skipped()).extracting(Skip::userPrincipalName, Skip::reason, Skip::policy)
                    .containsExactly(tuple("admin@contoso.test", SkipReason.PROTECTED, "bi"),
                            tuple(upn("breakglass"), SkipReason.PROTECTED, "bi"));
            assertThat(plan.warnings()).isEmpty();
        }

        @Test
        void aProtectedUsersEntryThatMatchesNoUserIsAWarningNamingIt() {
            // A misspelt break-glass account: the real one is in the group and would be licensed.
            Plan plan = plan(policies().policy("bi", "Analysts").grant("PBI").protect("breakglas@contoso.test"),
                    tenant().sku("PBI", 5).user("breakglass").inGroup("Analysts"));

            assertThat(plan.warnings()).singleElement().asString()
                    .startsWith("protectedUsers entry 'breakglas@contoso.test' (")
                    .endsWith(") matches no user in scope (the members of the policies' groups and the holders of the"
                            + " SKUs they grant): if it is misspelt, the account it means is not protected");
        }
    }

    @Nested
    class Guard {
        @Test
        void theSummarySaysWhenTheRemovalGuardWouldTrip() {
            TestingTenant tenant = tenant().sku("PBI", 10).group("Analysts").user("a").holds("PBI").user("b").holds("PBI").user("c").holds("PBI");

            Plan tripped = plan(policies().policy("bi", "Analysts").grant("PBI").prune().maxRemovals(2), tenant);
            assertThat(tripped.summary().removalGuard()).satisfies(guard -> {
                assertThat(guard.removals()).isEqualTo(3);
                assertThat(guard.wouldTrip()).isTrue();
                assertThat(guard.reason()).contains("3 removals", "maxRemovals (2)");
            });
            assertThat(tripped.summary().licensesRemoved()).isEqualTo(3); // plan still lists every removal

            Plan allowed = plan(policies().policy("bi", "Analysts").grant("PBI").prune().maxRemovals(3), tenant);
            assertThat(allowed.summary().removalGuard().wouldTrip()).isFalse();
        }

        @Test
        void thePercentageLimitIsPerSku() {
            TestingTenant tenant = tenant().sku("PBI", 10).consumed("PBI", 10).group("Analysts").user("a").holds("PBI").user("b").holds("PBI");

            assertThat(plan(policies().policy("bi", "Analysts").grant("PBI").prune().maxRemovalsPercent(20), tenant)
                    .summary().removalGuard().wouldTrip()).isFalse();
            assertThat(plan(policies().policy("bi", "Analysts").grant("PBI").prune().maxRemovalsPercent(19), tenant)
                    .summary().removalGuard()).satisfies(guard -> {
                        assertThat(guard.wouldTrip()).isTrue();
                        assertThat(guard.reason()).contains("PBI", "19%", "10 holders");
                    });
        }
    }

    /** Rule 9: when the guard holds the removals, seats are allocated as if they do not happen. */
    @Nested
    class HeldRemovals {
        /** E3: 3 seats, 2 held by leavers the engine licensed; 1 free. */
        private final TenantSnapshot leaversAndJoiners = tenant().sku("E3", 3)
                .user("left1").holds("E3").user("left2").holds("E3")
                .user("aaa").inGroup("Support").user("zzz").inGroup("Sales")
                .build();
        private final Ownership leaversOwned = Ownership.builder().add(userId("left1"), skuId("E3")).add(userId("left2"), skuId("E3")).build();

        private TestingPolicies supportAndSales() {
            return policies().policy("support-e3", "Support").priority(0).grant("E3")
                    .policy("sales-e3", "Sales").priority(100).grant("E3").maxRemovals(1);
        }

        @Test
        void addsThatNeedTheFreedSeatsWaitAndAreListedAndPriorityStillDecides() {
            Plan plan = plan(supportAndSales(), leaversAndJoiners, leaversOwned);

            // The one free seat goes to the high-priority user, not to the one first by principal name.
            assertThat(added(plan)).containsExactly(upn("zzz"));
            assertThat(skippedFor(plan, SkipReason.NO_SEATS)).containsExactly(upn("aaa"));
            assertThat(plan.waitingForHeldRemovals()).singleElement().satisfies(held -> {
                assertThat(held.userId()).isEqualTo(userId("aaa"));
                assertThat(held.skuId()).isEqualTo(skuId("E3"));
                assertThat(held.policies()).containsExactly("support-e3");
            });
            // Rule 4 unchanged: every removal is listed, and the summary says the guard trips.
            assertThat(plan.changes()).extracting(UserChange::userPrincipalName).containsExactly(upn("left1"), upn("left2"), upn("zzz"));
            assertThat(plan.summary().licensesRemoved()).isEqualTo(2);
            assertThat(plan.summary().removalGuard()).satisfies(guard -> {
                assertThat(guard.wouldTrip()).isTrue();
                assertThat(guard.addsWaiting()).isEqualTo(1);
            });
            assertThat(plan.skus()).singleElement().satisfies(seats -> {
                assertThat(seats.assigned()).isEqualTo(1);
                assertThat(seats.freed()).isZero();
                assertThat(seats.freedHeld()).isEqualTo(2);
                assertThat(seats.availableAfter()).isZero();
                assertThat(seats.waiting()).isEqualTo(1);
                assertThat(seats.waitingForHeldRemovals()).isEqualTo(1);
            });
        }

        @Test
        void raisingTheLimitGivesTheFullPlan() {
            Plan held = plan(supportAndSales(), leaversAndJoiners, leaversOwned);
            Plan raised = plan(supportAndSales(), leaversAndJoiners, leaversOwned, RemovalLimits.atMost(2));

            assertThat(added(raised)).containsExactly(upn("aaa"), upn("zzz"));
            assertThat(raised.waitingForHeldRemovals()).isEmpty();
            assertThat(raised.skipped()).isEmpty();
            assertThat(raised.summary().removalGuard()).satisfies(guard -> {
                assertThat(guard.wouldTrip()).isFalse();
                assertThat(guard.maxRemovals()).isEqualTo(2);
                assertThat(guard.addsWaiting()).isZero();
            });
            assertThat(raised.skus().get(0)).satisfies(seats -> {
                assertThat(seats.freed()).isEqualTo(2);
                assertThat(seats.freedHeld()).isZero();
                assertThat(seats.availableAfter()).isEqualTo(1);
            });
            // The same decisions, plus exactly the held adds.
            assertThat(added(raised)).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.Stream.concat(added(held).stream(), held.waitingForHeldRemovals().stream().map(HeldAdd::userPrincipalName)).toList());
        }

        @Test
        void theReserveHoldsWhenRemovalsAreHeld() {
            Plan plan = plan(supportAndSales().reserve("E3", 1), leaversAndJoiners, leaversOwned);

            assertThat(added(plan)).isEmpty();
            assertThat(plan.waitingForHeldRemovals()).extracting(HeldAdd::userPrincipalName).containsExactly(upn("aaa"), upn("zzz"));
            assertThat(plan.skus().get(0).availableAfter()).isEqualTo(1); // the reserved seat stays free
            assertThat(added(plan(supportAndSales().reserve("E3", 1), leaversAndJoiners, leaversOwned, RemovalLimits.atMost(50))))
                    .containsExactly(upn("aaa"), upn("zzz"));
        }

        @Test
        void onlyAddsBeyondTheFreeSeatsWaitAndOnlyAsManyAsTheRemovalsFree() {
            TenantSnapshot tenant = tenant().sku("E3", 2).user("left").holds("E3")
                    .user("a").inGroup("Sales").user("b").inGroup("Sales").user("c").inGroup("Sales").build();
            Plan plan = plan(salesE3().maxRemovals(0), tenant, Ownership.builder().add(userId("left"), skuId("E3")).build());

            assertThat(added(plan)).containsExactly(upn("a"));
            assertThat(skippedFor(plan, SkipReason.NO_SEATS)).containsExactly(upn("b"), upn("c"));
            assertThat(plan.waitingForHeldRemovals()).extracting(HeldAdd::userPrincipalName).containsExactly(upn("b")); // c waits either way
        }

        @Test
        void otherSkusAndPlanChangesAreNotHeld() {
            TenantSnapshot tenant = tenant().sku("E3", 1).sku("E5", 5, "EXCHANGE", "YAMMER").user("left").holds("E3")
                    .user("joiner").inGroup("Sales").user("holder").holds("E5").inGroup("Sales").build();
            TestingPolicies policies = policies().policy("sales", "Sales").grant("E3").grant("E5").disabling("YAMMER").maxRemovals(0);

            Plan plan = plan(policies, tenant, Ownership.builder().add(userId("left"), skuId("E3")).build());

            assertThat(plan.summary().removalGuard().wouldTrip()).isTrue();
            assertThat(plan.waitingForHeldRemovals()).extracting(HeldAdd::skuPartNumber).containsExactly("E3");
            UserChange joiner = plan.changes().stream().filter(change -> change.userId().equals(userId("joiner"))).findFirst().orElseThrow();
            assertThat(joiner.addLicenses()).extracting(LicenseAdd::skuPartNumber).containsExactly("E5");
            UserChange holder = plan.changes().stream().filter(change -> change.userId().equals(userId("holder"))).findFirst().orElseThrow();
            assertThat(holder.addLicenses()).extracting(LicenseAdd::skuPartNumber).containsExactly("E5"); // converges, no seat needed
        }

        @Test
        void thePercentageLimitHoldsSeatsToo() {
            TenantSnapshot tenant = tenant().sku("PBI", 2).user("left").holds("PBI").user("stays").holds("PBI").inGroup("Analysts")
                    .user("joiner").inGroup("Analysts").build();
            TestingPolicies policies = policies().policy("bi", "Analysts").grant("PBI").prune().maxRemovalsPercent(10);

            Plan held = plan(policies, tenant, Ownership.none());
            assertThat(held.summary().removalGuard().reason()).contains("maxRemovalsPercent");
            assertThat(held.waitingForHeldRemovals()).extracting(HeldAdd::userPrincipalName).containsExactly(upn("joiner"));

            // --max-removals lifts the percentage limit for the run.
            Plan raised = plan(policies, tenant, Ownership.none(), RemovalLimits.of(policies.build().settings(), java.util.OptionalInt.of(1)));
            assertThat(added(raised)).containsExactly(upn("joiner"));
        }

        @Test
        void withoutHeldRemovalsNothingWaitsForThem() {
            Plan plan = plan(supportAndSales().maxRemovals(2), leaversAndJoiners, leaversOwned);

            assertThat(plan.waitingForHeldRemovals()).isEmpty();
            assertThat(added(plan)).containsExactly(upn("aaa"), upn("zzz"));
        }
    }

    @Test
    void thePlanSaysWhetherItKnewWhatTheEngineAssigned() {
        TenantSnapshot tenant = tenant().sku("E3", 10).user("alice").inGroup("Sales").build();

        assertThat(plan(salesE3(), tenant, Ownership.none()).ownership().source()).isEqualTo(OwnershipSource.NONE);
        assertThat(plan(salesE3(), tenant, Ownership.builder().build()).ownership().source()).isEqualTo(OwnershipSource.STATE);
        assertThat(plan(salesE3(), tenant, Ownership.of(java.util.Set.of())).ownership().hidesEngineLicenses()).isFalse();
    }

    @Test
    void eachUserPolicySkuGetsAtMostOneReasonInTheDocumentedOrder() {
        Plan plan = plan(salesE3(), tenant().sku("E3", 0).status("E3", CapabilityStatus.SUSPENDED)
                .user("disabledNowhere").disabled().noLocation().inGroup("Sales")
                .user("nowhere").noLocation().inGroup("Sales")
                .user("suspended").inGroup("Sales"));

        assertThat(plan.skipped()).extracting(Skip::userPrincipalName, Skip::reason).containsExactly(
                tuple(upn("disabledNowhere"), SkipReason.DISABLED_ACCOUNT),
                tuple(upn("nowhere"), SkipReason.NO_USAGE_LOCATION),
                tuple(upn("suspended"), SkipReason.SKU_SUSPENDED));
    }
}
