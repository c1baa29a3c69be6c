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
import java.util.Map;

/**
 * The report as a pull-request comment (GitHub-flavoured Markdown): the headline first, so the
 * notification says what the change would do; then seats, changes, skipped users per reason and
 * warnings. Long lists fold into {@code <details>} and stop after a bounded number of rows, so the
 * comment stays inside GitHub's size limit whatever the tenant; the JSON report always lists everything.
 */
public final class MarkdownPlanRenderer implements PlanRenderer {
    /** The hidden HTML comment that marks Seatwarden's comment, so a workflow can find and update it. */
    public static final String MARKER = "<!-- seatwarden-plan -->";
    /** Lists longer than this fold into {@code <details>}. */
    static final int SHOWN_OPEN = 10;
    /** Change rows before the list is cut with "… and N more". */
    static final int CHANGE_ROWS_MAX = 150;
    /**
     * Skipped rows per reason before the list is cut. With the change rows, at most about 400 rows:
     * the whole comment stays well under GitHub's 65,536-character limit.
     */
    static final int SKIP_ROWS_MAX = 40;

    @Override
    public void render(Plan plan, PlanHeader header, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(MARKER).append('\n');
        text.append("**Seatwarden plan:** ").append(escape(PlanView.headline(plan))).append("\n\n");
        text.append("Tenant `").append(plan.tenantId()).append('`');
        header.tenantName().ifPresent(name -> text.append(" (").append(escape(name)).append(')'));
        text.append(" · ");
        header.generatedAt().ifPresent(instant -> text.append("generated ").append(PlanHeader.time(instant)).append(" · "));
        header.policies().ifPresent(revision -> text.append("policies ").append(escape(revision.describe())).append(" · "));
        text.append(plan.summary().removalGuard().wouldTrip() ? ":warning: **Removal guard** " : "Removal guard ")
                .append(escape(PlanView.guard(plan.summary().removalGuard()))).append('\n');
        PlanView.ownershipNote(plan).ifPresent(note -> text.append("\n> :warning: **").append(escape(note)).append("**\n"));
        seats(plan, text);
        CostReport.appendMarkdown(plan, text);
        changes(plan, text);
        skipped(plan, text);
        heldAdds(plan, text);
        lifecycle(plan, text);
        licenseErrors(plan, text);
        if (!plan.warnings().isEmpty()) {
            text.append("\n### Warnings\n\n");
            plan.warnings().forEach(warning -> text.append("- :warning: ").append(escape(warning)).append('\n'));
        }
        out.write(text.toString());
        out.flush();
    }

    private static void seats(Plan plan, StringBuilder text) {
        text.append("\n### Seats\n\n");
        if (plan.skus().isEmpty()) {
            text.append("No policy references a SKU.\n");
            return;
        }
        text.append("| SKU | Enabled | Consumed | Reserved | Free before | Assigned | Freed | Free after | Waiting |\n");
        text.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (SkuSeats seats : plan.skus()) {
            text.append("| ").append(code(seats.skuPartNumber()))
                    .append(" | ").append(seats.enabled())
                    .append(" | ").append(seats.consumed())
                    .append(" | ").append(seats.reserved())
                    .append(" | ").append(seats.availableBefore())
                    .append(" | ").append(seats.assigned())
                    .append(" | ").append(seats.freed())
                    .append(" | ").append(seats.availableAfter())
                    .append(" | ").append(seats.waiting())
                    .append(" |\n");
        }
        text.append('\n').append(escape(PlanView.SEATS_LEGEND)).append('\n');
        List<String> notes = PlanView.seatNotes(plan);
        if (!notes.isEmpty()) {
            text.append('\n');
            notes.forEach(note -> text.append("- :warning: ").append(escape(note)).append('\n'));
        }
    }

    private static void changes(Plan plan, StringBuilder text) {
        List<UserChange> changes = plan.changes();
        text.append("\n### Changes\n\n");
        if (changes.isEmpty()) {
            text.append("None.\n");
            return;
        }
        boolean folded = changes.size() > SHOWN_OPEN;
        if (folded) {
            text.append("<details><summary>").append(PlanView.count(changes.size(), "user")).append(" to change</summary>\n\n");
        }
        text.append("| User | Change | Policies |\n|---|---|---|\n");
        for (UserChange change : changes.subList(0, Math.min(CHANGE_ROWS_MAX, changes.size()))) {
            text.append("| ").append(code(change.userPrincipalName()))
                    .append(" | ").append(escape(String.join(", ", PlanView.changeItems(change))))
                    .append(" | ").append(escape(String.join(", ", change.policies())))
                    .append(" |\n");
        }
        more(text, changes.size() - CHANGE_ROWS_MAX);
        if (folded) {
            text.append("\n</details>\n");
        }
    }

    private static void skipped(Plan plan, StringBuilder text) {
        Map<SkipReason, List<Skip>> groups = PlanView.skipsByReason(plan);
        text.append("\n### Skipped\n\n");
        if (groups.isEmpty()) {
            text.append("None.\n");
            return;
        }
        text.append("| Reason | Count | Why |\n|---|--:|---|\n");
        groups.forEach((reason, skips) -> text.append("| `").append(reason).append("` | ").append(skips.size())
                .append(" | ").append(escape(PlanView.explain(reason))).append(" |\n"));
        groups.forEach((reason, skips) -> {
            text.append("\n<details><summary><code>").append(reason).append("</code> (").append(skips.size())
                    .append(")</summary>\n\n");
            boolean details = PlanView.hasDetails(skips);
            text.append(details ? "| User | Policy | SKU | Detail |\n|---|---|---|---|\n" : "| User | Policy | SKU |\n|---|---|---|\n");
            for (Skip skip : skips.subList(0, Math.min(SKIP_ROWS_MAX, skips.size()))) {
                text.append("| ").append(code(skip.userPrincipalName()))
                        .append(" | ").append(escape(skip.policy()))
                        .append(" | ").append(code(skip.skuPartNumber()));
                if (details) {
                    text.append(" | ").append(escape(skip.detail() == null ? "" : skip.detail()));
                }
                text.append(" |\n");
            }
            more(text, skips.size() - SKIP_ROWS_MAX);
            text.append("\n</details>\n");
        });
    }

    private static void licenseErrors(Plan plan, StringBuilder text) {
        List<LicenseError> errors = plan.licenseErrors();
        if (errors.isEmpty()) {
            return;
        }
        text.append("\n### License errors\n\n");
        text.append(":warning: ").append(PlanView.count(errors.size(), "license")).append(" in error: ")
                .append(escape(PlanView.licenseErrorsExplained())).append(".\n\n");
        text.append("| User | SKU | Group | Error |\n|---|---|---|---|\n");
        for (LicenseError error : errors.subList(0, Math.min(CHANGE_ROWS_MAX, errors.size()))) {
            text.append("| ").append(code(error.userPrincipalName()))
                    .append(" | ").append(code(error.skuPartNumber()))
                    .append(" | ").append(code(PlanView.errorSource(error)))
                    .append(" | ").append(code(error.error()))
                    .append(" |\n");
        }
        more(text, errors.size() - CHANGE_ROWS_MAX);
    }

    private static void heldAdds(Plan plan, StringBuilder text) {
        List<HeldAdd> held = plan.waitingForHeldRemovals();
        if (held.isEmpty()) {
            return;
        }
        text.append("\n### Waiting for held removals\n\n");
        text.append(":warning: ").append(PlanView.count(held.size(), "addition")).append(" held back with the removals: ")
                .append(escape(PlanView.heldAddsExplained(plan))).append(".\n\n");
        boolean folded = held.size() > SHOWN_OPEN;
        if (folded) {
            text.append("<details><summary>").append(PlanView.count(held.size(), "addition")).append(" waiting</summary>\n\n");
        }
        text.append("| User | SKU | Policies |\n|---|---|---|\n");
        for (HeldAdd add : held.subList(0, Math.min(CHANGE_ROWS_MAX, held.size()))) {
            text.append("| ").append(code(add.userPrincipalName()))
                    .append(" | ").append(code(add.skuPartNumber()))
                    .append(" | ").append(escape(String.join(", ", add.policies())))
                    .append(" |\n");
        }
        more(text, held.size() - CHANGE_ROWS_MAX);
        if (folded) {
            text.append("\n</details>\n");
        }
    }

    private static void lifecycle(Plan plan, StringBuilder text) {
        for (LifecycleSections.Section section : LifecycleSections.of(plan)) {
            text.append("\n### ").append(escape(section.title())).append("\n\n").append(escape(section.note())).append("\n\n");
            boolean folded = section.rows().size() > SHOWN_OPEN;
            if (folded) {
                text.append("<details><summary>").append(escape(section.title())).append("</summary>\n\n");
            }
            text.append("| ").append(String.join(" | ", section.headers())).append(" |\n|")
                    .append("---|".repeat(section.headers().size())).append('\n');
            for (List<String> row : section.rows().subList(0, Math.min(CHANGE_ROWS_MAX, section.rows().size()))) {
                text.append("| ").append(code(row.get(0)));
                row.subList(1, row.size()).forEach(cell -> text.append(" | ").append(escape(cell)));
                text.append(" |\n");
            }
            more(text, section.rows().size() - CHANGE_ROWS_MAX);
            if (folded) {
                text.append("\n</details>\n");
            }
        }
    }

    private static void more(StringBuilder text, int hidden) {
        if (hidden > 0) {
            text.append("\n… and ").append(hidden).append(" more (the JSON plan lists all)\n");
        }
    }

    /** A code span; GitHub tables need {@code |} escaped even inside one, and a backtick in the text needs a longer fence. */
    static String code(String text) {
        String cell = text.replace("|", "\\|");
        return cell.contains("`") ? "`` " + cell + " ``" : "`" + cell + "`";
    }

    /** Plain text in a table cell or paragraph: Markdown and HTML specials are escaped, so names render as written. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            char c = text.charAt(index);
            switch (c) {
                case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#': case '~':
                    out.append('\\').append(c);
                    break;
                case '<':
                    out.append("&lt;");
                    break;
                case '>':
                    out.append("&gt;");
                    break;
                case '&':
                    out.append("&amp;");
                    break;
                default:
                    out.append(c);
            }
        }
        return out.toString();
    }
}
