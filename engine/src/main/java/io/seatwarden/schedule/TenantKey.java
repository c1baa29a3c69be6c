package io.seatwarden.schedule;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The short name a service knows a tenant by ({@code contoso}): the Quartz job key, the run
 * directory name and the {@code tenant} label of metrics. Not the directory's {@link
 * io.seatwarden.directory.TenantId}, which the engine learns from Graph.
 */
public record TenantKey(String value) implements Comparable<TenantKey> {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    public TenantKey {
        requireNonNull(value, "value is null");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("tenant id '" + value
                    + "' must be 1-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    @JsonCreator
    public static TenantKey of(String value) {
        return new TenantKey(value);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }

    @Override
    public int compareTo(TenantKey other) {
        return value.compareTo(other.value);
    }
}
