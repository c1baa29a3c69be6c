package io.seatwarden.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML document into {@link YamlNode}s with Jackson's streaming parser, which knows the
 * line and column of every token. Syntax errors, duplicate keys, tags such as {@code !!binary} and
 * anything past {@link PolicyLimits} become problems.
 */
final class YamlTreeReader {
    private final YAMLFactory factory = YAMLFactory.builder()
            // "NO" is Norway, not false: only true/false are booleans (YAML 1.2).
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // "group:" with nothing after it is a missing value, not an empty name.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(PolicyLimits.MAX_NESTING_DEPTH)
                    .build())
            .build();

    /** The document's root, or empty when the file is empty or cannot be parsed (a problem says why). */
    Optional<YamlNode> read(PolicySource source, Problems problems) {
        if (!RawTextCheck.passes(source, problems)) {
            return Optional.empty();
        }
        JsonParser parser;
        try {
            parser = factory.createParser(source.text());
        } catch (IOException e) {
            problems.add(new SourceLocation(source.name(), 1, 1), "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
        try (parser) {
            if (parser.nextToken() == null) {
                problems.add(new SourceLocation(source.name(), 1, 1), "the file is empty");
                return Optional.empty();
            }
            YamlNode root = readValue(parser, source.name(), problems);
            if (parser.nextToken() != null) {
                problems.add(location(source.name(), parser.currentTokenLocation()),
                        "a policy file holds one YAML document; remove the second one");
            }
            return Optional.of(root);
        } catch (StreamConstraintsException e) {
            SourceLocation where = location(source.name(), parser.currentLocation());
            boolean tooDeep = parser.getParsingContext().getNestingDepth() >= PolicyLimits.MAX_NESTING_DEPTH;
            problems.add(where, tooDeep
                    ? "maps and lists are nested more than " + PolicyLimits.MAX_NESTING_DEPTH
                            + " levels deep; a policy file needs at most six"
                    : "a value is too long: " + firstLine(e.getOriginalMessage()));
            return Optional.empty();
        } catch (JsonProcessingException e) {
            problems.add(syntaxErrorLocation(source.name(), e), syntaxErrorMessage(e));
            return Optional.empty();
        } catch (IOException e) {
            // Parsing a String does no I/O; this is a parser failure, reported like a syntax error.
            problems.add(new SourceLocation(source.name(), 1, 1), "cannot read the file: " + e.getMessage());
            return Optional.empty();
        }
    }

    private YamlNode readValue(JsonParser parser, String file, Problems problems) throws IOException {
        SourceLocation location = location(file, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yamlParser && yamlParser.isCurrentAlias()) {
            return new YamlNode.Scalar(YamlNode.Scalar.Kind.ALIAS, parser.getText(), location);
        }
        switch (token) {
            case START_OBJECT:
                return readMapping(parser, file, problems, location);
            case START_ARRAY:
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser, file, problems));
                }
                return new YamlNode.Sequence(items, location);
            case VALUE_STRING:
                return scalar(YamlNode.Scalar.Kind.STRING, parser.getText(), location);
            case VALUE_NUMBER_INT:
                return scalar(YamlNode.Scalar.Kind.INTEGER, parser.getText(), location);
            case VALUE_NUMBER_FLOAT:
                return scalar(YamlNode.Scalar.Kind.DECIMAL, parser.getText(), location);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.BOOLEAN, parser.getText(), location);
            case VALUE_NULL:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.NULL, "", location);
            case VALUE_EMBEDDED_OBJECT:
                // A !!binary scalar: Jackson decodes it to bytes, which no policy key takes.
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.BINARY, "", location);
            default:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.STRING, String.valueOf(parser.getText()), location);
        }
    }

    private YamlNode readMapping(JsonParser parser, String file, Problems problems, SourceLocation location)
            throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            SourceLocation keyLocation = location(file, parser.currentTokenLocation());
            String key = parser.currentName();
            parser.nextToken();
            YamlNode value = readValue(parser, file, problems);
            SourceLocation first = key.length() > PolicyLimits.MAX_SCALAR_LENGTH ? null : seen.putIfAbsent(key, keyLocation);
            if (key.length() > PolicyLimits.MAX_SCALAR_LENGTH) {
                problems.add(keyLocation, "a key of " + key.length() + " characters; policy files hold at most "
                        + PolicyLimits.MAX_SCALAR_LENGTH + " characters in one key or value");
            } else if (first != null) {
                problems.add(keyLocation, "duplicate key '" + key + "' (first written at " + first + ")");
            } else {
                entries.add(new YamlNode.Entry(key, keyLocation, value));
            }
        }
        return new YamlNode.Mapping(entries, location);
    }

    /** A scalar as written, or one of kind TOO_LONG that no policy key accepts (the loader says why). */
    private static YamlNode.Scalar scalar(YamlNode.Scalar.Kind kind, String text, SourceLocation location) {
        return text.length() <= PolicyLimits.MAX_SCALAR_LENGTH
                ? new YamlNode.Scalar(kind, text, location)
                : new YamlNode.Scalar(YamlNode.Scalar.Kind.TOO_LONG, "", location);
    }

    private static SourceLocation location(String file, JsonLocation location) {
        return new SourceLocation(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    private static SourceLocation syntaxErrorLocation(String file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            return new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
        }
        JsonLocation location = e.getLocation();
        return location == null ? new SourceLocation(file, 1, 1) : location(file, location);
    }

    private static String syntaxErrorMessage(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            String context = marked.getContext();
            return "YAML syntax error: " + (context == null ? "" : context + ": ") + marked.getProblem();
        }
        String message = e.getOriginalMessage();
        return "YAML syntax error: " + (message == null ? "malformed YAML" : firstLine(message));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
