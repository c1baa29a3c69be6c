package io.seatwarden.cli;

import io.seatwarden.metrics.EngineMetrics;
import io.seatwarden.metrics.MetricsFile;
import io.seatwarden.metrics.RunMeasurement;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.WriterStats;
import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunOutcome;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code --metrics-file FILE}: a command's run measured as the {@code run} service measures its runs,
 * written in the Prometheus text format for node_exporter's textfile collector (runs started by cron
 * or a Kubernetes CronJob leave no process to scrape). The {@code tenant} label is the tenant id.
 * Graph traffic counts the run's writes (its reads are not counted here).
 */
final class RunMetricsFile {
    private RunMetricsFile() {}

    static void write(Path file, RunResult result, Instant startedAt, Instant endedAt) {
        String tenant = result.applied().map(applied -> applied.tenantId().value())
                .or(() -> result.plan().map(plan -> plan.tenantId().value()))
                .orElse("unknown");
        WriterStats writes = result.applied().map(ApplyResult::stats).orElse(WriterStats.ZERO);
        RunMeasurement run = RunMeasurement.of(tenant, result, result.outcome(), Duration.between(startedAt, endedAt), endedAt,
                new GraphTraffic(writes.httpRequests(), writes.paceWait()), writes.throttled());
        write(file, run);
    }

    /** A run that stopped before it read the tenant (invalid policies): a failed run of tenant {@code unknown}. */
    static void writeFailed(Path file, Instant at) {
        write(file, RunMeasurement.outcomeOnly("unknown", RunOutcome.FAILED, Duration.ZERO, at));
    }

    private static void write(Path file, RunMeasurement run) {
        try (EngineMetrics metrics = EngineMetrics.withJvmMetrics()) {
            metrics.finished(run);
            MetricsFile.write(file, metrics.scrape());
        } catch (IOException e) {
            throw new UserFacingException("--metrics-file " + file + ": cannot write it: " + e.getMessage(), e);
        }
    }
}
