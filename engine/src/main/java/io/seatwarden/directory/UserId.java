package io.seatwarden.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import static java.util.Objects.requireNonNull;

/** A user's object id in the directory (Graph's {@code id}). */
public record UserId(String value) implements Comparable<UserId> {
    public UserId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("user id is blank");
        }
    }

    @JsonCreator
    public static UserId of(String value) {
        return new UserId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }
}
