package io.seatwarden.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Graph's directory throttling, scaled: a read budget of resource units per 10 s and, when asked,
 * a write budget (graph-facts §7.1). Both are token buckets, as Graph documents its limits: a bucket
 * holds its whole budget, refills continuously (budget per window), and a request passes only when
 * every bucket it draws from has enough tokens for its cost; then it takes them. A throttled request
 * takes nothing (so a client that waits {@code Retry-After} gets through). Every request draws its
 * resource-unit cost from the read budget (writes cost 1); writes also draw 1 from the write budget.
 * Thread-safe.
 */
final class Throttle {
    /** Why a request was refused and how long to wait. */
    record Rejection(Duration retryAfter, boolean write, double usage) {}

    private final Clock clock;
    private final Bucket reads;
    private final Bucket writes;

    Throttle(Clock clock, int readUnitsPer10Seconds, Optional<EmulatorOptions.WriteBudget> writeBudget) {
        this.clock = clock;
        this.reads = readUnitsPer10Seconds > 0 ? new Bucket(readUnitsPer10Seconds, Duration.ofSeconds(10), clock.millis()) : null;
        this.writes = writeBudget.map(budget -> new Bucket(budget.writes(), budget.window(), clock.millis())).orElse(null);
    }

    /** Charges a request, or says why it must wait; the usage is the read bucket's share in use (0..1) afterwards. */
    synchronized Optional<Rejection> charge(int units, boolean write) {
        long now = clock.millis();
        double readWait = reads == null ? 0 : reads.waitMillis(units, now);
        double writeWait = writes == null || !write ? 0 : writes.waitMillis(1, now);
        if (readWait > 0 || writeWait > 0) {
            long millis = (long) Math.ceil(Math.max(readWait, writeWait));
            // Retry-After is in whole seconds; at least 1 so that a client never retries at once.
            long seconds = Math.max(1, (millis + 999) / 1000);
            return Optional.of(new Rejection(Duration.ofSeconds(seconds), writeWait > readWait, usage()));
        }
        if (reads != null) {
            reads.take(units);
        }
        if (writes != null && write) {
            writes.take(1);
        }
        return Optional.empty();
    }

    /** Share of the read budget in use, 0..1 (0 without a read budget). */
    synchronized double usage() {
        if (reads == null) {
            return 0;
        }
        reads.refill(clock.millis());
        return 1 - reads.tokens / reads.capacity;
    }

    private static final class Bucket {
        final double capacity;
        final double perMilli;
        double tokens;
        long last;

        Bucket(int capacity, Duration window, long now) {
            this.capacity = capacity;
            this.perMilli = capacity / (double) window.toMillis();
            this.tokens = capacity;
            this.last = now;
        }

        void refill(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * perMilli);
                last = now;
            }
        }

        /** Milliseconds until {@code cost} tokens are there (0 when they are now). */
        double waitMillis(int cost, long now) {
            refill(now);
            double needed = Math.min(cost, capacity) - tokens;
            return needed <= 1e-9 ? 0 : needed / perMilli;
        }

        void take(int cost) {
            tokens -= Math.min(cost, capacity);
        }
    }
}
