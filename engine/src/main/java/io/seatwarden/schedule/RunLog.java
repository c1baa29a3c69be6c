package io.seatwarden.schedule;

import io.seatwarden.state.RunId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The history of scheduled runs, shared by every node of a cluster (it lives in the state
 * database). Each run is recorded when it starts and again when it ends, so a run whose node died
 * stays visible as {@link RunOutcome#RUNNING} until the next run of its tenant marks it
 * {@link RunOutcome#ABANDONED}. Thread-safe.
 */
public interface RunLog {
    /**
     * Records a run as started. Runs of one tenant never overlap (Quartz guarantees it), so any
     * run of the tenant still marked running belongs to a dead node: it becomes ABANDONED.
     */
    void started(RunRecord run);

    void finished(RunId runId, RunSummary summary, Instant endedAt);

    /** The most recent runs first; all tenants when {@code tenant} is empty. */
    List<RunRecord> recent(Optional<TenantKey> tenant, int limit);

    /** True when the database answers. */
    boolean reachable();
}
