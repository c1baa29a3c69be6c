package io.seatwarden.apply;

import io.seatwarden.apply.state.RunKind;

import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How a run goes.
 *
 * @param dryRun plan only: nothing is written to Graph or the journal
 * @param maxRemovals {@code --max-removals N}: raises the guard's absolute limit to N and lifts its
 *        percentage limit, for this run only
 * @param expectedPlan a saved plan ({@code apply --plan FILE}): the run refuses to apply unless
 *        planning now gives the same changes
 * @param kind recorded in the run history
 */
public record RunOptions(boolean dryRun, OptionalInt maxRemovals, Optional<SavedPlan> expectedPlan, RunKind kind) {
    public RunOptions {
        requireNonNull(maxRemovals, "maxRemovals is null");
        requireNonNull(expectedPlan, "expectedPlan is null");
        requireNonNull(kind, "kind is null");
        if (maxRemovals.isPresent() && maxRemovals.getAsInt() < 0) {
            throw new IllegalArgumentException("--max-removals must be 0 or more");
        }
    }

    public static RunOptions apply() {
        return new RunOptions(false, OptionalInt.empty(), Optional.empty(), RunKind.APPLY);
    }

    public RunOptions withMaxRemovals(int limit) {
        return new RunOptions(dryRun, OptionalInt.of(limit), expectedPlan, kind);
    }

    public RunOptions withExpectedPlan(SavedPlan plan) {
        return new RunOptions(dryRun, maxRemovals, Optional.of(plan), kind);
    }

    public RunOptions withKind(RunKind newKind) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, newKind);
    }

    public RunOptions asDryRun() {
        return new RunOptions(true, maxRemovals, expectedPlan, kind);
    }
}
