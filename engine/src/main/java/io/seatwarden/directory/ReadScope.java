package io.seatwarden.directory;

import java.util.Set;

/**
 * What a read must cover: the groups policies name (by id or display name, nesting followed by the
 * reader) and the SKUs whose holders matter (prune and ownership). An empty scope means "everything".
 *
 * @param groupReferences group ids or display names, as written in policies
 * @param skuReferences skuIds, part numbers or product names whose holders are needed
 * @param signInActivity whether the users read need {@code createdDateTime} and {@code signInActivity}
 *     ({@code reclaim.inactiveDays}); Graph serves sign-in activity only with {@code AuditLog.Read.All} and
 *     Microsoft Entra ID P1/P2, so it is read only when a policy needs it
 */
public record ReadScope(Set<String> groupReferences, Set<String> skuReferences, boolean everything, boolean signInActivity) {
    public ReadScope {
        groupReferences = Set.copyOf(groupReferences);
        skuReferences = Set.copyOf(skuReferences);
    }

    /** A scope that needs no sign-in activity. */
    public ReadScope(Set<String> groupReferences, Set<String> skuReferences, boolean everything) {
        this(groupReferences, skuReferences, everything, false);
    }

    public static ReadScope all() {
        return new ReadScope(Set.of(), Set.of(), true);
    }

    /** The same scope, reading sign-in activity too when {@code needed}. */
    public ReadScope withSignInActivity(boolean needed) {
        return new ReadScope(groupReferences, skuReferences, everything, needed);
    }
}
