package io.seatwarden.directory;

/** A tenant could not be read completely; nothing may be planned from what was read (rule 4). */
public class DirectoryReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DirectoryReadException(String message) {
        super(message);
    }

    public DirectoryReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
