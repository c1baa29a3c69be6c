package io.seatwarden.plan;

import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.User;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marks the removals of one user's change that take away the user's last enabled mailbox or OneDrive plan
 * ({@link DataAtStake}). What stays counts: licenses from other SKUs, the same SKU still inherited from a group,
 * and the change's own adds (an E3 to E5 swap keeps the mailbox). A plan the user's license already disables is
 * not lost by removing it. Pure.
 */
final class DataAtStakeMarks {
    private DataAtStakeMarks() {}

    /** {@code dataPlans}: per SKU, the service plans that hold user data. */
    static List<LicenseRemoval> mark(User user, List<LicenseAdd> adds, List<LicenseRemoval> removals,
            Map<SkuId, Map<ServicePlanId, DataAtStake>> dataPlans) {
        if (dataPlans.isEmpty()) {
            return removals;
        }
        Set<SkuId> removed = new HashSet<>();
        removals.forEach(removal -> removed.add(removal.skuId()));
        Set<SkuId> added = new HashSet<>();
        adds.forEach(add -> added.add(add.skuId()));
        Set<DataAtStake> kept = EnumSet.noneOf(DataAtStake.class);
        for (LicenseAssignment license : user.licenses()) {
            boolean replaced = license.isDirect() && (removed.contains(license.skuId()) || added.contains(license.skuId()));
            if (!replaced) {
                kept.addAll(enabled(dataPlans.get(license.skuId()), license.disabledPlans()));
            }
        }
        for (LicenseAdd add : adds) {
            kept.addAll(enabled(dataPlans.get(add.skuId()), new HashSet<>(add.disabledPlans())));
        }
        List<LicenseRemoval> marked = new ArrayList<>(removals.size());
        for (LicenseRemoval removal : removals) {
            Set<DataAtStake> lost = user.directLicense(removal.skuId())
                    .map(license -> enabled(dataPlans.get(removal.skuId()), license.disabledPlans()))
                    .orElse(EnumSet.noneOf(DataAtStake.class));
            lost.removeAll(kept);
            marked.add(lost.isEmpty() ? removal : removal.withDataAtStake(new ArrayList<>(lost)));
        }
        return marked;
    }

    private static Set<DataAtStake> enabled(Map<ServicePlanId, DataAtStake> plans, Set<ServicePlanId> disabled) {
        Set<DataAtStake> result = EnumSet.noneOf(DataAtStake.class);
        if (plans != null) {
            plans.forEach((plan, data) -> {
                if (!disabled.contains(plan)) {
                    result.add(data);
                }
            });
        }
        return result;
    }
}
