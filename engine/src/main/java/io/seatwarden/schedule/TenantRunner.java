package io.seatwarden.schedule;

import io.seatwarden.state.RunId;
import io.seatwarden.state.StateDatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Runs one scheduled reconciliation of one tenant and leaves its traces: a record in the run log
 * (at start and at end), a run directory with its reports, metrics and log lines. The Quartz job
 * only calls {@link #run}.
 */
public final class TenantRunner {
    private static final Logger log = LoggerFactory.getLogger(TenantRunner.class);

    private final Tenants tenants;
    private final TenantReconciler reconciler;
    private final RunLog runLog;
    private final RunReportWriter reports;
    private final EngineMetrics metrics;
    private final Path runsDirectory;
    private final String node;
    private final Clock clock;

    public TenantRunner(Tenants tenants, TenantReconciler reconciler, RunLog runLog, RunReportWriter reports,
            EngineMetrics metrics, Path runsDirectory, String node, Clock clock) {
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.reconciler = requireNonNull(reconciler, "reconciler is null");
        this.runLog = requireNonNull(runLog, "runLog is null");
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
        RunRecord started = new RunRecord(runId, key, node, RunOutcome.RUNNING, scheduledAt, startedAt, Optional.empty(),
                recovering, recovering ? "recovering a run its node left unfinished" : "running", Map.of(), 0,
                runDirectory.toString());
        try {
            runLog.started(started);
        } catch (StateDatabaseException e) {
            // Never change a tenant without a record of it: skip this run; the next schedule tries again.
            RunSummary skipped = RunSummary.failed("not run: " + e.getMessage());
            metrics.finished(key, skipped, clock.instant());
            log.error(Logfmt.event("run.not_started", "tenant", key, "run", runId, "error", e.getMessage()));
            return skipped;
        }
        metrics.started(key);
        log.info(Logfmt.event("run.started", "tenant", key, "run", runId, "node", node, "recovering", recovering,
                "scheduledAt", scheduledAt));

        RunSummary summary = reconcile(key, new RunContext(runId, runDirectory, scheduledAt, recovering, cancellation));

        Instant endedAt = clock.instant();
        try {
            runLog.finished(runId, summary, endedAt);
        } catch (StateDatabaseException e) {
            // The run is over either way; its record stays RUNNING until the next run marks it ABANDONED.
            log.error(Logfmt.event("run.not_recorded", "tenant", key, "run", runId, "error", e.getMessage()));
        }
        metrics.finished(key, summary, endedAt);
        RunRecord finished = new RunRecord(runId, key, node, summary.outcome(), scheduledAt, startedAt, Optional.of(endedAt),
                recovering, summary.message(), summary.changes(), summary.graphRequests(), runDirectory.toString());
        writeReports(runDirectory, finished, summary);
        log.info(Logfmt.event("run.finished", "tenant", key, "run", runId, "outcome", summary.outcome(),
                "changes", Logfmt.counts(summary.changes()), "graphRequests", summary.graphRequests(),
                "seconds", (endedAt.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0, "message", summary.message()));
        return summary;
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
            log.warn(Logfmt.event("run.report_failed", "tenant", run.tenant(), "run", run.runId(), "error", e.getMessage()));
        }
    }
}
