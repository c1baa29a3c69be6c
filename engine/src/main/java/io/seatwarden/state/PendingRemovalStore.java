package io.seatwarden.state;

import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.Ownership;

import java.time.Instant;
import java.util.Map;

/**
 * Removals waiting out {@code settings.removalGraceDays}, per tenant, each with the instant a wet run first
 * recorded it: the planner carries a removal out once it has been pending for the grace period. Thread-safe.
 */
public interface PendingRemovalStore {
    /** The tenant's pending removals and when each was first recorded. */
    Map<Ownership.Key, Instant> load(TenantId tenant);

    /**
     * Makes the tenant's pending removals exactly {@code pending}, in one transaction: new ones are inserted with
     * their instant, recorded ones keep their first instant, and the others (cancelled, or carried out) are
     * forgotten. Idempotent.
     */
    void replace(TenantId tenant, Map<Ownership.Key, Instant> pending);
}
