package io.seatwarden.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
 * line and column of every token. Syntax errors and duplicate keys become problems.
 */
final class YamlTreeReader {
    private final YAMLFactory factory = YAMLFactory.builder()
            // "NO" is Norway, not false: only true/false are booleans (YAML 1.2).
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            // "group:" with nothing after it is a missing value, not an empty name.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    /** The document's root, or empty when the file is empty or cannot be parsed (a problem says why). */
    Optional<YamlNode> read(PolicySource source, Problems problems) {
        try (JsonParser parser = factory.createParser(source.text())) {
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
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.STRING, parser.getText(), location);
            case VALUE_NUMBER_INT:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.INTEGER, parser.getText(), location);
            case VALUE_NUMBER_FLOAT:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.DECIMAL, parser.getText(), location);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.BOOLEAN, parser.getText(), location);
            case VALUE_NULL:
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.NULL, "", location);
            default:
                // VALUE_EMBEDDED_OBJECT (a !!binary scalar) and the like: keep the text, let the reader complain.
                return new YamlNode.Scalar(YamlNode.Scalar.Kind.STRING, String.valueOf(parser.getText()), location);
        }
    }

    private YamlNode readMapping(JsonParser parser, String file, Problems problems, SourceLocation location)
            throws IOException {
        List<YamlNode.Entry> entries = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            SourceLocation keyLocation = location(file, parser.currentTokenLocation());
            parser.nextToken();
            YamlNode value = readValue(parser, file, problems);
            SourceLocation first = seen.putIfAbsent(key, keyLocation);
            if (first != null) {
                problems.add(keyLocation, "duplicate key '" + key + "' (first written at " + first + ")");
            } else {
                entries.add(new YamlNode.Entry(key, keyLocation, value));
            }
        }
        return new YamlNode.Mapping(entries, location);
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
        int newline = message == null ? -1 : message.indexOf('\n');
        return "YAML syntax error: " + (message == null ? "malformed YAML" : newline < 0 ? message : message.substring(0, newline));
    }
}
