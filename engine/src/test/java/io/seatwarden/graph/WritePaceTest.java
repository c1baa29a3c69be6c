package io.seatwarden.graph;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WritePaceTest {
    private final TestingTime time = new TestingTime();

    @Test
    void startsWithAFullBudgetThenRunsAtTheCeiling() throws InterruptedException {
        WriteBudget budget = new WriteBudget(100, Duration.ofSeconds(10), Duration.ZERO);
        WritePace pace = new WritePace(budget, time, time);
        List<Instant> sends = new ArrayList<>();
        for (int batch = 0; batch < 50; batch++) {
            pace.acquire(20);
            sends.add(time.instant());
        }
        // 1,000 writes at 100 per 10 s, less a reserve of one second's worth (10): 90 at once, the rest at 10/s.
        assertThat(WritePace.reserve(budget)).isEqualTo(10);
        assertThat(sends.get(3)).isEqualTo(sends.get(0));
        assertThat(sends.get(4)).isAfter(sends.get(0));
        assertThat(Duration.between(sends.get(0), sends.get(49))).isEqualTo(Duration.ofSeconds(91));
        assertWithinBucket(sends, 20, budget);
    }

    @Test
    void neverExceedsTheBudgetInAnyWindowWithUnevenBatches() throws InterruptedException {
        WriteBudget budget = WriteBudget.of(30, Duration.ofSeconds(15));
        WritePace pace = new WritePace(budget, time, time);
        List<Instant> sends = new ArrayList<>();
        int[] sizes = {20, 7, 13, 1, 20, 20, 3, 17, 9, 20, 20, 11};
        for (int size : sizes) {
            pace.acquire(size);
            for (int i = 0; i < size; i++) {
                sends.add(time.instant());
            }
            time.advance(Duration.ofMillis(137));
        }
        assertWithinBucket(sends, 1, budget);
        assertThat(pace.waited()).isPositive();
    }

    @Test
    void aThrottlingPauseHoldsEveryWriteUntilRetryAfter() throws InterruptedException {
        WritePace pace = new WritePace(WriteBudget.of(3000, Duration.ofSeconds(150)), time, time);
        pace.acquire(20);
        Instant until = time.instant().plusSeconds(7);
        pace.pauseUntil(until);
        pace.pauseUntil(until.minusSeconds(3)); // an earlier pause does not shorten it
        pace.acquire(1);
        // Not before Retry-After; then the bucket starts empty, so one write waits one token's refill.
        assertThat(time.instant()).isAfterOrEqualTo(until).isBefore(until.plusSeconds(1));
    }

    @Test
    void refusesMoreAtOnceThanTheBudget() {
        WritePace pace = new WritePace(WriteBudget.of(10, Duration.ofSeconds(1)), time, time);
        assertThatThrownBy(() -> pace.acquire(6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesBudgets() {
        assertThat(WriteBudget.parse("300/15s").writes()).isEqualTo(300);
        assertThat(WriteBudget.parse("300/15s").window()).isEqualTo(Duration.ofSeconds(15));
        assertThat(WriteBudget.GRAPH.ratePerSecond()).isEqualTo(20.0);
        assertThatThrownBy(() -> WriteBudget.parse("fast")).isInstanceOf(IllegalArgumentException.class);
    }

    /** What a server's token bucket of the same budget accepts: by any time t, at most writes + rate * t. */
    private static void assertWithinBucket(List<Instant> sends, int perSend, WriteBudget budget) {
        Instant first = sends.get(0);
        for (int i = 0; i < sends.size(); i++) {
            double elapsed = Duration.between(first, sends.get(i)).toNanos() / 1e9;
            assertThat((i + 1) * perSend).isLessThanOrEqualTo((int) Math.floor(budget.writes() + elapsed * budget.ratePerSecond() + 1e-6));
        }
    }
}
