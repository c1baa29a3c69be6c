package io.seatwarden.state;

/** How a run ended (or that it has not). */
public enum RunOutcome {
    /** Started and not finished: still running, or its process died (see {@link #ABANDONED}). */
    RUNNING,
    /** Every planned change was applied, or there was nothing to do. */
    SUCCEEDED,
    /** Some changes failed or are waiting for seats; the rest were applied. */
    PARTIAL,
    /** The removal guard held the run's removals back; the rest was applied (exit 3). */
    REMOVALS_HELD,
    /** The run failed: nothing, or not everything it tried, could be applied. */
    FAILED,
    /** Stopped before applying: bad input, a read that failed, a plan that no longer matches, the lock held elsewhere. */
    ABORTED,
    /** Stopped between two changes on request (shutdown); a later run continues. */
    INTERRUPTED,
    /** Its process died mid-run; a later run settled its unfinished journal entries. */
    ABANDONED;

    public boolean finished() {
        return this != RUNNING;
    }
}
