package io.seatwarden.report;

import io.seatwarden.plan.HeldAdd;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.LicenseError;
import io.seatwarden.plan.Skip;
import io.seatwarden.plan.SkipReason;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.UserChange;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML page (inline CSS, no scripts, no external assets, so it opens from a CI
 * artifact or a mail attachment): seat usage per subscription as bars, then the changes and the
 * skipped users per reason. Lists stop after {@value #ROWS_MAX} rows; the JSON report lists all.
 */
public final class HtmlPlanRenderer implements PlanRenderer {
    static final int ROWS_MAX = 1000;

    private static final String STYLE = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1f2328}",
            "h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #d0d7de}",
            ".headline{font-size:1.05rem}.muted{color:#656d76}.warn{color:#9a6700}.trip{color:#cf222e;font-weight:600}",
            "table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #eaeef2;text-align:left}",
            "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font:12px ui-monospace,monospace}",
            ".sku{margin:.8rem 0}.bar{display:flex;height:1.1rem;background:#f6f8fa;border:1px solid #d0d7de;border-radius:3px;overflow:hidden;max-width:48rem}",
            ".bar span{display:block;height:100%}.held{background:#8c959f}.freed{background:repeating-linear-gradient(45deg,#8c959f,#8c959f 4px,#ffffff 4px,#ffffff 8px)}",
            ".assigned{background:#2da44e}.reserved{background:#d4a72c}.free{background:#ddf4ff}.over{border-color:#cf222e}",
            ".legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .25rem 0 .8rem;vertical-align:middle;border:1px solid #d0d7de}",
            "details{margin:.4rem 0}summary{cursor:pointer}");

    @Override
    public void render(Plan plan, PlanHeader header, Writer out) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Seatwarden plan · ").append(escape(plan.tenantId().toString())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n");
        html.append("<h1>Seatwarden plan</h1>\n<p class=\"muted\">Tenant <code>").append(escape(plan.tenantId().toString()))
                .append("</code>");
        header.tenantName().ifPresent(name -> html.append(" (").append(escape(name)).append(')'));
        header.generatedAt().ifPresent(instant -> html.append(" · generated <time datetime=\"").append(PlanHeader.time(instant))
                .append("\">").append(PlanHeader.time(instant)).append("</time>"));
        header.policies().ifPresent(revision -> html.append(" · policies ").append(revision.gitCommit() == null ? ""
                        : "git <code>" + revision.gitCommit().substring(0, 12) + "</code>, ")
                .append("sha256 <code>").append(revision.sha256(), 0, 12).append("</code>")
                .append(revision.gitCommit() == null ? " (not in a git work tree)" : ""));
        html.append("</p>\n");
        html.append("<p class=\"headline\">").append(escape(PlanView.headline(plan))).append("</p>\n");
        PlanView.ownershipNote(plan).ifPresent(note -> html.append("<p class=\"trip\">").append(escape(note)).append("</p>\n"));
        boolean trips = plan.summary().removalGuard().wouldTrip();
        html.append("<p").append(trips ? " class=\"trip\"" : "").append(">Removal guard: ")
                .append(escape(PlanView.guard(plan.summary().removalGuard()))).append("</p>\n");
        seats(plan, html);
        CostReport.appendHtml(plan, html);
        changes(plan, html);
        skipped(plan, html);
        heldAdds(plan, html);
        lifecycle(plan, html);
        licenseErrors(plan, html);
        if (!plan.warnings().isEmpty()) {
            html.append("<h2>Warnings</h2>\n<ul>\n");
            plan.warnings().forEach(warning -> html.append("<li class=\"warn\">").append(escape(warning)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("</body>\n</html>\n");
        out.write(html.toString());
        out.flush();
    }

    private static void seats(Plan plan, StringBuilder html) {
        html.append("<h2>Seats</h2>\n");
        if (plan.skus().isEmpty()) {
            html.append("<p>No policy references a SKU.</p>\n");
            return;
        }
        html.append("<p class=\"legend muted\">after the plan:<span class=\"held\"></span>held<span class=\"assigned\"></span>newly assigned")
                .append("<span class=\"freed\"></span>freed<span class=\"reserved\"></span>reserved")
                .append("<span class=\"free\"></span>free</p>\n");
        for (SkuSeats seats : plan.skus()) {
            bar(seats, html);
        }
        PlanView.seatNotes(plan).forEach(note -> html.append("<p class=\"warn\">").append(escape(note)).append("</p>\n"));
        html.append("<table>\n<tr><th>SKU</th><th class=\"n\">Enabled</th><th class=\"n\">Consumed</th><th class=\"n\">Reserved</th>")
                .append("<th class=\"n\">Free before</th><th class=\"n\">Assigned</th><th class=\"n\">Freed</th>")
                .append("<th class=\"n\">Free after</th><th class=\"n\">Waiting</th></tr>\n");
        for (SkuSeats seats : plan.skus()) {
            html.append("<tr><td><code>").append(escape(seats.skuPartNumber())).append("</code></td>");
            for (int value : new int[] {seats.enabled(), seats.consumed(), seats.reserved(), seats.availableBefore(),
                    seats.assigned(), seats.freed(), seats.availableAfter(), seats.waiting()}) {
                html.append("<td class=\"n\">").append(value).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n<p class=\"muted\">").append(escape(PlanView.SEATS_LEGEND)).append("</p>\n");
    }

    /**
     * One bar per SKU, the seats after the plan: those that stay held, those the plan assigns, those
     * its removals free, the reserve and the rest that is free. Over capacity, the bar is full and red-edged.
     */
    private static void bar(SkuSeats seats, StringBuilder html) {
        int capacity = seats.availableBefore() + seats.consumed();
        int kept = seats.consumed() - seats.freed();
        int held = kept + seats.assigned();
        int free = Math.max(0, seats.availableAfter());
        int freed = Math.min(seats.freed(), free);
        int reserved = Math.min(seats.reserved(), free - freed);
        int total = Math.max(1, Math.max(capacity, held));
        html.append("<div class=\"sku\"><code>").append(escape(seats.skuPartNumber())).append("</code> <span class=\"muted\">")
                .append(held).append(" of ").append(capacity).append(" seats held after the plan");
        if (seats.waiting() > 0) {
            html.append(", ").append(PlanView.count(seats.waiting(), "user")).append(" waiting");
        }
        html.append("</span>\n<div class=\"bar").append(held > capacity ? " over" : "").append("\" title=\"")
                .append(escape(seats.skuPartNumber())).append("\">");
        segment(html, "held", kept, total);
        segment(html, "assigned", seats.assigned(), total);
        segment(html, "freed", freed, total);
        segment(html, "reserved", reserved, total);
        segment(html, "free", free - freed - reserved, total);
        html.append("</div></div>\n");
    }

    private static void segment(StringBuilder html, String kind, int seats, int total) {
        if (seats > 0) {
            html.append("<span class=\"").append(kind).append("\" style=\"width:")
                    .append(String.format(Locale.ROOT, "%.2f", 100.0 * seats / total)).append("%\" title=\"")
                    .append(seats).append(' ').append(kind).append("\"></span>");
        }
    }

    private static void changes(Plan plan, StringBuilder html) {
        List<UserChange> changes = plan.changes();
        html.append("<h2>Changes (").append(PlanView.count(changes.size(), "user")).append(")</h2>\n");
        if (changes.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        html.append("<table>\n<tr><th>User</th><th>Change</th><th>Policies</th></tr>\n");
        for (UserChange change : changes.subList(0, Math.min(ROWS_MAX, changes.size()))) {
            html.append("<tr><td>").append(escape(change.userPrincipalName())).append("</td><td>")
                    .append(escape(String.join(", ", PlanView.changeItems(change)))).append("</td><td>")
                    .append(escape(String.join(", ", change.policies()))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        more(html, changes.size() - ROWS_MAX);
    }

    private static void skipped(Plan plan, StringBuilder html) {
        Map<SkipReason, List<Skip>> groups = PlanView.skipsByReason(plan);
        html.append("<h2>Skipped (").append(plan.skipped().size()).append(")</h2>\n");
        if (groups.isEmpty()) {
            html.append("<p>None.</p>\n");
            return;
        }
        groups.forEach((reason, skips) -> {
            html.append("<details><summary><code>").append(reason).append("</code> (").append(skips.size()).append("): ")
                    .append(escape(PlanView.explain(reason))).append("</summary>\n");
            boolean details = PlanView.hasDetails(skips);
            html.append("<table>\n<tr><th>User</th><th>Policy</th><th>SKU</th>").append(details ? "<th>Detail</th>" : "").append("</tr>\n");
            for (Skip skip : skips.subList(0, Math.min(ROWS_MAX, skips.size()))) {
                html.append("<tr><td>").append(escape(skip.userPrincipalName())).append("</td><td>")
                        .append(escape(skip.policy())).append("</td><td><code>").append(escape(skip.skuPartNumber()))
                        .append("</code></td>");
                if (details) {
                    html.append("<td>").append(escape(skip.detail() == null ? "" : skip.detail())).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
            more(html, skips.size() - ROWS_MAX);
            html.append("</details>\n");
        });
    }

    private static void licenseErrors(Plan plan, StringBuilder html) {
        List<LicenseError> errors = plan.licenseErrors();
        if (errors.isEmpty()) {
            return;
        }
        html.append("<h2>License errors (").append(errors.size()).append(")</h2>\n");
        html.append("<p class=\"warn\">").append(escape(PlanView.licenseErrorsExplained())).append("</p>\n");
        html.append("<table>\n<tr><th>User</th><th>SKU</th><th>Group</th><th>Error</th></tr>\n");
        for (LicenseError error : errors.subList(0, Math.min(ROWS_MAX, errors.size()))) {
            html.append("<tr><td>").append(escape(error.userPrincipalName())).append("</td><td><code>")
                    .append(escape(error.skuPartNumber())).append("</code></td><td><code>").append(escape(PlanView.errorSource(error)))
                    .append("</code></td><td><code>").append(escape(error.error())).append("</code></td></tr>\n");
        }
        html.append("</table>\n");
        more(html, errors.size() - ROWS_MAX);
    }

    private static void heldAdds(Plan plan, StringBuilder html) {
        List<HeldAdd> held = plan.waitingForHeldRemovals();
        if (held.isEmpty()) {
            return;
        }
        html.append("<h2>Waiting for held removals (").append(held.size()).append(")</h2>\n");
        html.append("<p class=\"warn\">").append(escape(PlanView.heldAddsExplained(plan))).append("</p>\n");
        html.append("<table>\n<tr><th>User</th><th>SKU</th><th>Policies</th></tr>\n");
        for (HeldAdd add : held.subList(0, Math.min(ROWS_MAX, held.size()))) {
            html.append("<tr><td>").append(escape(add.userPrincipalName())).append("</td><td><code>")
                    .append(escape(add.skuPartNumber())).append("</code></td><td>")
                    .append(escape(String.join(", ", add.policies()))).append("</td></tr>\n");
        }
        html.append("</table>\n");
        more(html, held.size() - ROWS_MAX);
    }

    private static void more(StringBuilder html, int hidden) {
        if (hidden > 0) {
            html.append("<p class=\"muted\">… and ").append(hidden).append(" more (the JSON plan lists all)</p>\n");
        }
    }

    private static void lifecycle(Plan plan, StringBuilder html) {
        for (LifecycleSections.Section section : LifecycleSections.of(plan)) {
            html.append("<h2>").append(escape(section.title())).append("</h2>\n<p class=\"muted\">").append(escape(section.note()))
                    .append("</p>\n<table>\n<tr>");
            section.headers().forEach(header -> html.append("<th>").append(escape(header)).append("</th>"));
            html.append("</tr>\n");
            for (List<String> row : section.rows().subList(0, Math.min(ROWS_MAX, section.rows().size()))) {
                html.append("<tr>");
                row.forEach(cell -> html.append("<td>").append(escape(cell)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
            more(html, section.rows().size() - ROWS_MAX);
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                case '"':
                    out.append("&quot;");
                    break;
                case '\'':
                    out.append("&#39;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
