package io.seatwarden.reconcile;

import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.PendingRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.UserChange;
import io.seatwarden.policy.Settings;
import io.seatwarden.state.StateStore;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A wet run's side of {@code settings.removalGraceDays}: the state keeps exactly the removals still waiting
 * (each with the instant it was first recorded, which starts its grace period) and those due in this plan
 * (until they went out: the removal guard may hold them); removals the plan no longer makes, because the user
 * qualifies again or the license is gone, are forgotten. No Graph write. Idempotent.
 */
final class PendingRemovalRecords {
    private PendingRemovalRecords() {}

    static void record(StateStore state, TenantId tenant, Plan plan, Settings settings) {
        Map<Ownership.Key, Instant> recorded = state.pendingRemovals().load(tenant);
        if (recorded.isEmpty() && plan.pendingRemovals().isEmpty()) {
            return;
        }
        Duration grace = Duration.ofDays(settings.removalGraceDays());
        Map<Ownership.Key, Instant> keep = new HashMap<>();
        for (PendingRemoval pending : plan.pendingRemovals()) {
            keep.put(pending.key(), recorded.getOrDefault(pending.key(), pending.removeAfter().minus(grace)));
        }
        for (UserChange change : plan.changes()) {
            for (LicenseRemoval removal : change.removeLicenses()) {
                Ownership.Key key = new Ownership.Key(change.userId(), removal.skuId());
                if (recorded.containsKey(key)) {
                    keep.put(key, recorded.get(key));
                }
            }
        }
        if (!keep.equals(recorded)) {
            state.pendingRemovals().replace(tenant, keep);
        }
    }

    static String note(Plan plan) {
        int count = plan.pendingRemovals().size();
        return count == 0 ? "" : "; " + count + (count == 1 ? " removal" : " removals") + " pending (settings.removalGraceDays)";
    }
}
