package io.seatwarden.testing;

import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.PrepaidUnits;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.UserChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a plan to a snapshot the way Graph would (in memory), for convergence tests of the pure
 * planner: usage location first, removals, then adds (a held SKU's disabled plans replaced),
 * consumedUnits kept at one seat per user per SKU.
 */
public final class TestingPlanApplier {
    private TestingPlanApplier() {}

    public record Applied(TenantSnapshot tenant, Ownership ownership) {}

    public static Applied apply(TenantSnapshot tenant, Plan plan, Ownership ownership) {
        Map<SkuId, Integer> consumedDelta = new HashMap<>();
        Set<Ownership.Key> owned = new java.util.HashSet<>(ownership.keys());
        List<User> changed = new ArrayList<>();
        for (UserChange change : plan.changes()) {
            User user = tenant.user(change.userId()).orElseThrow();
            if (change.usageLocation() != null) {
                user = user.withUsageLocation(change.usageLocation());
            }
            List<LicenseAssignment> licenses = new ArrayList<>(user.licenses());
            for (LicenseRemoval removal : change.removeLicenses()) {
                boolean heldBefore = user.holds(removal.skuId());
                licenses.removeIf(license -> license.isDirect() && license.skuId().equals(removal.skuId()));
                if (heldBefore && licenses.stream().noneMatch(license -> license.skuId().equals(removal.skuId()))) {
                    consumedDelta.merge(removal.skuId(), -1, Integer::sum);
                }
                owned.remove(new Ownership.Key(user.id(), removal.skuId()));
            }
            for (LicenseAdd add : change.addLicenses()) {
                boolean heldBefore = licenses.stream().anyMatch(license -> license.skuId().equals(add.skuId()));
                licenses.removeIf(license -> license.isDirect() && license.skuId().equals(add.skuId()));
                licenses.add(LicenseAssignment.direct(add.skuId(), new TreeSet<>(add.disabledPlans())));
                if (!heldBefore) {
                    consumedDelta.merge(add.skuId(), 1, Integer::sum);
                    owned.add(new Ownership.Key(user.id(), add.skuId()));
                }
            }
            changed.add(user.withLicenses(licenses));
        }
        List<SubscribedSku> skus = new ArrayList<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            int consumed = sku.consumedUnits() + consumedDelta.getOrDefault(sku.skuId(), 0);
            if (consumed > sku.prepaidUnits().enabled() + sku.prepaidUnits().warning() && consumedDelta.getOrDefault(sku.skuId(), 0) > 0) {
                throw new AssertionError("applying the plan would exceed the capacity of " + sku.skuPartNumber());
            }
            skus.add(new SubscribedSku(sku.skuId(), sku.skuPartNumber(), sku.capabilityStatus(),
                    new PrepaidUnits(sku.prepaidUnits().enabled(), sku.prepaidUnits().suspended(), sku.prepaidUnits().warning(),
                            sku.prepaidUnits().lockedOut()), consumed, sku.servicePlans(), sku.appliesTo()));
        }
        TenantSnapshot next = new TenantSnapshot(tenant.tenantId(), skus, tenant.users(), tenant.groups()).withUsers(changed);
        return new Applied(next, Ownership.of(owned));
    }
}
