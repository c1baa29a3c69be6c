package io.seatwarden.catalog;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.SkuId;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Microsoft's "Product names and service plan identifiers for licensing" catalog: reference data
 * to resolve product display names and to show friendly names. The tenant's own subscribedSkus are
 * the truth about what exists; this only translates names.
 */
public final class ProductCatalog {
    private final List<Product> products;
    private final Map<String, List<Product>> byDisplayName;
    private final Map<String, Product> byPartNumber;
    private final Map<SkuId, Product> bySkuId;
    private final ServicePlanConflicts conflicts;

    public ProductCatalog(List<Product> products) {
        this(products, ServicePlanConflicts.none());
    }

    /** @param conflicts the service plans Microsoft lists as unable to be assigned together (Entra docs, same page) */
    public ProductCatalog(List<Product> products, ServicePlanConflicts conflicts) {
        this.conflicts = java.util.Objects.requireNonNull(conflicts, "conflicts is null");
        this.products = List.copyOf(products);
        Map<String, List<Product>> names = new HashMap<>();
        Map<String, Product> parts = new HashMap<>();
        Map<SkuId, Product> ids = new HashMap<>();
        for (Product product : this.products) {
            names.computeIfAbsent(key(product.displayName()), k -> new java.util.ArrayList<>()).add(product);
            parts.putIfAbsent(key(product.skuPartNumber()), product);
            ids.putIfAbsent(product.skuId(), product);
        }
        names.replaceAll((name, list) -> List.copyOf(list));
        this.byDisplayName = Collections.unmodifiableMap(names);
        this.byPartNumber = Collections.unmodifiableMap(parts);
        this.bySkuId = Collections.unmodifiableMap(ids);
    }

    public ServicePlanConflicts conflicts() {
        return conflicts;
    }

    /** This catalog with another list of mutually exclusive plans (a newer one than the bundled). */
    public ProductCatalog withConflicts(ServicePlanConflicts newConflicts) {
        return new ProductCatalog(products, newConflicts);
    }

    public static ProductCatalog empty() {
        return new ProductCatalog(List.of());
    }

    public List<Product> products() {
        return products;
    }

    /** Products with this display name, ignoring case (Microsoft reuses a few names). */
    public List<Product> byDisplayName(String displayName) {
        return byDisplayName.getOrDefault(key(displayName), List.of());
    }

    public Optional<Product> byPartNumber(String skuPartNumber) {
        return Optional.ofNullable(byPartNumber.get(key(skuPartNumber)));
    }

    public Optional<Product> bySkuId(SkuId skuId) {
        return Optional.ofNullable(bySkuId.get(skuId));
    }

    private static String key(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /** A product (SKU) of the catalog with its service plans. */
    public record Product(SkuId skuId, String skuPartNumber, String displayName, List<Plan> servicePlans) {
        public Product {
            requireNonNull(skuId, "skuId is null");
            requireNonNull(skuPartNumber, "skuPartNumber is null");
            requireNonNull(displayName, "displayName is null");
            servicePlans = List.copyOf(servicePlans);
        }
    }

    /** A service plan of a product, with its friendly name. */
    public record Plan(ServicePlanId servicePlanId, String servicePlanName, String friendlyName) {
        public Plan {
            requireNonNull(servicePlanId, "servicePlanId is null");
            requireNonNull(servicePlanName, "servicePlanName is null");
            requireNonNull(friendlyName, "friendlyName is null");
        }
    }
}
