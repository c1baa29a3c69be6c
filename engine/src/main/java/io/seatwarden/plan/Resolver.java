package io.seatwarden.plan;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.policy.PolicySet;

import static java.util.Objects.requireNonNull;

/**
 * Resolves policy references against a tenant: SKUs by skuPartNumber, skuId or product display name
 * (through Microsoft's catalog), service plans by name or id, groups by id or unique display name.
 * Pure: no I/O. Collects every problem rather than stopping at the first.
 */
public final class Resolver {
    private final ProductCatalog catalog;

    public Resolver(ProductCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public Resolution resolve(PolicySet policies, TenantSnapshot tenant) {
        throw new UnsupportedOperationException("being written");
    }
}
