package io.seatwarden.directory;


import java.util.Optional;

/**
 * The stored starting point of incremental reads, one per tenant (table {@code seatwarden_delta_state}).
 * Only wet runs save; {@code plan} only loads. Thread-safe.
 */
public interface SnapshotStore {
    Optional<DeltaState> load(TenantId tenant);

    /** Replaces the tenant's stored state. */
    void save(DeltaState state);

    /** Drops the tenant's stored state: its next read is a full one. */
    void forget(TenantId tenant);
}
