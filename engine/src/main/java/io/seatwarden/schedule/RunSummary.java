package io.seatwarden.schedule;

import io.seatwarden.metrics.SkuFigures;
import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunOutcome;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What a reconciliation did, as the scheduler records and measures it.
 *
 * @param changes applied changes by kind ({@code add}, {@code remove}, {@code usageLocation}, {@code failed}), sorted by kind
 * @param skus seats per SKU after the run, as the plan expects them; empty when it did not get to plan
 * @param licenseErrors Entra group-licensing errors seen, per skuPartNumber
 * @param traffic what it sent to Graph (a $batch counts once) and how long it waited for throttling or the write pace
 * @param throttled Graph's 429 answers among those requests
 * @param message one line for operators; never a secret
 * @param counts what it did in users, for the run history when the engine did not record the run itself
 *        (it stopped before the tenant's lease: then nothing was written, and this is {@link RunCounts#none()})
 */
public record RunSummary(
        RunOutcome outcome,
        String message,
        Map<String, Integer> changes,
        List<SkuFigures> skus,
        Map<String, Integer> licenseErrors,
        GraphTraffic traffic,
        long throttled,
        RunCounts counts) {
    public RunSummary {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));
        skus = List.copyOf(skus);
        licenseErrors = Collections.unmodifiableMap(new TreeMap<>(licenseErrors));
        requireNonNull(traffic, "traffic is null");
        requireNonNull(counts, "counts is null");
    }

    public static RunSummary failed(String message) {
        return new RunSummary(RunOutcome.FAILED, message, Map.of(), List.of(), Map.of(), GraphTraffic.none(), 0, RunCounts.none());
    }

    /** The same summary with the outcome the run history recorded (it has the last word). */
    public RunSummary withOutcome(RunOutcome recorded) {
        return new RunSummary(recorded, message, changes, skus, licenseErrors, traffic, throttled, counts);
    }

    /** Seats left per SKU (skuPartNumber) after the run. */
    public Map<String, Long> seatsFree() {
        Map<String, Long> free = new TreeMap<>();
        skus.forEach(sku -> free.put(sku.sku(), sku.available()));
        return Collections.unmodifiableMap(free);
    }
}
