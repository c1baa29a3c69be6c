package io.seatwarden.plan.cost;

import io.seatwarden.directory.SkuId;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, while planning, the seats each policy accounts for after the plan: per policy name and
 * SKU, the members who keep or get the SKU. Filled by one planning run, then read; not thread-safe.
 */
public final class SeatHolders {
    private final Map<String, Map<SkuId, Integer>> counts = new HashMap<>();

    public void count(String policy, SkuId sku) {
        counts.computeIfAbsent(policy, name -> new HashMap<>()).merge(sku, 1, Integer::sum);
    }

    /** Seats per SKU of one policy; empty when it accounts for none. */
    public Map<SkuId, Integer> of(String policy) {
        return Collections.unmodifiableMap(new TreeMap<>(counts.getOrDefault(policy, Map.of())));
    }
}
