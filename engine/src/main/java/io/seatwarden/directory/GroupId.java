package io.seatwarden.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import static java.util.Objects.requireNonNull;

/** A group's object id in the directory (Graph's {@code id}). */
public record GroupId(String value) implements Comparable<GroupId> {
    public GroupId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("group id is blank");
        }
    }

    @JsonCreator
    public static GroupId of(String value) {
        return new GroupId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(GroupId other) {
        return value.compareTo(other.value);
    }
}
