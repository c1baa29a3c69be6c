package io.seatwarden.schedule;

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
 */
@JsonPropertyOrder({"outcome", "message", "changes", "seatsFree", "graphRequests", "throttleWaitSeconds"})
public record RunSummary(
        RunOutcome outcome,
        String message,
        Map<String, Integer> changes,
        Map<String, Integer> seatsFree,
        long graphRequests,
        Duration throttleWait) {
    public RunSummary {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));
        seatsFree = Collections.unmodifiableMap(new TreeMap<>(seatsFree));
        requireNonNull(throttleWait, "throttleWait is null");
    }

    public static RunSummary failed(String message) {
        return new RunSummary(RunOutcome.FAILED, message, Map.of(), Map.of(), 0, Duration.ZERO);
    }

    public double throttleWaitSeconds() {
        return throttleWait.toNanos() / 1e9;
    }
}
