package io.seatwarden.apply;

/** Where a journal entry stands. An entry is written {@link #PENDING} before its write is sent. */
public enum EntryStatus {
    /** Intent recorded; the write may have been sent. After a crash, settled by reading the user back. */
    PENDING,
    /** The write took effect. */
    APPLIED,
    /** Graph refused it (or it never went out); nothing changed. */
    FAILED,
    /** Graph had no seat left for an add; a later run picks it up. */
    WAITING_FOR_SEATS,
    /** Settled after a crash or an unknown outcome: reading the user back showed it did not happen. */
    NOT_APPLIED,
    /** Sent, but not even reading the user back could tell whether it happened; the next run settles it. */
    UNKNOWN;

    /** True for the entries the next run must settle by reading the user back. */
    public boolean unsettled() {
        return this == PENDING || this == UNKNOWN;
    }
}
