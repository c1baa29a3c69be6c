package io.seatwarden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariDataSource;
import io.seatwarden.schedule.JdbcRunLog;
import io.seatwarden.schedule.RunRecord;
import io.seatwarden.schedule.StateDatabase;
import io.seatwarden.schedule.StateDatabaseException;
import io.seatwarden.schedule.TenantKey;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code seatwarden runs}: the recent runs of the {@code run} service and their outcomes, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List recent scheduled runs and their outcomes, newest first (from the state database).")
public final class RunsCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format {
        text,
        json
    }

    @Mixin
    StateOptions state;

    @Option(names = "--tenant", paramLabel = "NAME", description = "Only this tenant's runs.")
    String tenant;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
    Format format;

    @Inject
    public RunsCommand() {}

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit < 1) {
            throw new UserFacingException("--limit must be at least 1");
        }
        if (tenant != null && !TenantKey.isValid(tenant)) {
            throw new UserFacingException("--tenant '" + tenant + "' is not a tenant name");
        }
        List<RunRecord> runs = read(state.database());
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

    private List<RunRecord> read(StateDatabase database) {
        try (HikariDataSource pool = database.openPool("seatwarden-runs", 1)) {
            try (Connection connection = pool.getConnection()) {
                if (!JdbcRunLog.installed(connection)) {
                    return List.of();
                }
            }
            return new JdbcRunLog(pool).recent(Optional.ofNullable(tenant).map(TenantKey::of), limit);
        } catch (SQLException | StateDatabaseException e) {
            throw new UserFacingException("cannot read runs from " + database.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    private static List<Map<String, Object>> toJson(List<RunRecord> runs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RunRecord run : runs) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("runId", run.runId().value());
            row.put("tenant", run.tenant().value());
            row.put("outcome", run.outcome().name());
            row.put("node", run.node());
            row.put("scheduledAt", run.scheduledAt().toString());
            row.put("startedAt", run.startedAt().toString());
            row.put("endedAt", run.endedAt().map(Object::toString).orElse(null));
            row.put("recovering", run.recovering());
            row.put("changes", run.changes());
            row.put("graphRequests", run.graphRequests());
            row.put("message", run.message());
            row.put("runDirectory", run.runDirectory());
            rows.add(row);
        }
        return rows;
    }

    private static String table(List<RunRecord> runs) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-26s %-16s %-14s %-20s %8s %-24s %s%n",
                "RUN", "TENANT", "OUTCOME", "STARTED", "SECONDS", "CHANGES", "MESSAGE"));
        for (RunRecord run : runs) {
            String seconds = run.endedAt().map(end -> String.format(Locale.ROOT, "%.1f",
                    Duration.between(run.startedAt(), end).toMillis() / 1000.0)).orElse("-");
            StringBuilder changes = new StringBuilder();
            run.changes().forEach((kind, count) -> changes.append(changes.length() == 0 ? "" : ",").append(kind).append('=').append(count));
            text.append(String.format(Locale.ROOT, "%-26s %-16s %-14s %-20s %8s %-24s %s%n", run.runId(), run.tenant(), run.outcome(),
                    run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), seconds, changes.length() == 0 ? "-" : changes,
                    run.message() + (run.recovering() ? " (recovered)" : "")));
        }
        return text.toString();
    }
}
