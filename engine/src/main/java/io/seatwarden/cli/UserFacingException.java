package io.seatwarden.cli;

/**
 * A failure to report to the user as is (bad input, unreadable tenant): one message, no stack
 * trace, exit code 1. Messages must never contain secrets.
 */
public class UserFacingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserFacingException(String message) {
        super(message);
    }

    public UserFacingException(String message, Throwable cause) {
        super(message, cause);
    }
}
