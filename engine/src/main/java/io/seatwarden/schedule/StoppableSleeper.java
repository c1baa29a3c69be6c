package io.seatwarden.schedule;

import io.seatwarden.graph.Sleeper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The writer's sleeper for one tenant: sleeps in short slices and, when the tenant's current run
 * is asked to stop, ends the wait with an {@link InterruptedException} instead. The writer waits
 * only between batches (for its write pace or a Retry-After), so a run stops there, with no write
 * in flight and without interrupting the thread (an interrupted thread makes H2 close its file).
 */
final class StoppableSleeper implements Sleeper {
    private static final Duration SLICE = Duration.ofMillis(100);

    private final AtomicReference<Cancellation> current = new AtomicReference<>(new Cancellation());

    /** The cancellation of the run now using this tenant's writer. */
    void runWith(Cancellation cancellation) {
        current.set(cancellation);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Duration left = duration;
        while (!left.isNegative() && !left.isZero()) {
            if (current.get().isRequested()) {
                throw new InterruptedException("the run was asked to stop");
            }
            Duration slice = left.compareTo(SLICE) < 0 ? left : SLICE;
            Sleeper.system().sleep(slice);
            left = left.minus(slice);
        }
    }
}
