package io.seatwarden.schedule;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.seatwarden.policy.PolicyProblem;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import io.seatwarden.policy.SourceLocation;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML document as a tree whose every node and key knows its {@code file:line:column}. */
final class LocatedYaml {
    private LocatedYaml() {}

    sealed interface Node permits MapNode, ListNode, ScalarNode {
        SourceLocation location();
    }

    record Entry(String key, SourceLocation keyLocation, Node value) {}

    record MapNode(Map<String, Entry> entries, SourceLocation location) implements Node {}

    record ListNode(List<Node> items, SourceLocation location) implements Node {}

    /** @param text null for YAML's null ({@code ~}, empty) */
    record ScalarNode(String text, SourceLocation location) implements Node {}

    /** Parses a document; duplicate keys are added to {@code problems} (the first one wins). */
    static Node parse(Reader reader, String file, List<PolicyProblem> problems) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return new ScalarNode(null, new SourceLocation(file, 1, 1));
            }
            return read(parser, file, problems);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                SourceLocation where = new SourceLocation(file, yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1);
                throw new TenantsFileException(List.of(new PolicyProblem(where, "not valid YAML: " + yaml.getProblem())));
            }
            JsonLocation at = e.getLocation();
            SourceLocation where = at == null ? SourceLocation.unknown(file) : new SourceLocation(file, at.getLineNr(), at.getColumnNr());
            throw new TenantsFileException(List.of(new PolicyProblem(where, "not valid YAML: " + e.getOriginalMessage())));
        }
    }

    private static Node read(JsonParser parser, String file, List<PolicyProblem> problems) throws IOException {
        SourceLocation location = at(parser, file);
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                SourceLocation keyLocation = at(parser, file);
                parser.nextToken();
                Node value = read(parser, file, problems);
                if (entries.putIfAbsent(key, new Entry(key, keyLocation, value)) != null) {
                    problems.add(new PolicyProblem(keyLocation, "'" + key + "' is given twice"));
                }
            }
            return new MapNode(entries, location);
        }
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(parser, file, problems));
            }
            return new ListNode(items, location);
        }
        return new ScalarNode(token == JsonToken.VALUE_NULL ? null : parser.getText(), location);
    }

    private static SourceLocation at(JsonParser parser, String file) {
        JsonLocation location = parser.currentTokenLocation();
        return new SourceLocation(file, location.getLineNr(), location.getColumnNr());
    }
}
