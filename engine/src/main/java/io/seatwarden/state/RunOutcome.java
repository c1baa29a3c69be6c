package io.seatwarden.state;

import java.util.Locale;

/**
 * How a run ended (or that it has not): the one vocabulary of apply JSON ({@code outcome}), the run
 * history ({@code seatwarden runs}), metrics ({@code outcome} label, lower case) and log lines, for
 * command-line and scheduled runs alike, with the {@code apply} exit code each maps to (DESIGN.md).
 */
public enum RunOutcome {
    /** Started and not finished: still running, or its process died (see {@link #ABANDONED}). Exit 1 if ever asked. */
    RUNNING(1),
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
    /** Refused before writing: another run holds the tenant's lease, or a saved plan no longer matches. Exit 1. */
    REFUSED(1),
    /** Stopped between two batches on request (shutdown); what was not sent is left to the next run. Exit 1. */
    INTERRUPTED(1),
    /** Stopped by bad policies, an unreadable tenant, a state database error, or a crash mid-apply. Exit 1. */
    FAILED(1),
    /** Its process died mid-run; a later run took over (and settled its unfinished journal entries). Exit 1. */
    ABANDONED(1);

    private final int exitCode;

    RunOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public boolean finished() {
        return this != RUNNING;
    }

    /** The value of the {@code outcome} label of metrics: the name in lower case ({@code removals_held}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a stored outcome. Names from before the one vocabulary (schema version 3) are still read:
     * {@code SUCCEEDED} as {@link #APPLIED}, {@code PARTIAL} as {@link #CHANGES_FAILED}, {@code ABORTED}
     * as {@link #FAILED} (the migration rewrites them more precisely from each row's counts and message).
     *
     * @throws IllegalArgumentException for any other unknown name
     */
    public static RunOutcome fromStored(String name) {
        return switch (name) {
            case "SUCCEEDED" -> APPLIED;
            case "PARTIAL" -> CHANGES_FAILED;
            case "ABORTED" -> FAILED;
            default -> valueOf(name);
        };
    }
}
