package io.seatwarden.schedule;

import io.seatwarden.reconcile.TenantConnection;

/**
 * How a scheduled run reaches a tenant's Graph endpoint. Implementations keep one connection per
 * tenant for the life of the service, so that the writer's pace spans runs (Graph's write budget
 * is per app and tenant). Thread-safe.
 */
public interface TenantConnections {
    /**
     * The tenant's connection for one run; its writer's waits (write pace, Retry-After) end with an
     * {@link InterruptedException} once {@code cancellation} is requested, so the run stops between batches.
     *
     * @throws IllegalArgumentException when the tenant's credentials cannot be built (missing variables)
     */
    TenantConnection connect(TenantTarget tenant, Cancellation cancellation);
}
