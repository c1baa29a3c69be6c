package io.seatwarden.schedule;

import io.seatwarden.metrics.EngineMetrics;
import io.seatwarden.metrics.RunMeasurement;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunHistory;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.ScheduledStart;
import io.seatwarden.state.StateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Runs one scheduled reconciliation of one tenant and leaves its traces: a row of the run history
 * (at start and at end, also when the run stops before it reads the tenant), a run directory with its reports, metrics and log lines. The Quartz job
 * only calls {@link #run}.
 */
public final class TenantRunner {
    private static final Logger log = LoggerFactory.getLogger(TenantRunner.class);

    private final Tenants tenants;
    private final TenantReconciler reconciler;
    private final RunHistory history;
    private final RunReportWriter reports;
    private final EngineMetrics metrics;
    private final Path runsDirectory;
    private final String node;
    private final Clock clock;

    public TenantRunner(Tenants tenants, TenantReconciler reconciler, RunHistory history, RunReportWriter reports,
            EngineMetrics metrics, Path runsDirectory, String node, Clock clock) {
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.history = requireNonNull(history, "history is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.runsDirectory = requireNonNull(runsDirectory, "runsDirectory is null");
        this.node = requireNonNull(node, "node is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public RunSummary run(TenantKey key, Instant scheduledAt, boolean recovering, Cancellation cancellation) {
        Instant startedAt = clock.instant();
        RunId runId = RunId.next(startedAt, UUID.randomUUID());
        Path runDirectory = runsDirectory.resolve(key.value()).resolve(runId.value());
        ScheduledStart start = new ScheduledStart(key.value(), scheduledAt, recovering);
        try {
            history.beginScheduled(runId, start, node);
        } catch (StateException e) {
            // Never change a tenant without a record of it: skip this run; the next schedule tries again.
            RunSummary skipped = RunSummary.failed("not run: " + e.getMessage());
            metrics.finished(RunMeasurement.outcomeOnly(key.value(), skipped.outcome(), Duration.between(startedAt, clock.instant()),
                    clock.instant()));
            log.error(Logfmt.event("run.not_started", "tenant", key, "run", runId, "error", e.getMessage()));
            return skipped;
        }
        metrics.started(key.value());
        try {
            history.reportsWritten(runId, runDirectory.toString());
        } catch (StateException e) {
            log.warn(Logfmt.event("run.not_recorded", "tenant", key, "run", runId, "error", e.getMessage()));
        }
        log.info(Logfmt.event("run.started", "tenant", key, "run", runId, "node", node, "recovering", recovering,
                "scheduledAt", scheduledAt));

        RunSummary reconciled = reconcile(key, new RunContext(runId, runDirectory, scheduledAt, recovering, cancellation));
        Instant endedAt = clock.instant();
        // The history's outcome is the one reported everywhere. A row the service ends is ended last, once the
        // run is measured and its reports written, so that a finished row always has both.
        Optional<RunRecord> row = recordTraffic(key, runId, reconciled);
        RunSummary summary = row.filter(recorded -> recorded.outcome().finished())
                .map(recorded -> reconciled.withOutcome(recorded.outcome()))
                .orElse(reconciled);
        metrics.finished(new RunMeasurement(key.value(), summary.outcome(), Duration.between(startedAt, endedAt), endedAt, summary.changes(),
                summary.skus(), summary.licenseErrors(), summary.traffic(), summary.throttled()));
        RunRecord finished = new RunRecord(runId, row.flatMap(RunRecord::tenant), RunKind.SCHEDULED, node, startedAt, Optional.of(endedAt),
                summary.outcome(), summary.counts(), summary.message(), Optional.of(runDirectory.toString()), Optional.of(start),
                summary.traffic());
        writeReports(runDirectory, finished, summary);
        if (row.isPresent() && !row.get().outcome().finished()) {
            finishRow(key, runId, summary);
        }
        log.info(Logfmt.event("run.finished", "tenant", key, "run", runId, "outcome", summary.outcome(),
                "changes", Logfmt.counts(summary.changes()), "graphRequests", summary.traffic().requests(),
                "seconds", (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0, "message", summary.message()));
        return summary;
    }

    /** Records what the run sent to Graph, and reads its row back: the engine may have ended it. */
    private Optional<RunRecord> recordTraffic(TenantKey key, RunId runId, RunSummary summary) {
        try {
            history.trafficSent(runId, summary.traffic());
            return history.find(runId);
        } catch (StateException e) {
            log.error(Logfmt.event("run.not_recorded", "tenant", key, "run", runId, "error", e.getMessage()));
            return Optional.empty();
        }
    }

    /**
     * Ends a row the engine did not end: the run stopped before it took the tenant's lease (invalid
     * policies, a failed read, the lease held elsewhere), or it is not the engine's (tests).
     */
    private void finishRow(TenantKey key, RunId runId, RunSummary summary) {
        try {
            history.finish(runId, summary.outcome(), summary.counts(), summary.message());
        } catch (StateException e) {
            // The run is over either way; its record stays RUNNING until the next run marks it ABANDONED.
            log.error(Logfmt.event("run.not_recorded", "tenant", key, "run", runId, "error", e.getMessage()));
        }
    }

    private RunSummary reconcile(TenantKey key, RunContext context) {
        Optional<TenantTarget> tenant = tenants.find(key);
        if (tenant.isEmpty()) {
            // A clustered job recovered by a node whose tenants file does not list it.
            return RunSummary.failed("tenant " + key + " is not configured on node " + node);
        }
        try {
            Files.createDirectories(context.runDirectory());
        } catch (IOException e) {
            return RunSummary.failed("cannot create run directory " + context.runDirectory() + ": " + e.getMessage());
        }
        try {
            return reconciler.reconcile(tenant.get(), context);
        } catch (RuntimeException e) {
            // The service outlives a failed run: record it, and the next schedule tries again.
            log.error(Logfmt.event("run.crashed", "tenant", key, "run", context.runId(), "error", e.toString()));
            return RunSummary.failed("internal error: " + e);
        }
    }

    private void writeReports(Path runDirectory, RunRecord run, RunSummary summary) {
        try {
            Files.createDirectories(runDirectory);
            reports.write(runDirectory, run, summary);
        } catch (IOException e) {
            log.warn(Logfmt.event("run.report_failed", "tenant", run.tenantName(), "run", run.id(), "error", e.getMessage()));
        }
    }
}
