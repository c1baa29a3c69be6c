package io.seatwarden.reconcile;

import io.seatwarden.directory.DeltaReading;
import io.seatwarden.directory.TenantSnapshot;

import java.time.Duration;

/** Hears a run's progress (the commands print it to stderr). Called on the running thread. */
public interface ApplyProgress {
    /** The run starts reading the tenant (its id first; the rest once a wet run holds the lease). */
    default void readingTenant() {}

    /**
     * Another run holds the tenant's lease: this one waits for it, at most {@code limit}, before it
     * reads anything. Called once, when the wait starts.
     */
    default void waitingForLease(String holder, Duration limit) {}

    /** The tenant was read, in the run's scope (the policies' groups and SKUs, and the SKUs the engine owns). */
    default void tenantRead(TenantSnapshot tenant) {}

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
