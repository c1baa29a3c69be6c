package io.seatwarden.reconcile;

import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A user as read back after a write whose outcome is unknown.
 *
 * @param usageLocation null when none is set
 * @param licenses every source of every license (direct and inherited from groups)
 */
public record UserLicenses(UserId user, String usageLocation, List<LicenseAssignment> licenses) {
    public UserLicenses {
        requireNonNull(user, "user is null");
        licenses = List.copyOf(licenses);
    }

    public Optional<LicenseAssignment> direct(SkuId sku) {
        for (LicenseAssignment license : licenses) {
            if (license.isDirect() && license.skuId().equals(sku)) {
                return Optional.of(license);
            }
        }
        return Optional.empty();
    }
}
