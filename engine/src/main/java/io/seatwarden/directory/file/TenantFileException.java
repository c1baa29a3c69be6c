package io.seatwarden.directory.file;

/** A tenant file that cannot be used: the message names the file and the place in it. */
public class TenantFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TenantFileException(String message) {
        super(message);
    }

    public TenantFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
