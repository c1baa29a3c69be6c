package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Everything the plan changes for one user: one {@code assignLicense} call, preceded by setting the
 * usage location when {@code usageLocation} is not null.
 *
 * @param usageLocation the usage location the plan sets, or null when it sets none
 * @param policies the names of the policies behind the change, sorted
 * @param updatedSkus SKUs in {@code addLicenses} the user already holds (only their disabled plans change)
 */
@JsonPropertyOrder({"userId", "userPrincipalName", "usageLocation", "addLicenses", "removeLicenses", "policies"})
public record UserChange(
        UserId userId,
        String userPrincipalName,
        @JsonInclude(JsonInclude.Include.ALWAYS) String usageLocation,
        List<LicenseAdd> addLicenses,
        List<LicenseRemoval> removeLicenses,
        List<String> policies,
        @JsonIgnore Set<SkuId> updatedSkus) {
    public UserChange {
        requireNonNull(userId, "userId is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        addLicenses = List.copyOf(addLicenses);
        removeLicenses = List.copyOf(removeLicenses);
        policies = List.copyOf(policies);
        updatedSkus = Set.copyOf(updatedSkus);
    }

    /** True when the add is a new seat rather than new disabled plans on a held license. */
    public boolean isNewLicense(LicenseAdd add) {
        return !updatedSkus.contains(add.skuId());
    }
}
