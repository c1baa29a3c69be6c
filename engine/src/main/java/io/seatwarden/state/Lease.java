package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.time.Instant;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The right to apply to a tenant, held until released or until it expires.
 *
 * @param owner who holds it, for messages (e.g. {@code host:pid} or a node name)
 * @param token distinguishes this holding from any other by the same owner
 */
public record Lease(TenantId tenant, String owner, UUID token, Instant acquiredAt, Instant expiresAt) {
    public Lease {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(token, "token is null");
        requireNonNull(acquiredAt, "acquiredAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
