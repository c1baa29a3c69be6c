package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.time.Duration;
import java.util.Optional;

/**
 * Keeps two applies against the same state and tenant from overlapping, across processes and
 * nodes: a lease per tenant, taken atomically in the database. A lease whose holder stopped
 * renewing it (its process died) expires and can be taken over. Times come from the store's
 * clock, so the nodes' clocks must agree to well within the lease time (NTP does). Thread-safe.
 *
 * <pre>{@code
 * Lease lease = locks.tryAcquire(tenant, "node-1:4242", Duration.ofMinutes(2))
 *         .orElseThrow(() -> busy(locks.holder(tenant)));   // "an apply by node-2:77 holds this tenant since ..."
 * try {
 *     ... between batches: lease = locks.renew(lease, Duration.ofMinutes(2)).orElseThrow(lost) ...
 * } finally {
 *     locks.release(lease);
 * }
 * }</pre>
 */
public interface ApplyLocks {
    /**
     * Takes the tenant's lease for {@code ttl} if nobody holds it or its holder's lease expired.
     *
     * @return the lease, or empty when another holder's lease is still live
     */
    Optional<Lease> tryAcquire(TenantId tenant, String owner, Duration ttl);

    /**
     * Takes over a lease the caller knows to be dead although it has not expired (e.g. its owner
     * names a process of this machine that no longer runs). Atomic: succeeds only while the
     * tenant's lease is still exactly {@code stale} (same token), so two processes taking over at
     * once cannot both win, and a holder that renewed or released in between is not robbed.
     *
     * @return the new lease, or empty when the tenant's lease is no longer {@code stale}
     */
    Optional<Lease> takeOver(Lease stale, String owner, Duration ttl);

    /** Extends a held lease to now + {@code ttl}; empty when it was lost (expired and taken over, or released). */
    Optional<Lease> renew(Lease lease, Duration ttl);

    /** Gives the lease up; does nothing when it is no longer held by it. */
    void release(Lease lease);

    /** The tenant's current lease, expired or not, if any (to say who holds it). */
    Optional<Lease> holder(TenantId tenant);
}
