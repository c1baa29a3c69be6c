package io.seatwarden.reconcile;

import java.time.Duration;

/** Hears an apply's progress (the command prints it to stderr). Called on the applying thread. */
public interface ApplyProgress {
    default void started(int changes) {}

    default void changeDone(ChangeOutcome outcome, int done, int total) {}

    /** The writer waits: for the write budget, a Retry-After, or a back-off. */
    default void waiting(Duration duration, String reason) {}

    static ApplyProgress none() {
        return new ApplyProgress() {};
    }
}
