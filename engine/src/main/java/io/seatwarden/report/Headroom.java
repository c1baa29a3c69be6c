package io.seatwarden.report;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * How long a SKU's free seats last at its recent trend (see {@link SeatTrend}).
 *
 * @param seatsLeft the newest sample's free seats less its reserve: what the engine can still hand out (may be negative)
 * @param slopePerDay seats in use gained per day over the trend window; empty with fewer than two distinct times
 * @param days whole days until {@code seatsLeft} is used up; only when {@link Status#GROWING} (0 when {@link Status#NONE_LEFT})
 * @param trendSamples the samples the slope was fitted to
 */
public record Headroom(Status status, int seatsLeft, OptionalDouble slopePerDay, OptionalLong days, int trendSamples) {
    /** What the trend says. */
    public enum Status {
        /** Seats in use rise: {@code days} says when the free seats run out. */
        GROWING,
        /** Seats in use are flat or falling over the window: the free seats last at this trend. */
        NO_GROWTH,
        /** No seat is left to hand out now (free seats at or below the reserve). */
        NONE_LEFT,
        /** Fewer than two samples at distinct times in the window: no trend yet. */
        NOT_ENOUGH_HISTORY
    }

    public Headroom {
        requireNonNull(status, "status is null");
        requireNonNull(slopePerDay, "slopePerDay is null");
        requireNonNull(days, "days is null");
    }

    /** One phrase for reports, e.g. {@code 12 days (+1.50 seats/day)} or {@code no growth}. */
    public String describe() {
        return switch (status) {
            case GROWING -> days.getAsLong() + (days.getAsLong() == 1 ? " day" : " days") + " (" + slope() + " seats/day)";
            case NO_GROWTH -> "no growth (" + slope() + " seats/day)";
            case NONE_LEFT -> "none left";
            case NOT_ENOUGH_HISTORY -> "not enough history";
        };
    }

    /** The slope with its sign and two decimals, or {@code -} without one. */
    public String slope() {
        if (slopePerDay.isEmpty()) {
            return "-";
        }
        double value = slopePerDay.getAsDouble();
        return (value > 0 ? "+" : "") + String.format(Locale.ROOT, "%.2f", value == 0 ? 0.0 : value);
    }
}
