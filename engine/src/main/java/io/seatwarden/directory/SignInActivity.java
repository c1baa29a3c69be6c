package io.seatwarden.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * Graph's {@code signInActivity} of a user, as far as reclaiming seats needs it. Graph has none for a user
 * who never signed in (or last did before April 2020); any timestamp may be null.
 *
 * @param lastSuccessfulSignInDateTime the last successful sign-in, interactive or not; may be null (Graph fills it
 *     only since December 2023 and did not backfill it)
 * @param lastNonInteractiveSignInDateTime the last non-interactive sign-in attempt, successful or not (a client
 *     acting for the user); may be null
 * @param lastSignInDateTime the last interactive sign-in attempt, successful or not; may be null
 */
public record SignInActivity(Instant lastSuccessfulSignInDateTime, Instant lastNonInteractiveSignInDateTime,
        Instant lastSignInDateTime) {
    /** Activity without the interactive attempt timestamp. */
    public SignInActivity(Instant lastSuccessfulSignInDateTime, Instant lastNonInteractiveSignInDateTime) {
        this(lastSuccessfulSignInDateTime, lastNonInteractiveSignInDateTime, null);
    }

    /**
     * The evidence of use: the later of the last successful sign-in and the last non-interactive one (a user
     * some client still signs in for is not idle). Without a successful sign-in on record, which Graph has not
     * kept before December 2023, the last interactive attempt stands in for it: a seat is reclaimed on evidence
     * only.
     */
    public Optional<Instant> lastSignIn() {
        Instant interactive = lastSuccessfulSignInDateTime != null ? lastSuccessfulSignInDateTime : lastSignInDateTime;
        return Optional.ofNullable(later(interactive, lastNonInteractiveSignInDateTime));
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
