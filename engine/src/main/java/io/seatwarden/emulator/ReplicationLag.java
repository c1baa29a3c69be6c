package io.seatwarden.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What reads see of recently written values when the directory replicates with a lag: a read at
 * {@code now} sees the value that was current at {@code now - lag}. Keeps, per key, the values replaced
 * within the lag window. Not thread-safe: {@link TenantState} guards it with its lock.
 * Graph documents the lag without a figure (list reads, the advanced-query index, a read right after a
 * write); the emulator applies one lag to every read.
 */
final class ReplicationLag<K, V> {
    private record Replaced<V>(V value, Instant replacedAt) {}

    private final Duration lag;
    private final Map<K, Deque<Replaced<V>>> history = new HashMap<>();

    ReplicationLag(Duration lag) {
        this.lag = requireNonNull(lag, "lag is null");
    }

    boolean enabled() {
        return !lag.isZero();
    }

    /** Records that {@code previous} stopped being current at {@code now}. */
    void replaced(K key, V previous, Instant now) {
        if (!enabled()) {
            return;
        }
        history.computeIfAbsent(key, ignored -> new ArrayDeque<>()).addLast(new Replaced<>(previous, now));
    }

    /** The value a read at {@code now} sees, given the current one. */
    V visible(K key, V current, Instant now) {
        if (!enabled()) {
            return current;
        }
        Deque<Replaced<V>> versions = history.get(key);
        if (versions == null) {
            return current;
        }
        Instant seen = now.minus(lag);
        for (Replaced<V> version : versions) {
            if (version.replacedAt().isAfter(seen)) {
                return version.value();
            }
        }
        return current;
    }

    boolean pending(Instant now) {
        return enabled() && !history.isEmpty();
    }

    /** Forgets versions no read can see any more. */
    void prune(Instant now) {
        if (!enabled() || history.isEmpty()) {
            return;
        }
        Instant seen = now.minus(lag);
        Iterator<Map.Entry<K, Deque<Replaced<V>>>> entries = history.entrySet().iterator();
        while (entries.hasNext()) {
            Deque<Replaced<V>> versions = entries.next().getValue();
            while (!versions.isEmpty() && !versions.peekFirst().replacedAt().isAfter(seen)) {
                versions.removeFirst();
            }
            if (versions.isEmpty()) {
                entries.remove();
            }
        }
    }
}
