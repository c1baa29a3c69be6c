package io.seatwarden.schedule;

import java.util.Map;

/**
 * Formats one log event as logfmt ({@code event=run.finished tenant=contoso outcome=APPLIED}):
 * one line, values quoted when they hold spaces, quotes or '='. Never pass a secret.
 */
public final class Logfmt {
    private Logfmt() {}

    /** {@code keysAndValues} alternates keys and values, in the order they should appear. */
    public static String event(String event, Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        StringBuilder line = new StringBuilder("event=").append(quote(event));
        for (int i = 0; i < keysAndValues.length; i += 2) {
            line.append(' ').append(keysAndValues[i]).append('=').append(quote(String.valueOf(keysAndValues[i + 1])));
        }
        return line.toString();
    }

    public static String counts(Map<String, Integer> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((key, value) -> text.append(text.length() == 0 ? "" : ",").append(key).append(':').append(value));
        return text.toString();
    }

    static String quote(String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c > ' ' && c != '"' && c != '=' && c != '\\';
        }
        if (plain) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
