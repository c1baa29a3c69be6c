package io.seatwarden.apply;

import io.seatwarden.directory.UserId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A write the engine is about to send, with what it replaces (so that it can be settled after a
 * crash and undone later).
 *
 * @param usageLocation the location set ({@link WriteKind#USAGE_LOCATION}), else null
 * @param priorUsageLocation the user's location before, or null
 * @param priorLicenses the user's direct licenses of the SKUs this write touches, before it
 */
public record JournalIntent(
        UserId user,
        String userPrincipalName,
        WriteKind kind,
        String usageLocation,
        List<LicenseAdd> addLicenses,
        List<LicenseRemoval> removeLicenses,
        String priorUsageLocation,
        List<PriorLicense> priorLicenses) {
    public JournalIntent {
        requireNonNull(user, "user is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(kind, "kind is null");
        addLicenses = List.copyOf(addLicenses);
        removeLicenses = List.copyOf(removeLicenses);
        priorLicenses = List.copyOf(priorLicenses);
        if (kind == WriteKind.USAGE_LOCATION && usageLocation == null) {
            throw new IllegalArgumentException("a usage location write needs the location");
        }
    }
}
