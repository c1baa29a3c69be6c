package io.seatwarden.report;

import io.seatwarden.state.SeatSample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The recent trend of one SKU's seats in use, and the headroom it leaves. Pure: the same samples give the same
 * answer, whatever the time now.
 *
 * <p>The trend is the least-squares slope of seats in use ({@link SeatSample#assigned()}) against time in days,
 * fitted to every sample in the {@value #WINDOW_DAYS} days up to the newest sample (each recorded run is one
 * point). Headroom is the newest sample's free seats less its reserve: when none are left, {@code NONE_LEFT};
 * with fewer than two distinct times, {@code NOT_ENOUGH_HISTORY}; when the slope is zero or negative,
 * {@code NO_GROWTH}; else {@code GROWING} with {@code floor(seatsLeft / slope)} days.
 *
 * <pre>{@code
 * Headroom headroom = SeatTrend.headroom(samplesOfOneSku); // e.g. GROWING, 12 days at +1.5 seats/day
 * }</pre>
 */
public final class SeatTrend {
    public static final int WINDOW_DAYS = 14;
    private static final double SECONDS_PER_DAY = 86_400.0;
    /** Below this a slope is rounding noise, not growth (a millionth of a seat per day). */
    private static final double FLAT = 1e-6;

    private SeatTrend() {}

    /** @param samples one SKU's samples, oldest first; not empty */
    public static Headroom headroom(List<SeatSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        SeatSample newest = samples.get(samples.size() - 1);
        List<SeatSample> window = window(samples, newest.recordedAt());
        OptionalDouble slope = slope(window);
        int seatsLeft = newest.available() - newest.reserved();
        if (seatsLeft <= 0) {
            return new Headroom(Headroom.Status.NONE_LEFT, seatsLeft, slope, OptionalLong.of(0), window.size());
        }
        if (slope.isEmpty()) {
            return new Headroom(Headroom.Status.NOT_ENOUGH_HISTORY, seatsLeft, slope, OptionalLong.empty(), window.size());
        }
        if (slope.getAsDouble() <= FLAT) {
            return new Headroom(Headroom.Status.NO_GROWTH, seatsLeft, slope, OptionalLong.empty(), window.size());
        }
        long days = (long) Math.floor(seatsLeft / slope.getAsDouble());
        return new Headroom(Headroom.Status.GROWING, seatsLeft, slope, OptionalLong.of(days), window.size());
    }

    private static List<SeatSample> window(List<SeatSample> samples, Instant newest) {
        Instant start = newest.minus(Duration.ofDays(WINDOW_DAYS));
        List<SeatSample> window = new ArrayList<>();
        for (SeatSample sample : samples) {
            if (!sample.recordedAt().isBefore(start)) {
                window.add(sample);
            }
        }
        return window;
    }

    /** Ordinary least squares of seats in use on days; empty when all samples share one time. */
    static OptionalDouble slope(List<SeatSample> samples) {
        if (samples.size() < 2) {
            return OptionalDouble.empty();
        }
        Instant origin = samples.get(0).recordedAt();
        double meanX = 0;
        double meanY = 0;
        for (SeatSample sample : samples) {
            meanX += days(origin, sample);
            meanY += sample.assigned();
        }
        meanX /= samples.size();
        meanY /= samples.size();
        double covariance = 0;
        double variance = 0;
        for (SeatSample sample : samples) {
            double dx = days(origin, sample) - meanX;
            covariance += dx * (sample.assigned() - meanY);
            variance += dx * dx;
        }
        return variance == 0 ? OptionalDouble.empty() : OptionalDouble.of(covariance / variance);
    }

    private static double days(Instant origin, SeatSample sample) {
        return Duration.between(origin, sample.recordedAt()).toMillis() / 1000.0 / SECONDS_PER_DAY;
    }
}
