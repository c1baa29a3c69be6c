package io.seatwarden.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** A parsed {@code $orderby}: properties with {@code asc} (default) or {@code desc}, compared ignoring case, nulls last. */
final class Ordering {
    private final Comparator<Filter.Target> comparator;

    private Ordering(Comparator<Filter.Target> comparator) {
        this.comparator = comparator;
    }

    static Ordering parse(String text, List<String> properties) {
        List<Comparator<Filter.Target>> keys = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words.length > 2 || words[0].isEmpty()) {
                throw GraphErrorException.badRequest("Invalid $orderby expression '" + text + "'.");
            }
            String property = properties.stream().filter(name -> name.equalsIgnoreCase(words[0])).findFirst()
                    .orElseThrow(() -> GraphErrorException.unsupportedQuery("Unsupported sort property '" + words[0] + "'."));
            boolean descending = words.length == 2 && words[1].equalsIgnoreCase("desc");
            if (words.length == 2 && !descending && !words[1].equalsIgnoreCase("asc")) {
                throw GraphErrorException.badRequest("Invalid $orderby direction '" + words[1] + "'.");
            }
            Comparator<String> values = Comparator.nullsLast(Comparator.comparing(value -> value.toLowerCase(Locale.ROOT)));
            Comparator<Filter.Target> key = Comparator.comparing(target -> (String) target.property(property),
                    descending ? Comparator.nullsLast(Comparator.<String, String>comparing(value -> value.toLowerCase(Locale.ROOT)).reversed()) : values);
            keys.add(key);
        }
        Comparator<Filter.Target> combined = keys.get(0);
        for (int i = 1; i < keys.size(); i++) {
            combined = combined.thenComparing(keys.get(i));
        }
        return new Ordering(combined);
    }

    Comparator<Filter.Target> comparator() {
        return comparator;
    }
}
