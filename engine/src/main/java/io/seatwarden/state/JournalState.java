package io.seatwarden.state;

/**
 * Where a journal entry stands. An entry starts {@link #PENDING}, becomes {@link #SENT} just
 * before its request goes out, and is settled exactly once into one of the final states.
 */
public enum JournalState {
    /** Intent recorded; nothing sent yet. */
    PENDING,
    /** Sent (at least once): it may have taken effect; settle it from the response or by reading the user back. */
    SENT,
    /** Graph applied it (its response said so, or reading the user back showed it). */
    SUCCEEDED,
    /** Graph refused it, or it could not be settled; the detail says why. */
    FAILED,
    /** Not applied because someone else took the seats since the plan; a later run picks it up. */
    WAITING_FOR_SEATS,
    /** Held back by the removal guard; not sent. */
    HELD,
    /** Never sent, and left to a later run that plans afresh (its process stopped or died before sending). */
    SUPERSEDED;

    /** True once settled: a final entry is never sent or settled again. */
    public boolean isFinal() {
        return this != PENDING && this != SENT;
    }
}
