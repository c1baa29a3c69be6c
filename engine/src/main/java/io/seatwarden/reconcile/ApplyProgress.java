package io.seatwarden.reconcile;

import io.seatwarden.directory.DeltaReading;

import java.time.Duration;

/** Hears an apply's progress (the command prints it to stderr). Called on the applying thread. */
public interface ApplyProgress {
    default void started(int changes) {}

    default void changeDone(ChangeOutcome outcome, int done, int total) {}

    /** The writer waits: for the write budget, a Retry-After, or a back-off. */
    default void waiting(Duration duration, String reason) {}

    /** How the run read the tenant: incrementally (Graph's delta queries), or in full and why. */
    default void read(DeltaReading.ReadNote note) {}

    static ApplyProgress none() {
        return new ApplyProgress() {};
    }
}
