package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.UserChange;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one journal entry sends for a user (one {@code assignLicense}, preceded by setting the
 * usage location when {@code usageLocation} is not null), why, and what it replaces, so that
 * {@code undo} can put it back.
 *
 * @param usageLocation the usage location set first, or null
 * @param policies the policies behind the change (its intent)
 * @param previousLicenses the user's licenses before the change, for the SKUs it removes or whose
 *        disabled plans it changes (with their disabled plans then); empty when unknown
 * @param previousUsageLocation the usage location before, or null (none, or not changed)
 */
@JsonPropertyOrder({"usageLocation", "addLicenses", "removeLicenses", "policies", "previousLicenses", "previousUsageLocation"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangeRequest(
        String usageLocation,
        List<LicenseAdd> addLicenses,
        List<LicenseRemoval> removeLicenses,
        List<String> policies,
        List<LicenseAdd> previousLicenses,
        String previousUsageLocation) {
    public ChangeRequest {
        requireNonNull(addLicenses, "addLicenses is null");
        requireNonNull(removeLicenses, "removeLicenses is null");
        requireNonNull(policies, "policies is null");
        requireNonNull(previousLicenses, "previousLicenses is null");
        addLicenses = List.copyOf(addLicenses);
        removeLicenses = List.copyOf(removeLicenses);
        policies = List.copyOf(policies);
        previousLicenses = List.copyOf(previousLicenses);
    }

    /** The request a plan's change sends, with what it replaces. */
    public static ChangeRequest of(UserChange change, List<LicenseAdd> previousLicenses, String previousUsageLocation) {
        return new ChangeRequest(change.usageLocation(), change.addLicenses(), change.removeLicenses(), change.policies(),
                previousLicenses, previousUsageLocation);
    }
}
