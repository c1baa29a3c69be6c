package io.seatwarden.plan;

/** Why the plan takes a license away ({@code removeLicenses[].reason}, and pending removals). */
public enum RemovalReason {
    /** The engine assigned or adopted it, and no policy grants it to the user any more (left the group, policy deleted). */
    NOT_ENTITLED,
    /** A {@code prune: true} policy makes the policies authoritative for the SKU, and none entitles the user. */
    PRUNED,
    /** {@code reclaim.inactiveDays}: no successful sign-in for that long (or never, and created that long ago). */
    INACTIVE,
    /** {@code reclaim.disabledAccounts}: the account is disabled. */
    DISABLED_ACCOUNT
}
