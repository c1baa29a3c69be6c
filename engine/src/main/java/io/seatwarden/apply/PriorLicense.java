package io.seatwarden.apply;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A license a user held directly before a write touched it (what {@code undo} puts back). */
public record PriorLicense(SkuId skuId, List<ServicePlanId> disabledPlans) {
    public PriorLicense {
        requireNonNull(skuId, "skuId is null");
        disabledPlans = List.copyOf(disabledPlans);
    }
}
