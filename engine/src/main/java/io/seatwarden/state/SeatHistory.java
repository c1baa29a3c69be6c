package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Seat figures per tenant, SKU and time, one set per wet run, shared by every process using the same state
 * database. Only appended to. Thread-safe.
 *
 * <pre>{@code
 * history.record(samples);                                  // at the end of a run
 * List<SeatSample> month = history.since(Optional.of(tenant), now.minus(Duration.ofDays(30)));
 * }</pre>
 */
public interface SeatHistory {
    /** Appends the samples, in one transaction. */
    void record(List<SeatSample> samples);

    /**
     * The samples recorded at or after {@code since}, of one tenant or (when empty) all, ordered by tenant, SKU
     * part number, time, then the order they were recorded.
     */
    List<SeatSample> since(Optional<TenantId> tenant, Instant since);
}
