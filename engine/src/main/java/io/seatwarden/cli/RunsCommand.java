package io.seatwarden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.directory.TenantId;
import io.seatwarden.report.TextTable;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.ScheduledStart;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden runs}: every run of the engine (manual {@code apply}, {@code undo}, and the
 * {@code run} service's scheduled runs, those that stopped before writing included), newest first,
 * from the state database's one run history.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List recent runs of the engine (apply, undo and scheduled runs, those that stopped before writing"
                + " included) and their outcomes, newest first, from the state database's run history.",
            "With --format json: {\"runs\": [{\"runId\", \"tenant\" (tenant id; null for a scheduled run that stopped"
                + " before reading the tenant), \"job\" (the run service's name for the tenant; null for apply and undo),"
                + " \"kind\" (APPLY|UNDO|SCHEDULED|PLAN), \"node\", \"scheduledAt\" (null unless scheduled), \"recovering\","
                + " \"startedAt\", \"finishedAt\" (null while running), \"durationSeconds\" (null while running),"
                + " \"outcome\" (RUNNING|NOTHING_TO_DO|APPLIED|REMOVALS_HELD|CHANGES_FAILED|DECLINED|REFUSED|INTERRUPTED|FAILED"
                + "|ABANDONED: the outcomes of apply --format json, plus RUNNING and ABANDONED),"
                + " \"counts\": {\"changes\", \"succeeded\", \"failed\", \"waitingForSeats\", \"removalsHeld\", \"skipped\"},"
                + " \"graphRequests\", \"throttleWaitSeconds\", \"message\", \"reportDirectory\" (null when none)}]};"
                + " times are ISO-8601 UTC."})
public final class RunsCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        text,
        json
    }

    @Mixin
    StateOptions state;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant's runs: its Entra tenant id, or the run"
            + " service's name for it (the id in the tenants file, 'default' without one).")
    String tenant;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    private final StateStores stateStores;

    @Inject
    public RunsCommand(StateStores stateStores) {
        this.stateStores = requireNonNull(stateStores, "stateStores is null");
    }

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit < 1) {
            throw new UserFacingException("--limit must be at least 1");
        }
        if (tenant != null && tenant.isBlank()) {
            throw new UserFacingException("--tenant must not be blank");
        }
        List<RunRecord> runs = read(state.config());
        PrintStream out = System.out;
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(Map.of("runs", toJson(runs))));
        } else if (runs.isEmpty()) {
            out.println("no runs recorded");
        } else {
            out.print(table(runs));
        }
        return ExitCode.OK.code();
    }

    private List<RunRecord> read(StateConfig config) {
        if (config.url().equals(StateConfig.DEFAULT_URL) && !Files.exists(PlanCommand.DEFAULT_STATE_FILE)) {
            return List.of(); // nothing has run here; do not create the database just to list nothing
        }
        try (StateStore store = stateStores.open(config)) {
            if (tenant == null) {
                return store.runs().recent(Optional.empty(), limit);
            }
            // Either name: a scheduled run that stopped before reading the tenant is known only by its job.
            List<RunRecord> runs = new ArrayList<>(store.runs().recent(Optional.of(TenantId.of(tenant)), limit));
            for (RunRecord run : store.runs().recentOfJob(tenant, limit)) {
                if (runs.stream().noneMatch(known -> known.id().equals(run.id()))) {
                    runs.add(run);
                }
            }
            runs.sort(Comparator.comparing(RunRecord::startedAt).reversed());
            return runs.subList(0, Math.min(limit, runs.size()));
        } catch (StateException e) {
            throw new UserFacingException("cannot read runs from " + config.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Duration> duration(RunRecord run) {
        return run.finishedAt().map(end -> Duration.between(run.startedAt(), end));
    }

    private static List<Map<String, Object>> toJson(List<RunRecord> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunRecord run : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("runId", run.id().value());
            row.put("tenant", run.tenant().map(TenantId::value).orElse(null));
            row.put("job", run.scheduled().map(ScheduledStart::job).orElse(null));
            row.put("kind", run.kind().name());
            row.put("node", run.node());
            row.put("scheduledAt", run.scheduled().map(start -> start.scheduledAt().toString()).orElse(null));
            row.put("recovering", run.scheduled().map(ScheduledStart::recovering).orElse(false));
            row.put("startedAt", run.startedAt().toString());
            row.put("finishedAt", run.finishedAt().map(Object::toString).orElse(null));
            row.put("durationSeconds", duration(run).map(RunsCommand::seconds).orElse(null));
            row.put("outcome", run.outcome().name());
            RunCounts counts = run.counts();
            Map<String, Object> countsRow = new LinkedHashMap<>();
            countsRow.put("changes", counts.changes());
            countsRow.put("succeeded", counts.succeeded());
            countsRow.put("failed", counts.failed());
            countsRow.put("waitingForSeats", counts.waitingForSeats());
            countsRow.put("removalsHeld", counts.removalsHeld());
            countsRow.put("skipped", counts.skipped());
            row.put("counts", countsRow);
            row.put("graphRequests", run.traffic().requests());
            row.put("throttleWaitSeconds", run.traffic().throttleWaitSeconds());
            row.put("message", run.message());
            row.put("reportDirectory", run.reportDirectory().orElse(null));
            rows.add(row);
        }
        return rows;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** One line per run, in aligned columns; a run with reports gets a second, indented line naming their directory. */
    private static String table(List<RunRecord> runs) {
        TextTable table = new TextTable(List.of("RUN", "TENANT", "KIND", "NODE", "OUTCOME", "STARTED", "SECONDS", "CHANGES", "MESSAGE"), 6);
        for (RunRecord run : runs) {
            String seconds = duration(run).map(duration -> String.format(Locale.ROOT, "%.1f", seconds(duration))).orElse("-");
            table.row(List.of(run.id().value(), run.tenantName(), run.kind().name(), run.node(), run.outcome().name(),
                    run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), seconds, changes(run.counts()), oneLine(run.message())));
        }
        StringBuilder rendered = new StringBuilder();
        table.appendTo(rendered, "");
        List<String> lines = rendered.toString().lines().toList();
        StringBuilder text = new StringBuilder(lines.get(0)).append(System.lineSeparator());
        for (int index = 0; index < runs.size(); index++) {
            text.append(lines.get(index + 1)).append(System.lineSeparator());
            runs.get(index).reportDirectory().ifPresent(directory -> text.append("    reports: ").append(directory).append(System.lineSeparator()));
        }
        return text.toString();
    }

    /** A message is one line; one that is not would break the table's rows. */
    private static String oneLine(String message) {
        return message.replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code 3/4 ok,1 failed,2 skipped}: succeeded of planned user changes, then what did not go through. */
    private static String changes(RunCounts counts) {
        if (counts.changes() == 0 && counts.skipped() == 0) {
            return "-";
        }
        return counts.succeeded() + "/" + counts.changes() + " ok"
                + (counts.failed() > 0 ? "," + counts.failed() + " failed" : "")
                + (counts.waitingForSeats() > 0 ? "," + counts.waitingForSeats() + " waiting" : "")
                + (counts.removalsHeld() > 0 ? "," + counts.removalsHeld() + " held" : "")
                + (counts.skipped() > 0 ? "," + counts.skipped() + " skipped" : "");
    }
}
