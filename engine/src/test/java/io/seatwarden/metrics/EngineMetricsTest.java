package io.seatwarden.metrics;

import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineMetricsTest {
    private static final Instant ENDED = Instant.parse("2026-11-23T02:00:05Z");

    private final EngineMetrics metrics = EngineMetrics.withJvmMetrics();

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void aFinishedRunGivesItsSeatsOutcomeDurationAndGraphTraffic() {
        metrics.started("contoso");
        assertThat(metrics.scrape()).contains("seatwarden_runs_in_progress{tenant=\"contoso\"} 1.0");

        metrics.finished(new RunMeasurement("contoso", RunOutcome.APPLIED, Duration.ofMillis(2500), ENDED, Map.of("add", 3, "remove", 1),
                List.of(new SkuFigures("ENTERPRISEPACK", 25, 20, 5, 0), new SkuFigures("SPE_E5", 10, 10, 0, 4)),
                Map.of("SPE_E5", 2), new GraphTraffic(12, Duration.ofMillis(1500)), 3));
        metrics.finished(new RunMeasurement("contoso", RunOutcome.REMOVALS_HELD, Duration.ofMillis(500), ENDED.plusSeconds(60), Map.of(),
                List.of(new SkuFigures("ENTERPRISEPACK", 25, 21, 4, 0), new SkuFigures("SPE_E5", 10, 10, 0, 1)),
                Map.of(), new GraphTraffic(8, Duration.ZERO), 0));

        assertThat(metrics.scrape().lines()).contains(
                "seatwarden_runs_in_progress{tenant=\"contoso\"} 0.0",
                "seatwarden_runs_total{outcome=\"applied\",tenant=\"contoso\"} 1.0",
                "seatwarden_runs_total{outcome=\"removals_held\",tenant=\"contoso\"} 1.0",
                "seatwarden_run_duration_seconds_count{outcome=\"applied\",tenant=\"contoso\"} 1",
                "seatwarden_run_duration_seconds_sum{outcome=\"applied\",tenant=\"contoso\"} 2.5",
                "seatwarden_changes_total{kind=\"add\",tenant=\"contoso\"} 3.0",
                "seatwarden_changes_total{kind=\"remove\",tenant=\"contoso\"} 1.0",
                "seatwarden_failures_total{tenant=\"contoso\"} 0.0",
                // Gauges hold the last run's figures.
                "seatwarden_seats_enabled{sku=\"ENTERPRISEPACK\",tenant=\"contoso\"} 25.0",
                "seatwarden_seats_assigned{sku=\"ENTERPRISEPACK\",tenant=\"contoso\"} 21.0",
                "seatwarden_seats_available{sku=\"ENTERPRISEPACK\",tenant=\"contoso\"} 4.0",
                "seatwarden_seats_free{sku=\"ENTERPRISEPACK\",tenant=\"contoso\"} 4.0",
                "seatwarden_seats_waiting{sku=\"SPE_E5\",tenant=\"contoso\"} 1.0",
                // The second run saw no license errors any more: back to 0.
                "seatwarden_license_errors{sku=\"SPE_E5\",tenant=\"contoso\"} 0.0",
                "seatwarden_graph_requests_total{tenant=\"contoso\"} 20.0",
                "seatwarden_graph_throttled_total{tenant=\"contoso\"} 3.0",
                "seatwarden_throttle_wait_seconds_total{tenant=\"contoso\"} 1.5",
                "seatwarden_last_run_timestamp_seconds{tenant=\"contoso\"} " + (double) ENDED.plusSeconds(60).getEpochSecond());
        assertThat(metrics.scrape())
                .contains("# HELP seatwarden_seats_waiting Users waiting for a seat per subscription after the last run.")
                .contains("# TYPE seatwarden_runs_total counter")
                .contains("# TYPE seatwarden_seats_available gauge")
                .containsPattern("(?m)^jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\"} [0-9.E]+$")
                .containsPattern("(?m)^jvm_threads_live_threads [1-9]")
                .containsPattern("(?m)^process_uptime_seconds [0-9.E]+$");
    }

    @Test
    void licenseErrorsAndFailuresAreCountedPerTenant() {
        metrics.finished(new RunMeasurement("fabrikam", RunOutcome.CHANGES_FAILED, Duration.ofSeconds(1), ENDED, Map.of("failed", 2),
                List.of(new SkuFigures("SPE_E5", 10, 12, -2, 0)), Map.of("SPE_E5", 5), GraphTraffic.none(), 0));
        metrics.finished(RunMeasurement.outcomeOnly("fabrikam", RunOutcome.FAILED, Duration.ZERO, ENDED.plusSeconds(1)));

        assertThat(metrics.scrape().lines()).contains(
                "seatwarden_failures_total{tenant=\"fabrikam\"} 2.0",
                "seatwarden_changes_total{kind=\"failed\",tenant=\"fabrikam\"} 2.0",
                // A run that did not read the tenant leaves the last figures alone.
                "seatwarden_license_errors{sku=\"SPE_E5\",tenant=\"fabrikam\"} 5.0",
                "seatwarden_seats_available{sku=\"SPE_E5\",tenant=\"fabrikam\"} -2.0",
                "seatwarden_runs_total{outcome=\"failed\",tenant=\"fabrikam\"} 1.0",
                "seatwarden_runs_total{outcome=\"changes_failed\",tenant=\"fabrikam\"} 1.0");
    }
}
