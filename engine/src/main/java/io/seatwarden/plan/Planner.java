package io.seatwarden.plan;

import io.seatwarden.directory.TenantSnapshot;

/**
 * The planning core: a pure function from resolved policies, a tenant snapshot and the engine's
 * ownership records to a {@link Plan}. No I/O, no clock, no randomness: equal inputs give equal plans.
 */
public final class Planner {
    public Plan plan(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership) {
        throw new UnsupportedOperationException("being written");
    }
}
