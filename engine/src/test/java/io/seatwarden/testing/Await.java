package io.seatwarden.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls, in real time, something the test cannot be told about: a running scheduler (Quartz fires on the wall
 * clock) or another JVM. The one place tests wait on the wall clock; everything in-process takes a clock or sleeper.
 */
public final class Await {
    private static final Duration SCHEDULER_POLL = Duration.ofMillis(100);

    private Await() {}

    /** Something to look at each round; may fail by throwing (e.g. an AssertionError when a child process died). */
    @FunctionalInterface
    public interface Probe<T> {
        T get() throws Exception;
    }

    /** Polls {@code value} every 100 ms until {@code done} holds; the last value seen goes into the timeout message. */
    public static <T> T until(Duration timeout, String what, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; last seen: " + last);
            }
            pause(SCHEDULER_POLL);
            last = value.get();
        }
        return last;
    }

    /**
     * Polls {@code done} every {@code interval} until it is true. Each round first runs {@code stillPossible}, which
     * throws to fail at once; past the timeout, fails with {@code timedOut}'s text.
     */
    public static void until(Duration timeout, Duration interval, Probe<Boolean> done, Probe<?> stillPossible,
                             Probe<String> timedOut) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.get()) {
            stillPossible.get();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(timedOut.get());
            }
            pause(interval);
        }
    }

    private static void pause(Duration interval) {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
