package io.seatwarden.schedule;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stop request for a run in flight (a SIGTERM, a Quartz interrupt). The reconciler checks it
 * between users: it finishes the user change in flight, stops, and reports
 * {@link RunOutcome#INTERRUPTED}; the next run picks up what is left. Thread-safe.
 */
public final class Cancellation {
    private final AtomicBoolean requested = new AtomicBoolean();

    public void request() {
        requested.set(true);
    }

    public boolean isRequested() {
        return requested.get();
    }
}
