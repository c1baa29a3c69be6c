package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An {@code addLicenses} entry: a new license, or (for a SKU the user already holds) the disabled
 * plans it converges to, as Graph takes it.
 */
@JsonPropertyOrder({"skuId", "skuPartNumber", "disabledPlans"})
public record LicenseAdd(SkuId skuId, String skuPartNumber, List<ServicePlanId> disabledPlans) {
    public LicenseAdd {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        disabledPlans = List.copyOf(disabledPlans);
    }
}
