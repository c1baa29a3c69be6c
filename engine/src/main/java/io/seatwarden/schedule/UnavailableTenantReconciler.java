package io.seatwarden.schedule;

/**
 * Bound until the engine's read → plan → guard → apply flow is wired in: every run is recorded as
 * {@link RunOutcome#FAILED} with a message saying so, so that the service itself can be run and
 * monitored.
 */
final class UnavailableTenantReconciler implements TenantReconciler {
    @Override
    public RunSummary reconcile(TenantTarget tenant, RunContext context) {
        return RunSummary.failed("the reconcile flow (read, plan, guard, apply) is not available in this build");
    }
}
