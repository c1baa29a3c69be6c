package io.seatwarden.emulator;

/**
 * Whether the emulated tenant and app may read users' {@code signInActivity}. Graph serves it only to an app
 * granted {@code AuditLog.Read.All} in a tenant with Microsoft Entra ID P1 or P2, and answers 403 otherwise
 * (the codes and messages below are those public reports show; Microsoft's pages name the requirements, not
 * the bodies). Set with {@link GraphEmulator#signInActivityAccess(SignInActivityAccess)} or the
 * {@code emulator} command's {@code --sign-in-activity}.
 */
public enum SignInActivityAccess {
    /** The app holds the permission and the tenant the license: sign-in activity is served. */
    GRANTED(null, null),
    /** The app lacks {@code AuditLog.Read.All}. */
    PERMISSION_MISSING("Authentication_MSGraphPermissionMissing",
            "Calling principal does not have required MSGraph permissions AuditLog.Read.All"),
    /** The tenant has no Microsoft Entra ID P1 or P2. */
    NOT_PREMIUM("Authentication_RequestFromNonPremiumTenantOrB2CTenant",
            "Neither tenant is B2C or tenant doesn't have premium license");

    private final String code;
    private final String message;

    SignInActivityAccess(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** Graph's 403 for a request that selects {@code signInActivity}, unless access is granted. */
    void check() {
        if (code != null) {
            throw new GraphErrorException(403, code, message);
        }
    }

    /** The {@code --sign-in-activity} spelling: {@code granted}, {@code permission-missing}, {@code not-premium}. */
    public static SignInActivityAccess parse(String text) {
        for (SignInActivityAccess access : values()) {
            if (access.name().replace('_', '-').equalsIgnoreCase(text.trim())) {
                return access;
            }
        }
        throw new IllegalArgumentException("--sign-in-activity must be granted, permission-missing or not-premium: '" + text + "'");
    }
}
