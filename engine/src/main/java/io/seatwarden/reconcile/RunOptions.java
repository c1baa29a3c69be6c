package io.seatwarden.reconcile;

import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How a run goes.
 *
 * @param dryRun plan only: nothing is written to Graph, the journal or the run history, and no lease is taken
 * @param maxRemovals {@code --max-removals N}: raises the guard's absolute limit to N and lifts its
 *        percentage limit, for this run only
 * @param expectedPlan a saved plan ({@code apply --plan FILE}): the run refuses to apply unless
 *        planning now gives the same changes
 * @param kind recorded in the run history
 * @param runId the id to record the run under (the scheduler's, so its run directory and the history agree);
 *        empty for a new one
 * @param leaseWait how long a wet run waits for the tenant's lease while another run holds it, before it
 *        refuses ({@link Duration#ZERO}: refuse at once)
 * @param asOf a dry run planned as of another instant ({@code plan --as-of}); a wet run plans as of now
 * @param fullRead {@code --full}: read the tenant in full, not from the stored snapshot and Graph's delta links
 */
public record RunOptions(boolean dryRun, OptionalInt maxRemovals, Optional<SavedPlan> expectedPlan, RunKind kind, Optional<RunId> runId,
        Duration leaseWait, Optional<Instant> asOf, boolean fullRead) {
    /** How long {@code apply} waits for another run's lease unless told otherwise. */
    public static final Duration DEFAULT_LEASE_WAIT = Duration.ofSeconds(60);

    public RunOptions {
        requireNonNull(maxRemovals, "maxRemovals is null");
        requireNonNull(expectedPlan, "expectedPlan is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(leaseWait, "leaseWait is null");
        requireNonNull(asOf, "asOf is null");
        if (maxRemovals.isPresent() && maxRemovals.getAsInt() < 0) {
            throw new IllegalArgumentException("--max-removals must be 0 or more");
        }
        if (leaseWait.isNegative()) {
            throw new IllegalArgumentException("the lease wait must be 0 or more");
        }
        if (asOf.isPresent() && !dryRun) {
            throw new IllegalArgumentException("a wet run plans as of now; only a dry run takes another instant");
        }
    }

    public RunOptions(boolean dryRun, OptionalInt maxRemovals, Optional<SavedPlan> expectedPlan, RunKind kind, Optional<RunId> runId) {
        this(dryRun, maxRemovals, expectedPlan, kind, runId, Duration.ZERO, Optional.empty(), false);
    }

    /** A wet run of kind APPLY that refuses at once when another run holds the tenant's lease. */
    public static RunOptions apply() {
        return new RunOptions(false, OptionalInt.empty(), Optional.empty(), RunKind.APPLY, Optional.empty());
    }

    /** The dry run {@code plan} is: read, resolve, plan and judge the guard exactly as a wet run would; write nothing. */
    public static RunOptions plan() {
        return new RunOptions(true, OptionalInt.empty(), Optional.empty(), RunKind.PLAN, Optional.empty());
    }

    public RunOptions withMaxRemovals(int limit) {
        return new RunOptions(dryRun, OptionalInt.of(limit), expectedPlan, kind, runId, leaseWait, asOf, fullRead);
    }

    public RunOptions withExpectedPlan(SavedPlan plan) {
        return new RunOptions(dryRun, maxRemovals, Optional.of(plan), kind, runId, leaseWait, asOf, fullRead);
    }

    public RunOptions withKind(RunKind newKind) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, newKind, runId, leaseWait, asOf, fullRead);
    }

    /** Records the run under {@code id} rather than a new one. */
    public RunOptions withRunId(RunId id) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, kind, Optional.of(id), leaseWait, asOf, fullRead);
    }

    /** Waits up to {@code wait} for the tenant's lease instead of refusing at once. */
    public RunOptions withLeaseWait(Duration wait) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, kind, runId, wait, asOf, fullRead);
    }

    /** A dry run planned as of {@code instant}: sign-in ages and which pending removals fall due. */
    public RunOptions asOf(Instant instant) {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, kind, runId, leaseWait, Optional.of(instant), fullRead);
    }

    public RunOptions asDryRun() {
        return new RunOptions(true, maxRemovals, expectedPlan, kind, runId, leaseWait, asOf, fullRead);
    }

    /** {@code --full}: a full read, whatever the state holds for an incremental one. */
    public RunOptions withFullRead() {
        return new RunOptions(dryRun, maxRemovals, expectedPlan, kind, runId, leaseWait, asOf, true);
    }
}
