package io.seatwarden.plan;

import io.seatwarden.directory.SkuId;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The removal guard (rule 4): an empty or shrunken group is not a reason to remove hundreds of
 * licenses. It trips when a run's removals exceed {@code maxRemovals}, or when the removals of one
 * SKU exceed {@code maxRemovalsPercent} of that SKU's current holders. Pure; the applier holds
 * back every removal of a tripped run and applies the rest, and the planner gives no add a seat
 * that only a held removal would free.
 */
public final class RemovalGuard {
    private RemovalGuard() {}

    /**
     * @param holders current holders per SKU (its consumed units)
     * @param skuNames part numbers, for the reason text
     */
    public static RemovalGuardVerdict evaluate(
            List<UserChange> changes, Map<SkuId, Integer> holders, Map<SkuId, String> skuNames, int maxRemovals, OptionalInt maxRemovalsPercent) {
        Map<SkuId, Integer> removalsBySku = new TreeMap<>();
        for (UserChange change : changes) {
            for (LicenseRemoval removal : change.removeLicenses()) {
                removalsBySku.merge(removal.skuId(), 1, Integer::sum);
            }
        }
        return evaluate(removalsBySku, holders, skuNames, new RemovalLimits(maxRemovals, maxRemovalsPercent));
    }

    /**
     * The verdict on a run's removals, counted per SKU.
     *
     * @param removalsBySku removals of each SKU; iterated in its order, so pass a sorted map for a stable reason
     */
    public static RemovalGuardVerdict evaluate(
            Map<SkuId, Integer> removalsBySku, Map<SkuId, Integer> holders, Map<SkuId, String> skuNames, RemovalLimits limits) {
        int removals = 0;
        for (int count : removalsBySku.values()) {
            removals += count;
        }
        int maxRemovals = limits.maxRemovals();
        Integer percent = limits.maxRemovalsPercent().isPresent() ? limits.maxRemovalsPercent().getAsInt() : null;
        if (removals > maxRemovals) {
            return new RemovalGuardVerdict(removals, maxRemovals, percent, true,
                    removals + " removals exceed maxRemovals (" + maxRemovals + ")");
        }
        if (percent != null) {
            for (Map.Entry<SkuId, Integer> entry : removalsBySku.entrySet()) {
                int holderCount = holders.getOrDefault(entry.getKey(), 0);
                // removals * 100 > percent * holders, in integers: no rounding surprises at the limit
                if ((long) entry.getValue() * 100 > (long) percent * holderCount) {
                    String name = skuNames.getOrDefault(entry.getKey(), entry.getKey().toString());
                    return new RemovalGuardVerdict(removals, maxRemovals, percent, true,
                            entry.getValue() + " removals of " + name + " exceed maxRemovalsPercent (" + percent + "% of "
                                    + holderCount + " holders)");
                }
            }
        }
        return new RemovalGuardVerdict(removals, maxRemovals, percent, false, null);
    }
}
