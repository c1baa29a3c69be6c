package io.seatwarden.schedule;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition of a real, running scheduler until it holds or the time is up. */
final class Await {
    private Await() {}

    static <T> T until(Duration timeout, String what, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
            }
            try {
                // Real time on purpose: Quartz fires on the wall clock.
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            last = value.get();
        }
        return last;
    }
}
