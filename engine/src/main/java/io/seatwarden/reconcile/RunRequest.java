package io.seatwarden.reconcile;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.policy.PolicySet;

import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * One reconciliation to run.
 *
 * @param confirmation asked before the first write ({@link Confirmation#always()} for {@code --yes} and schedules)
 * @param stopRequested asked before every batch: when true, the run stops there (the batch in flight has
 *        finished; what was not sent is left to the next run) and ends {@link RunOutcome#INTERRUPTED}
 */
public record RunRequest(TenantConnection tenant, PolicySet policies, RunOptions options, Confirmation confirmation, ApplyProgress progress,
        BooleanSupplier stopRequested) {
    public RunRequest(TenantConnection tenant, PolicySet policies, RunOptions options, Confirmation confirmation, ApplyProgress progress) {
        this(tenant, policies, options, confirmation, progress, () -> false);
    }

    public RunRequest {
        requireNonNull(stopRequested, "stopRequested is null");
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
