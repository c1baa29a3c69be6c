package io.seatwarden.state;

/**
 * The state database could not be reached, migrated or written. The message names what failed
 * and the database by its redacted URL, never a password.
 */
public final class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
