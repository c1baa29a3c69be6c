package io.seatwarden.state;

import io.seatwarden.directory.SkuId;

import java.util.List;

/**
 * How a settled change alters what the engine owns for its user: SKUs it newly assigned (recorded)
 * and SKUs it removed (forgotten). Disabled-plan updates of a held license change neither.
 */
public record OwnershipDelta(List<SkuId> assigned, List<SkuId> removed) {
    private static final OwnershipDelta NONE = new OwnershipDelta(List.of(), List.of());

    public OwnershipDelta {
        assigned = List.copyOf(assigned);
        removed = List.copyOf(removed);
    }

    public static OwnershipDelta none() {
        return NONE;
    }

    public boolean isEmpty() {
        return assigned.isEmpty() && removed.isEmpty();
    }
}
