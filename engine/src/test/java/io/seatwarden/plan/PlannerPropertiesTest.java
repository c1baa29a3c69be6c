package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.testing.TenantGenerator;
import io.seatwarden.testing.TestingPlanApplier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the planner over many generated tenants; each case is reproducible from its seed. */
class PlannerPropertiesTest {
    private static final int CASES = 400;

    private static ResolvedPolicies resolve(TenantGenerator.Case generated, TenantSnapshot tenant) {
        Resolution resolution = new Resolver(ProductCatalog.empty()).resolve(generated.policies().build(), tenant);
        assertThat(resolution.problems()).as("seed %d", generated.seed()).isEmpty();
        return resolution.orThrow();
    }

    @Test
    void neverLicensesAGuest() {
        for (long seed = 0; seed < CASES; seed++) {
            TenantGenerator.Case generated = TenantGenerator.generate(seed);
            TenantSnapshot tenant = generated.tenant().build();
            Plan plan = new Planner().plan(resolve(generated, tenant), tenant, Ownership.none());

            for (UserChange change : plan.changes()) {
                User user = tenant.user(change.userId()).orElseThrow();
                if (user.isGuest()) {
                    assertThat(change.addLicenses()).as("seed %d: guest %s", seed, user.userPrincipalName()).isEmpty();
                }
            }
        }
    }

    @Test
    void neverAssignsPastCapacity() {
        for (long seed = 0; seed < CASES; seed++) {
            TenantGenerator.Case generated = TenantGenerator.generate(seed);
            TenantSnapshot tenant = generated.tenant().build();
            ResolvedPolicies policies = resolve(generated, tenant);
            Plan plan = new Planner().plan(policies, tenant, Ownership.none());

            for (SkuSeats seats : plan.skus()) {
                SubscribedSku sku = tenant.sku(seats.skuId()).orElseThrow();
                int limit = sku.capabilityStatus().acceptsNewAssignments()
                        ? Math.max(0, seats.availableBefore() - seats.reserved()) + seats.freed()
                        : 0;
                assertThat(seats.assigned()).as("seed %d: %s", seed, seats.skuPartNumber()).isLessThanOrEqualTo(limit);
                long newSeats = plan.changes().stream().flatMap(change -> change.addLicenses().stream().filter(change::isNewLicense))
                        .filter(add -> add.skuId().equals(seats.skuId())).count();
                assertThat(newSeats).as("seed %d: %s", seed, seats.skuPartNumber()).isEqualTo(seats.assigned());
            }
        }
    }

    @Test
    void isDeterministicWhateverTheOrderOfTheInput() {
        for (long seed = 0; seed < CASES; seed++) {
            TenantGenerator.Case generated = TenantGenerator.generate(seed);
            TenantSnapshot tenant = generated.tenant().build();
            List<User> users = new ArrayList<>(tenant.users());
            Collections.shuffle(users, new Random(seed));
            List<io.seatwarden.directory.Group> groups = new ArrayList<>(tenant.groups());
            Collections.shuffle(groups, new Random(seed + 1));
            TenantSnapshot shuffled = new TenantSnapshot(tenant.tenantId(), tenant.subscribedSkus(), users, groups);

            Plan first = new Planner().plan(resolve(generated, tenant), tenant, Ownership.none());
            Plan again = new Planner().plan(resolve(generated, tenant), tenant, Ownership.none());
            Plan reordered = new Planner().plan(resolve(generated, shuffled), shuffled, Ownership.none());

            assertThat(again).as("seed %d", seed).isEqualTo(first);
            assertThat(reordered).as("seed %d", seed).isEqualTo(first);
        }
    }

    @Test
    void planningAConvergedTenantGivesNoChanges() {
        for (long seed = 0; seed < CASES; seed++) {
            TenantGenerator.Case generated = TenantGenerator.generate(seed);
            TenantSnapshot tenant = generated.tenant().build();
            Plan plan = new Planner().plan(resolve(generated, tenant), tenant, Ownership.none());

            TestingPlanApplier.Applied applied = TestingPlanApplier.apply(tenant, plan, Ownership.none());
            Plan second = new Planner().plan(resolve(generated, applied.tenant()), applied.tenant(), applied.ownership());

            assertThat(second.changes()).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void protectedUsersAreNeverChangedAndEachUserPolicySkuHasAtMostOneSkip() {
        for (long seed = 0; seed < CASES; seed++) {
            TenantGenerator.Case generated = TenantGenerator.generate(seed);
            TenantSnapshot tenant = generated.tenant().build();
            ResolvedPolicies policies = resolve(generated, tenant);
            Plan plan = new Planner().plan(policies, tenant, Ownership.none());

            for (UserChange change : plan.changes()) {
                assertThat(policies.protectedUsers()).as("seed %d", seed).doesNotContain(change.userId());
            }
            Set<String> keys = new HashSet<>();
            for (Skip skip : plan.skipped()) {
                assertThat(keys.add(skip.userId() + "|" + skip.policy() + "|" + skip.skuPartNumber()))
                        .as("seed %d: %s has two skip reasons", seed, skip).isTrue();
            }
        }
    }
}
