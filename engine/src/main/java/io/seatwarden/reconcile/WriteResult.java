package io.seatwarden.reconcile;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What became of one {@link WriteOperation}.
 *
 * @param failure empty when the write took effect
 * @param attempts how many times it was sent
 * @param settledByReadBack true when the outcome was decided by reading the user back after an
 *        ambiguous failure
 */
public record WriteResult(WriteOperation operation, Optional<GraphFailure> failure, int attempts, boolean settledByReadBack) {
    public WriteResult {
        requireNonNull(operation, "operation is null");
        requireNonNull(failure, "failure is null");
    }

    public boolean applied() {
        return failure.isEmpty();
    }

    /** True when not even reading the user back could tell whether the write took effect. */
    public boolean outcomeUnknown() {
        return failure.isPresent() && failure.get() instanceof GraphFailure.Transient transientFailure && transientFailure.mayHaveApplied();
    }
}
