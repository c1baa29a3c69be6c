package io.seatwarden.state;

import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.Ownership;

import java.util.Collection;
import java.util.List;

/**
 * The licenses the engine assigned, per tenant: what rule 5 lets it remove. A license is
 * recorded when an {@code assignLicense} that added it succeeded and forgotten when one that
 * removed it succeeded; {@link Journal#settle} does both in the same transaction as the journal
 * entry, so prefer it while applying. Both operations are idempotent. Thread-safe.
 */
public interface AssignmentStore {
    /** Everything the engine assigned in the tenant, as the planner takes it. */
    Ownership load(TenantId tenant);

    /** The tenant's assignments, sorted by user then SKU. */
    List<Assignment> list(TenantId tenant);

    /**
     * Records licenses as the engine's, assigned now by {@code run}. A license already recorded
     * keeps its first assignment time and run.
     */
    void recordAssigned(TenantId tenant, RunId run, Collection<Ownership.Key> assigned);

    /** Forgets licenses the engine removed (or that are gone); unknown ones are ignored. */
    void forget(TenantId tenant, Collection<Ownership.Key> removed);
}
