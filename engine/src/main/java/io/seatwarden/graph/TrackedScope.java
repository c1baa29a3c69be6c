package io.seatwarden.graph;

import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.SkuId;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The scope a stored snapshot covers: the policies' group and SKU references, and the SKUs whose holders it
 * holds (the SKU references as they resolved then). A later scope is covered when it names no other group
 * and its SKU references resolve to no other SKU; otherwise its read is a full one.
 */
record TrackedScope(Set<String> groupReferences, Set<String> skuReferences, Set<SkuId> holderSkus) {
    TrackedScope {
        groupReferences = Set.copyOf(new TreeSet<>(groupReferences));
        skuReferences = Set.copyOf(new TreeSet<>(skuReferences));
        holderSkus = Set.copyOf(holderSkus);
    }

    ReadScope readScope() {
        return new ReadScope(groupReferences, skuReferences, false);
    }

    boolean covers(ReadScope scope, Set<SkuId> resolvedHolders) {
        requireNonNull(scope, "scope is null");
        return groupReferences.containsAll(scope.groupReferences()) && holderSkus.containsAll(resolvedHolders);
    }

    /** This scope and another: what a full read covers so that the stored scope only grows (sign-in activity as {@code second} asks). */
    static ReadScope union(ReadScope first, ReadScope second) {
        Set<String> groups = new TreeSet<>(first.groupReferences());
        groups.addAll(second.groupReferences());
        Set<String> skus = new TreeSet<>(first.skuReferences());
        skus.addAll(second.skuReferences());
        return new ReadScope(groups, skus, false, second.signInActivity());
    }

    /** One line per reference ({@code g:}, {@code s:}, {@code h:}), URL-encoded, sorted. */
    String encode() {
        StringBuilder text = new StringBuilder();
        new TreeSet<>(groupReferences).forEach(reference -> text.append("g:").append(escape(reference)).append('\n'));
        new TreeSet<>(skuReferences).forEach(reference -> text.append("s:").append(escape(reference)).append('\n'));
        new TreeSet<>(holderSkus).forEach(sku -> text.append("h:").append(sku).append('\n'));
        return text.toString();
    }

    static TrackedScope decode(String text) {
        Set<String> groups = new TreeSet<>();
        Set<String> skus = new TreeSet<>();
        Set<SkuId> holders = new TreeSet<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("g:")) {
                groups.add(unescape(line.substring(2)));
            } else if (line.startsWith("s:")) {
                skus.add(unescape(line.substring(2)));
            } else if (line.startsWith("h:")) {
                holders.add(SkuId.of(line.substring(2)));
            }
        }
        return new TrackedScope(groups, skus, holders);
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String unescape(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
