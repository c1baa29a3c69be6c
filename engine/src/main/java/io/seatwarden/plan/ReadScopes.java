package io.seatwarden.plan;

import io.seatwarden.directory.ReadScope;
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicySet;

import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a tenant a set of policies needs read: the groups they name (nesting is followed by
 * the reader) and the SKUs they grant, whose holders matter for {@code prune} and ownership; and whether
 * users' sign-in activity is needed ({@code reclaim.inactiveDays}).
 * Subscriptions are always read whole, so {@code settings.reserve} needs nothing here.
 *
 * <pre>{@code
 * TenantSnapshot snapshot = reader.read(ReadScopes.of(policySet));
 * }</pre>
 */
public final class ReadScopes {
    private ReadScopes() {}

    public static ReadScope of(PolicySet policies) {
        Set<String> groups = new TreeSet<>();
        Set<String> skus = new TreeSet<>();
        for (Policy policy : policies.policies()) {
            groups.add(policy.group().trim());
            for (LicenseGrant grant : policy.licenses()) {
                skus.add(grant.sku().trim());
            }
        }
        return new ReadScope(groups, skus, false, needsSignInActivity(policies));
    }

    /** Whether a policy reclaims seats from inactive users, which needs users' sign-in activity read. */
    public static boolean needsSignInActivity(PolicySet policies) {
        for (Policy policy : policies.policies()) {
            for (LicenseGrant grant : policy.licenses()) {
                if (grant.reclaim().isPresent() && grant.reclaim().get().inactiveDays().isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A scope that also covers the holders of more SKUs, e.g. those the engine assigned in earlier
     * runs and that no policy names any more (ownership removals).
     */
    public static ReadScope withSkus(ReadScope scope, Set<String> moreSkus) {
        if (scope.everything()) {
            return scope;
        }
        Set<String> skus = new TreeSet<>(scope.skuReferences());
        skus.addAll(moreSkus);
        return new ReadScope(scope.groupReferences(), skus, false, scope.signInActivity());
    }
}
