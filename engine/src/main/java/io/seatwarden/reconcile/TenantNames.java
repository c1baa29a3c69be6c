package io.seatwarden.reconcile;

import io.seatwarden.directory.ServicePlan;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The tenant's SKUs and service plans by id, as its {@code subscribedSkus} name them: names for the GUIDs
 * in Graph's refusals, and which SKU carries which plans. Immutable.
 */
final class TenantNames implements GraphFailure.Naming {
    private final Map<SkuId, String> skus = new HashMap<>();
    private final Map<ServicePlanId, String> plans = new HashMap<>();
    private final Map<SkuId, Set<ServicePlanId>> plansOfSku = new HashMap<>();

    TenantNames(TenantSnapshot tenant) {
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            skus.put(sku.skuId(), sku.skuPartNumber());
            Set<ServicePlanId> ids = new LinkedHashSet<>();
            for (ServicePlan plan : sku.servicePlans()) {
                plans.putIfAbsent(plan.servicePlanId(), plan.servicePlanName());
                ids.add(plan.servicePlanId());
            }
            plansOfSku.put(sku.skuId(), ids);
        }
    }

    @Override
    public String sku(SkuId sku) {
        return skus.getOrDefault(sku, sku.toString());
    }

    @Override
    public String plan(ServicePlanId plan) {
        return plans.getOrDefault(plan, plan.toString());
    }

    /** The SKU's service plans (empty when the tenant does not list them). */
    Set<ServicePlanId> plansOf(SkuId sku) {
        return plansOfSku.getOrDefault(sku, Set.of());
    }
}
