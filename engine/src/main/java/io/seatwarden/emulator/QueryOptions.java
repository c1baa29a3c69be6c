package io.seatwarden.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OData query options of one request, names and values percent-decoded (the SDK sends
 * {@code %24select} in batch steps and {@code $select} on the wire; both mean the same).
 */
final class QueryOptions {
    private static final int MAX_TOP = 999;

    private final LinkedHashMap<String, String> options = new LinkedHashMap<>();

    private QueryOptions() {}

    static QueryOptions parse(String rawQuery) {
        QueryOptions query = new QueryOptions();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            // OData names are case-insensitive; "$Top" and "$top" are the same option.
            String key = name.startsWith("$") ? name.toLowerCase(Locale.ROOT) : name;
            if (query.options.containsKey(key)) {
                throw GraphErrorException.badRequest("Query option '" + name + "' was specified more than once, but it must be specified at most once.");
            }
            query.options.put(key, value);
        }
        return query;
    }

    /** Parses for costing only: a malformed query costs as if it had no options (it is refused later). */
    static QueryOptions parseLenient(String rawQuery) {
        try {
            return parse(rawQuery);
        } catch (GraphErrorException e) {
            return new QueryOptions();
        }
    }

    /** A {@code +} in a query string is a space, as Graph (and HTML forms) read it; a literal plus is {@code %2B}. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GraphErrorException.badRequest("The query string is not correctly percent-encoded.");
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean has(String name) {
        return options.containsKey(name);
    }

    /** The $select list, or empty when not given. */
    Optional<List<String>> select() {
        return get("$select").map(value -> {
            List<String> names = new ArrayList<>();
            for (String name : value.split(",")) {
                if (!name.isBlank()) {
                    names.add(name.trim());
                }
            }
            return List.copyOf(names);
        });
    }

    Optional<String> filter() {
        return get("$filter");
    }

    /** The page size: $top (1..999) or the given default. */
    int top(int defaultSize) {
        Optional<String> top = get("$top");
        if (top.isEmpty()) {
            return defaultSize;
        }
        int value;
        try {
            value = Integer.parseInt(top.get().trim());
        } catch (NumberFormatException e) {
            throw GraphErrorException.badRequest("Invalid value '" + top.get() + "' for query option '$top'.");
        }
        if (value < 1 || value > MAX_TOP) {
            throw GraphErrorException.unsupportedQuery("Invalid page size specified: '" + value + "'. Must be between 1 and 999 inclusive.");
        }
        return value;
    }

    boolean countRequested() {
        return get("$count").map(value -> value.trim().equalsIgnoreCase("true")).orElse(false);
    }

    Optional<String> skipToken() {
        return get("$skiptoken");
    }

    /** The options in the order given, except {@code $skiptoken}, re-encoded for a nextLink. */
    String encodeWithout(String excluded) {
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (option.getKey().equals(excluded)) {
                continue;
            }
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(encode(option.getKey())).append('=').append(encode(option.getValue()));
        }
        return query.toString();
    }

    /** Percent-encodes everything but RFC 3986 unreserved characters and a few OData-friendly ones. */
    static String encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '$' || c == ',' || c == '(' || c == ')'
                    || c == '\'' || c == ':' || c == '/';
            if (plain) {
                out.write(c);
            } else {
                out.write('%');
                out.write(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
                out.write(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
