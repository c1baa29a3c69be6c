package io.seatwarden.reconcile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.reconcile.WriterStats;
import io.seatwarden.state.RunId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What an apply did.
 *
 * @param removalGuard the guard's verdict for this run (tripped: every removal was held back)
 * @param changes one per user of the plan, by userPrincipalName
 * @param resumed journal entries earlier runs left unfinished, settled at the start of this one
 * @param stats Graph requests, writes, 429s, read-backs and time spent waiting, for this run
 */
@JsonPropertyOrder({"runId", "tenantId", "removalGuard", "resumed", "changes", "stats"})
public record ApplyResult(
        RunId runId,
        TenantId tenantId,
        RemovalGuardVerdict removalGuard,
        Resumed resumed,
        List<ChangeOutcome> changes,
        WriterStats stats) {
    public ApplyResult {
        requireNonNull(runId, "runId is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(removalGuard, "removalGuard is null");
        requireNonNull(resumed, "resumed is null");
        changes = List.copyOf(changes);
        requireNonNull(stats, "stats is null");
    }

    public long count(ChangeStatus status) {
        return changes.stream().filter(change -> change.status() == status).count();
    }

    /**
     * Journal entries interrupted earlier runs left unfinished, and how they were settled.
     *
     * @param applied sent, and reading the user back showed them done
     * @param notApplied sent, and reading the user back showed them not done
     * @param neverSent still pending: superseded by this run's plan
     */
    @JsonPropertyOrder({"entries", "applied", "notApplied", "neverSent"})
    public record Resumed(int entries, int applied, int notApplied, int neverSent) {
        public static final Resumed NONE = new Resumed(0, 0, 0, 0);
    }
}
