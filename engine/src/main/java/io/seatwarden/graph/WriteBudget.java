package io.seatwarden.graph;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How many directory writes Graph accepts per app and tenant in a window: 3,000 per 150 s
 * (graph-facts.md §0). Configurable so tests and the emulator can use smaller numbers.
 *
 * @param margin added to the window on the client side, so that requests sent exactly one window
 *        apart still arrive one window apart when their latencies differ a little
 */
public record WriteBudget(int writes, Duration window, Duration margin) {
    public static final WriteBudget GRAPH = of(3000, Duration.ofSeconds(150));

    public WriteBudget {
        requireNonNull(window, "window is null");
        requireNonNull(margin, "margin is null");
        if (writes < 1 || window.isNegative() || window.isZero() || margin.isNegative()) {
            throw new IllegalArgumentException("a write budget needs writes >= 1, a positive window and a margin >= 0");
        }
    }

    /** A budget with the default margin: 1% of the window, at least 50 ms. */
    public static WriteBudget of(int writes, Duration window) {
        Duration onePercent = window.dividedBy(100);
        Duration minimum = Duration.ofMillis(50);
        return new WriteBudget(writes, window, onePercent.compareTo(minimum) < 0 ? minimum : onePercent);
    }

    /** Parses {@code N/DURATION} as in {@code 3000/150s} or {@code 300/15s}. */
    public static WriteBudget parse(String text) {
        String[] parts = text.trim().split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("write budget '" + text + "' is not N/SECONDSs, e.g. 3000/150s");
        }
        try {
            int writes = Integer.parseInt(parts[0].trim());
            String seconds = parts[1].trim();
            if (seconds.endsWith("s")) {
                seconds = seconds.substring(0, seconds.length() - 1);
            }
            return of(writes, Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("write budget '" + text + "' is not N/SECONDSs, e.g. 3000/150s", e);
        }
    }

    /** Writes per second at the ceiling. */
    public double ratePerSecond() {
        return writes * 1e9 / window.toNanos();
    }

    @Override
    public String toString() {
        return writes + "/" + window.toMillis() / 1000.0 + "s";
    }
}
