package io.seatwarden.plan;

import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rule 10 for service plans that need another plan: which plans a license enables, and whether a grant
 * would enable a plan without the plans it depends on. The dependencies come from the snapshot's service
 * plans ({@code dependsOn}, known only from a tenant file: Graph serves none and Microsoft publishes no
 * list), so against Graph this finds nothing and Graph's own refusal at apply time is the word. Pure, immutable.
 */
final class PlanDependencies {
    private final Map<SkuId, List<ServicePlan>> plans = new HashMap<>();
    private final Map<ServicePlanId, String> names = new HashMap<>();
    private boolean any;

    PlanDependencies(TenantSnapshot tenant) {
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            plans.put(sku.skuId(), sku.servicePlans());
            for (ServicePlan plan : sku.servicePlans()) {
                names.putIfAbsent(plan.servicePlanId(), plan.servicePlanName());
                any |= !plan.dependsOn().isEmpty();
            }
        }
    }

    /** True when some plan of the tenant needs another: only then is a grant checked. */
    boolean any() {
        return any;
    }

    /** The plans a license of {@code sku} with these plans disabled enables. */
    Set<ServicePlanId> enabled(SkuId sku, Collection<ServicePlanId> disabledPlans) {
        Set<ServicePlanId> enabled = new LinkedHashSet<>();
        for (ServicePlan plan : plans.getOrDefault(sku, List.of())) {
            if (!disabledPlans.contains(plan.servicePlanId())) {
                enabled.add(plan.servicePlanId());
            }
        }
        return enabled;
    }

    /**
     * Why the grant cannot go: the first plan it enables whose dependencies are not all in {@code available}
     * (what the user keeps and gets in this plan), by name; empty when nothing is missing.
     */
    Optional<String> missing(LicenseAdd add, Set<ServicePlanId> available) {
        for (ServicePlan plan : plans.getOrDefault(add.skuId(), List.of())) {
            if (plan.dependsOn().isEmpty() || add.disabledPlans().contains(plan.servicePlanId())) {
                continue;
            }
            List<String> lacking = new ArrayList<>();
            for (ServicePlanId needed : plan.dependsOn()) {
                if (!available.contains(needed)) {
                    lacking.add(names.getOrDefault(needed, needed.toString()));
                }
            }
            if (!lacking.isEmpty()) {
                return Optional.of(plan.servicePlanName() + " (" + add.skuPartNumber() + ") depends on " + String.join(", ", lacking)
                        + ", which the user neither has nor gets in this plan");
            }
        }
        return Optional.empty();
    }
}
