package io.seatwarden.graph;

import java.time.Duration;

/**
 * Waits. The writer never calls {@code Thread.sleep} itself, so tests can hand it a sleeper that
 * advances a testing clock instead of blocking.
 */
@FunctionalInterface
public interface Sleeper {
    /** Waits for the duration (nothing for zero or negative); interruption is passed on. */
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing. */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
