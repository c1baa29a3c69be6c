package io.seatwarden.plan;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the planner needs to know about time, kept an input so that it stays pure: the instant the
 * plan is for, and the removals the state recorded as pending (with the instant each was first seen).
 *
 * @param now when the plan is made (the injected clock's instant): a removal first seen in this plan starts
 *     its grace period then, since the next wet run records it
 * @param asOf the instant the plan is evaluated at: sign-in ages and due removals ({@code plan --as-of});
 *     {@code now} unless asked otherwise
 * @param pendingSince removals recorded as pending, with when each was first recorded
 */
public record Lifecycle(Optional<Instant> now, Optional<Instant> asOf, Map<Ownership.Key, Instant> pendingSince) {
    private static final Lifecycle UNTIMED = new Lifecycle(Optional.empty(), Optional.empty(), Map.of());

    public Lifecycle {
        requireNonNull(now, "now is null");
        requireNonNull(asOf, "asOf is null");
        pendingSince = Map.copyOf(pendingSince);
    }

    /** No time given: planning with {@code reclaim} or {@code removalGraceDays} is refused. */
    public static Lifecycle untimed() {
        return UNTIMED;
    }

    public static Lifecycle at(Instant now) {
        return new Lifecycle(Optional.of(now), Optional.of(now), Map.of());
    }

    public Lifecycle asOf(Instant instant) {
        return new Lifecycle(now, Optional.of(instant), pendingSince);
    }

    public Lifecycle withPending(Map<Ownership.Key, Instant> recorded) {
        return new Lifecycle(now, asOf, recorded);
    }

    Instant requireNow(String why) {
        return now.orElseThrow(() -> new IllegalArgumentException(why + " needs the time the plan is made; none was given"));
    }

    Instant requireAsOf(String why) {
        return asOf.orElseThrow(() -> new IllegalArgumentException(why + " needs the time the plan is made; none was given"));
    }
}
