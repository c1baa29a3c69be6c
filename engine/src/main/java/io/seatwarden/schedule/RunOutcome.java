package io.seatwarden.schedule;

/** How a run ended; the {@code outcome} label of {@code seatwarden_runs_total}. */
public enum RunOutcome {
    /** Still running (or its node died and nobody has recovered it yet). */
    RUNNING,
    /** Everything planned was applied (or there was nothing to do). */
    SUCCEEDED,
    /** The removal guard held removals back; the rest was applied. */
    REMOVALS_HELD,
    /** Some changes failed; the rest was applied. */
    CHANGES_FAILED,
    /** The run failed before or while applying (bad policies, unreadable tenant, ...). */
    FAILED,
    /**
     * Not run: another apply of the tenant holds its apply lease (a manual {@code apply}, or a run
     * of a node that died on another host, whose lease has to expire). Retried a minute later.
     */
    REFUSED,
    /** Stopped between two users on request (shutdown); the next run continues. */
    INTERRUPTED,
    /** Its node died mid-run; another node recovered the job and ran it again. */
    ABANDONED;

    public boolean finished() {
        return this != RUNNING;
    }
}
