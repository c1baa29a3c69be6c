package io.seatwarden.state;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A license the engine assigned: user, SKU, when, and by which run. */
public record Assignment(TenantId tenant, UserId user, SkuId sku, Instant assignedAt, RunId run) {
    public Assignment {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(user, "user is null");
        requireNonNull(sku, "sku is null");
        requireNonNull(assignedAt, "assignedAt is null");
        requireNonNull(run, "run is null");
    }
}
