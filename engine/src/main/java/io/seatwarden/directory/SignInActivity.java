package io.seatwarden.directory;

import java.time.Instant;
import java.util.Optional;

/**
 * Graph's {@code signInActivity} of a user, as far as reclaiming seats needs it. Graph leaves the
 * property out for a user who never signed in (or last did before April 2020); either timestamp may
 * be null ({@code lastSuccessfulSignInDateTime} exists only since December 2023 and is not backfilled).
 *
 * @param lastSuccessfulSignInDateTime the last successful sign-in, interactive or not; may be null
 * @param lastNonInteractiveSignInDateTime the last non-interactive sign-in attempt (a client acting for the
 *     user); may be null
 */
public record SignInActivity(Instant lastSuccessfulSignInDateTime, Instant lastNonInteractiveSignInDateTime) {
    /** The latest of the two timestamps: a user some client still signs in for is not idle. */
    public Optional<Instant> lastSignIn() {
        if (lastSuccessfulSignInDateTime == null) {
            return Optional.ofNullable(lastNonInteractiveSignInDateTime);
        }
        if (lastNonInteractiveSignInDateTime == null || lastSuccessfulSignInDateTime.isAfter(lastNonInteractiveSignInDateTime)) {
            return Optional.of(lastSuccessfulSignInDateTime);
        }
        return Optional.of(lastNonInteractiveSignInDateTime);
    }
}
