package io.seatwarden.emulator;

import io.seatwarden.directory.Guids;
import io.seatwarden.directory.SkuId;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed OData {@code $filter} over directory objects: {@code eq}, {@code ne}, {@code in},
 * {@code startsWith}, {@code endsWith}, {@code not}, {@code and}, {@code or}, parentheses,
 * {@code assignedLicenses/any(x:x/skuId eq GUID)} and {@code assignedLicenses/$count eq N}.
 * String comparisons ignore case, as the directory's do. {@link #advancedOperator()} names the first
 * operator that Graph accepts only as an advanced query ({@code ConsistencyLevel: eventual} plus
 * {@code $count=true}).
 */
final class Filter {
    /** What a filter is evaluated against. */
    interface Target {
        /** A scalar property's value: a String, a Boolean or null. */
        Object property(String name);

        Collection<SkuId> assignedSkus();

        /** A string collection property (e.g. a group's {@code groupTypes}); empty when the target has none. */
        default Collection<String> strings(String name) {
            return List.of();
        }
    }

    private interface Node {
        boolean test(Target target);
    }

    /** {@code id in ('a','b')} or {@code id eq 'a' or id eq 'b'}, nothing else: the ids can be looked up. */
    private static final Pattern ID_LIST = Pattern.compile(
            "\\s*id\\s+in\\s*\\(\\s*'[^']*'(\\s*,\\s*'[^']*')*\\s*\\)\\s*|\\s*id\\s+eq\\s+'[^']*'(\\s+or\\s+id\\s+eq\\s+'[^']*')*\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    private final Node root;
    private final String advancedOperator;
    private final Optional<Set<String>> ids;

    private Filter(Node root, String advancedOperator, Optional<Set<String>> ids) {
        this.root = root;
        this.advancedOperator = advancedOperator;
        this.ids = ids;
    }

    /**
     * The ids (lower case) when the filter only asks for objects by id: the emulator looks them up instead of
     * testing every object (a by-id read of 15 users in a tenant of a million). {@link #matches} still decides.
     */
    Optional<Set<String>> ids() {
        return ids;
    }

    boolean matches(Target target) {
        return root.test(target);
    }

    Optional<String> advancedOperator() {
        return Optional.ofNullable(advancedOperator);
    }

    /**
     * @param properties filterable scalar properties, keyed by lower-case name, valued by Graph's name
     * @param resource the resource's name in error messages, e.g. {@code User}
     */
    static Filter parse(String text, Map<String, String> properties, String resource) {
        Parser parser = new Parser(tokenize(text), properties, resource);
        Node root = parser.orExpression();
        if (parser.position < parser.tokens.size()) {
            throw invalid();
        }
        return new Filter(root, parser.advanced, idList(text));
    }

    private static Optional<Set<String>> idList(String text) {
        if (!ID_LIST.matcher(text).matches()) {
            return Optional.empty();
        }
        Set<String> result = new HashSet<>();
        Matcher quoted = QUOTED.matcher(text);
        while (quoted.find()) {
            result.add(quoted.group(1).toLowerCase(Locale.ROOT));
        }
        return Optional.of(Set.copyOf(result));
    }

    static GraphErrorException invalid() {
        return GraphErrorException.badRequest("Invalid filter clause");
    }

    private enum Kind { IDENT, STRING, OPEN, CLOSE, COMMA, COLON }

    private record Token(Kind kind, String text) {}

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")"));
                i++;
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ","));
                i++;
            } else if (c == ':') {
                tokens.add(new Token(Kind.COLON, ":"));
                i++;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw GraphErrorException.badRequest("Invalid filter clause: unterminated string literal");
                    }
                    char d = text.charAt(i);
                    if (d == '\'') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && "(),:'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.IDENT, text.substring(start, i)));
            }
        }
        return tokens;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final Map<String, String> properties;
        private final String resource;
        private int position;
        private String advanced;

        Parser(List<Token> tokens, Map<String, String> properties, String resource) {
            this.tokens = tokens;
            this.properties = properties;
            this.resource = resource;
        }

        private Token peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        private boolean peekWord(String word) {
            Token token = peek();
            return token != null && token.kind() == Kind.IDENT && token.text().equalsIgnoreCase(word);
        }

        private Token next() {
            if (position >= tokens.size()) {
                throw invalid();
            }
            return tokens.get(position++);
        }

        private void expect(Kind kind) {
            if (next().kind() != kind) {
                throw invalid();
            }
        }

        private void advanced(String operator) {
            if (advanced == null) {
                advanced = operator;
            }
        }

        Node orExpression() {
            Node left = andExpression();
            while (peekWord("or")) {
                position++;
                Node a = left;
                Node b = andExpression();
                left = target -> a.test(target) || b.test(target);
            }
            return left;
        }

        Node andExpression() {
            Node left = unary();
            while (peekWord("and")) {
                position++;
                Node a = left;
                Node b = unary();
                left = target -> a.test(target) && b.test(target);
            }
            return left;
        }

        Node unary() {
            if (peekWord("not")) {
                position++;
                advanced("not");
                Node inner = unary();
                return target -> !inner.test(target);
            }
            return primary();
        }

        Node primary() {
            Token token = next();
            if (token.kind() == Kind.OPEN) {
                Node inner = orExpression();
                expect(Kind.CLOSE);
                return inner;
            }
            if (token.kind() != Kind.IDENT) {
                throw invalid();
            }
            String word = token.text();
            if (word.equalsIgnoreCase("startsWith") || word.equalsIgnoreCase("endsWith")) {
                return function(word.toLowerCase(Locale.ROOT).startsWith("starts"));
            }
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("assignedlicenses/any")) {
                return anyLicense();
            }
            if (lower.equals("grouptypes/any")) {
                return anyString("groupTypes");
            }
            if (lower.equals("assignedlicenses/$count")) {
                advanced("$count");
                String operator = next().text().toLowerCase(Locale.ROOT);
                int count;
                try {
                    count = Integer.parseInt(next().text());
                } catch (NumberFormatException e) {
                    throw invalid();
                }
                if (operator.equals("eq")) {
                    return target -> target.assignedSkus().size() == count;
                }
                if (operator.equals("ne")) {
                    return target -> target.assignedSkus().size() != count;
                }
                throw invalid();
            }
            String property = property(word);
            Token operator = next();
            if (operator.kind() != Kind.IDENT) {
                throw invalid();
            }
            switch (operator.text().toLowerCase(Locale.ROOT)) {
                case "eq": {
                    Object literal = literal(next());
                    return target -> same(target.property(property), literal);
                }
                case "ne": {
                    advanced("ne");
                    Object literal = literal(next());
                    return target -> !same(target.property(property), literal);
                }
                case "in": {
                    expect(Kind.OPEN);
                    List<Object> values = new ArrayList<>();
                    values.add(literal(next()));
                    while (peek() != null && peek().kind() == Kind.COMMA) {
                        position++;
                        values.add(literal(next()));
                    }
                    expect(Kind.CLOSE);
                    return target -> {
                        Object value = target.property(property);
                        for (Object candidate : values) {
                            if (same(value, candidate)) {
                                return true;
                            }
                        }
                        return false;
                    };
                }
                default:
                    throw GraphErrorException.unsupportedQuery("Unsupported or invalid query filter clause specified for property '"
                            + property + "' of resource '" + resource + "'.");
            }
        }

        private Node function(boolean starts) {
            if (!starts) {
                advanced("endsWith");
            }
            expect(Kind.OPEN);
            Token name = next();
            if (name.kind() != Kind.IDENT) {
                throw invalid();
            }
            String property = property(name.text());
            expect(Kind.COMMA);
            Token value = next();
            if (value.kind() != Kind.STRING) {
                throw invalid();
            }
            expect(Kind.CLOSE);
            String needle = value.text().toLowerCase(Locale.ROOT);
            return target -> {
                Object actual = target.property(property);
                if (!(actual instanceof String text)) {
                    return false;
                }
                String lower = text.toLowerCase(Locale.ROOT);
                return starts ? lower.startsWith(needle) : lower.endsWith(needle);
            };
        }

        private Node anyLicense() {
            expect(Kind.OPEN);
            if (peek() != null && peek().kind() == Kind.CLOSE) {
                position++; // assignedLicenses/any(): any license at all (group-list example 7)
                return target -> !target.assignedSkus().isEmpty();
            }
            Token variable = next();
            if (variable.kind() != Kind.IDENT) {
                throw invalid();
            }
            expect(Kind.COLON);
            Token member = next();
            if (!member.text().equalsIgnoreCase(variable.text() + "/skuId")) {
                throw GraphErrorException.unsupportedQuery("Unsupported or invalid query filter clause specified for property 'assignedLicenses' of resource '" + resource + "'.");
            }
            Token operator = next();
            List<SkuId> skus = new ArrayList<>();
            if (operator.text().equalsIgnoreCase("eq")) {
                skus.add(guid(next()));
            } else if (operator.text().equalsIgnoreCase("in")) {
                expect(Kind.OPEN);
                skus.add(guid(next()));
                while (peek() != null && peek().kind() == Kind.COMMA) {
                    position++;
                    skus.add(guid(next()));
                }
                expect(Kind.CLOSE);
            } else {
                throw invalid();
            }
            expect(Kind.CLOSE);
            return target -> {
                for (SkuId sku : target.assignedSkus()) {
                    if (skus.contains(sku)) {
                        return true;
                    }
                }
                return false;
            };
        }

        /** {@code groupTypes/any(s:s eq 'Unified')}: a string collection holding the value (ignoring case). */
        private Node anyString(String collection) {
            if (!properties.containsValue(collection)) {
                throw GraphErrorException.unsupportedQuery("Unsupported or invalid query filter clause specified for property '"
                        + collection + "' of resource '" + resource + "'.");
            }
            expect(Kind.OPEN);
            Token variable = next();
            expect(Kind.COLON);
            Token member = next();
            Token operator = next();
            if (!member.text().equalsIgnoreCase(variable.text()) || !operator.text().equalsIgnoreCase("eq")) {
                throw invalid();
            }
            Token value = next();
            if (value.kind() != Kind.STRING) {
                throw invalid();
            }
            expect(Kind.CLOSE);
            String wanted = value.text();
            return target -> target.strings(collection).stream().anyMatch(wanted::equalsIgnoreCase);
        }

        private SkuId guid(Token token) {
            // Graph takes the GUID unquoted; a quoted one is a type mismatch (Edm.String vs Edm.Guid).
            if (token.kind() != Kind.IDENT || !Guids.isGuid(token.text())) {
                throw GraphErrorException.badRequest("Invalid filter clause: a Guid literal is expected in the assignedLicenses filter.");
            }
            return SkuId.of(token.text());
        }

        private String property(String name) {
            String property = properties.get(name.toLowerCase(Locale.ROOT));
            if (property == null) {
                throw GraphErrorException.unsupportedQuery("Unsupported or invalid query filter clause specified for property '"
                        + name + "' of resource '" + resource + "'.");
            }
            return property;
        }

        private static Object literal(Token token) {
            if (token.kind() == Kind.STRING) {
                return token.text();
            }
            if (token.kind() != Kind.IDENT) {
                throw invalid();
            }
            String text = token.text();
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
            if (text.equals("null")) {
                return null;
            }
            if (Guids.isGuid(text) || text.matches("-?[0-9]+")) {
                return text;
            }
            throw invalid();
        }

        private static boolean same(Object actual, Object literal) {
            if (actual == null || literal == null) {
                return actual == literal;
            }
            if (actual instanceof String a && literal instanceof String b) {
                return a.equalsIgnoreCase(b);
            }
            return actual.equals(literal);
        }
    }
}
