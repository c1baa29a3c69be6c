package io.seatwarden.reconcile;

import io.seatwarden.plan.Plan;
import io.seatwarden.plan.RemovalGuardVerdict;

/** Asked once per run, after planning and before the first write, when there is something to change. */
@FunctionalInterface
public interface Confirmation {
    /** @return true to apply */
    boolean confirm(Plan plan, RemovalGuardVerdict guard);

    /** {@code --yes}, and scheduled runs. */
    static Confirmation always() {
        return (plan, guard) -> true;
    }
}
