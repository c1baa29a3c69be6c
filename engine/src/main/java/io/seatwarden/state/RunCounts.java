package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a run did, in users (one {@code assignLicense} per user).
 *
 * @param changes user changes the run set out to make
 * @param succeeded changes Graph confirmed (or a read-back showed applied)
 * @param failed changes Graph refused or that could not be settled
 * @param waitingForSeats changes (or users) left waiting for seats
 * @param removalsHeld removals the removal guard held back
 * @param skipped users the plan skipped (guests, protected, ...)
 */
@JsonPropertyOrder({"changes", "succeeded", "failed", "waitingForSeats", "removalsHeld", "skipped"})
public record RunCounts(int changes, int succeeded, int failed, int waitingForSeats, int removalsHeld, int skipped) {
    private static final RunCounts NONE = new RunCounts(0, 0, 0, 0, 0, 0);

    public RunCounts {
        if (changes < 0 || succeeded < 0 || failed < 0 || waitingForSeats < 0 || removalsHeld < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    public static RunCounts none() {
        return NONE;
    }
}
