package io.seatwarden.report;

import io.seatwarden.plan.AdoptedLicense;
import io.seatwarden.plan.DataAtStake;
import io.seatwarden.plan.PendingRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.RemovalReason;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The license-lifecycle parts of a plan (adopted licenses, removals waiting out their grace period) as
 * titled tables, worded once for the text, Markdown and HTML reports. A section appears only when it has rows,
 * so plans that use no lifecycle key read as before.
 */
final class LifecycleSections {
    private LifecycleSections() {}

    /** A titled table: {@code note} says what the rows mean. */
    record Section(String title, String note, List<String> headers, List<List<String>> rows) {
        Section {
            headers = List.copyOf(headers);
            rows = List.copyOf(rows);
        }
    }

    static List<Section> of(Plan plan) {
        List<Section> sections = new ArrayList<>(2);
        if (!plan.adopted().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (AdoptedLicense adopted : plan.adopted()) {
                rows.add(List.of(adopted.userPrincipalName(), adopted.skuPartNumber(), adopted.policy()));
            }
            sections.add(new Section("Adopted (" + rows.size() + ")",
                    "held licenses the engine takes as its own (adopt: true): no Graph write; from then on removed like"
                            + " licenses the engine assigned", List.of("User", "SKU", "Policy"), rows));
        }
        if (!plan.pendingRemovals().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (PendingRemoval pending : plan.pendingRemovals()) {
                rows.add(List.of(pending.userPrincipalName(), pending.skuPartNumber(), words(pending.reason()) + atStake(pending.dataAtStake()),
                        pending.removeAfter().toString()));
            }
            sections.add(new Section("Pending removals (" + rows.size() + ")",
                    "waiting out settings.removalGraceDays: removed by the first run after the date, cancelled if the user"
                            + " qualifies again", List.of("User", "SKU", "Reason", "Remove after"), rows));
        }
        return sections;
    }

    /** {@code "; MAILBOX AND ONEDRIVE AT STAKE"} for a removal that takes those away; empty otherwise. */
    static String atStake(List<DataAtStake> data) {
        if (data.isEmpty()) {
            return "";
        }
        List<String> names = new ArrayList<>();
        data.forEach(kind -> names.add(kind == DataAtStake.MAILBOX ? "MAILBOX" : "ONEDRIVE"));
        return "; " + String.join(" AND ", names) + " AT STAKE";
    }

    /** A removal reason as a reader says it: {@code NOT_ENTITLED} is "not entitled". */
    static String words(RemovalReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
