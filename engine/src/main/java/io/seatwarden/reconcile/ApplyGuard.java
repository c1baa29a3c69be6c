package io.seatwarden.reconcile;

import io.seatwarden.directory.SkuId;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.RemovalGuard;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.policy.Settings;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The removal guard at apply time (rule 4). The plan says whether its removals would trip the guard
 * under the policies' settings; an operator can raise the absolute limit for one run with
 * {@code --max-removals N}, which also lifts the percentage limit for that run. When the guard trips,
 * the applier holds back every removal of the run and applies the rest.
 */
public final class ApplyGuard {
    private ApplyGuard() {}

    public static RemovalGuardVerdict verdict(Plan plan, Settings settings, OptionalInt maxRemovalsOverride) {
        Map<SkuId, Integer> holders = new TreeMap<>();
        Map<SkuId, String> names = new TreeMap<>();
        for (SkuSeats seats : plan.skus()) {
            holders.put(seats.skuId(), seats.consumed());
            names.put(seats.skuId(), seats.skuPartNumber());
        }
        if (maxRemovalsOverride.isPresent()) {
            return RemovalGuard.evaluate(plan.changes(), holders, names, maxRemovalsOverride.getAsInt(), OptionalInt.empty());
        }
        return RemovalGuard.evaluate(plan.changes(), holders, names, settings.maxRemovals(), settings.maxRemovalsPercent());
    }
}
