package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.testing.TestingPolicies;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.seatwarden.testing.TestingPolicies.policies;
import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.upn;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Adoption, reclaim, removal reasons and the removal grace period, each on a small tenant. */
class LifecyclePlannerTest {
    static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");

    static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    static Plan plan(TestingPolicies policies, TestingTenant tenant, Ownership ownership, Lifecycle lifecycle) {
        TenantSnapshot snapshot = tenant.build();
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(policies.build(), snapshot);
        assertThat(resolution.problems()).isEmpty();
        return new Planner().plan(resolution.orThrow(), snapshot, ownership, lifecycle);
    }

    static Plan plan(TestingPolicies policies, TestingTenant tenant, Ownership ownership) {
        return plan(policies, tenant, ownership, Lifecycle.at(NOW));
    }

    static Ownership owns(String... users) {
        Ownership.Builder builder = Ownership.builder();
        for (String user : users) {
            builder.add(userId(user), skuId("E3"));
        }
        return builder.build();
    }

    @Nested
    class RemovalReasons {
        @Test
        void aUserWhoLeftTheGroupLosesAnOwnedLicenseAsNotEntitled() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").grant("E3"),
                    tenant().sku("E3", 10).group("Sales").user("left").holds("E3"), owns("left"));

            assertThat(plan.changes()).singleElement().satisfies(change -> assertThat(change.removeLicenses())
                    .extracting(LicenseRemoval::skuPartNumber, LicenseRemoval::reason)
                    .containsExactly(tuple("E3", RemovalReason.NOT_ENTITLED)));
        }

        @Test
        void pruneRemovesHandAssignedLicensesAsPruned() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").grant("E3").prune(),
                    tenant().sku("E3", 10).group("Sales").user("outsider").holds("E3"), Ownership.none());

            assertThat(plan.changes()).singleElement().satisfies(change -> assertThat(change.removeLicenses())
                    .extracting(LicenseRemoval::reason).containsExactly(RemovalReason.PRUNED));
        }

        @Test
        void anOwnedLicenseOfAPrunedSkuIsStillNotEntitled() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").grant("E3").prune(),
                    tenant().sku("E3", 10).group("Sales").user("left").holds("E3"), owns("left"));

            assertThat(plan.changes().get(0).removeLicenses()).extracting(LicenseRemoval::reason)
                    .containsExactly(RemovalReason.NOT_ENTITLED);
        }
    }

    @Nested
    class Adoption {
        @Test
        void entitledDirectHoldersAreAdoptedWithoutAnyChange() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").grant("E3").adopt(),
                    tenant().sku("E3", 10)
                            .user("bob").inGroup("Sales").holds("E3")
                            .user("alice").inGroup("Sales").holds("E3")
                            .user("owned").inGroup("Sales").holds("E3")
                            .user("outsider").holds("E3"),
                    owns("owned"));

            assertThat(plan.changes()).isEmpty();
            assertThat(plan.adopted()).extracting(AdoptedLicense::userPrincipalName, AdoptedLicense::skuPartNumber, AdoptedLicense::policy)
                    .containsExactly(tuple(upn("alice"), "E3", "sales-e3"), tuple(upn("bob"), "E3", "sales-e3"));
            assertThat(plan.summary().licensesAdopted()).isEqualTo(2);
            assertThat(plan.hasChanges()).as("the apply records the adoptions").isTrue();
        }

        @Test
        void withoutAdoptNothingIsAdopted() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").grant("E3"),
                    tenant().sku("E3", 10).user("alice").inGroup("Sales").holds("E3"), Ownership.none());

            assertThat(plan.adopted()).isEmpty();
            assertThat(plan.hasChanges()).isFalse();
        }

        @Test
        void guestsAndInheritedLicensesAreNeverAdopted() {
            Plan plan = plan(policies().policy("sales-e3", "Sales").grant("E3").adopt(),
                    tenant().sku("E3", 10).group("Sales").groupLicense("Sales", "E3")
                            .user("guest").userType("Guest").inGroup("Sales").holds("E3")
                            .user("inherits").inGroup("Sales"),
                    Ownership.none());

            assertThat(plan.adopted()).isEmpty();
        }

        @Test
        void anAdoptedLicenseIsRemovedOnceTheUserLeavesTheGroup() {
            TestingPolicies policies = policies().policy("sales-e3", "Sales").grant("E3").adopt();
            Plan first = plan(policies, tenant().sku("E3", 10).user("alice").inGroup("Sales").holds("E3"), Ownership.none());
            Ownership recorded = Ownership.of(java.util.Set.of(first.adopted().get(0).key()));

            Plan afterLeaving = plan(policies, tenant().sku("E3", 10).group("Sales").user("alice").holds("E3"), recorded);

            assertThat(afterLeaving.changes()).singleElement().satisfies(change -> assertThat(change.removeLicenses())
                    .extracting(LicenseRemoval::reason).containsExactly(RemovalReason.NOT_ENTITLED));
            assertThat(afterLeaving.adopted()).isEmpty();
        }
    }

    @Nested
    class Reclaim {
        TestingPolicies reclaiming(int days, boolean disabledAccounts) {
            return policies().policy("sales-e3", "Sales").grant("E3").reclaim(days, disabledAccounts);
        }

        @Test
        void inactiveUsersGetNoNewSeat() {
            Plan plan = plan(reclaiming(90, false), tenant().sku("E3", 10)
                    .user("idle").inGroup("Sales").signedIn(daysAgo(91))
                    .user("recent").inGroup("Sales").signedIn(daysAgo(89))
                    .user("client").inGroup("Sales").signedInNonInteractively(daysAgo(3))
                    .user("never-old").inGroup("Sales").created(daysAgo(200))
                    .user("never-new").inGroup("Sales").created(daysAgo(10))
                    .user("unknown").inGroup("Sales"), Ownership.none());

            assertThat(PlannerTest.skippedFor(plan, SkipReason.INACTIVE)).containsExactly(upn("idle"), upn("never-old"));
            assertThat(PlannerTest.added(plan)).containsExactly(upn("client"), upn("never-new"), upn("recent"), upn("unknown"));
        }

        @Test
        void inactiveComesAfterDisabledAccountAndBeforeNoUsageLocation() {
            Plan plan = plan(reclaiming(30, false), tenant().sku("E3", 10)
                    .user("disabled").inGroup("Sales").disabled().signedIn(daysAgo(100))
                    .user("nowhere").inGroup("Sales").noLocation().signedIn(daysAgo(100)), Ownership.none());

            assertThat(plan.skipped()).extracting(Skip::userPrincipalName, Skip::reason).containsExactly(
                    tuple(upn("disabled"), SkipReason.DISABLED_ACCOUNT), tuple(upn("nowhere"), SkipReason.INACTIVE));
        }

        @Test
        void inactiveUsersLoseOwnedAndAdoptedSeatsButNotHandAssignedOnes() {
            Plan plan = plan(reclaiming(90, false), tenant().sku("E3", 10)
                    .user("owned").inGroup("Sales").holds("E3").signedIn(daysAgo(120))
                    .user("hand").inGroup("Sales").holds("E3").signedIn(daysAgo(120))
                    .user("active").inGroup("Sales").holds("E3").signedIn(daysAgo(1)), owns("owned", "active"));

            assertThat(plan.changes()).singleElement().satisfies(change -> {
                assertThat(change.userPrincipalName()).isEqualTo(upn("owned"));
                assertThat(change.removeLicenses()).extracting(LicenseRemoval::reason).containsExactly(RemovalReason.INACTIVE);
            });
            assertThat(plan.skus().get(0).freed()).isEqualTo(1);

            Plan adopting = plan(policies().policy("sales-e3", "Sales").grant("E3").adopt().reclaim(90, false),
                    tenant().sku("E3", 10).user("hand").inGroup("Sales").holds("E3").signedIn(daysAgo(120)), Ownership.none());
            assertThat(adopting.adopted()).extracting(AdoptedLicense::userPrincipalName).containsExactly(upn("hand"));
            assertThat(adopting.changes().get(0).removeLicenses()).extracting(LicenseRemoval::reason).containsExactly(RemovalReason.INACTIVE);
        }

        @Test
        void disabledAccountsLoseTheirSeatOnlyWhenAsked() {
            TestingTenant tenant = tenant().sku("E3", 10).user("gone").inGroup("Sales").disabled().holds("E3");

            Plan asked = plan(reclaiming(0, true), tenant, owns("gone"));
            Plan notAsked = plan(reclaiming(90, false), tenant, owns("gone"));

            assertThat(asked.changes().get(0).removeLicenses()).extracting(LicenseRemoval::reason)
                    .containsExactly(RemovalReason.DISABLED_ACCOUNT);
            assertThat(notAsked.changes()).isEmpty();
        }

        @Test
        void theMostGenerousPolicyWins() {
            TestingPolicies policies = policies()
                    .policy("strict", "Sales").grant("E3").reclaim(30, false)
                    .policy("lenient", "Staff").grant("E3").reclaim(365, false);
            TestingTenant tenant = tenant().sku("E3", 10).user("idle").inGroup("Sales", "Staff").holds("E3").signedIn(daysAgo(100));

            assertThat(plan(policies, tenant, owns("idle")).changes()).isEmpty();
            assertThat(plan(policies().policy("strict", "Sales").grant("E3").reclaim(30, false)
                    .policy("keeps", "Staff").grant("E3"), tenant, owns("idle")).changes()).isEmpty();
        }

        @Test
        void signInAgesAreMeasuredAsOfThePlansInstant() {
            TestingTenant tenant = tenant().sku("E3", 10).user("alice").inGroup("Sales").holds("E3").signedIn(daysAgo(80));

            assertThat(plan(reclaiming(90, false), tenant, owns("alice")).changes()).isEmpty();
            assertThat(plan(reclaiming(90, false), tenant, owns("alice"), Lifecycle.at(NOW).asOf(NOW.plus(Duration.ofDays(11))))
                    .changes()).hasSize(1);
        }

        @Test
        void reclaimWithoutTimeIsRefused() {
            TenantSnapshot snapshot = tenant().sku("E3", 10).user("alice").inGroup("Sales").build();
            ResolvedPolicies resolved = new Resolver(ProductCatalog.empty()).resolve(reclaiming(90, false).build(), snapshot).orThrow();

            assertThatThrownBy(() -> new Planner().plan(resolved, snapshot, Ownership.none()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reclaim needs the time");
        }
    }

    @Nested
    class Grace {
        TestingPolicies graceful(int days) {
            return policies().policy("sales-e3", "Sales").grant("E3").removalGraceDays(days);
        }

        TestingTenant leaver() {
            return tenant().sku("E3", 10).group("Sales").user("left").holds("E3");
        }

        @Test
        void aNewRemovalIsPendingForTheGracePeriod() {
            Plan plan = plan(graceful(30), leaver(), owns("left"));

            assertThat(plan.changes()).isEmpty();
            assertThat(plan.hasChanges()).isFalse();
            assertThat(plan.pendingRemovals()).extracting(PendingRemoval::userPrincipalName, PendingRemoval::skuPartNumber,
                    PendingRemoval::reason, PendingRemoval::removeAfter)
                    .containsExactly(tuple(upn("left"), "E3", RemovalReason.NOT_ENTITLED, NOW.plus(Duration.ofDays(30))));
            assertThat(plan.summary().pendingRemovals()).isEqualTo(1);
            assertThat(plan.skus().get(0).freed()).as("a pending removal frees no seat yet").isZero();
        }

        @Test
        void aRecordedRemovalIsCarriedOutOnceDue() {
            Ownership.Key key = new Ownership.Key(userId("left"), skuId("E3"));
            Lifecycle recorded = Lifecycle.at(NOW).withPending(Map.of(key, daysAgo(30)));
            Lifecycle notYet = Lifecycle.at(NOW).withPending(Map.of(key, daysAgo(29)));

            Plan due = plan(graceful(30), leaver(), owns("left"), recorded);
            Plan waiting = plan(graceful(30), leaver(), owns("left"), notYet);

            assertThat(due.pendingRemovals()).isEmpty();
            assertThat(due.changes()).singleElement().satisfies(change -> assertThat(change.removeLicenses())
                    .extracting(LicenseRemoval::reason).containsExactly(RemovalReason.NOT_ENTITLED));
            assertThat(waiting.changes()).isEmpty();
            assertThat(waiting.pendingRemovals()).extracting(PendingRemoval::removeAfter).containsExactly(NOW.plus(Duration.ofDays(1)));
        }

        @Test
        void asOfLooksAheadAtWhatFallsDue() {
            Ownership.Key key = new Ownership.Key(userId("left"), skuId("E3"));
            Lifecycle nextWeek = Lifecycle.at(NOW).withPending(Map.of(key, daysAgo(25))).asOf(NOW.plus(Duration.ofDays(7)));

            assertThat(plan(graceful(30), leaver(), owns("left"), nextWeek).changes()).hasSize(1);
        }

        @Test
        void aUserWhoQualifiesAgainHasNoPendingRemoval() {
            Ownership.Key key = new Ownership.Key(userId("left"), skuId("E3"));
            Lifecycle recorded = Lifecycle.at(NOW).withPending(Map.of(key, daysAgo(40)));

            Plan plan = plan(graceful(30), tenant().sku("E3", 10).user("left").inGroup("Sales").holds("E3"), owns("left"), recorded);

            assertThat(plan.changes()).isEmpty();
            assertThat(plan.pendingRemovals()).isEmpty();
        }
    }

    @Nested
    class DataMarks {
        TestingTenant office(TestingTenant tenant) {
            return tenant.sku("E3", 10, "EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE", "TEAMS1")
                    .sku("EXO", 10, "EXCHANGE_S_STANDARD");
        }

        Plan leaving(TestingTenant tenant) {
            return plan(policies().policy("sales-e3", "Sales").grant("E3"), tenant, owns("left"));
        }

        @Test
        void removingTheLastMailboxAndOneDrivePlanIsMarked() {
            Plan plan = leaving(office(tenant()).group("Sales").user("left").holds("E3"));

            assertThat(plan.changes().get(0).removeLicenses()).extracting(LicenseRemoval::dataAtStake)
                    .containsExactly(java.util.List.of(DataAtStake.MAILBOX, DataAtStake.ONEDRIVE));
            assertThat(plan.summary().usersWithDataAtStake()).isEqualTo(1);
        }

        @Test
        void aMailboxAnotherLicenseKeepsIsNotAtStake() {
            Plan plan = leaving(office(tenant()).group("Sales").user("left").holds("E3").holds("EXO"));

            assertThat(plan.changes().get(0).removeLicenses()).extracting(LicenseRemoval::dataAtStake)
                    .containsExactly(java.util.List.of(DataAtStake.ONEDRIVE));
        }

        @Test
        void plansTheLicenseAlreadyDisablesAreNotAtStake() {
            Plan plan = leaving(office(tenant()).group("Sales").user("left").holds("E3", "EXCHANGE_S_ENTERPRISE", "SHAREPOINTENTERPRISE"));

            assertThat(plan.changes().get(0).removeLicenses()).extracting(LicenseRemoval::dataAtStake)
                    .containsExactly(java.util.List.of());
            assertThat(plan.summary().usersWithDataAtStake()).isZero();
        }

        @Test
        void aPendingRemovalSaysWhatItWillTakeWhenItFallsDue() {
            TestingPolicies graceful = policies().policy("sales-e3", "Sales").grant("E3").removalGraceDays(30);
            Plan alone = plan(graceful, office(tenant()).group("Sales").user("left").holds("E3"), owns("left"));
            Plan keepsExchange = plan(graceful, office(tenant()).group("Sales").user("left").holds("E3").holds("EXO"), owns("left"));

            assertThat(alone.pendingRemovals()).singleElement().satisfies(pending ->
                    assertThat(pending.dataAtStake()).containsExactly(DataAtStake.MAILBOX, DataAtStake.ONEDRIVE));
            assertThat(keepsExchange.pendingRemovals()).singleElement().satisfies(pending ->
                    assertThat(pending.dataAtStake()).containsExactly(DataAtStake.ONEDRIVE));
            assertThat(alone.summary().usersWithDataAtStake()).as("counts removals this plan carries out").isZero();
        }
    }
}
