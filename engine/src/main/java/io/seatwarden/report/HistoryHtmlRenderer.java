package io.seatwarden.report;

import io.seatwarden.directory.TenantId;
import io.seatwarden.state.SeatSample;

import java.util.Optional;

/**
 * {@code history --format html}: a self-contained page (inline CSS and SVG, no scripts, no external assets) with,
 * per tenant and SKU, a chart of seats in use, free and waiting over time and the days of headroom at the recent
 * trend ({@link SeatTrend}).
 */
public final class HistoryHtmlRenderer {
    private static final String STYLE = String.join("\n",
            "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem auto;max-width:52rem;padding:0 1rem;color:#1f2328}",
            "h1{font-size:1.4rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #d0d7de}",
            "h3{font-size:1rem;margin:1.4rem 0 .2rem}.muted{color:#656d76}.short{color:#cf222e;font-weight:600}",
            "table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;border-bottom:1px solid #eaeef2;text-align:left}",
            "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font:12px ui-monospace,monospace}",
            ".legend{margin:.6rem 0}.legend span{margin-right:1.2rem;white-space:nowrap}.legend svg{vertical-align:middle;margin-right:.3rem}",
            "svg.chart{display:block;max-width:100%;height:auto}");

    public String render(SeatHistoryReport report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Seatwarden seat history</title>\n<style>\n").append(STYLE).append("\n</style>\n</head>\n<body>\n")
                .append("<h1>Seatwarden seat history</h1>\n<p class=\"muted\">The last ").append(report.days())
                .append(report.days() == 1 ? " day" : " days").append(", as each apply and scheduled run left the seats · generated ")
                .append(report.generatedAt()).append("</p>\n");
        if (report.series().isEmpty()) {
            html.append("<p>No seat history recorded in that time: apply and scheduled runs record it.</p>\n");
            return html.append("</body>\n</html>\n").toString();
        }
        summary(report, html);
        legend(html);
        Optional<TenantId> tenant = Optional.empty();
        for (SeatHistoryReport.Series series : report.series()) {
            if (!tenant.equals(Optional.of(series.tenant()))) {
                tenant = Optional.of(series.tenant());
                html.append("<h2>Tenant <code>").append(HtmlPlanRenderer.escape(series.tenant().value())).append("</code></h2>\n");
            }
            html.append("<section class=\"sku\">\n<h3>").append(HtmlPlanRenderer.escape(series.skuPartNumber())).append("</h3>\n")
                    .append("<p class=\"headroom").append(series.headroom().status() == Headroom.Status.NONE_LEFT ? " short" : "")
                    .append("\">").append(HtmlPlanRenderer.escape(sentence(series))).append("</p>\n");
            new HistoryChart(series.samples()).appendTo(html, series.skuPartNumber() + ": seats in use, free and waiting over time");
            html.append("</section>\n");
        }
        html.append("<p class=\"muted\">Trend: the least-squares slope of seats in use per day, over the ").append(SeatTrend.WINDOW_DAYS)
                .append(" days up to each SKU's newest run (each run one point). Headroom: the free seats less the reserve,")
                .append(" divided by that slope; flat or falling use is no growth.</p>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    private static void summary(SeatHistoryReport report, StringBuilder html) {
        html.append("<table class=\"summary\">\n<tr><th>SKU</th><th class=\"n\">Enabled</th><th class=\"n\">In use</th>")
                .append("<th class=\"n\">Free</th><th class=\"n\">Reserved</th><th class=\"n\">Waiting</th><th class=\"n\">Trend/day</th>")
                .append("<th>Headroom</th></tr>\n");
        boolean tenants = report.series().stream().map(SeatHistoryReport.Series::tenant).distinct().count() > 1;
        for (SeatHistoryReport.Series series : report.series()) {
            SeatSample latest = series.latest();
            html.append("<tr><td>").append(HtmlPlanRenderer.escape(series.skuPartNumber()))
                    .append(tenants ? " <span class=\"muted\">" + HtmlPlanRenderer.escape(series.tenant().value()) + "</span>" : "")
                    .append("</td>");
            for (int value : new int[] {latest.enabled(), latest.assigned(), latest.available(), latest.reserved(), latest.waiting()}) {
                html.append("<td class=\"n\">").append(value).append("</td>");
            }
            html.append("<td class=\"n\">").append(series.headroom().slope()).append("</td><td>")
                    .append(HtmlPlanRenderer.escape(series.headroom().describe().replaceFirst(" \\(.*\\)$", ""))).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void legend(StringBuilder html) {
        html.append("<p class=\"legend\">");
        swatch(html, HistoryChart.IN_USE, "", "seats in use");
        swatch(html, HistoryChart.FREE, "", "free");
        swatch(html, HistoryChart.WAITING, "", "users waiting");
        swatch(html, HistoryChart.ENABLED, " stroke-dasharray=\"4 3\"", "enabled");
        html.append("</p>\n");
    }

    private static void swatch(StringBuilder html, String colour, String dash, String name) {
        html.append("<span><svg width=\"22\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"21\" y2=\"5\" stroke=\"")
                .append(colour).append("\" stroke-width=\"3\"").append(dash).append("/></svg>").append(name).append("</span>");
    }

    /** The headroom as a sentence, e.g. "18 seats left; at +1.50 seats a day that is 12 days of headroom." */
    static String sentence(SeatHistoryReport.Series series) {
        Headroom headroom = series.headroom();
        int waiting = series.latest().waiting();
        String runs = " (" + headroom.trendSamples() + (headroom.trendSamples() == 1 ? " run" : " runs") + " in the last "
                + SeatTrend.WINDOW_DAYS + " days)";
        return switch (headroom.status()) {
            case GROWING -> seats(headroom.seatsLeft()) + " left; at " + headroom.slope() + " seats a day that is "
                    + headroom.days().getAsLong() + (headroom.days().getAsLong() == 1 ? " day" : " days") + " of headroom" + runs + ".";
            case NO_GROWTH -> seats(headroom.seatsLeft()) + " left and no growth (" + headroom.slope() + " seats a day)" + runs + ".";
            case NONE_LEFT -> "No seats left to hand out" + (waiting > 0 ? ": " + waiting + (waiting == 1 ? " user waits" : " users wait")
                    + " for one" : "") + ". Buy seats, free some, or lower the reserve.";
            case NOT_ENOUGH_HISTORY -> seats(headroom.seatsLeft()) + " left; not enough history for a trend yet" + runs + ".";
        };
    }

    private static String seats(int count) {
        return count + (count == 1 ? " seat" : " seats");
    }
}
