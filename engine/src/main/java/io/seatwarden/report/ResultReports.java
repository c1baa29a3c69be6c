package io.seatwarden.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.SeatShortage;
import io.seatwarden.reconcile.WriterStats;
import io.seatwarden.report.Format;
import io.seatwarden.state.RunOutcome;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Renders what an apply did: a terminal table, Markdown (for a PR or an issue), or JSON.
 *
 * <p>The JSON shape ({@code apply --format json}), one document:
 * <pre>
 * { "runId": "20261123T...-1a2b3c4d" | null, "tenantId": "...", "outcome": "APPLIED" | "NOTHING_TO_DO" |
 *   "REMOVALS_HELD" | "CHANGES_FAILED" | "PLANNED" | "DECLINED" | "REFUSED" | "FAILED", "exitCode": 0,
 *   "message": "one line",
 *   "summary": {"changes", "applied", "failed", "waitingForSeats", "held", "unknown", "removalsHeld"},
 *                                                // waitingForSeats: distinct users left waiting (planned NO_SEATS
 *                                                // and refused for want of a seat while applying)
 *   "waitingForSeats": [{"skuId", "skuPartNumber", "productName" | null, "users", "waitingForHeldRemovals"}],
 *   "removalGuard": {"removals", "maxRemovals", "maxRemovalsPercent", "wouldTrip", "reason"} | null,
 *   "resumed": {"entries", "applied", "notApplied", "neverSent"},
 *   "changes": [{"userId", "userPrincipalName", "status": "APPLIED" | "FAILED" | "WAITING_FOR_SEATS" | "HELD" | "UNKNOWN",
 *                "usageLocation", "addLicenses": [{"skuId", "skuPartNumber", "disabledPlans"}],
 *                "removeLicenses": [{"skuId", "skuPartNumber"}], "heldRemovals": [...], "detail", "attempts",
 *                "settledByReadBack"}],             // by userPrincipalName
 *   "stats": {"httpRequests", "writesSent", "throttled", "readBacks", "waitSeconds"},
 *   "details": ["..."] }                            // e.g. how a saved plan differs from the tenant
 * </pre>
 *
 * <p>Text and Markdown end with one line per SKU users wait for, saying how many and what to do.
 */
public final class ResultReports {
    private final ProductCatalog catalog;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Reports that name SKUs by part number only. */
    public ResultReports() {
        this(ProductCatalog.empty());
    }

    /** @param catalog names the SKUs users wait for (part number and product name) */
    public ResultReports(ProductCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public void render(RunResult result, Format format, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        switch (format) {
            case JSON -> {
                json.writeValue(new NonClosing(writer), document(result, catalog));
                writer.write("\n");
            }
            case MARKDOWN -> markdown(document(result, catalog), writer);
            case TEXT, HTML -> text(document(result, catalog), writer);
        }
        writer.flush();
    }

    /** The JSON document. */
    @JsonPropertyOrder({"runId", "tenantId", "outcome", "exitCode", "message", "summary", "waitingForSeats", "removalGuard", "resumed",
            "changes", "stats", "details"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Document(String runId, String tenantId, RunOutcome outcome, int exitCode, String message, Summary summary,
            List<WaitingSku> waitingForSeats, RemovalGuardVerdict removalGuard, ApplyResult.Resumed resumed, List<ChangeOutcome> changes,
            Stats stats, List<String> details, @JsonIgnore List<String> advice) {}

    /** A SKU users were left waiting for. */
    @JsonPropertyOrder({"skuId", "skuPartNumber", "productName", "users", "waitingForHeldRemovals"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record WaitingSku(String skuId, String skuPartNumber, String productName, int users, int waitingForHeldRemovals) {
        static WaitingSku of(SeatShortage.Sku sku) {
            return new WaitingSku(sku.skuId().toString(), sku.skuPartNumber(), sku.productName().orElse(null), sku.users(),
                    sku.waitingForHeldRemovals());
        }
    }

    /** Counts over the changes. */
    @JsonPropertyOrder({"changes", "applied", "failed", "waitingForSeats", "held", "unknown", "removalsHeld"})
    public record Summary(int changes, long applied, long failed, long waitingForSeats, long held, long unknown, int removalsHeld) {}

    /** Graph traffic of the run. */
    @JsonPropertyOrder({"httpRequests", "writesSent", "throttled", "readBacks", "waitSeconds"})
    public record Stats(long httpRequests, long writesSent, long throttled, long readBacks, double waitSeconds) {
        static Stats of(WriterStats stats) {
            return new Stats(stats.httpRequests(), stats.writesSent(), stats.throttled(), stats.readBacks(),
                    Math.round(stats.paceWait().toMillis() / 100.0) / 10.0);
        }
    }

    public static Document document(RunResult result) {
        return document(result, ProductCatalog.empty());
    }

    public static Document document(RunResult result, ProductCatalog catalog) {
        SeatShortage shortage = SeatShortage.of(result, catalog);
        List<ChangeOutcome> changes = result.applied().map(ApplyResult::changes).orElse(List.of());
        int held = 0;
        for (ChangeOutcome change : changes) {
            held += change.heldRemovals().size();
        }
        Summary summary = new Summary(changes.size(), count(changes, ChangeStatus.APPLIED), count(changes, ChangeStatus.FAILED),
                shortage.users(), count(changes, ChangeStatus.HELD), count(changes, ChangeStatus.UNKNOWN), held);
        return new Document(result.runId().map(Object::toString).orElse(null),
                result.applied().map(applied -> applied.tenantId().toString())
                        .orElse(result.plan().map(plan -> plan.tenantId().toString()).orElse(null)),
                result.outcome(), result.exitCode(), result.message(), summary,
                shortage.skus().stream().map(WaitingSku::of).toList(),
                result.applied().map(ApplyResult::removalGuard).orElse(result.plan().map(plan -> plan.summary().removalGuard()).orElse(null)),
                result.applied().map(ApplyResult::resumed).orElse(ApplyResult.Resumed.NONE), changes,
                Stats.of(result.applied().map(ApplyResult::stats).orElse(WriterStats.ZERO)), result.details(), shortage.advice());
    }

    private static long count(List<ChangeOutcome> changes, ChangeStatus status) {
        return changes.stream().filter(change -> change.status() == status).count();
    }

    private static void text(Document document, Writer out) throws IOException {
        out.write("apply" + (document.runId() == null ? "" : " run " + document.runId()) + (document.tenantId() == null ? ""
                : " to tenant " + document.tenantId()) + ": " + document.outcome() + " (exit " + document.exitCode() + ")\n");
        out.write(document.message() + "\n");
        for (String detail : document.details()) {
            out.write("  " + detail + "\n");
        }
        if (document.removalGuard() != null && document.removalGuard().wouldTrip()) {
            out.write("removal guard: " + document.removalGuard().reason() + "; " + document.summary().removalsHeld() + " removals held back\n");
        }
        if (!document.changes().isEmpty()) {
            out.write("\n");
            int width = Math.max(4, document.changes().stream().mapToInt(change -> change.userPrincipalName().length()).max().orElse(4));
            out.write(String.format(Locale.ROOT, "%-" + width + "s  %-17s  %s%n", "USER", "STATUS", "CHANGE"));
            for (ChangeOutcome change : document.changes()) {
                out.write(String.format(Locale.ROOT, "%-" + width + "s  %-17s  %s%n", change.userPrincipalName(), change.status(),
                        describe(change)).stripTrailing() + "\n");
            }
        }
        Stats stats = document.stats();
        if (stats.httpRequests() > 0) {
            out.write(String.format(Locale.ROOT, "%nGraph: %d requests, %d writes sent, %d throttled (429), %d users read back, %.1f s waiting%n",
                    stats.httpRequests(), stats.writesSent(), stats.throttled(), stats.readBacks(), stats.waitSeconds()));
        }
        if (!document.advice().isEmpty()) {
            out.write("\n");
            for (String line : document.advice()) {
                out.write(line + "\n");
            }
        }
    }

    private static void markdown(Document document, Writer out) throws IOException {
        out.write("### Seatwarden apply: " + document.outcome() + " (exit " + document.exitCode() + ")\n\n");
        out.write(document.message() + "\n\n");
        for (String detail : document.details()) {
            out.write("- " + detail + "\n");
        }
        if (!document.details().isEmpty()) {
            out.write("\n");
        }
        if (!document.changes().isEmpty()) {
            out.write("| User | Status | Change |\n|---|---|---|\n");
            for (ChangeOutcome change : document.changes()) {
                out.write("| " + escape(change.userPrincipalName()) + " | " + change.status() + " | " + escape(describe(change)) + " |\n");
            }
            out.write("\n");
        }
        out.write("Run `" + (document.runId() == null ? "-" : document.runId()) + "`, tenant `" + document.tenantId() + "`; Graph: "
                + document.stats().httpRequests() + " requests, " + document.stats().throttled() + " throttled.\n");
        for (String line : document.advice()) {
            out.write("\n**" + escape(line) + "**\n");
        }
    }

    private static String describe(ChangeOutcome change) {
        StringBuilder text = new StringBuilder();
        if (change.usageLocation() != null) {
            text.append("usageLocation=").append(change.usageLocation()).append(' ');
        }
        if (!change.addLicenses().isEmpty()) {
            text.append("+").append(change.addLicenses().stream().map(LicenseAdd::skuPartNumber).collect(Collectors.joining(",+"))).append(' ');
        }
        if (!change.removeLicenses().isEmpty()) {
            text.append("-").append(change.removeLicenses().stream().map(LicenseRemoval::skuPartNumber).collect(Collectors.joining(",-"))).append(' ');
        }
        if (!change.heldRemovals().isEmpty()) {
            text.append("held: -").append(change.heldRemovals().stream().map(LicenseRemoval::skuPartNumber).collect(Collectors.joining(",-")))
                    .append(' ');
        }
        if (!change.detail().isEmpty() && change.status() != ChangeStatus.HELD) {
            text.append("(").append(change.detail()).append(")");
        }
        return text.toString().trim();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }

    /** Jackson closes the writer it is given; the caller owns it. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
