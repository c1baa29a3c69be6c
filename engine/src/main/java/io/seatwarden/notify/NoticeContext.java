package io.seatwarden.notify;

import io.seatwarden.catalog.ProductCatalog;

import static java.util.Objects.requireNonNull;

/**
 * What a notice needs beyond the run's result.
 *
 * @param tenantName how people know the tenant: the scheduler's tenant name, or the tenant id for {@code apply}
 * @param catalog names the SKUs (part number and product name)
 */
public record NoticeContext(String tenantName, ProductCatalog catalog) {
    public NoticeContext {
        requireNonNull(tenantName, "tenantName is null");
        requireNonNull(catalog, "catalog is null");
    }
}
