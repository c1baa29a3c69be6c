package io.seatwarden.directory;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A service plan of a SKU ({@code servicePlanInfo}); {@code appliesTo} may be null.
 *
 * @param dependsOn the plans this one needs enabled on the same user: known only from a tenant file's
 *     {@code dependsOn} (Graph serves no such property and Microsoft publishes no list); empty otherwise
 */
public record ServicePlan(ServicePlanId servicePlanId, String servicePlanName, String appliesTo, List<ServicePlanId> dependsOn) {
    public ServicePlan {
        requireNonNull(servicePlanId, "servicePlanId is null");
        requireNonNull(servicePlanName, "servicePlanName is null");
        dependsOn = List.copyOf(dependsOn);
    }

    /** A plan with no known dependency (as Graph describes every plan). */
    public ServicePlan(ServicePlanId servicePlanId, String servicePlanName, String appliesTo) {
        this(servicePlanId, servicePlanName, appliesTo, List.of());
    }
}
