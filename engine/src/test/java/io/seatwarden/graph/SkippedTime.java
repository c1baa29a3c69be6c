package io.seatwarden.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Real time, except that a sleep takes none: it moves this clock forward by its duration at once.
 * For tests where the code under test waits through its {@link Sleeper} (back-off, Retry-After, the
 * write pace) while other parts (the SDK's read retries, latency) still pass real time: handed to the
 * emulator as well, its budgets see every wait as if it had passed. Thread-safe; never goes back.
 */
public final class SkippedTime extends Clock implements Sleeper {
    private Duration skipped = Duration.ZERO;
    private Duration slept = Duration.ZERO;

    @Override
    public synchronized void sleep(Duration duration) {
        if (!duration.isNegative() && !duration.isZero()) {
            skipped = skipped.plus(duration);
            slept = slept.plus(duration);
        }
    }

    /** The total of every sleep so far, none of which blocked. */
    public synchronized Duration slept() {
        return slept;
    }

    @Override
    public synchronized Instant instant() {
        return Instant.now().plus(skipped);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a testing clock stays in UTC");
    }
}
