package io.seatwarden.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.state.RunRecord;
import io.seatwarden.state.ScheduledStart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes what the scheduler knows about a run into its run directory: {@code run.json} (the
 * record and summary, for machines) and {@code run.md} (for people). The reconciler's own reports
 * (plan and apply results as JSON, Markdown and HTML) sit beside them.
 */
public final class RunReportWriter {
    static final String JSON_FILE = "run.json";
    static final String MARKDOWN_FILE = "run.md";

    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public void write(Path runDirectory, RunRecord run, RunSummary summary) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("runId", run.id().value());
        document.put("tenant", run.tenantName());
        document.put("node", run.node());
        document.put("outcome", summary.outcome().name());
        document.put("message", summary.message());
        document.put("scheduledAt", run.scheduled().map(ScheduledStart::scheduledAt).map(Object::toString).orElse(null));
        document.put("startedAt", run.startedAt().toString());
        document.put("endedAt", run.finishedAt().map(Object::toString).orElse(null));
        document.put("recovering", recovering(run));
        document.put("changes", summary.changes());
        document.put("seatsFree", summary.seatsFree());
        document.put("graphRequests", summary.traffic().requests());
        document.put("throttled", summary.throttled());
        document.put("throttleWaitSeconds", summary.traffic().throttleWaitSeconds());
        Files.write(runDirectory.resolve(JSON_FILE), json.writeValueAsBytes(document));
        Files.writeString(runDirectory.resolve(MARKDOWN_FILE), markdown(run, summary), StandardCharsets.UTF_8);
    }

    private static String markdown(RunRecord run, RunSummary summary) {
        StringBuilder text = new StringBuilder();
        text.append("# Seatwarden run ").append(run.id()).append("\n\n");
        text.append("| | |\n|---|---|\n");
        text.append("| Tenant | ").append(run.tenantName()).append(" |\n");
        text.append("| Outcome | **").append(summary.outcome()).append("** |\n");
        text.append("| Node | ").append(run.node()).append(" |\n");
        text.append("| Scheduled | ").append(run.scheduled().map(ScheduledStart::scheduledAt).map(Object::toString).orElse("")).append(" |\n");
        text.append("| Started | ").append(run.startedAt()).append(" |\n");
        text.append("| Ended | ").append(run.finishedAt().map(Object::toString).orElse("")).append(" |\n");
        text.append("| Recovered from a dead node | ").append(recovering(run) ? "yes" : "no").append(" |\n");
        text.append("| Graph requests | ").append(summary.traffic().requests()).append(" (").append(summary.throttled()).append(" throttled) |\n");
        text.append("| Throttle wait | ").append(String.format(java.util.Locale.ROOT, "%.1f s", summary.traffic().throttleWaitSeconds())).append(" |\n\n");
        text.append(summary.message()).append("\n");
        if (!summary.changes().isEmpty()) {
            text.append("\n## Changes\n\n| Kind | Count |\n|---|---:|\n");
            summary.changes().forEach((kind, count) -> text.append("| ").append(kind).append(" | ").append(count).append(" |\n"));
        }
        if (!summary.seatsFree().isEmpty()) {
            text.append("\n## Seats free after the run\n\n| SKU | Free |\n|---|---:|\n");
            summary.seatsFree().forEach((sku, free) -> text.append("| ").append(sku).append(" | ").append(free).append(" |\n"));
        }
        return text.toString();
    }

    private static boolean recovering(RunRecord run) {
        return run.scheduled().map(ScheduledStart::recovering).orElse(false);
    }
}
