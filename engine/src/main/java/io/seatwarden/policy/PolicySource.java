package io.seatwarden.policy;

import static java.util.Objects.requireNonNull;

/**
 * The text of one policy file and the name problems use for it (a path relative to the working
 * directory, or a classpath name for the bundled copy).
 */
public record PolicySource(String name, String text) {
    public PolicySource {
        requireNonNull(name, "name is null");
        requireNonNull(text, "text is null");
    }
}
