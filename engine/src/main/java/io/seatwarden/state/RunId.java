package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Identifies one run, e.g. {@code 20261123T020000123Z-1a2b3c4d}: its start time to the
 * millisecond (so ids sort by start time) and a random suffix (so they are unique across nodes).
 * It names the run's report directory, so it holds only file-name-safe characters; any such
 * string of up to 64 characters is accepted, so ids made by other parts of the engine fit too.
 */
public record RunId(String value) implements Comparable<RunId> {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    public RunId {
        requireNonNull(value, "value is null");
        if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("invalid run id '" + value + "': use up to 64 letters, digits, '.', '_' or '-'");
        }
    }

    public static RunId next(Instant startedAt, UUID random) {
        return new RunId(STAMP.format(startedAt) + "-" + random.toString().substring(0, 8));
    }

    @JsonCreator
    public static RunId of(String value) {
        return new RunId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(RunId other) {
        return value.compareTo(other.value);
    }
}
