package io.seatwarden.reconcile;

import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.AdoptedLicense;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.state.RunId;
import io.seatwarden.state.StateStore;

import java.util.ArrayList;
import java.util.List;

/**
 * A wet run's side of {@code adopt: true}: the plan's {@code adopted[]} become the engine's in the state's
 * ownership records, as if run {@code run} had assigned them, so a later plan removes them like any license
 * the engine assigned once the user no longer qualifies. No Graph write. Idempotent.
 */
final class Adoptions {
    private Adoptions() {}

    static void record(StateStore state, TenantId tenant, RunId run, Plan plan) {
        if (plan.adopted().isEmpty()) {
            return;
        }
        List<Ownership.Key> keys = new ArrayList<>(plan.adopted().size());
        for (AdoptedLicense adopted : plan.adopted()) {
            keys.add(adopted.key());
        }
        state.assignments().recordAssigned(tenant, run, keys);
    }

    static String note(Plan plan) {
        int count = plan.adopted().size();
        return count == 0 ? "" : "; adopted " + count + (count == 1 ? " license" : " licenses") + " (recorded as the engine's)";
    }
}
