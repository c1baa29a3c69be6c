package io.seatwarden.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code settings.removalGraceDays}: a removal is first recorded as pending and carried out only once it has
 * been due for the grace period. A removal the state has not recorded yet starts its period {@code now}
 * (the next wet run records it); one it recorded keeps its first time. Evaluated {@code asOf} (the plan's
 * instant, {@code plan --as-of} for a look ahead). Pure.
 */
final class RemovalGrace {
    private final Duration grace;
    private final Lifecycle lifecycle;

    RemovalGrace(int graceDays, Lifecycle lifecycle) {
        this.grace = Duration.ofDays(graceDays);
        this.lifecycle = lifecycle;
        if (graceDays > 0) {
            lifecycle.requireNow("settings.removalGraceDays");
        }
    }

    /** When the removal falls due, or empty when it is due now (no grace period, or the period is over). */
    Optional<Instant> pendingUntil(Ownership.Key key) {
        if (grace.isZero()) {
            return Optional.empty();
        }
        Instant since = lifecycle.pendingSince().getOrDefault(key, lifecycle.now().orElseThrow());
        Instant removeAfter = since.plus(grace);
        Instant asOf = lifecycle.asOf().orElseThrow();
        return asOf.isBefore(removeAfter) ? Optional.of(removeAfter) : Optional.empty();
    }
}
