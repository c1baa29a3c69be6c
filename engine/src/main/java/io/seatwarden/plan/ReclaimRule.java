package io.seatwarden.plan;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.User;
import io.seatwarden.plan.ResolvedPolicies.ResolvedGrant;
import io.seatwarden.plan.ResolvedPolicies.ResolvedPolicy;
import io.seatwarden.policy.Reclaim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code reclaim:} on the grants of one SKU. Like disabled plans (rule 7), the most generous policy wins:
 * a user is reclaimed only when every policy granting the SKU reclaims, and counts as inactive only by the
 * longest {@code inactiveDays} among them. Pure.
 *
 * <p>Inactive: the last sign-in ({@link io.seatwarden.directory.SignInActivity#lastSignIn()}) is more than
 * the days before {@code asOf}; with no sign-in recorded, the account was created that long ago. A user
 * whose creation time is unknown as well is not judged inactive: a seat is reclaimed on evidence only.
 */
final class ReclaimRule {
    private ReclaimRule() {}

    static boolean anyReclaims(ResolvedPolicies policies) {
        for (ResolvedPolicy policy : policies.policies()) {
            for (ResolvedGrant grant : policy.grants()) {
                if (grant.reclaim().isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Why the user loses (or does not get) the SKU under the granting policies' reclaim, if it does. */
    static Optional<RemovalReason> reason(User user, List<ResolvedPolicy> granting, SkuId sku, Instant asOf) {
        boolean disabled = true;
        int inactiveDays = 0;
        for (ResolvedPolicy policy : granting) {
            Optional<Reclaim> reclaim = grantOf(policy, sku).reclaim();
            if (reclaim.isEmpty()) {
                return Optional.empty();
            }
            disabled &= reclaim.get().disabledAccounts();
            if (inactiveDays >= 0) {
                inactiveDays = reclaim.get().inactiveDays().isPresent()
                        ? Math.max(inactiveDays, reclaim.get().inactiveDays().getAsInt()) : -1;
            }
        }
        if (disabled && !user.accountEnabled()) {
            return Optional.of(RemovalReason.DISABLED_ACCOUNT);
        }
        if (inactiveDays > 0 && isInactive(user, asOf, inactiveDays)) {
            return Optional.of(RemovalReason.INACTIVE);
        }
        return Optional.empty();
    }

    static boolean isInactive(User user, Instant asOf, int days) {
        Instant cutoff = asOf.minus(Duration.ofDays(days));
        Optional<Instant> last = user.signInActivity() == null ? Optional.empty() : user.signInActivity().lastSignIn();
        if (last.isPresent()) {
            return last.get().isBefore(cutoff);
        }
        return user.createdDateTime() != null && user.createdDateTime().isBefore(cutoff);
    }

    static ResolvedGrant grantOf(ResolvedPolicy policy, SkuId sku) {
        for (ResolvedGrant grant : policy.grants()) {
            if (grant.sku().equals(sku)) {
                return grant;
            }
        }
        throw new IllegalArgumentException("policy " + policy.name() + " does not grant " + sku);
    }
}
