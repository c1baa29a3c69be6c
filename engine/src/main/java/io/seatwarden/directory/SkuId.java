package io.seatwarden.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** A subscription's product id, Graph's {@code skuId} (a GUID). */
public record SkuId(UUID value) implements Comparable<SkuId> {
    public SkuId {
        requireNonNull(value, "value is null");
    }

    /** Parses a GUID; throws {@link IllegalArgumentException} when the text is not one. */
    @JsonCreator
    public static SkuId of(String text) {
        return new SkuId(Guids.parse(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }

    @Override
    public int compareTo(SkuId other) {
        // Same order as the canonical lower-case strings, without formatting them.
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }
}
