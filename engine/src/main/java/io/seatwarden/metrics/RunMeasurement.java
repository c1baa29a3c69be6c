package io.seatwarden.metrics;

import io.seatwarden.plan.LicenseError;
import io.seatwarden.plan.Plan;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What one finished run contributes to the metrics, whoever ran it ({@code apply} or the {@code run}
 * service).
 *
 * @param tenant the {@code tenant} label: the service's name for the tenant, or the tenant id for {@code apply}
 * @param changes licenses changed by kind ({@code add}, {@code remove}, {@code usageLocation}) and {@code failed} users
 * @param skus seats per SKU after the run; empty when it did not get to plan
 * @param licenseErrors Entra group-licensing errors seen, per skuPartNumber; empty when it did not get to read
 * @param traffic what it sent to Graph
 * @param throttled Graph's 429 answers among those requests
 */
public record RunMeasurement(
        String tenant,
        RunOutcome outcome,
        Duration duration,
        Instant endedAt,
        Map<String, Integer> changes,
        List<SkuFigures> skus,
        Map<String, Integer> licenseErrors,
        GraphTraffic traffic,
        long throttled) {
    public RunMeasurement {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(endedAt, "endedAt is null");
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));
        skus = List.copyOf(skus);
        licenseErrors = Collections.unmodifiableMap(new TreeMap<>(licenseErrors));
        requireNonNull(traffic, "traffic is null");
        if (throttled < 0) {
            throw new IllegalArgumentException("throttled must not be negative");
        }
    }

    /** A run that measured nothing but its outcome (it stopped before planning). */
    public static RunMeasurement outcomeOnly(String tenant, RunOutcome outcome, Duration duration, Instant endedAt) {
        return new RunMeasurement(tenant, outcome, duration, endedAt, Map.of(), List.of(), Map.of(), GraphTraffic.none(), 0);
    }

    /** What a reconciliation's result says, with what the run sent to Graph. */
    public static RunMeasurement of(String tenant, RunResult result, RunOutcome outcome, Duration duration, Instant endedAt,
            GraphTraffic traffic, long throttled) {
        return new RunMeasurement(tenant, outcome, duration, endedAt, changes(result), result.plan().map(SkuFigures::of).orElse(List.of()),
                licenseErrors(result), traffic, throttled);
    }

    /** Applied changes by kind: {@code add}, {@code remove}, {@code usageLocation}; and {@code failed} users. */
    public static Map<String, Integer> changes(RunResult result) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ChangeOutcome change : result.applied().map(ApplyResult::changes).orElse(List.of())) {
            if (change.status() == ChangeStatus.APPLIED) {
                counts.merge("add", change.addLicenses().size(), Integer::sum);
                counts.merge("remove", change.removeLicenses().size(), Integer::sum);
                counts.merge("usageLocation", change.usageLocation() == null ? 0 : 1, Integer::sum);
            } else if (change.status() == ChangeStatus.FAILED || change.status() == ChangeStatus.UNKNOWN) {
                counts.merge("failed", 1, Integer::sum);
            }
        }
        counts.values().removeIf(count -> count == 0);
        return counts;
    }

    /** Entra group-licensing errors the run saw, per skuPartNumber (none when it did not get to plan). */
    public static Map<String, Integer> licenseErrors(RunResult result) {
        Map<String, Integer> errors = new TreeMap<>();
        for (LicenseError error : result.plan().map(Plan::licenseErrors).orElse(List.of())) {
            errors.merge(error.skuPartNumber(), 1, Integer::sum);
        }
        return errors;
    }
}
