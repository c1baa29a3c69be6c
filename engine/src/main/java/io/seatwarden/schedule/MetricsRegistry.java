package io.seatwarden.schedule;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * A small Prometheus registry: counters and gauges with labels, rendered in the text exposition
 * format (version 0.0.4), families and series sorted so that scrapes are stable. Thread-safe.
 */
public final class MetricsRegistry {
    /** Prometheus metric types we use. */
    public enum Type {
        COUNTER,
        GAUGE
    }

    private record Family(String name, Type type, String help, SortedMap<String, Double> series) {}

    private final SortedMap<String, Family> families = new TreeMap<>();

    /** Declares a family; series appear as they are first set. Declaring twice is harmless. */
    public synchronized void declare(String name, Type type, String help) {
        families.putIfAbsent(name, new Family(name, type, help, new TreeMap<>()));
    }

    public synchronized void increment(String name, double amount, Map<String, String> labels) {
        if (amount < 0) {
            throw new IllegalArgumentException("counters only go up");
        }
        family(name, Type.COUNTER).series().merge(labelText(labels), amount, Double::sum);
    }

    public synchronized void set(String name, double value, Map<String, String> labels) {
        family(name, Type.GAUGE).series().put(labelText(labels), value);
    }

    /** The current value of one series, or 0 when it was never set. */
    public synchronized double value(String name, Map<String, String> labels) {
        Family family = families.get(name);
        return family == null ? 0 : family.series().getOrDefault(labelText(labels), 0.0);
    }

    public synchronized String render() {
        StringBuilder text = new StringBuilder();
        for (Family family : families.values()) {
            text.append("# HELP ").append(family.name()).append(' ').append(family.help()).append('\n');
            text.append("# TYPE ").append(family.name()).append(' ').append(family.type().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
            family.series().forEach((labels, value) ->
                    text.append(family.name()).append(labels).append(' ').append(format(value)).append('\n'));
        }
        return text.toString();
    }

    private Family family(String name, Type type) {
        Family family = families.get(requireNonNull(name, "name is null"));
        if (family == null) {
            throw new IllegalArgumentException("metric " + name + " is not declared");
        }
        if (family.type() != type) {
            throw new IllegalArgumentException("metric " + name + " is a " + family.type());
        }
        return family;
    }

    private static String labelText(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("{");
        new TreeMap<>(labels).forEach((key, value) -> text.append(text.length() == 1 ? "" : ",")
                .append(key).append("=\"").append(escape(value)).append('"'));
        return text.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
