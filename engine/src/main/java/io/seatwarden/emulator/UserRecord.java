package io.seatwarden.emulator;

import io.seatwarden.directory.file.TenantFile;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A user's stored state. {@code direct} holds its direct licenses; {@code inherited} the sources
 * Entra's group-based licensing gave it from groups the emulator manages (with their state: an
 * inherited license can be in error, e.g. {@code CountViolation}); {@code pinned} the inherited
 * sources the tenant file gave for groups whose licensing the emulator cannot derive (a group the
 * file does not describe or that carries no such license); they stay as they were.
 * Absent properties stay null so that a tenant file replays exactly as written.
 *
 * @param createdDateTime Graph's {@code createdDateTime} as the tenant file gives it; null when absent
 * @param signInActivity Graph's {@code signInActivity} as the tenant file gives it; null: never signed in
 */
record UserRecord(
        String id,
        String userPrincipalName,
        String displayName,
        String userType,
        String creationType,
        String externalUserState,
        Boolean accountEnabled,
        String usageLocation,
        Boolean onPremisesSyncEnabled,
        List<LicenseSource> direct,
        List<LicenseSource> inherited,
        List<LicenseSource> pinned,
        String createdDateTime,
        TenantFile.SignIns signInActivity) {
    UserRecord {
        requireNonNull(id, "id is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        direct = List.copyOf(direct);
        inherited = List.copyOf(inherited);
        pinned = List.copyOf(pinned);
    }

    /** A user without creation time or sign-in activity. */
    UserRecord(String id, String userPrincipalName, String displayName, String userType, String creationType,
            String externalUserState, Boolean accountEnabled, String usageLocation, Boolean onPremisesSyncEnabled,
            List<LicenseSource> direct, List<LicenseSource> inherited, List<LicenseSource> pinned) {
        this(id, userPrincipalName, displayName, userType, creationType, externalUserState, accountEnabled, usageLocation,
                onPremisesSyncEnabled, direct, inherited, pinned, null, null);
    }

    /** Absent means enabled, as in the tenant file (Graph creates accounts enabled). */
    boolean accountEnabledOrDefault() {
        return accountEnabled == null || accountEnabled;
    }

    UserRecord withDirect(List<LicenseSource> newDirect) {
        return new UserRecord(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, usageLocation, onPremisesSyncEnabled, newDirect, inherited, pinned, createdDateTime, signInActivity);
    }

    UserRecord withInherited(List<LicenseSource> newInherited) {
        return new UserRecord(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, usageLocation, onPremisesSyncEnabled, direct, newInherited, pinned, createdDateTime, signInActivity);
    }

    UserRecord withUsageLocation(String newUsageLocation) {
        return new UserRecord(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, newUsageLocation, onPremisesSyncEnabled, direct, inherited, pinned, createdDateTime, signInActivity);
    }

    UserRecord withAccountEnabled(Boolean enabled) {
        return new UserRecord(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                enabled, usageLocation, onPremisesSyncEnabled, direct, inherited, pinned, createdDateTime, signInActivity);
    }

    UserRecord withDisplayName(String name) {
        return new UserRecord(id, userPrincipalName, name, userType, creationType, externalUserState,
                accountEnabled, usageLocation, onPremisesSyncEnabled, direct, inherited, pinned, createdDateTime, signInActivity);
    }
}
