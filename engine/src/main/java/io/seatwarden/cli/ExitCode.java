package io.seatwarden.cli;

/** Exit codes, a contract (DESIGN.md). */
public enum ExitCode {
    /** plan: nothing to change (users only waiting for seats count as nothing); apply: all applied. */
    OK(0),
    /** Bad input, a failed read, or (apply) a change that failed. */
    ERROR(1),
    /** plan: changes pending. */
    CHANGES_PENDING(2),
    /** apply: the removal guard held removals back; the rest was applied. */
    REMOVALS_HELD(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
