package io.seatwarden.apply;

import io.seatwarden.policy.PolicySet;

import static java.util.Objects.requireNonNull;

/**
 * One reconciliation to run.
 *
 * @param confirmation asked before the first write ({@link Confirmation#always()} for {@code --yes} and schedules)
 */
public record RunRequest(TenantConnection tenant, PolicySet policies, RunOptions options, Confirmation confirmation, ApplyProgress progress) {
    public RunRequest {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(policies, "policies is null");
        requireNonNull(options, "options is null");
        requireNonNull(confirmation, "confirmation is null");
        requireNonNull(progress, "progress is null");
    }

    public static RunRequest unattended(TenantConnection tenant, PolicySet policies, RunOptions options) {
        return new RunRequest(tenant, policies, options, Confirmation.always(), ApplyProgress.none());
    }
}
