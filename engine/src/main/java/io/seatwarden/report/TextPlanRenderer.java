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
 * The terminal report, read at a glance: the headline, seats per SKU before and after, each user's
 * changes, the skipped users grouped by reason, warnings and the removal guard's verdict. Long
 * lists are cut with "… and N more"; the JSON report always lists everything.
 */
public final class TextPlanRenderer implements PlanRenderer {
    /** Changes shown before the list is cut. */
    static final int CHANGES_SHOWN = 50;
    /** Skipped users shown per reason before the list is cut. */
    static final int SKIPS_SHOWN = 10;

    @Override
    public void render(Plan plan, PlanHeader header, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Seatwarden plan for tenant ").append(plan.tenantId());
        header.tenantName().ifPresent(name -> text.append(" (").append(name).append(')'));
        text.append('\n');
        if (!header.facts().isEmpty()) {
            text.append(capitalized(String.join("; ", header.facts()))).append('\n');
        }
        text.append(PlanView.headline(plan)).append('\n');
        PlanView.ownershipNote(plan).ifPresent(note -> text.append("! ").append(note).append('\n'));
        seats(plan, text);
        CostReport.appendText(plan, text);
        changes(plan, text);
        skipped(plan, text);
        heldAdds(plan, text);
        lifecycle(plan, text);
        licenseErrors(plan, text);
        if (!plan.warnings().isEmpty()) {
            text.append("\nWarnings\n");
            plan.warnings().forEach(warning -> text.append("  ! ").append(warning).append('\n'));
        }
        text.append("\nRemoval guard: ").append(PlanView.guard(plan.summary().removalGuard())).append(".\n");
        out.write(text.toString());
        out.flush();
    }

    private static void seats(Plan plan, StringBuilder text) {
        text.append("\nSeats\n");
        if (plan.skus().isEmpty()) {
            text.append("  (no policy references a SKU)\n");
            return;
        }
        TextTable table = new TextTable(List.of("SKU", "Enabled", "Consumed", "Reserved", "Free before",
                "Assigned", "Freed", "Free after", "Waiting"), 1, 2, 3, 4, 5, 6, 7, 8);
        for (SkuSeats seats : plan.skus()) {
            table.row(List.of(seats.skuPartNumber(), number(seats.enabled()), number(seats.consumed()),
                    number(seats.reserved()), number(seats.availableBefore()), number(seats.assigned()),
                    number(seats.freed()), number(seats.availableAfter()), number(seats.waiting())));
        }
        table.appendTo(text, "  ");
        text.append("  ").append(PlanView.SEATS_LEGEND).append('\n');
        PlanView.seatNotes(plan).forEach(note -> text.append("  ! ").append(note).append('\n'));
    }

    private static void changes(Plan plan, StringBuilder text) {
        List<UserChange> changes = plan.changes();
        text.append("\nChanges (").append(PlanView.count(changes.size(), "user")).append(")\n");
        if (changes.isEmpty()) {
            text.append("  none\n");
            return;
        }
        TextTable table = new TextTable(List.of("User", "Change", "Policies"));
        for (UserChange change : changes.subList(0, Math.min(CHANGES_SHOWN, changes.size()))) {
            table.row(List.of(change.userPrincipalName(), String.join(", ", PlanView.changeItems(change)),
                    String.join(", ", change.policies())));
        }
        table.appendTo(text, "  ");
        more(text, "  ", changes.size() - CHANGES_SHOWN);
    }

    private static void skipped(Plan plan, StringBuilder text) {
        Map<SkipReason, List<Skip>> groups = PlanView.skipsByReason(plan);
        text.append("\nSkipped (").append(plan.skipped().size()).append(")\n");
        if (groups.isEmpty()) {
            text.append("  none\n");
            return;
        }
        groups.forEach((reason, skips) -> {
            text.append("  ").append(reason).append(" (").append(skips.size()).append("): ")
                    .append(PlanView.explain(reason)).append('\n');
            boolean details = PlanView.hasDetails(skips);
            TextTable table = new TextTable(details ? List.of("User", "Policy", "SKU", "Detail") : List.of("User", "Policy", "SKU"));
            for (Skip skip : skips.subList(0, Math.min(SKIPS_SHOWN, skips.size()))) {
                table.row(details ? List.of(skip.userPrincipalName(), skip.policy(), skip.skuPartNumber(), skip.detail() == null ? "" : skip.detail())
                        : List.of(skip.userPrincipalName(), skip.policy(), skip.skuPartNumber()));
            }
            table.appendTo(text, "    ");
            more(text, "    ", skips.size() - SKIPS_SHOWN);
        });
    }

    private static void licenseErrors(Plan plan, StringBuilder text) {
        List<LicenseError> errors = plan.licenseErrors();
        if (errors.isEmpty()) {
            return;
        }
        text.append("\nLicense errors (").append(errors.size()).append(")\n");
        text.append("  ").append(PlanView.licenseErrorsExplained()).append('\n');
        TextTable table = new TextTable(List.of("User", "SKU", "Group", "Error"));
        for (LicenseError error : errors.subList(0, Math.min(CHANGES_SHOWN, errors.size()))) {
            table.row(List.of(error.userPrincipalName(), error.skuPartNumber(), PlanView.errorSource(error), error.error()));
        }
        table.appendTo(text, "  ");
        more(text, "  ", errors.size() - CHANGES_SHOWN);
    }

    private static void heldAdds(Plan plan, StringBuilder text) {
        List<HeldAdd> held = plan.waitingForHeldRemovals();
        if (held.isEmpty()) {
            return;
        }
        text.append("\nWaiting for held removals (").append(held.size()).append(")\n");
        text.append("  ").append(PlanView.heldAddsExplained(plan)).append('\n');
        TextTable table = new TextTable(List.of("User", "SKU", "Policies"));
        for (HeldAdd add : held.subList(0, Math.min(CHANGES_SHOWN, held.size()))) {
            table.row(List.of(add.userPrincipalName(), add.skuPartNumber(), String.join(", ", add.policies())));
        }
        table.appendTo(text, "  ");
        more(text, "  ", held.size() - CHANGES_SHOWN);
    }

    private static void more(StringBuilder text, String indent, int hidden) {
        if (hidden > 0) {
            text.append(indent).append("… and ").append(hidden).append(" more (--format json lists all)\n");
        }
    }

    private static void lifecycle(Plan plan, StringBuilder text) {
        for (LifecycleSections.Section section : LifecycleSections.of(plan)) {
            text.append('\n').append(section.title()).append(": ").append(section.note()).append('\n');
            TextTable table = new TextTable(section.headers());
            section.rows().subList(0, Math.min(CHANGES_SHOWN, section.rows().size())).forEach(table::row);
            table.appendTo(text, "  ");
            more(text, "  ", section.rows().size() - CHANGES_SHOWN);
        }
    }

    private static String number(int value) {
        return Integer.toString(value);
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
