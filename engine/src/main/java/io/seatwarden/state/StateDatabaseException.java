package io.seatwarden.state;

/** The state database could not be reached or written; the message names what failed (never a password). */
public final class StateDatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
