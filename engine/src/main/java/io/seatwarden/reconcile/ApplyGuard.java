package io.seatwarden.reconcile;

import io.seatwarden.directory.SkuId;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.RemovalGuard;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.RemovalLimits;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.policy.Settings;

import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The removal guard at apply time (rule 4). An operator can raise the absolute limit for one run with
 * {@code --max-removals N}, which also lifts the percentage limit for that run. When the guard trips,
 * the applier holds back every removal of the run and applies the rest.
 *
 * <p>A policy plan is made under the run's limits, so its own verdict is the run's (and its seats
 * already leave out what held removals would free). A plan made under other limits (an undo plan
 * takes the settings') is judged again here.
 */
public final class ApplyGuard {
    private ApplyGuard() {}

    public static RemovalGuardVerdict verdict(Plan plan, Settings settings, OptionalInt maxRemovalsOverride) {
        RemovalLimits limits = RemovalLimits.of(settings, maxRemovalsOverride);
        if (limits.judged(plan.summary().removalGuard())) {
            return plan.summary().removalGuard();
        }
        Map<SkuId, Integer> holders = new TreeMap<>();
        Map<SkuId, String> names = new TreeMap<>();
        for (SkuSeats seats : plan.skus()) {
            holders.put(seats.skuId(), seats.consumed());
            names.put(seats.skuId(), seats.skuPartNumber());
        }
        return RemovalGuard.evaluate(plan.changes(), holders, names, limits.maxRemovals(), limits.maxRemovalsPercent());
    }
}
