package io.seatwarden.reconcile;

/** A user could not be read back, even after retrying: the outcome of a write stays unknown. */
public final class GraphReadBackException extends RuntimeException {
    public GraphReadBackException(String message) {
        super(message);
    }
}
