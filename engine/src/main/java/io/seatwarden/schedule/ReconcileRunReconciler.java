package io.seatwarden.schedule;

import io.seatwarden.state.GraphTraffic;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunOutcome;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.notify.Delivery;
import io.seatwarden.notify.NoticeContext;
import io.seatwarden.notify.Notifier;
import io.seatwarden.plan.Plan;
import io.seatwarden.metrics.RunMeasurement;
import io.seatwarden.metrics.SkuFigures;
import io.seatwarden.policy.NotifyTarget;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicyRevision;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.policy.file.PolicyRevisions;
import io.seatwarden.reconcile.ApplyProgress;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.Confirmation;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.reconcile.RunOptions;
import io.seatwarden.reconcile.RunRequest;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.SeatShortage;
import io.seatwarden.reconcile.TenantConnection;
import io.seatwarden.reconcile.WriterStats;
import io.seatwarden.report.Format;
import io.seatwarden.report.PlanHeader;
import io.seatwarden.report.PlanReports;
import io.seatwarden.state.RunKind;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The scheduler's way into the engine: one {@link ReconcileRun} per scheduled run (read, plan,
 * guard, apply, journal), its plan rendered as text, Markdown, JSON and HTML into the run directory
 * beside {@code apply.json} (every change's outcome).
 *
 * <p>Stopping: when the run's {@link Cancellation} is requested (SIGTERM), {@link ReconcileRun}
 * stops before its next batch ({@link RunRequest#stopRequested()}), and the tenant's writer ends
 * a wait for its write pace or a Retry-After at once; either way the batch in flight finishes and
 * is journaled, nothing more is sent, and the run is reported {@link RunOutcome#INTERRUPTED}; the
 * next run carries on. The thread is never interrupted: H2 closes its database file when a thread
 * doing I/O is interrupted.
 */
public final class ReconcileRunReconciler implements TenantReconciler {
    private static final Logger log = LoggerFactory.getLogger(ReconcileRunReconciler.class);

    private final PolicyFiles policyFiles;
    private final TenantConnections connections;
    private final ReconcileRun reconcileRun;
    private final PlanReports reports;
    private final Function<TenantTarget, ReadStats> readStats;
    private final ProductCatalog catalog;
    private final Notifier notifier;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /**
     * @param readStats what the tenant's reader has sent so far (for per-run metrics); {@link ReadStats#ZERO} when unknown
     * @param catalog the catalog {@code reconcileRun} resolves with: names the SKUs users wait for
     * @param notifier tells the policies' {@code settings.notify} webhooks what the run did
     * @param clock when the plan reports say they were made
     */
    public ReconcileRunReconciler(PolicyFiles policyFiles, TenantConnections connections, ReconcileRun reconcileRun, PlanReports reports,
            Function<TenantTarget, ReadStats> readStats, ProductCatalog catalog, Notifier notifier, Clock clock) {
        this.notifier = requireNonNull(notifier, "notifier is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.reconcileRun = requireNonNull(reconcileRun, "reconcileRun is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.readStats = requireNonNull(readStats, "readStats is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public RunSummary reconcile(TenantTarget tenant, RunContext context) {
        PolicyLoadResult policies = policyFiles.load(tenant.policies());
        if (!policies.isValid()) {
            List<String> problems = policies.problems().stream().map(PolicyProblem::toString).toList();
            writeText(context.runDirectory().resolve("problems.txt"), String.join("\n", problems) + "\n");
            return RunSummary.failed("invalid policies (" + PolicyProblem.count(problems.size()) + "; first: " + problems.get(0) + ")");
        }
        Optional<PolicyRevision> revision = PolicyRevisions.of(tenant.policies());
        TenantConnection connection;
        try {
            connection = connections.connect(tenant, context.cancellation());
        } catch (IllegalArgumentException e) {
            String message = "cannot connect to " + tenant.graphUrl() + ": " + e.getMessage();
            notify(tenant, new RunResult(RunOutcome.FAILED, message, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    List.of()), policies.policySet().orElseThrow().settings().notifications());
            return RunSummary.failed(message);
        }
        WriterStats before = connection.writer().stats();
        ReadStats readBefore = readStats.apply(tenant);
        RunResult result = reconcileRun.run(new RunRequest(connection, policies.policySet().orElseThrow(),
                RunOptions.apply().withKind(RunKind.SCHEDULED)
                        // One id for the scheduler's run and the engine's history row, so `runs` shows it once, with its directory.
                        .withRunId(context.runId()),
                Confirmation.always(), ApplyProgress.none(),
                context.cancellation()::isRequested));
        // A stop that ended a writer's wait comes back as an InterruptedException, which ReconcileRun answers by
        // re-setting the thread's interrupt flag; clear it before the scheduler records the run (H2 and interrupts).
        Thread.interrupted();
        WriterStats used = connection.writer().stats().minus(before);
        ReadStats read = readStats.apply(tenant).minus(readBefore);
        writeReports(context.runDirectory(), result, PlanHeader.NONE.generatedAt(clock.instant()).tenantName(tenant.displayName())
                .policies(revision));
        notify(tenant, result, policies.policySet().orElseThrow().settings().notifications());
        return new RunSummary(outcome(result, context.cancellation()), message(result, catalog), RunMeasurement.changes(result),
                result.plan().map(SkuFigures::of).orElse(List.of()), RunMeasurement.licenseErrors(result),
                new GraphTraffic(used.httpRequests() + read.requests(), used.paceWait().plus(read.waited())),
                used.throttled() + read.throttled(), RunCounts.none());
    }

    /** Tells the policies' webhooks; one that could not be told is a warning in the log, and the run is as it was. */
    private void notify(TenantTarget tenant, RunResult result, List<NotifyTarget> targets) {
        for (Delivery delivery : notifier.notify(result, new NoticeContext(tenant.displayName(), catalog), targets)) {
            if (delivery.delivered()) {
                log.info(Logfmt.event("notify.sent", "tenant", tenant.key(), "target", delivery.target(), "attempts", delivery.attempts()));
            } else {
                log.warn(Logfmt.event("notify.failed", "tenant", tenant.key(), "target", delivery.target(), "attempts", delivery.attempts(),
                        "error", delivery.problem().orElseThrow()));
            }
        }
    }

    /** The run's outcome as the engine named it; a failure while a stop was requested was the stop. */
    private static RunOutcome outcome(RunResult result, Cancellation cancellation) {
        return switch (result.outcome()) {
            case FAILED -> cancellation.isRequested() ? RunOutcome.INTERRUPTED : RunOutcome.FAILED;
            // Neither happens to a wet, unattended run; a scheduled run that did either did not do its work.
            case RUNNING, PLANNED, DECLINED, ABANDONED -> RunOutcome.FAILED;
            case NOTHING_TO_DO, APPLIED, REMOVALS_HELD, CHANGES_FAILED, REFUSED, INTERRUPTED -> result.outcome();
        };
    }

    /** The run's line, ending with what to do about users left waiting for seats. */
    private static String message(RunResult result, ProductCatalog catalog) {
        String message = result.problems().isEmpty() ? result.message() : result.message() + "; first: " + result.problems().get(0);
        for (String advice : SeatShortage.of(result, catalog).advice()) {
            message += ". " + advice;
        }
        return message;
    }

    private void writeReports(Path directory, RunResult result, PlanHeader header) {
        if (result.plan().isPresent()) {
            Plan plan = result.plan().get();
            for (Format format : Format.values()) {
                try (OutputStream out = Files.newOutputStream(directory.resolve("plan." + format.fileExtension()))) {
                    reports.render(plan, header, format, out);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the plan report into " + directory, e);
                }
            }
        }
        Map<String, Object> apply = new LinkedHashMap<>();
        apply.put("outcome", result.outcome().name());
        apply.put("message", result.message());
        apply.put("stateRunId", result.runId().map(Object::toString).orElse(null));
        apply.put("problems", result.problems().stream().map(PolicyProblem::toString).toList());
        apply.put("details", result.details());
        apply.put("changes", result.applied().map(ApplyResult::changes).orElse(List.of()));
        try {
            Files.write(directory.resolve("apply.json"), json.writeValueAsBytes(apply));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write apply.json into " + directory, e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
