package io.seatwarden.plan;

import static java.util.Objects.requireNonNull;

/**
 * The plan JSON's {@code ownership} object: whether the plan knew which licenses the engine assigned.
 * A plan made without the engine's state cannot show the removals of those licenses.
 */
public record PlanOwnership(OwnershipSource source) {
    public static final PlanOwnership STATE = new PlanOwnership(OwnershipSource.STATE);
    public static final PlanOwnership NONE = new PlanOwnership(OwnershipSource.NONE);

    public PlanOwnership {
        requireNonNull(source, "source is null");
    }

    public static PlanOwnership of(Ownership ownership) {
        return ownership.source() == OwnershipSource.STATE ? STATE : NONE;
    }

    /** True when the engine's own licenses that no policy grants any more are missing from the plan. */
    public boolean hidesEngineLicenses() {
        return source == OwnershipSource.NONE;
    }
}
