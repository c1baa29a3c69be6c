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
 * @param adopt true: direct holders the policy entitles become the engine's, without a write
 * @param reclaim when present, inactive (or disabled) users lose an engine-owned or adopted seat
 */
public record LicenseGrant(
        String sku,
        List<String> disabledPlans,
        Optional<List<String>> enabledPlans,
        boolean prune,
        boolean adopt,
        Optional<Reclaim> reclaim,
        SourceLocation location) {
    public LicenseGrant {
        requireNonNull(sku, "sku is null");
        disabledPlans = List.copyOf(disabledPlans);
        enabledPlans = enabledPlans.map(List::copyOf);
        requireNonNull(reclaim, "reclaim is null");
        requireNonNull(location, "location is null");
    }

    /** A grant that neither adopts nor reclaims. */
    public LicenseGrant(String sku, List<String> disabledPlans, Optional<List<String>> enabledPlans, boolean prune,
            SourceLocation location) {
        this(sku, disabledPlans, enabledPlans, prune, false, Optional.empty(), location);
    }
}
