package io.seatwarden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.directory.TenantId;
import io.seatwarden.state.RunCounts;
import io.seatwarden.state.RunRecord;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden runs}: every run of the engine (manual {@code apply}, {@code undo}, and the
 * {@code run} service's scheduled runs), newest first, from the state database's run history.
 */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {"List recent runs of the engine (apply, undo and scheduled runs) and their outcomes, newest first,"
                + " from the state database's run history.",
            "With --format json: {\"runs\": [{\"runId\", \"tenant\" (tenant id), \"kind\" (APPLY|UNDO|SCHEDULED|PLAN),"
                + " \"node\", \"startedAt\", \"finishedAt\" (null while running), \"durationSeconds\" (null while running),"
                + " \"outcome\" (RUNNING|SUCCEEDED|PARTIAL|REMOVALS_HELD|FAILED|ABORTED|INTERRUPTED|ABANDONED),"
                + " \"counts\": {\"changes\", \"succeeded\", \"failed\", \"waitingForSeats\", \"removalsHeld\", \"skipped\"},"
                + " \"message\", \"reportDirectory\" (null when none)}]}; times are ISO-8601 UTC."})
public final class RunsCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        text,
        json
    }

    @Mixin
    StateOptions state;

    @Option(names = "--tenant", paramLabel = "TENANT_ID", description = "Only this tenant's runs (its Entra tenant id).")
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
            return store.runs().recent(Optional.ofNullable(tenant).map(TenantId::of), limit);
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
            row.put("tenant", run.tenant().value());
            row.put("kind", run.kind().name());
            row.put("node", run.node());
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
            row.put("message", run.message());
            row.put("reportDirectory", run.reportDirectory().orElse(null));
            rows.add(row);
        }
        return rows;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** One line per run; a run with reports gets a second, indented line naming their directory. */
    private static String table(List<RunRecord> runs) {
        String line = "%-26s %-16s %-9s %-12s %-14s %-20s %8s %-16s %s%n";
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, line,
                "RUN", "TENANT", "KIND", "NODE", "OUTCOME", "STARTED", "SECONDS", "CHANGES", "MESSAGE"));
        for (RunRecord run : runs) {
            String seconds = duration(run).map(duration -> String.format(Locale.ROOT, "%.1f", seconds(duration))).orElse("-");
            text.append(String.format(Locale.ROOT, line, run.id(), run.tenant(), run.kind(), run.node(), run.outcome(),
                    run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), seconds, changes(run.counts()), run.message()).stripTrailing())
                    .append(System.lineSeparator());
            run.reportDirectory().ifPresent(directory -> text.append("    reports: ").append(directory).append(System.lineSeparator()));
        }
        return text.toString();
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
