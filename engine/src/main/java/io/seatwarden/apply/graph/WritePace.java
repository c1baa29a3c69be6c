package io.seatwarden.apply.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;

import static java.util.Objects.requireNonNull;

/**
 * Keeps writes within a {@link WriteBudget} on the client side, so that a long apply runs at Graph's
 * ceiling instead of earning 429s (a run that earns 429s is slower, not faster).
 *
 * <p>A token bucket of {@code budget.writes()} tokens in which a spent token comes back exactly one
 * window (plus margin) after it was spent. Unlike a bucket refilled at a steady rate, this never lets
 * more than the budget through in any window of that length, whatever the server's own accounting
 * (fixed window, sliding window or bucket), yet it starts with a full burst and then runs at the
 * ceiling. A 429 pauses every write until its {@code Retry-After} has passed.
 *
 * <p>Not thread-safe: one writer drives one pace.
 */
public final class WritePace {
    private final WriteBudget budget;
    private final Clock clock;
    private final Sleeper sleeper;
    /** When each token still out was spent, oldest first. */
    private final ArrayDeque<Instant> spent = new ArrayDeque<>();
    private Instant pausedUntil = Instant.MIN;
    private Duration waited = Duration.ZERO;

    public WritePace(WriteBudget budget, Clock clock, Sleeper sleeper) {
        this.budget = requireNonNull(budget, "budget is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    public WriteBudget budget() {
        return budget;
    }

    /**
     * Waits until {@code writes} more writes fit in the budget (and any throttling pause is over),
     * then takes them.
     *
     * @return how long it waited
     */
    public Duration acquire(int writes) throws InterruptedException {
        if (writes < 1 || writes > budget.writes()) {
            throw new IllegalArgumentException("can take 1.." + budget.writes() + " writes at once, not " + writes);
        }
        Duration total = Duration.ZERO;
        while (true) {
            Instant now = clock.instant();
            Instant ready = readyAt(now, writes);
            if (!ready.isAfter(now)) {
                for (int i = 0; i < writes; i++) {
                    spent.addLast(now);
                }
                waited = waited.plus(total);
                return total;
            }
            Duration wait = Duration.between(now, ready);
            sleeper.sleep(wait);
            total = total.plus(wait);
        }
    }

    /** Sends nothing before {@code until} (a 429's Retry-After). */
    public void pauseUntil(Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /** When the next write may go at the earliest: the end of a throttling pause, or now. */
    public Instant pausedUntil() {
        return pausedUntil;
    }

    /** Time spent waiting in {@link #acquire} so far. */
    public Duration waited() {
        return waited;
    }

    private Instant readyAt(Instant now, int writes) {
        Duration window = budget.window().plus(budget.margin());
        while (!spent.isEmpty() && !spent.peekFirst().plus(window).isAfter(now)) {
            spent.pollFirst();
        }
        Instant ready = now;
        int mustReturn = spent.size() + writes - budget.writes();
        if (mustReturn > 0) {
            Iterator<Instant> oldest = spent.iterator();
            Instant last = null;
            for (int i = 0; i < mustReturn; i++) {
                last = oldest.next();
            }
            ready = last.plus(window);
        }
        return pausedUntil.isAfter(ready) ? pausedUntil : ready;
    }
}
