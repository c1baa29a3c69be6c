package io.seatwarden.reconcile;

import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;

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
 * @param runId the id to record the run under (the scheduler's, so its run directory and the history agree);
 *        empty for a new one
 * @param fullRead {@code --full}: read the tenant in full, not from the stored snapshot and Graph's delta links
 */
public record RunOptions(boolean dryRun, OptionalInt maxRemovals, Optional<SavedPlan> expectedPlan, RunKind kind, Optional<RunId> runId,
                         boolean fullRead) {
    public RunOptions {
        requireNonNull(maxRemovals, "maxRemovals is null");
        requireNonNull(expectedPlan, "expectedPlan is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(runId, "runId is null");
        if (maxRemovals.isPresent() && maxRemovals.getAsInt() < 0) {
            throw new IllegalArgumentException("--max-removals must be 0 or more");
        }
    }

    public static RunOptions apply() {
        return new RunOptions(false, OptionalInt.empty(), Optional.empty(), RunKind.APPLY, Optional.empty(), false);
    }

    public RunOptions withMaxRemovals(int limit) {
        return new RunOptions(dryRun, OptionalInt.of(limit), expectedPlan, kind, runId, fullRead);
    }

    public RunOptions withExpectedPlan(SavedPlan plan) {
        return new RunOptions(dryRun, maxRemovals, Optional.of(plan), kind, runId, fullRead);
    }

    public RunOptions withKind(RunKind newKind) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, newKind, runId, fullRead);
    }

    /** Records the run under {@code id} rather than a new one. */
    public RunOptions withRunId(RunId id) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, kind, Optional.of(id), fullRead);
    }

    /** {@code --full}: a full read, whatever the state holds for an incremental one. */
    public RunOptions withFullRead() {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, kind, runId, true);
    }

    public RunOptions asDryRun() {
        return new RunOptions(true, maxRemovals, expectedPlan, kind, runId, fullRead);
    }
}
