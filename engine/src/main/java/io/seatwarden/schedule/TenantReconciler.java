package io.seatwarden.schedule;

import io.seatwarden.state.RunOutcome;

/**
 * One reconciliation of one tenant: read, plan, guard, apply, journal, report. The scheduler's
 * only way into the engine.
 *
 * <p>Contract: returns a summary whatever happened to the tenant (a failed read is
 * {@link RunOutcome#FAILED}, not an exception); writes its reports into
 * {@link RunContext#runDirectory()}; checks {@link RunContext#cancellation()} between users and,
 * when asked to stop, finishes the change in flight and returns {@link RunOutcome#INTERRUPTED}.
 * Running it again after a crash or an interruption converges without applying anything twice.
 * Called for one tenant at a time, but for different tenants concurrently: implementations are
 * thread-safe.
 */
public interface TenantReconciler {
    RunSummary reconcile(TenantTarget tenant, RunContext context);
}
