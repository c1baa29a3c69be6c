package io.seatwarden.plan;

import io.seatwarden.policy.Settings;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * The removal guard's limits for one run (rule 4): at most {@code maxRemovals} removals, and at most
 * {@code maxRemovalsPercent} of any SKU's current holders. The planner takes them as an input, because
 * whether removals go out decides which adds have seats (rule 9).
 *
 * <pre>{@code
 * RemovalLimits.of(settings)                          // the policies' settings
 * RemovalLimits.of(settings, OptionalInt.of(500))     // --max-removals 500: absolute 500, no percentage
 * }</pre>
 *
 * @param maxRemovals the guard trips above this many removals in the run
 * @param maxRemovalsPercent ... or above this percentage of a SKU's holders; empty when off
 */
public record RemovalLimits(int maxRemovals, OptionalInt maxRemovalsPercent) {
    public RemovalLimits {
        requireNonNull(maxRemovalsPercent, "maxRemovalsPercent is null");
        if (maxRemovals < 0) {
            throw new IllegalArgumentException("maxRemovals is negative");
        }
        if (maxRemovalsPercent.isPresent() && maxRemovalsPercent.getAsInt() < 0) {
            throw new IllegalArgumentException("maxRemovalsPercent is negative");
        }
    }

    /** The limits the policies' settings set. */
    public static RemovalLimits of(Settings settings) {
        return new RemovalLimits(settings.maxRemovals(), settings.maxRemovalsPercent());
    }

    /**
     * The settings' limits, unless the run overrides them ({@code --max-removals N}): the override
     * raises the absolute limit to N and lifts the percentage limit, for that run only.
     */
    public static RemovalLimits of(Settings settings, OptionalInt override) {
        return override.isPresent() ? atMost(override.getAsInt()) : of(settings);
    }

    /** At most {@code maxRemovals} removals, whatever their share of a SKU's holders. */
    public static RemovalLimits atMost(int maxRemovals) {
        return new RemovalLimits(maxRemovals, OptionalInt.empty());
    }

    /** True when {@code verdict} was reached under these limits. */
    public boolean judged(RemovalGuardVerdict verdict) {
        Integer percent = maxRemovalsPercent.isPresent() ? maxRemovalsPercent.getAsInt() : null;
        return verdict.maxRemovals() == maxRemovals && java.util.Objects.equals(verdict.maxRemovalsPercent(), percent);
    }
}
