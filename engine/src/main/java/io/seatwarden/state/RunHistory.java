package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.util.List;
import java.util.Optional;

/**
 * The history of every run, per tenant, shared by every process using the same state database:
 * {@code apply} and {@code undo} from the command line, and the {@code run} service's scheduled runs,
 * those that stopped before writing included. A run is recorded when it starts
 * ({@link RunOutcome#RUNNING}) and again when it finishes, so a run whose process died stays visible
 * as running until a later run finishes it as {@link RunOutcome#ABANDONED}. Times come from the
 * store's clock. Thread-safe.
 *
 * <pre>{@code
 * RunRecord run = history.begin(tenant, RunKind.APPLY, "node-1");
 * ... journal.intend(run.id(), tenant, intents) ...
 * history.finish(run.id(), RunOutcome.APPLIED, counts, "12 users changed");
 * }</pre>
 *
 * A scheduled run is begun by the service before it knows the tenant's directory id
 * ({@link #beginScheduled}); the reconciliation then {@link #begin(RunId, TenantId, RunKind, String)
 * begins} the same id, which ties the row to the tenant.
 */
public interface RunHistory {
    /** Records a new run, started now, with a new {@link RunId}. */
    RunRecord begin(TenantId tenant, RunKind kind, String node);

    /**
     * Records a new run under an id the caller chose; or, when {@link #beginScheduled} recorded that id
     * and the run is still running and tied to no tenant, ties it to {@code tenant} (keeping its start and node).
     *
     * @throws StateException when a run with that id exists otherwise
     */
    RunRecord begin(RunId id, TenantId tenant, RunKind kind, String node);

    /**
     * Records a scheduled run, started now, before it reads its tenant. Runs of one job never overlap
     * (the scheduler sees to it), so any other run of the same job still marked running belongs to a
     * node that died: it becomes {@link RunOutcome#ABANDONED}.
     *
     * @throws StateException when a run with that id exists
     */
    RunRecord beginScheduled(RunId id, ScheduledStart start, String node);

    /** Remembers where the run's reports were written. */
    void reportsWritten(RunId id, String directory);

    /** Remembers what the run sent to Graph (replacing what was recorded). */
    void trafficSent(RunId id, GraphTraffic traffic);

    /**
     * Records how a running run ended, finished now.
     *
     * @param outcome anything but {@link RunOutcome#RUNNING}
     * @throws IllegalStateException when the run is unknown or already finished (a run ends once)
     */
    RunRecord finish(RunId id, RunOutcome outcome, RunCounts counts, String message);

    Optional<RunRecord> find(RunId id);

    /** The most recent runs first (by start, then by the order they were recorded); all tenants when empty. */
    List<RunRecord> recent(Optional<TenantId> tenant, int limit);

    /** The most recent scheduled runs of one job (the service's name for a tenant) first. */
    List<RunRecord> recentOfJob(String job, int limit);

    /** The tenant's runs still marked {@link RunOutcome#RUNNING}, oldest first. */
    List<RunRecord> unfinished(TenantId tenant);
}
