package io.seatwarden.state;

/** How a journal entry's outcome became known. */
public enum Settlement {
    /** From Graph's response to the request. */
    RESPONSE,
    /** From reading the user back after an ambiguous failure (a 504 after which the write may have happened). */
    READ_BACK,
    /** Without sending: held, or left to a later run. */
    NOT_SENT
}
