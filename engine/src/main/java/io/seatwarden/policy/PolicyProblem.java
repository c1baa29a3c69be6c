package io.seatwarden.policy;

import static java.util.Objects.requireNonNull;

/** One thing wrong with the policies, at a place: printed as {@code file:line:column: message}. */
public record PolicyProblem(SourceLocation location, String message) implements Comparable<PolicyProblem> {
    public PolicyProblem {
        requireNonNull(location, "location is null");
        requireNonNull(message, "message is null");
    }

    /** "1 problem", "2 problems": for messages that count problems. */
    public static String count(int problems) {
        return problems + (problems == 1 ? " problem" : " problems");
    }

    @Override
    public String toString() {
        return location + ": " + message;
    }

    @Override
    public int compareTo(PolicyProblem other) {
        int byFile = location.file().compareTo(other.location.file());
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(location.line(), other.location.line());
        if (byLine != 0) {
            return byLine;
        }
        int byColumn = Integer.compare(location.column(), other.location.column());
        return byColumn != 0 ? byColumn : message.compareTo(other.message);
    }
}
