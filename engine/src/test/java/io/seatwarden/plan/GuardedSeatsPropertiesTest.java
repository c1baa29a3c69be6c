package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.ResolvedPolicies.ResolvedGrant;
import io.seatwarden.plan.ResolvedPolicies.ResolvedPolicy;
import io.seatwarden.plan.capacity.SeatAllocator;
import io.seatwarden.plan.capacity.SeatAllocator.SeatRequest;
import io.seatwarden.testing.TenantGenerator;
import io.seatwarden.testing.TestingPlanApplier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule 9 over generated tenants with engine-owned licenses and low removal limits: when the guard
 * holds the removals, seats are allocated as if they do not happen; and the plan under a raised limit
 * is the same plan plus exactly the adds it listed as waiting for the held removals. Each case is
 * reproducible from its seed.
 */
class GuardedSeatsPropertiesTest {
    private static final int CASES = 400;

    /** One generated case planned twice: under low limits, and under the limit {@code --max-removals} would need. */
    private record Planned(long seed, TenantSnapshot tenant, ResolvedPolicies policies, Ownership ownership, Plan guarded, Plan full) {}

    private static Planned planned(long seed) {
        TenantGenerator.Case generated = TenantGenerator.generate(seed);
        Random random = new Random(seed * 31 + 7);
        generated.policies().maxRemovals(random.nextInt(4));
        if (random.nextInt(3) == 0) {
            generated.policies().maxRemovalsPercent(random.nextInt(60));
        }
        TenantSnapshot tenant = generated.tenant().build();
        Ownership.Builder owned = Ownership.builder();
        for (User user : tenant.users()) {
            for (LicenseAssignment license : user.licenses()) {
                if (license.isDirect() && random.nextBoolean()) {
                    owned.add(user.id(), license.skuId());
                }
            }
        }
        Ownership ownership = owned.build();
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(generated.policies().build(), tenant);
        assertThat(resolution.problems()).as("seed %d", seed).isEmpty();
        ResolvedPolicies policies = resolution.orThrow();
        Plan guarded = new Planner().plan(policies, tenant, ownership);
        Plan full = new Planner().plan(policies, tenant, ownership, RemovalLimits.atMost(guarded.summary().removalGuard().removals()));
        return new Planned(seed, tenant, policies, ownership, guarded, full);
    }

    @Test
    void theGeneratedCasesHoldRemovalsAndAddsOften() {
        int tripped = 0;
        int withHeldAdds = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Plan guarded = planned(seed).guarded();
            tripped += guarded.summary().removalGuard().wouldTrip() ? 1 : 0;
            withHeldAdds += guarded.waitingForHeldRemovals().isEmpty() ? 0 : 1;
        }
        // Otherwise the properties below would pass without exercising held removals.
        assertThat(tripped).isGreaterThan(CASES / 4);
        assertThat(withHeldAdds).isGreaterThan(CASES / 20);
    }

    @Test
    void neverAssignsPastCapacityWhenRemovalsAreHeld() {
        for (long seed = 0; seed < CASES; seed++) {
            Planned planned = planned(seed);
            Plan plan = planned.guarded();
            if (!plan.summary().removalGuard().wouldTrip()) {
                continue;
            }
            for (SkuSeats seats : plan.skus()) {
                SubscribedSku sku = planned.tenant().sku(seats.skuId()).orElseThrow();
                int limit = sku.capabilityStatus().acceptsNewAssignments() ? Math.max(0, seats.availableBefore() - seats.reserved()) : 0;
                assertThat(seats.assigned()).as("seed %d: %s", seed, seats.skuPartNumber()).isLessThanOrEqualTo(limit);
                assertThat(seats.freed()).as("seed %d: %s frees nothing while its removals are held", seed, seats.skuPartNumber()).isZero();
            }
            // What apply sends when the guard trips: every change without its removals. Graph would accept it, reserve included.
            TenantSnapshot after = TestingPlanApplier.apply(planned.tenant(), withoutRemovals(plan), planned.ownership()).tenant();
            for (SkuSeats seats : plan.skus()) {
                SubscribedSku before = planned.tenant().sku(seats.skuId()).orElseThrow();
                int consumed = after.sku(seats.skuId()).orElseThrow().consumedUnits();
                int usable = seats.availableBefore() + before.consumedUnits() - seats.reserved();
                assertThat(consumed).as("seed %d: %s", seed, seats.skuPartNumber()).isLessThanOrEqualTo(Math.max(before.consumedUnits(), usable));
            }
        }
    }

    @Test
    void priorityThenPrincipalNameDecidesWhoWaitsWhenRemovalsAreHeld() {
        for (long seed = 0; seed < CASES; seed++) {
            Planned planned = planned(seed);
            for (Plan plan : List.of(planned.guarded(), planned.full())) {
                for (SkuSeats seats : plan.skus()) {
                    List<SeatRequest> granted = granted(plan, planned, seats.skuId());
                    for (SeatRequest waiting : waiting(plan, planned, seats)) {
                        for (SeatRequest got : granted) {
                            assertThat(SeatAllocator.ORDER.compare(got, waiting))
                                    .as("seed %d: %s got %s before %s", seed, got.userPrincipalName(), seats.skuPartNumber(), waiting.userPrincipalName())
                                    .isNegative();
                        }
                    }
                }
            }
        }
    }

    @Test
    void raisingTheLimitGivesTheSamePlanPlusExactlyTheHeldAdds() {
        for (long seed = 0; seed < CASES; seed++) {
            Planned planned = planned(seed);
            Plan guarded = planned.guarded();
            Plan full = planned.full();

            assertThat(full.summary().removalGuard().wouldTrip()).as("seed %d", seed).isFalse();
            assertThat(full.waitingForHeldRemovals()).as("seed %d", seed).isEmpty();
            assertThat(removals(full)).as("seed %d: every removal is listed either way", seed).isEqualTo(removals(guarded));

            Set<String> expectedAdds = new TreeSet<>(newSeats(guarded));
            for (HeldAdd held : guarded.waitingForHeldRemovals()) {
                assertThat(expectedAdds.add(held.userId().value() + "|" + held.skuId())).as("seed %d: %s is held and added", seed, held).isTrue();
            }
            assertThat(new TreeSet<>(newSeats(full))).as("seed %d", seed).isEqualTo(expectedAdds);

            List<Skip> expectedSkips = new ArrayList<>();
            for (Skip skip : guarded.skipped()) {
                boolean held = guarded.waitingForHeldRemovals().stream().anyMatch(add -> add.userId().equals(skip.userId())
                        && add.skuPartNumber().equals(skip.skuPartNumber()) && skip.reason() == SkipReason.NO_SEATS);
                if (!held) {
                    expectedSkips.add(skip);
                }
            }
            assertThat(full.skipped()).as("seed %d", seed).isEqualTo(expectedSkips);
            if (!guarded.summary().removalGuard().wouldTrip()) {
                assertThat(full.changes()).as("seed %d", seed).isEqualTo(guarded.changes());
                assertThat(full.skus()).as("seed %d", seed).isEqualTo(guarded.skus());
            }
            int heldSeats = 0;
            for (SkuSeats seats : guarded.skus()) {
                heldSeats += seats.waitingForHeldRemovals();
            }
            assertThat(heldSeats).as("seed %d", seed).isEqualTo(guarded.waitingForHeldRemovals().size())
                    .isEqualTo(guarded.summary().removalGuard().addsWaiting());
        }
    }

    private static Plan withoutRemovals(Plan plan) {
        List<UserChange> changes = new ArrayList<>();
        for (UserChange change : plan.changes()) {
            Set<SkuId> updated = new TreeSet<>();
            change.addLicenses().stream().filter(add -> !change.isNewLicense(add)).forEach(add -> updated.add(add.skuId()));
            changes.add(new UserChange(change.userId(), change.userPrincipalName(), change.usageLocation(), change.addLicenses(), List.of(),
                    change.policies(), updated));
        }
        return new Plan(plan.tenantId(), plan.summary(), plan.skus(), changes, plan.skipped(), plan.warnings());
    }

    private static List<String> newSeats(Plan plan) {
        List<String> seats = new ArrayList<>();
        for (UserChange change : plan.changes()) {
            change.addLicenses().stream().filter(change::isNewLicense).forEach(add -> seats.add(change.userId().value() + "|" + add.skuId()));
        }
        return seats;
    }

    private static Set<String> removals(Plan plan) {
        Set<String> removals = new TreeSet<>();
        for (UserChange change : plan.changes()) {
            change.removeLicenses().forEach(removal -> removals.add(change.userId().value() + "|" + removal.skuId()));
        }
        return removals;
    }

    /** Users who got a new seat of {@code sku}, at the priority of the highest granting policy behind their change. */
    private static List<SeatRequest> granted(Plan plan, Planned planned, SkuId sku) {
        List<SeatRequest> granted = new ArrayList<>();
        for (UserChange change : plan.changes()) {
            if (change.addLicenses().stream().anyMatch(add -> add.skuId().equals(sku) && change.isNewLicense(add))) {
                // A policy behind the change that grants the SKU reaches the user (or names a removal; then it only ranks higher).
                granted.add(new SeatRequest(change.userId(), change.userPrincipalName(), priority(planned.policies(), change.policies(), sku)));
            }
        }
        return granted;
    }

    /** Users waiting for a seat of the SKU, at the highest priority among the policies they wait under. */
    private static List<SeatRequest> waiting(Plan plan, Planned planned, SkuSeats seats) {
        Map<UserId, List<String>> policies = new HashMap<>();
        Map<UserId, String> names = new HashMap<>();
        for (Skip skip : plan.skipped()) {
            if (skip.reason() == SkipReason.NO_SEATS && skip.skuPartNumber().equals(seats.skuPartNumber())) {
                policies.computeIfAbsent(skip.userId(), user -> new ArrayList<>()).add(skip.policy());
                names.put(skip.userId(), skip.userPrincipalName());
            }
        }
        List<SeatRequest> waiting = new ArrayList<>();
        policies.forEach((user, names0) -> waiting.add(new SeatRequest(user, names.get(user), priority(planned.policies(), names0, seats.skuId()))));
        return waiting;
    }

    private static int priority(ResolvedPolicies policies, List<String> names, SkuId sku) {
        OptionalInt highest = policies.policies().stream()
                .filter(policy -> names.contains(policy.name()) && grants(policy, sku))
                .mapToInt(ResolvedPolicy::priority).max();
        return highest.orElseThrow();
    }

    private static boolean grants(ResolvedPolicy policy, SkuId sku) {
        for (ResolvedGrant grant : policy.grants()) {
            if (grant.sku().equals(sku)) {
                return true;
            }
        }
        return false;
    }
}
