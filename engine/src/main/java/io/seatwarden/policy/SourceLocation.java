package io.seatwarden.policy;

import static java.util.Objects.requireNonNull;

/** A place in a policy file, for messages: {@code file:line:column}. Lines and columns count from 1. */
public record SourceLocation(String file, int line, int column) {
    public SourceLocation {
        requireNonNull(file, "file is null");
    }

    public static SourceLocation unknown(String file) {
        return new SourceLocation(file, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
