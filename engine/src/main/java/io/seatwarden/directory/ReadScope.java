package io.seatwarden.directory;

import java.util.Set;

/**
 * What a read must cover: the groups policies name (by id or display name, nesting followed by the
 * reader) and the SKUs whose holders matter (prune and ownership). An empty scope means "everything".
 *
 * @param groupReferences group ids or display names, as written in policies
 * @param skuReferences skuIds, part numbers or product names whose holders are needed
 */
public record ReadScope(Set<String> groupReferences, Set<String> skuReferences, boolean everything) {
    public ReadScope {
        groupReferences = Set.copyOf(groupReferences);
        skuReferences = Set.copyOf(skuReferences);
    }

    public static ReadScope all() {
        return new ReadScope(Set.of(), Set.of(), true);
    }
}
