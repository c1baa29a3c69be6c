package io.seatwarden.reconcile;

import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;
import io.seatwarden.policy.PolicySet;

import java.util.Optional;

/**
 * {@code reclaim.inactiveDays} needs every user's sign-in activity. Tenant files carry it
 * ({@code signInActivity}, {@code createdDateTime}); the Graph reader does not read it yet (Graph serves it on
 * {@code GET /users?$select=signInActivity} only with the application permission {@code AuditLog.Read.All} and
 * Microsoft Entra ID P1 or P2, and answers 403 otherwise). Until it does, a Graph run refuses such policies with
 * this message rather than judge everyone active (or inactive) on no evidence.
 */
public final class SignInActivityReads {
    private SignInActivityReads() {}

    /** Why the policies cannot be planned from Graph, if they cannot. */
    public static Optional<String> refusalForGraph(PolicySet policies) {
        for (Policy policy : policies.policies()) {
            for (LicenseGrant grant : policy.licenses()) {
                if (grant.reclaim().flatMap(reclaim -> reclaim.inactiveDays().isPresent() ? Optional.of(reclaim) : Optional.empty())
                        .isPresent()) {
                    return Optional.of(grant.location() + ": policy '" + policy.name() + "': reclaim.inactiveDays needs users'"
                            + " sign-in activity, which this version reads from tenant files only (plan --tenant FILE with"
                            + " signInActivity and createdDateTime); reading it through Microsoft Graph (application permission"
                            + " AuditLog.Read.All, Microsoft Entra ID P1 or P2) is not built yet. Nothing was planned.");
                }
            }
        }
        return Optional.empty();
    }
}
