package io.seatwarden.directory;


import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What an incremental read of one tenant starts from: the snapshot of the last wet run's read (its
 * scope, compressed), the scope it covers ({@code scopeKey}, to tell when policies reach further), and
 * Graph's delta links that continue from just before that read.
 *
 * @param snapshot the snapshot as gzip-compressed tenant-file JSON
 * @param fullReadAt when the tenant was last read in full (incremental reads carry it on)
 */
public record DeltaState(TenantId tenant, String scopeKey, String usersDeltaLink, String groupsDeltaLink, byte[] snapshot,
                         Instant readAt, Instant fullReadAt) {
    public DeltaState {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(scopeKey, "scopeKey is null");
        requireNonNull(usersDeltaLink, "usersDeltaLink is null");
        requireNonNull(groupsDeltaLink, "groupsDeltaLink is null");
        snapshot = snapshot.clone();
        requireNonNull(readAt, "readAt is null");
        requireNonNull(fullReadAt, "fullReadAt is null");
    }

    @Override
    public byte[] snapshot() {
        return snapshot.clone();
    }
}
