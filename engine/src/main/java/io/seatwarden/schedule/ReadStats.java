package io.seatwarden.schedule;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** What a tenant's directory reader has cost so far: HTTP requests sent, 429 answers, and time waited on retries. */
public record ReadStats(long requests, long throttled, Duration waited) {
    public static final ReadStats ZERO = new ReadStats(0, 0, Duration.ZERO);

    public ReadStats {
        requireNonNull(waited, "waited is null");
    }

    public ReadStats minus(ReadStats earlier) {
        return new ReadStats(requests - earlier.requests, throttled - earlier.throttled, waited.minus(earlier.waited));
    }
}
