package io.seatwarden.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import static java.util.Objects.requireNonNull;

/** The directory (tenant) id; the engine's state is keyed by it, never by a URL. */
public record TenantId(String value) {
    /** Used when a tenant file names no tenant. */
    public static final TenantId DEFAULT = new TenantId("00000000-0000-0000-0000-0000000000aa");

    public TenantId {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("tenant id is blank");
        }
    }

    @JsonCreator
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
