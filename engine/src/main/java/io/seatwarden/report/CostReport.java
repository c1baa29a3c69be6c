package io.seatwarden.report;

import io.seatwarden.plan.Plan;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.cost.PlanCost;
import io.seatwarden.plan.cost.PolicyCost;
import io.seatwarden.plan.cost.SkuCost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Cost per month" section of the human-readable reports (text, Markdown, HTML): per priced
 * SKU and in total, the value of the seats held before and after, the change, the unused seats and
 * the shortfall; then the chargeback per policy; and the SKUs without a price, by name. Nothing is
 * written when the settings price no SKU. Amounts are shown exactly as the plan holds them.
 */
final class CostReport {
    private static final List<String> SKU_HEADERS = List.of("SKU", "Price per seat", "Held before", "Held after", "Change",
            "Unused after", "Shortfall");
    private static final List<String> POLICY_HEADERS = List.of("Policy", "Seats", "Per month", "Not priced");

    private CostReport() {}

    static String title(PlanCost cost) {
        return "Cost per month (" + cost.currency() + ")";
    }

    /** One sentence: the change and, when users wait, what their seats would cost. */
    static String sentence(PlanCost cost) {
        StringBuilder text = new StringBuilder();
        text.append("Seats held: ").append(amount(cost.assignedBefore())).append(" → ").append(amount(cost.assignedAfter()))
                .append(' ').append(cost.currency()).append(" per month (").append(signed(cost.delta())).append(")");
        text.append("; unused after the plan: ").append(amount(cost.unusedAfter()));
        if (cost.shortfall().signum() > 0) {
            text.append("; seats for the users left waiting would cost ").append(amount(cost.shortfall()));
        }
        return text.append('.').toString();
    }

    static String unpricedNote(PlanCost cost) {
        return "No price in settings.prices for " + String.join(", ", cost.unpriced()) + ": not counted in these figures.";
    }

    static List<List<String>> skuRows(Plan plan) {
        List<List<String>> rows = new ArrayList<>();
        for (SkuSeats seats : plan.skus()) {
            SkuCost cost = seats.cost();
            if (cost != null) {
                rows.add(List.of(seats.skuPartNumber(), amount(cost.pricePerSeat()), amount(cost.assignedBefore()),
                        amount(cost.assignedAfter()), signed(cost.delta()), amount(cost.unusedAfter()), amount(cost.shortfall())));
            }
        }
        PlanCost total = plan.summary().cost();
        rows.add(List.of("Total", "", amount(total.assignedBefore()), amount(total.assignedAfter()), signed(total.delta()),
                amount(total.unusedAfter()), amount(total.shortfall())));
        return rows;
    }

    static List<List<String>> policyRows(PlanCost cost) {
        List<List<String>> rows = new ArrayList<>();
        for (PolicyCost policy : cost.policies()) {
            rows.add(List.of(policy.policy(), Integer.toString(policy.seats()), amount(policy.monthly()),
                    String.join(", ", policy.unpriced())));
        }
        return rows;
    }

    static void appendText(Plan plan, StringBuilder text) {
        PlanCost cost = plan.summary().cost();
        if (cost == null) {
            return;
        }
        text.append('\n').append(title(cost)).append('\n');
        text.append("  ").append(sentence(cost)).append('\n');
        TextTable skus = new TextTable(SKU_HEADERS, 1, 2, 3, 4, 5, 6);
        skuRows(plan).forEach(skus::row);
        skus.appendTo(text, "  ");
        if (!cost.unpriced().isEmpty()) {
            text.append("  ! ").append(unpricedNote(cost)).append('\n');
        }
        if (!cost.policies().isEmpty()) {
            text.append("  Chargeback (seats each policy's members hold after the plan)\n");
            TextTable policies = new TextTable(POLICY_HEADERS, 1, 2);
            policyRows(cost).forEach(policies::row);
            policies.appendTo(text, "  ");
        }
    }

    static void appendMarkdown(Plan plan, StringBuilder text) {
        PlanCost cost = plan.summary().cost();
        if (cost == null) {
            return;
        }
        text.append("\n### ").append(title(cost)).append("\n\n").append(MarkdownPlanRenderer.escape(sentence(cost))).append("\n\n");
        markdownTable(text, SKU_HEADERS, skuRows(plan), true);
        if (!cost.unpriced().isEmpty()) {
            text.append("\n- :warning: ").append(MarkdownPlanRenderer.escape(unpricedNote(cost))).append('\n');
        }
        if (!cost.policies().isEmpty()) {
            text.append("\nChargeback (seats each policy's members hold after the plan):\n\n");
            markdownTable(text, POLICY_HEADERS, policyRows(cost), false);
        }
    }

    private static void markdownTable(StringBuilder text, List<String> headers, List<List<String>> rows, boolean codeFirst) {
        text.append("| ").append(String.join(" | ", headers)).append(" |\n|---");
        for (int column = 1; column < headers.size(); column++) {
            text.append(column == headers.size() - 1 && !codeFirst ? "|---" : "|--:");
        }
        text.append("|\n");
        for (List<String> row : rows) {
            String first = row.get(0);
            text.append("| ").append(!codeFirst ? MarkdownPlanRenderer.escape(first)
                    : first.equals("Total") ? "**Total**" : MarkdownPlanRenderer.code(first));
            for (String cell : row.subList(1, row.size())) {
                text.append(" | ").append(MarkdownPlanRenderer.escape(cell));
            }
            text.append(" |\n");
        }
    }

    static void appendHtml(Plan plan, StringBuilder html) {
        PlanCost cost = plan.summary().cost();
        if (cost == null) {
            return;
        }
        html.append("<h2>").append(HtmlPlanRenderer.escape(title(cost))).append("</h2>\n<p>")
                .append(HtmlPlanRenderer.escape(sentence(cost))).append("</p>\n");
        htmlTable(html, SKU_HEADERS, skuRows(plan));
        if (!cost.unpriced().isEmpty()) {
            html.append("<p class=\"warn\">").append(HtmlPlanRenderer.escape(unpricedNote(cost))).append("</p>\n");
        }
        if (!cost.policies().isEmpty()) {
            html.append("<p class=\"muted\">Chargeback: seats each policy's members hold after the plan.</p>\n");
            htmlTable(html, POLICY_HEADERS, policyRows(cost));
        }
    }

    private static void htmlTable(StringBuilder html, List<String> headers, List<List<String>> rows) {
        html.append("<table>\n<tr>");
        for (int column = 0; column < headers.size(); column++) {
            html.append(numeric(headers, column) ? "<th class=\"n\">" : "<th>").append(HtmlPlanRenderer.escape(headers.get(column)))
                    .append("</th>");
        }
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int column = 0; column < row.size(); column++) {
                html.append(numeric(headers, column) ? "<td class=\"n\">" : "<td>").append(HtmlPlanRenderer.escape(row.get(column)))
                        .append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static boolean numeric(List<String> headers, int column) {
        return column > 0 && !headers.get(column).equals("Not priced");
    }

    static String amount(BigDecimal value) {
        return value.toPlainString();
    }

    static String signed(BigDecimal value) {
        return value.signum() > 0 ? "+" + value.toPlainString() : value.toPlainString();
    }
}
