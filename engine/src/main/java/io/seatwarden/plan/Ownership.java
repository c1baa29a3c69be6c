package io.seatwarden.plan;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;

import java.util.HashSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The licenses the engine itself assigned (from its state), which it may remove when no policy
 * grants them any more (rule 5). Other licenses are removed only under {@code prune: true}.
 */
public final class Ownership {
    private static final Ownership NONE = new Ownership(Set.of());

    private final Set<Key> owned;

    private Ownership(Set<Key> owned) {
        this.owned = owned;
    }

    public static Ownership none() {
        return NONE;
    }

    public static Ownership of(Set<Key> owned) {
        return new Ownership(Set.copyOf(owned));
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
            return new Ownership(Set.copyOf(owned));
        }
    }
}
