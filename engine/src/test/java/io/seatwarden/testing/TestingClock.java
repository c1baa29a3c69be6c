package io.seatwarden.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static java.util.Objects.requireNonNull;

/** A clock that stands still until a test moves it; thread-safe. */
public final class TestingClock extends Clock {
    private final ZoneId zone;
    private volatile Instant now;

    public TestingClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    private TestingClock(Instant start, ZoneId zone) {
        this.now = requireNonNull(start, "start is null");
        this.zone = requireNonNull(zone, "zone is null");
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public void set(Instant instant) {
        now = requireNonNull(instant, "instant is null");
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TestingClock(now, zone);
    }
}
