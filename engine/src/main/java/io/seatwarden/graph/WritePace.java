package io.seatwarden.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Keeps writes within a {@link WriteBudget} on the client side, so that a long apply runs at Graph's
 * ceiling instead of earning 429s (a run that earns 429s is slower, not faster).
 *
 * <p>A token bucket like the one Graph documents for its own limits (graph-facts.md §7.1): it starts
 * full, refills continuously at {@code writes / (window + margin)}, and each write takes one token.
 * While both buckets drain, a request reaching the server later than it was sent only helps. But a
 * full bucket stops refilling, and the server's starts draining only when the first writes arrive,
 * later than this one saw them leave (a cold first batch can take a second to get there): so this
 * bucket holds one second's worth of tokens fewer than the budget ({@link #reserve}), which absorbs
 * that. When Graph answers 429 anyway (another app, or an earlier process, spent the budget), every
 * write pauses until its {@code Retry-After} and the bucket is emptied, since the server said it is.
 *
 * <p>Not thread-safe: one writer drives one pace.
 */
public final class WritePace {
    private final WriteBudget budget;
    private final Clock clock;
    private final Sleeper sleeper;
    private final double tokensPerNano;
    private final int capacity;
    private double tokens;
    private Instant refilledAt;
    private Instant pausedUntil = Instant.MIN;
    private Duration waited = Duration.ZERO;

    public WritePace(WriteBudget budget, Clock clock, Sleeper sleeper) {
        this.budget = requireNonNull(budget, "budget is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.tokensPerNano = budget.writes() / (double) budget.window().plus(budget.margin()).toNanos();
        this.capacity = budget.writes() - reserve(budget);
        this.tokens = capacity;
        this.refilledAt = clock.instant();
    }

    public WriteBudget budget() {
        return budget;
    }

    /** Tokens of the budget this client leaves unused: one second's worth, at most half the budget. */
    public static int reserve(WriteBudget budget) {
        return (int) Math.min(budget.writes() / 2, Math.ceil(budget.ratePerSecond()));
    }

    /** The most writes that can go at once. */
    public int capacity() {
        return capacity;
    }

    /**
     * Waits until {@code writes} tokens are there (and any throttling pause is over), then takes them.
     *
     * @return how long it waited
     */
    public Duration acquire(int writes) throws InterruptedException {
        if (writes < 1 || writes > capacity) {
            throw new IllegalArgumentException("can take 1.." + capacity + " writes at once, not " + writes);
        }
        Duration total = Duration.ZERO;
        while (true) {
            Instant now = clock.instant();
            refill(now);
            Duration wait = Duration.ZERO;
            if (tokens + 1e-9 < writes) {
                wait = Duration.ofNanos((long) Math.ceil((writes - tokens) / tokensPerNano));
            }
            if (pausedUntil.isAfter(now) && Duration.between(now, pausedUntil).compareTo(wait) > 0) {
                wait = Duration.between(now, pausedUntil);
            }
            if (wait.isZero()) {
                tokens -= writes;
                waited = waited.plus(total);
                return total;
            }
            sleeper.sleep(wait);
            total = total.plus(wait);
        }
    }

    /** Sends nothing before {@code until} (a 429's Retry-After), and starts again from an empty bucket. */
    public void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
        refill(clock.instant());
        tokens = 0;
        refilledAt = until.isAfter(refilledAt) ? until : refilledAt;
    }

    /** When the next write may go at the earliest: the end of a throttling pause, or now. */
    public Instant pausedUntil() {
        return pausedUntil;
    }

    /** Time spent waiting in {@link #acquire} so far. */
    public Duration waited() {
        return waited;
    }

    private void refill(Instant now) {
        if (now.isAfter(refilledAt)) {
            tokens = Math.min(capacity, tokens + Duration.between(refilledAt, now).toNanos() * tokensPerNano);
            refilledAt = now;
        }
    }
}
