package io.seatwarden.plan;

import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;
import io.seatwarden.policy.Reclaim;
import io.seatwarden.policy.Settings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

import static java.util.Objects.requireNonNull;

/**
 * Policies with every reference turned into tenant ids: what the planner works from.
 *
 * @param reserve seats to leave free, per SKU
 * @param protectedUsers users never changed, resolved from principal names (ignoring case) or ids against the
 *     whole snapshot; names of users the snapshot does not hold cannot be changed anyway
 * @param unmatchedProtectedUsers {@code protectedUsers} entries, as written, that match no user of the snapshot:
 *     a misspelt entry leaves the account it means unprotected, so the plan warns about each
 * @param dataPlans per tenant SKU, its service plans that hold user data ({@link DataAtStake}), for marking removals
 * @param prices price per seat per month, per SKU ({@code settings.prices}, in {@code settings.currency})
 * @param conflicts the service plans that cannot be enabled together on one user (the catalog's list)
 */
public record ResolvedPolicies(
        List<ResolvedPolicy> policies,
        Map<SkuId, Integer> reserve,
        Set<UserId> protectedUsers,
        List<String> unmatchedProtectedUsers,
        Settings settings,
        Map<SkuId, Map<ServicePlanId, DataAtStake>> dataPlans,
        Map<SkuId, BigDecimal> prices,
        ServicePlanConflicts conflicts) {
    public ResolvedPolicies {
        policies = List.copyOf(policies);
        reserve = Map.copyOf(reserve);
        protectedUsers = Set.copyOf(protectedUsers);
        unmatchedProtectedUsers = List.copyOf(unmatchedProtectedUsers);
        requireNonNull(settings, "settings is null");
        dataPlans = Map.copyOf(dataPlans);
        prices = Map.copyOf(prices);
        requireNonNull(conflicts, "conflicts is null");
    }

    /** Without a list of mutually exclusive service plans: no grant is skipped for a conflict. */
    public ResolvedPolicies(List<ResolvedPolicy> policies, Map<SkuId, Integer> reserve, Set<UserId> protectedUsers,
            List<String> unmatchedProtectedUsers, Settings settings, Map<SkuId, Map<ServicePlanId, DataAtStake>> dataPlans,
            Map<SkuId, BigDecimal> prices) {
        this(policies, reserve, protectedUsers, unmatchedProtectedUsers, settings, dataPlans, prices, ServicePlanConflicts.none());
    }

    /** Policies without prices. */
    public ResolvedPolicies(List<ResolvedPolicy> policies, Map<SkuId, Integer> reserve, Set<UserId> protectedUsers,
            List<String> unmatchedProtectedUsers, Settings settings, Map<SkuId, Map<ServicePlanId, DataAtStake>> dataPlans) {
        this(policies, reserve, protectedUsers, unmatchedProtectedUsers, settings, dataPlans, Map.of());
    }

    /** Policies resolved without knowing which service plans hold user data (no removal is marked), without prices. */
    public ResolvedPolicies(List<ResolvedPolicy> policies, Map<SkuId, Integer> reserve, Set<UserId> protectedUsers,
            List<String> unmatchedProtectedUsers, Settings settings) {
        this(policies, reserve, protectedUsers, unmatchedProtectedUsers, settings, Map.of());
    }

    /** The SKUs any policy references. */
    public Set<SkuId> referencedSkus() {
        java.util.Set<SkuId> skus = new java.util.TreeSet<>();
        for (ResolvedPolicy policy : policies) {
            for (ResolvedGrant grant : policy.grants()) {
                skus.add(grant.sku());
            }
        }
        return skus;
    }

    /** One policy, resolved. */
    public record ResolvedPolicy(String name, GroupId group, int priority, Optional<String> usageLocation, List<ResolvedGrant> grants) {
        public ResolvedPolicy {
            requireNonNull(name, "name is null");
            requireNonNull(group, "group is null");
            requireNonNull(usageLocation, "usageLocation is null");
            grants = List.copyOf(grants);
        }
    }

    /** One SKU a policy grants, with the service plans it switches off (allow-lists already expanded). */
    public record ResolvedGrant(SkuId sku, String skuPartNumber, SortedSet<ServicePlanId> disabledPlans, boolean prune,
            boolean adopt, Optional<Reclaim> reclaim) {
        public ResolvedGrant {
            requireNonNull(sku, "sku is null");
            requireNonNull(skuPartNumber, "skuPartNumber is null");
            disabledPlans = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(disabledPlans));
            requireNonNull(reclaim, "reclaim is null");
        }

        public ResolvedGrant(SkuId sku, String skuPartNumber, SortedSet<ServicePlanId> disabledPlans, boolean prune) {
            this(sku, skuPartNumber, disabledPlans, prune, false, Optional.empty());
        }
    }
}
