package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything the plan changes for one user: one {@code assignLicense} call, preceded by setting the
 * usage location when {@code usageLocation} is not null.
 *
 * @param usageLocation the usage location the plan sets, or null when it sets none
 * @param policies the names of the policies behind the change, sorted
 * @param updatedSkus SKUs in {@code addLicenses} the user already holds (only their disabled plans change)
 * @param planSwitches for updated SKUs, the service plans turned on and off (for reports; absent from a plan
 *     read back from JSON, and from undo plans, whose reports then say only "plans changed")
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "usageLocation", "addLicenses", "removeLicenses", "policies"})
public record UserChange(
        UserId userId,
        String userPrincipalName,
        @JsonInclude(JsonInclude.Include.ALWAYS) String usageLocation,
        List<LicenseAdd> addLicenses,
        List<LicenseRemoval> removeLicenses,
        List<String> policies,
        @JsonIgnore Set<SkuId> updatedSkus,
        @JsonIgnore Map<SkuId, PlanSwitch> planSwitches) {
    public UserChange {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        addLicenses = List.copyOf(addLicenses);
        removeLicenses = List.copyOf(removeLicenses);
        policies = List.copyOf(policies);
        updatedSkus = Set.copyOf(updatedSkus);
        planSwitches = Map.copyOf(planSwitches);
    }

    public UserChange(UserId userId, String userPrincipalName, String usageLocation, List<LicenseAdd> addLicenses,
            List<LicenseRemoval> removeLicenses, List<String> policies, Set<SkuId> updatedSkus) {
        this(userId, userPrincipalName, usageLocation, addLicenses, removeLicenses, policies, updatedSkus, Map.of());
    }

    /** The plans an update of a held license turns on and off, when the planner recorded them. */
    public Optional<PlanSwitch> planSwitch(SkuId sku) {
        return Optional.ofNullable(planSwitches.get(sku));
    }

    /** True when the add is a new seat rather than new disabled plans on a held license. */
    public boolean isNewLicense(LicenseAdd add) {
        return !updatedSkus.contains(add.skuId());
    }
}
