package io.seatwarden.schedule;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The tenants this node serves, by key (sorted). */
public record Tenants(Map<TenantKey, TenantTarget> byKey) {
    public Tenants {
        byKey = Collections.unmodifiableMap(new TreeMap<>(byKey));
        byKey.forEach((key, target) -> {
            if (!key.equals(target.key())) {
                throw new IllegalArgumentException("tenant " + target.key() + " filed under " + key);
            }
        });
    }

    public static Tenants of(List<TenantTarget> targets) {
        Map<TenantKey, TenantTarget> byKey = new TreeMap<>();
        for (TenantTarget target : targets) {
            if (byKey.putIfAbsent(target.key(), target) != null) {
                throw new IllegalArgumentException("tenant " + target.key() + " is listed twice");
            }
        }
        return new Tenants(byKey);
    }

    public Optional<TenantTarget> find(TenantKey key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public List<TenantTarget> all() {
        return List.copyOf(byKey.values());
    }
}
