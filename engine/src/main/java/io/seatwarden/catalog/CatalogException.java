package io.seatwarden.catalog;

/** A catalog file that cannot be read; the message starts with {@code file:line}. */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
