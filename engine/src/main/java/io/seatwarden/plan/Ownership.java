package io.seatwarden.plan;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.util.HashSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The licenses the engine itself assigned (from its state), which it may remove when no policy
 * grants them any more (rule 5). Other licenses are removed only under {@code prune: true}.
 *
 * <p>{@link #none()} means no state was read, which the plan says ({@link OwnershipSource#NONE}); records
 * read from the state, even none, are {@link OwnershipSource#STATE}.
 */
public final class Ownership {
    private static final Ownership NONE = new Ownership(Set.of(), OwnershipSource.NONE);

    private final Set<Key> owned;
    private final OwnershipSource source;

    private Ownership(Set<Key> owned, OwnershipSource source) {
        this.owned = owned;
        this.source = source;
    }

    /** No state read: the plan cannot know which licenses the engine assigned. */
    public static Ownership none() {
        return NONE;
    }

    /** Records from the engine's state. */
    public static Ownership of(Set<Key> owned) {
        return new Ownership(Set.copyOf(owned), OwnershipSource.STATE);
    }

    public OwnershipSource source() {
        return source;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isOwned(UserId user, SkuId sku) {
        return owned.contains(new Key(user, sku));
    }

    public Set<Key> keys() {
        return owned;
    }

    /** A (user, SKU) pair the engine assigned. */
    public record Key(UserId user, SkuId sku) {
        public Key {
            requireNonNull(user, "user is null");
            requireNonNull(sku, "sku is null");
        }
    }

    public static final class Builder {
        private final Set<Key> owned = new HashSet<>();

        public Builder add(UserId user, SkuId sku) {
            owned.add(new Key(user, sku));
            return this;
        }

        public Ownership build() {
            return new Ownership(Set.copyOf(owned), OwnershipSource.STATE);
        }
    }
}
