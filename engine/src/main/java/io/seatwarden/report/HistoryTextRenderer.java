package io.seatwarden.report;

import io.seatwarden.state.SeatSample;

import java.util.List;

/** {@code history --format text}: one line per tenant and SKU with its newest figures and headroom. */
public final class HistoryTextRenderer {
    public String render(SeatHistoryReport report) {
        StringBuilder text = new StringBuilder();
        text.append("Seat history, last ").append(report.days()).append(report.days() == 1 ? " day" : " days").append('\n');
        if (report.series().isEmpty()) {
            return text.append("no seat history recorded in that time (apply and scheduled runs record it)\n").toString();
        }
        TextTable table = new TextTable(List.of("TENANT", "SKU", "RUNS", "ENABLED", "IN USE", "FREE", "RESERVED", "WAITING",
                "TREND/DAY", "HEADROOM"), 2, 3, 4, 5, 6, 7, 8);
        for (SeatHistoryReport.Series series : report.series()) {
            SeatSample latest = series.latest();
            table.row(List.of(series.tenant().value(), series.skuPartNumber(), String.valueOf(series.samples().size()),
                    String.valueOf(latest.enabled()), String.valueOf(latest.assigned()), String.valueOf(latest.available()),
                    String.valueOf(latest.reserved()), String.valueOf(latest.waiting()), series.headroom().slope(),
                    headroom(series.headroom())));
        }
        table.appendTo(text, "");
        text.append("Trend: least-squares slope of seats in use per day over the ").append(SeatTrend.WINDOW_DAYS)
                .append(" days up to each SKU's newest run; headroom: free seats less the reserve, divided by it.\n");
        return text.toString();
    }

    private static String headroom(Headroom headroom) {
        return switch (headroom.status()) {
            case GROWING -> headroom.days().getAsLong() + (headroom.days().getAsLong() == 1 ? " day" : " days");
            case NO_GROWTH -> "no growth";
            case NONE_LEFT -> "none left";
            case NOT_ENOUGH_HISTORY -> "not enough history";
        };
    }
}
