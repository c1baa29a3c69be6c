package io.seatwarden.graph;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the Graph client behaves on the wire.
 *
 * @param maxRetries retries of a request answered 429, 503 or 504 (Kiota's RetryHandler caps it at 10)
 * @param retryDelay back-off base when Graph sends no {@code Retry-After} (whole seconds; capped at 180 s)
 * @param connectTimeout TCP connect
 * @param readTimeout between bytes of a response (a page of 999 users with license states is large)
 * @param callTimeout a whole call, retries and their waits included
 */
public record GraphClientOptions(int maxRetries, Duration retryDelay, Duration connectTimeout, Duration readTimeout, Duration callTimeout) {
    public GraphClientOptions {
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be 0..10");
        }
        requireNonNull(retryDelay, "retryDelay is null");
        if (retryDelay.isNegative() || retryDelay.getSeconds() > 180) {
            throw new IllegalArgumentException("retryDelay must be 0..180 s");
        }
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(readTimeout, "readTimeout is null");
        requireNonNull(callTimeout, "callTimeout is null");
    }

    /**
     * Five retries (Graph's guidance: keep honouring {@code Retry-After} while 429s last), a 3 s
     * back-off base, 10 s to connect, 60 s per read and 10 minutes per call, instead of Kiota's
     * 100 s for each.
     */
    public static GraphClientOptions defaults() {
        return new GraphClientOptions(5, Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(10));
    }

    public GraphClientOptions withRetries(int newMaxRetries, Duration newRetryDelay) {
        return new GraphClientOptions(newMaxRetries, newRetryDelay, connectTimeout, readTimeout, callTimeout);
    }
}
