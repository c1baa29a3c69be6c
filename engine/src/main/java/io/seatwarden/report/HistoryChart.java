package io.seatwarden.report;

import io.seatwarden.state.SeatSample;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * One SKU's seats over time as an inline SVG line chart: seats in use, free and waiting, with the enabled seats
 * dashed behind them. Time runs left to right, scaled to the first and last sample; seats from zero up.
 */
final class HistoryChart {
    static final String IN_USE = "#0969da";
    static final String FREE = "#1a7f37";
    static final String WAITING = "#cf222e";
    static final String ENABLED = "#8c959f";
    /** The plot area's fill, used nowhere else on the page (a test finds the plot by it). */
    static final String PLOT = "#f5f8fc";

    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 52;
    private static final int RIGHT = 20;
    private static final int TOP = 14;
    private static final int BOTTOM = 36;
    private static final int MARKERS_MAX = 90;
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final List<SeatSample> samples;
    private final long firstMillis;
    private final long spanMillis;
    private final int top;
    private final int step;

    HistoryChart(List<SeatSample> samples) {
        this.samples = List.copyOf(samples);
        this.firstMillis = samples.get(0).recordedAt().toEpochMilli();
        this.spanMillis = samples.get(samples.size() - 1).recordedAt().toEpochMilli() - firstMillis;
        int highest = 1;
        for (SeatSample sample : samples) {
            highest = Math.max(highest, Math.max(Math.max(sample.enabled(), sample.assigned()), Math.max(sample.available(), sample.waiting())));
        }
        this.step = niceStep(highest / 4.0);
        this.top = step * (int) Math.ceil(highest / (double) step);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough} (and at least 1: seats are whole). */
    static int niceStep(double rough) {
        long power = 1;
        while (true) {
            for (int factor : new int[] {1, 2, 5}) {
                if (factor * power >= rough) {
                    return (int) (factor * power);
                }
            }
            power *= 10;
        }
    }

    void appendTo(StringBuilder html, String label) {
        html.append("<svg class=\"chart\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\" aria-label=\"")
                .append(HtmlPlanRenderer.escape(label)).append("\">\n");
        html.append("<title>").append(HtmlPlanRenderer.escape(label)).append("</title>\n");
        html.append("<rect class=\"plot\" x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotWidth())
                .append("\" height=\"").append(plotHeight()).append("\" fill=\"").append(PLOT).append("\"/>\n");
        for (int tick = 0; tick <= top; tick += step) {
            String y = format(y(tick));
            html.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT + plotWidth()).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#d8dee4\" stroke-width=\"1\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(format(y(tick) + 4))
                    .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#656d76\">").append(tick).append("</text>\n");
        }
        timeLabels(html);
        line(html, "enabled", ENABLED, "stroke-dasharray=\"6 4\" stroke-width=\"1.5\"", SeatSample::enabled, false);
        line(html, "free", FREE, "stroke-width=\"2.5\"", sample -> Math.max(0, sample.available()), true);
        line(html, "waiting", WAITING, "stroke-width=\"2.5\"", SeatSample::waiting, true);
        line(html, "in-use", IN_USE, "stroke-width=\"3\"", SeatSample::assigned, true);
        html.append("</svg>\n");
    }

    private void timeLabels(StringBuilder html) {
        String baseline = format(TOP + plotHeight() + 18);
        Instant first = samples.get(0).recordedAt();
        Instant last = samples.get(samples.size() - 1).recordedAt();
        if (spanMillis == 0) {
            html.append(label(format(LEFT + plotWidth() / 2.0), baseline, "middle", first));
            return;
        }
        html.append(label(String.valueOf(LEFT), baseline, "start", first));
        html.append(label(String.valueOf(LEFT + plotWidth()), baseline, "end", last));
    }

    private static String label(String x, String y, String anchor, Instant at) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\" font-size=\"11\" fill=\"#656d76\">"
                + LABEL.format(at) + " UTC</text>\n";
    }

    private void line(StringBuilder html, String name, String colour, String stroke, ToIntFunction<SeatSample> value, boolean markers) {
        StringBuilder points = new StringBuilder();
        for (SeatSample sample : samples) {
            points.append(points.length() == 0 ? "" : " ").append(format(x(sample))).append(',').append(format(y(value.applyAsInt(sample))));
        }
        html.append("<polyline class=\"").append(name).append("\" fill=\"none\" stroke=\"").append(colour).append("\" ").append(stroke)
                .append(" stroke-linejoin=\"round\" points=\"").append(points).append("\"/>\n");
        if (markers && samples.size() <= MARKERS_MAX) {
            for (SeatSample sample : samples) {
                html.append("<circle cx=\"").append(format(x(sample))).append("\" cy=\"").append(format(y(value.applyAsInt(sample))))
                        .append("\" r=\"3\" fill=\"").append(colour).append("\"/>");
            }
            html.append('\n');
        }
    }

    private double x(SeatSample sample) {
        if (spanMillis == 0) {
            return LEFT + plotWidth() / 2.0;
        }
        return LEFT + plotWidth() * (sample.recordedAt().toEpochMilli() - firstMillis) / (double) spanMillis;
    }

    private double y(int seats) {
        return TOP + plotHeight() - plotHeight() * seats / (double) top;
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
