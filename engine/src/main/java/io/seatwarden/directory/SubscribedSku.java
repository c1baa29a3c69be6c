package io.seatwarden.directory;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A subscription the tenant owns ({@code subscribedSku}).
 *
 * @param consumedUnits seats in use tenant-wide, as Graph reports them (may exceed {@code prepaidUnits.enabled})
 * @param appliesTo {@code User} or {@code Company}; null when unknown
 */
public record SubscribedSku(
        SkuId skuId,
        String skuPartNumber,
        CapabilityStatus capabilityStatus,
        PrepaidUnits prepaidUnits,
        int consumedUnits,
        List<ServicePlan> servicePlans,
        String appliesTo) {
    public SubscribedSku {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        requireNonNull(capabilityStatus, "capabilityStatus is null");
        requireNonNull(prepaidUnits, "prepaidUnits is null");
        servicePlans = List.copyOf(servicePlans);
    }

    public Optional<ServicePlan> planNamed(String name) {
        return servicePlans.stream().filter(plan -> plan.servicePlanName().equalsIgnoreCase(name)).findFirst();
    }

    public Optional<ServicePlan> plan(ServicePlanId id) {
        return servicePlans.stream().filter(plan -> plan.servicePlanId().equals(id)).findFirst();
    }
}
