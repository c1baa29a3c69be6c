package io.seatwarden.bench;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.plan.Ownership;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Planner;
import io.seatwarden.plan.ResolvedPolicies;
import io.seatwarden.plan.Resolver;

/** Quick wall-clock look at one planner run (not a benchmark; JMH is). */
public final class PhaseTimer {
    public static void main(String[] args) {
        int users = Integer.parseInt(args[0]);
        LargeTenants.Generated generated = LargeTenants.generate(users, 10_000, 50, 42);
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            ResolvedPolicies policies = new Resolver(ProductCatalog.empty()).resolve(generated.policies(), generated.tenant()).orThrow();
            long resolved = System.nanoTime();
            Plan plan = new Planner().plan(policies, generated.tenant(), Ownership.none());
            long end = System.nanoTime();
            System.out.printf("resolve %d ms, plan %d ms, changes %d, skipped %d%n", (resolved - start) / 1_000_000,
                    (end - resolved) / 1_000_000, plan.changes().size(), plan.skipped().size());
        }
    }
}
