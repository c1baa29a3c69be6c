package io.seatwarden.report;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.state.SeatSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What {@code seatwarden history} shows: per tenant and SKU, the samples of the last {@code days} days and the
 * headroom at the recent trend.
 *
 * <pre>{@code
 * List<SeatSample> read = history.since(tenant, SeatHistoryReport.readSince(now, 30));
 * SeatHistoryReport report = SeatHistoryReport.of(read, now, 30);
 * }</pre>
 *
 * @param generatedAt when the report was made (the only thing that differs between two reports of the same history)
 * @param days how far back the samples go
 * @param series one per tenant and SKU with a sample in those days, by tenant, then SKU part number
 */
public record SeatHistoryReport(Instant generatedAt, int days, List<Series> series) {
    public SeatHistoryReport {
        requireNonNull(generatedAt, "generatedAt is null");
        series = List.copyOf(series);
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1");
        }
    }

    /**
     * One SKU of one tenant over time.
     *
     * @param samples the samples in the report's days, oldest first; not empty
     */
    public record Series(TenantId tenant, SkuId skuId, String skuPartNumber, List<SeatSample> samples, Headroom headroom) {
        public Series {
            requireNonNull(tenant, "tenant is null");
            requireNonNull(skuId, "skuId is null");
            requireNonNull(skuPartNumber, "skuPartNumber is null");
            samples = List.copyOf(samples);
            requireNonNull(headroom, "headroom is null");
            if (samples.isEmpty()) {
                throw new IllegalArgumentException("a series needs a sample");
            }
        }

        public SeatSample latest() {
            return samples.get(samples.size() - 1);
        }
    }

    /** How far back to read so that both the shown days and the trend's window are covered. */
    public static Instant readSince(Instant now, int days) {
        return now.minus(Duration.ofDays(Math.max(days, SeatTrend.WINDOW_DAYS)));
    }

    /** @param samples as {@link io.seatwarden.state.SeatHistory#since} returns them: by tenant, SKU, then time */
    public static SeatHistoryReport of(List<SeatSample> samples, Instant now, int days) {
        Map<String, List<SeatSample>> bySku = new LinkedHashMap<>();
        for (SeatSample sample : samples) {
            bySku.computeIfAbsent(sample.tenant().value() + "/" + sample.skuId(), key -> new ArrayList<>()).add(sample);
        }
        Instant shownSince = now.minus(Duration.ofDays(days));
        List<Series> series = new ArrayList<>();
        for (List<SeatSample> all : bySku.values()) {
            List<SeatSample> shown = all.stream().filter(sample -> !sample.recordedAt().isBefore(shownSince)).toList();
            if (!shown.isEmpty()) {
                SeatSample newest = shown.get(shown.size() - 1);
                series.add(new Series(newest.tenant(), newest.skuId(), newest.skuPartNumber(), shown, SeatTrend.headroom(all)));
            }
        }
        return new SeatHistoryReport(now, days, series);
    }
}
