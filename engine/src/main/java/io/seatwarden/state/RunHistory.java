package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.util.List;
import java.util.Optional;

/**
 * The history of runs, per tenant, shared by every process using the same state database.
 * A run is recorded when it starts ({@link RunOutcome#RUNNING}) and again when it finishes, so a
 * run whose process died stays visible as running until a later run finishes it as
 * {@link RunOutcome#ABANDONED}. Times come from the store's clock. Thread-safe.
 *
 * <pre>{@code
 * RunRecord run = history.begin(tenant, RunKind.APPLY, "node-1");
 * ... journal.intend(run.id(), tenant, intents) ...
 * history.finish(run.id(), RunOutcome.SUCCEEDED, counts, "12 users changed");
 * }</pre>
 */
public interface RunHistory {
    /** Records a new run, started now, with a new {@link RunId}. */
    RunRecord begin(TenantId tenant, RunKind kind, String node);

    /**
     * Records a new run under an id the caller chose.
     *
     * @throws StateException when a run with that id exists
     */
    RunRecord begin(RunId id, TenantId tenant, RunKind kind, String node);

    /** Remembers where the run's reports were written. */
    void reportsWritten(RunId id, String directory);

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

    /** The tenant's runs still marked {@link RunOutcome#RUNNING}, oldest first. */
    List<RunRecord> unfinished(TenantId tenant);
}
