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
    NO_SEATS
}
