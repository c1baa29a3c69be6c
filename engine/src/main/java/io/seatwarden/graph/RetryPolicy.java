package io.seatwarden.graph;

import io.seatwarden.reconcile.GraphFailure;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether and when a failed write is tried again. Pure: it returns the delay, the caller
 * waits (JOSDK's rate-limiter shape, with time kept outside).
 *
 * <p>Throttling honours {@code Retry-After} exactly (Graph counts requests made while throttled,
 * so coming back early only makes it worse); transient failures honour it when present and back off
 * exponentially otherwise; business-logic refusals (no seats, unknown SKU, ...) are not retried,
 * with one exception: a missing usage location right after the engine set it, which Graph reports
 * while the new location replicates (graph-facts.md §3.1). A SKU not offered in the user's usage
 * location is a different refusal and is not retried.
 *
 * @param maxThrottledAttempts attempts (the first included) a throttled write gets
 * @param maxTransientAttempts attempts a write failing with a 5xx or no response gets
 * @param baseBackoff the first back-off without {@code Retry-After}; doubled per attempt
 * @param maxBackoff the back-off never exceeds this
 */
public record RetryPolicy(int maxThrottledAttempts, int maxTransientAttempts, Duration baseBackoff, Duration maxBackoff) {
    /** Used when Graph sends a 429 without Retry-After, which it documents it does not do. */
    private static final Duration THROTTLE_FALLBACK = Duration.ofSeconds(5);
    private static final int USAGE_LOCATION_ATTEMPTS = 3;

    public RetryPolicy {
        if (maxThrottledAttempts < 1 || maxTransientAttempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("back-off must satisfy 0 <= base <= max");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(12, 6, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /**
     * @param attempt the attempt that just failed, 1 for the first
     * @return how long to wait before the next attempt, or empty to give up
     */
    public Optional<Duration> nextDelay(int attempt, GraphFailure failure) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        if (failure instanceof GraphFailure.Throttled throttled) {
            if (attempt >= maxThrottledAttempts) {
                return Optional.empty();
            }
            Duration retryAfter = throttled.retryAfter();
            return Optional.of(retryAfter.isZero() ? THROTTLE_FALLBACK : retryAfter);
        }
        if (failure instanceof GraphFailure.Transient transientFailure) {
            if (attempt >= maxTransientAttempts) {
                return Optional.empty();
            }
            return Optional.of(transientFailure.retryAfter().orElseGet(() -> backoff(attempt)));
        }
        if (failure instanceof GraphFailure.MissingUsageLocation) {
            return attempt >= USAGE_LOCATION_ATTEMPTS ? Optional.empty() : Optional.of(backoff(attempt + 1));
        }
        return Optional.empty();
    }

    private Duration backoff(int attempt) {
        int shift = Math.min(attempt - 1, 20);
        Duration delay = baseBackoff.multipliedBy(1L << shift);
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
