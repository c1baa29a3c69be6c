package io.seatwarden.policy;

import java.util.Optional;

/**
 * Checks the syntax of a {@code schedule} cron expression, so that a typo in the schedule is found
 * by {@code validate} rather than when the scheduler starts. Implementations are stateless and
 * thread-safe.
 */
public interface CronSyntax {
    /** Why {@code expression} is not a valid cron expression, or empty when it is valid. */
    Optional<String> problem(String expression);

    /** Accepts every expression; for callers that check the schedule elsewhere. */
    static CronSyntax unchecked() {
        return expression -> Optional.empty();
    }
}
