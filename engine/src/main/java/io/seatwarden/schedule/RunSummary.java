package io.seatwarden.schedule;

import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunOutcome;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What a reconciliation did, as the scheduler records and measures it.
 *
 * @param changes applied changes by kind ({@code add}, {@code remove}, {@code update},
 *        {@code usageLocation}, {@code failed}), sorted by kind
 * @param seatsFree seats left per SKU (skuPartNumber) after the run
 * @param graphRequests HTTP requests sent to Graph (a $batch counts once)
 * @param throttleWait time spent waiting for Retry-After or the write pace
 * @param message one line for operators; never a secret
 * @param counts what it did in users, for the run history when the engine did not record the run itself
 *        (it stopped before the tenant's lease: then nothing was written, and this is {@link RunCounts#none()})
 */
@JsonPropertyOrder({"outcome", "message", "changes", "seatsFree", "graphRequests", "throttleWaitSeconds"})
public record RunSummary(
        RunOutcome outcome,
        String message,
        Map<String, Integer> changes,
        Map<String, Integer> seatsFree,
        long graphRequests,
        Duration throttleWait,
        RunCounts counts) {
    public RunSummary {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));
        seatsFree = Collections.unmodifiableMap(new TreeMap<>(seatsFree));
        requireNonNull(throttleWait, "throttleWait is null");
        requireNonNull(counts, "counts is null");
    }

    public static RunSummary failed(String message) {
        return new RunSummary(RunOutcome.FAILED, message, Map.of(), Map.of(), 0, Duration.ZERO, RunCounts.none());
    }

    /** The same summary with the outcome the run history recorded (it has the last word). */
    public RunSummary withOutcome(RunOutcome recorded) {
        return new RunSummary(recorded, message, changes, seatsFree, graphRequests, throttleWait, counts);
    }

    public double throttleWaitSeconds() {
        return throttleWait.toNanos() / 1e9;
    }
}
