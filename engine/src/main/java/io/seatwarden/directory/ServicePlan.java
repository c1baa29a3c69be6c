package io.seatwarden.directory;

import static java.util.Objects.requireNonNull;

/** A service plan of a SKU ({@code servicePlanInfo}); {@code appliesTo} may be null. */
public record ServicePlan(ServicePlanId servicePlanId, String servicePlanName, String appliesTo) {
    public ServicePlan {
        requireNonNull(servicePlanId, "servicePlanId is null");
        requireNonNull(servicePlanName, "servicePlanName is null");
    }
}
