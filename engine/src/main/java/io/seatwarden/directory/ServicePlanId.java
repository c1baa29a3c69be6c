package io.seatwarden.directory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** A service plan inside a SKU, Graph's {@code servicePlanId} (a GUID). */
public record ServicePlanId(UUID value) implements Comparable<ServicePlanId> {
    public ServicePlanId {
        requireNonNull(value, "value is null");
    }

    @JsonCreator
    public static ServicePlanId of(String text) {
        return new ServicePlanId(Guids.parse(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }

    @Override
    public int compareTo(ServicePlanId other) {
        // Same order as the canonical lower-case strings, without formatting them.
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }
}
