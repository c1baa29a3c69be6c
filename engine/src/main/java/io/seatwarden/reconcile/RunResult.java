package io.seatwarden.reconcile;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.state.RunId;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a reconciliation did.
 *
 * @param message one line for operators
 * @param plan the plan, when planning got that far
 * @param applied what applying did, when it got that far
 * @param runId the run's id in the state history, when a run was recorded
 * @param problems policy problems that stopped the run (file:line:column)
 * @param details more lines for the operator (a saved plan's differences, ...)
 */
public record RunResult(
        RunOutcome outcome,
        String message,
        Optional<Plan> plan,
        Optional<ApplyResult> applied,
        Optional<RunId> runId,
        List<PolicyProblem> problems,
        List<String> details) {
    public RunResult {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(applied, "applied is null");
        requireNonNull(runId, "runId is null");
        problems = List.copyOf(problems);
        details = List.copyOf(details);
    }

    static RunResult failed(String message) {
        return new RunResult(RunOutcome.FAILED, message, Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    /** The same result, recorded in the run history as {@code run}. */
    RunResult withRunId(RunId run) {
        return new RunResult(outcome, message, plan, applied, Optional.of(run), problems, details);
    }

    /** The {@code apply} exit code (a dry run answers like {@code plan}: 2 when changes are pending). */
    public int exitCode() {
        if (outcome == RunOutcome.PLANNED) {
            return plan.map(found -> found.hasChanges() ? 2 : 0).orElse(0);
        }
        return outcome.exitCode();
    }
}
