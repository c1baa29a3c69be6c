package io.seatwarden.policy;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One subscription a policy grants, as written: references are resolved against the tenant later.
 *
 * @param sku a skuPartNumber, a skuId or a product display name from Microsoft's catalog
 * @param disabledPlans service plan names or ids to switch off
 * @param enabledPlans when present, an allow-list: every other plan of the tenant's SKU is switched off
 * @param prune true makes the policies authoritative for this SKU tenant-wide
 */
public record LicenseGrant(
        String sku,
        List<String> disabledPlans,
        Optional<List<String>> enabledPlans,
        boolean prune,
        SourceLocation location) {
    public LicenseGrant {
        requireNonNull(sku, "sku is null");
        disabledPlans = List.copyOf(disabledPlans);
        enabledPlans = enabledPlans.map(List::copyOf);
        requireNonNull(location, "location is null");
    }
}
