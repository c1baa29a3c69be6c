package io.seatwarden.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * How hard a notification is tried: time-outs, and whether and when to try again. Pure: it returns the
 * delay, the sender waits. A notification is worth a few seconds, never a run: attempts are few and a
 * receiver's {@code Retry-After} is honoured only up to {@code maxBackoff}.
 *
 * @param maxAttempts attempts per target, the first included
 * @param connectTimeout to open the connection
 * @param requestTimeout for the whole answer, once connected
 * @param baseBackoff the first wait; doubled per attempt
 * @param maxBackoff no wait is longer
 */
public record DeliveryPolicy(int maxAttempts, Duration connectTimeout, Duration requestTimeout, Duration baseBackoff, Duration maxBackoff) {
    public DeliveryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("time-outs must be positive");
        }
        if (baseBackoff.isNegative() || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new IllegalArgumentException("back-off must satisfy 0 <= base <= max");
        }
    }

    /** 3 attempts, 5 s to connect, 10 s to answer, waits of 1 s then 2 s (at most 30 s on a Retry-After). */
    public static DeliveryPolicy defaults() {
        return new DeliveryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** What one attempt got. */
    public sealed interface Attempt permits Answered, NoAnswer {}

    /** The receiver answered with this status (and perhaps a {@code Retry-After} in seconds). */
    public record Answered(int status, Optional<Duration> retryAfter, boolean throttledInBody) implements Attempt {
        /** 2xx, unless the body says the receiver was throttled (Teams connectors answer 200 with "HTTP error 429"). */
        public boolean delivered() {
            return status >= 200 && status < 300 && !throttledInBody;
        }
    }

    /** No answer: refused connection, time-out, reset. */
    public record NoAnswer(String reason) implements Attempt {}

    /**
     * @param attempt the attempt that just failed, 1 for the first
     * @return how long to wait before trying again, or empty to give up
     */
    public Optional<Duration> nextDelay(int attempt, Attempt failed) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1");
        }
        if (attempt >= maxAttempts || !retryable(failed)) {
            return Optional.empty();
        }
        Duration backoff = baseBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        Duration delay = failed instanceof Answered answered && answered.retryAfter().isPresent() ? answered.retryAfter().get() : backoff;
        return Optional.of(delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay);
    }

    /** Throttling, a receiver's trouble and no answer are worth another try; any other refusal will not change. */
    static boolean retryable(Attempt failed) {
        if (failed instanceof NoAnswer) {
            return true;
        }
        Answered answered = (Answered) failed;
        int status = answered.status();
        return answered.throttledInBody() || status == 408 || status == 429 || status == 500 || status == 502 || status == 503
                || status == 504;
    }
}
