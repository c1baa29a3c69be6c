package io.seatwarden.reconcile;

/** What became of one user's change in an apply. */
public enum ChangeStatus {
    /** Everything sent for the user took effect (removals the guard held back are listed apart). */
    APPLIED,
    /** Graph refused a write, or it kept failing; nothing of the refused write changed. */
    FAILED,
    /**
     * Graph refused some of the user's SKUs (listed in {@code refusedLicenses}) and the others took effect
     * without them; counted as failed.
     */
    PARTIAL,
    /** Graph had no seat left for an add (someone took it since the plan); a later run picks the user up. */
    WAITING_FOR_SEATS,
    /** The change only removed licenses and the removal guard held them all back: nothing was sent. */
    HELD,
    /** Not even reading the user back could tell whether the write happened; the next run settles it. */
    UNKNOWN
}
