package io.seatwarden.reconcile;

import java.time.Duration;

/**
 * Counts over a writer's life.
 *
 * @param httpRequests requests sent to Graph ({@code $batch} counts once)
 * @param writesSent write sub-requests sent, retries included
 * @param throttled sub-requests (or batches) answered 429
 * @param readBacks users read back to settle an ambiguous failure
 * @param paceWait time spent waiting for the write budget or a Retry-After
 */
public record WriterStats(long httpRequests, long writesSent, long throttled, long readBacks, Duration paceWait) {
    public static final WriterStats ZERO = new WriterStats(0, 0, 0, 0, Duration.ZERO);

    /** What happened since {@code earlier} (a writer serves many runs of its tenant). */
    public WriterStats minus(WriterStats earlier) {
        return new WriterStats(httpRequests - earlier.httpRequests, writesSent - earlier.writesSent, throttled - earlier.throttled,
                readBacks - earlier.readBacks, paceWait.minus(earlier.paceWait));
    }
}
