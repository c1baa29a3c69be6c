package io.seatwarden.plan;

/**
 * Why a user did not get a license a policy grants. At most one per (user, policy, SKU): the first
 * that applies, in declaration order.
 */
public enum SkipReason {
    GUEST,
    PROTECTED,
    DISABLED_ACCOUNT,
    /** {@code reclaim.inactiveDays}: no successful sign-in for that long. */
    INACTIVE,
    NO_USAGE_LOCATION,
    SKU_SUSPENDED,
    /** A service plan of the grant cannot be enabled with one the user already has (Microsoft's list). */
    SERVICE_PLAN_CONFLICT,
    NO_SEATS
}
