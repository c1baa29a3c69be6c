package io.seatwarden.policy;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * A license grant's {@code reclaim:} map: who loses (and does not get) an engine-owned or adopted seat.
 *
 * @param inactiveDays users whose last successful sign-in is older than this many days (or who never signed
 *     in and were created longer ago) are inactive; empty when only disabled accounts are reclaimed
 * @param disabledAccounts true: disabled accounts lose the seat too
 */
public record Reclaim(OptionalInt inactiveDays, boolean disabledAccounts) {
    public Reclaim {
        requireNonNull(inactiveDays, "inactiveDays is null");
    }
}
