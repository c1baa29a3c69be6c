package io.seatwarden.reconcile;

/** How a reconciliation ended, and the {@code apply} exit code it maps to (DESIGN.md). */
public enum ReconcileOutcome {
    /** The plan had no changes. Exit 0. */
    NOTHING_TO_DO(0),
    /** Every change was applied (users Graph put to wait for seats included: a later run picks them up). Exit 0. */
    APPLIED(0),
    /** The removal guard held every removal back; the rest was applied. Exit 3. */
    REMOVALS_HELD(3),
    /** Some change failed (or its outcome stayed unknown); the rest was applied. Exit 1. */
    CHANGES_FAILED(1),
    /** Dry run: planned, nothing written. Exit as {@code plan}: 0 nothing to change, 2 changes pending. */
    PLANNED(0),
    /** The operator answered no. Exit 1: nothing was applied. */
    DECLINED(1),
    /** Refused before writing: another apply holds the lock, or a saved plan no longer matches. Exit 1. */
    REFUSED(1),
    /** Stopped between two batches on request (shutdown); what was not sent is left to the next run. Exit 1. */
    INTERRUPTED(1),
    /** Bad policies, an unreadable tenant, an interrupted run. Exit 1. */
    FAILED(1);

    private final int exitCode;

    ReconcileOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
