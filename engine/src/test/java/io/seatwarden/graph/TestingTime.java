package io.seatwarden.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when its sleeper sleeps: time passes instantly in tests. Records every sleep. */
public final class TestingTime extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    public TestingTime(Instant start) {
        this.now = start;
    }

    public TestingTime() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized void sleep(Duration duration) {
        if (!duration.isNegative() && !duration.isZero()) {
            sleeps.add(duration);
            now = now.plus(duration);
        }
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized Instant instant() {
        return now;
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
