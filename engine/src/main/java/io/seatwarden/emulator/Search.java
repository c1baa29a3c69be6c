package io.seatwarden.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code $search}: quoted {@code "property:text"} clauses joined by {@code AND} / {@code OR}
 * (AND binds tighter). As in the directory, a clause matches when a word of the property's value starts with
 * the text, ignoring case (words split at spaces, punctuation and lower-to-upper case changes); a text with
 * spaces matches a value containing it.
 */
final class Search {
    private static final Pattern CLAUSE = Pattern.compile("\\\"([^\\\":]+):([^\\\"]*)\\\"|\\b(AND|OR)\\b");

    private record Clause(String property, String text) {}

    /** Alternatives (OR) of conjunctions (AND). */
    private final List<List<Clause>> alternatives;

    private Search(List<List<Clause>> alternatives) {
        this.alternatives = alternatives;
    }

    static Search parse(String text, List<String> properties) {
        List<List<Clause>> alternatives = new ArrayList<>();
        List<Clause> current = new ArrayList<>();
        Matcher matcher = CLAUSE.matcher(text.trim());
        int end = 0;
        boolean expectClause = true;
        while (matcher.find()) {
            if (!text.trim().substring(end, matcher.start()).isBlank()) {
                throw invalid(text);
            }
            end = matcher.end();
            if (matcher.group(3) != null) {
                if (expectClause) {
                    throw invalid(text);
                }
                if (matcher.group(3).equals("OR")) {
                    alternatives.add(current);
                    current = new ArrayList<>();
                }
                expectClause = true;
                continue;
            }
            if (!expectClause) {
                throw invalid(text);
            }
            String property = matcher.group(1).trim();
            String graphName = properties.stream().filter(name -> name.equalsIgnoreCase(property)).findFirst()
                    .orElseThrow(() -> GraphErrorException.badRequest("Invalid search property '" + property + "'."));
            current.add(new Clause(graphName, matcher.group(2).trim().toLowerCase(Locale.ROOT)));
            expectClause = false;
        }
        if (expectClause || !text.trim().substring(end).isBlank()) {
            throw invalid(text);
        }
        alternatives.add(current);
        return new Search(alternatives);
    }

    private static GraphErrorException invalid(String text) {
        return GraphErrorException.badRequest("Syntax error: the $search value " + text
                + " is not of the form \"property:text\", optionally joined by AND or OR.");
    }

    boolean matches(Filter.Target target) {
        for (List<Clause> conjunction : alternatives) {
            boolean all = true;
            for (Clause clause : conjunction) {
                Object value = target.property(clause.property());
                if (!(value instanceof String text) || !matches(text, clause.text())) {
                    all = false;
                    break;
                }
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String value, String text) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (text.isEmpty() || lower.startsWith(text) || (text.contains(" ") && lower.contains(text))) {
            return true;
        }
        for (String word : value.split("[\\s\\p{Punct}]+|(?<=\\p{Ll})(?=\\p{Lu})")) {
            if (word.toLowerCase(Locale.ROOT).startsWith(text)) {
                return true;
            }
        }
        return false;
    }
}
