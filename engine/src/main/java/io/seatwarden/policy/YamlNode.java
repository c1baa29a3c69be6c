package io.seatwarden.policy;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A YAML value with the place it was written, so that every problem can name its line and column
 * (a Jackson {@code JsonNode} forgets where it came from).
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {
    SourceLocation location();

    /** What a reader calls this kind of value in a message: "a map", "a list", "a string", ... */
    String describe();

    /** One {@code key: value} of a mapping, with the place of the key. */
    record Entry(String key, SourceLocation keyLocation, YamlNode value) {
        public Entry {
            requireNonNull(key, "key is null");
            requireNonNull(keyLocation, "keyLocation is null");
            requireNonNull(value, "value is null");
        }
    }

    record Mapping(List<Entry> entries, SourceLocation location) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
            requireNonNull(location, "location is null");
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(entry -> entry.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a map";
        }
    }

    record Sequence(List<YamlNode> items, SourceLocation location) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
            requireNonNull(location, "location is null");
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar as written ({@code text} is the source text, also for numbers and booleans). */
    record Scalar(Kind kind, String text, SourceLocation location) implements YamlNode {
        enum Kind {
            STRING("a string"),
            INTEGER("an integer"),
            DECIMAL("a decimal number"),
            BOOLEAN("a boolean"),
            NULL("nothing"),
            /** {@code *name}: Jackson does not expand aliases, so policy files cannot use them. */
            ALIAS("a YAML alias (policy files do not support anchors and aliases; repeat the value)"),
            /** {@code !!binary}: Jackson decodes it to bytes, which no policy key takes. */
            BINARY("a !!binary value (write the value as text)"),
            /** Longer than {@link PolicyLimits#MAX_SCALAR_LENGTH}: kept out of the model, whatever the key. */
            TOO_LONG("a value longer than " + PolicyLimits.MAX_SCALAR_LENGTH + " characters");

            private final String description;

            Kind(String description) {
                this.description = description;
            }
        }

        public Scalar {
            requireNonNull(kind, "kind is null");
            requireNonNull(text, "text is null");
            requireNonNull(location, "location is null");
        }

        @Override
        public String describe() {
            return kind.description;
        }
    }
}
