package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.TenantId;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One run as the state remembers it: a command-line run ({@code apply}, {@code undo}) or a run the
 * {@code run} service started on its schedule, whether it got to write or stopped before.
 *
 * @param tenant the tenant's directory id; empty for a scheduled run that stopped before it read the
 *        tenant (invalid policies, an unreachable endpoint): {@link #scheduled()} names its tenant then
 * @param node the name of the machine or cluster node that ran it
 * @param finishedAt empty while {@link RunOutcome#RUNNING}
 * @param message one line for operators (why it failed, what was held); never a secret
 * @param reportDirectory where its reports were written, when they were
 * @param scheduled how the service started it; empty for a command-line run
 * @param traffic what it sent to Graph, where the run counted it (scheduled runs do)
 */
@JsonPropertyOrder({"id", "tenant", "kind", "node", "startedAt", "finishedAt", "outcome", "counts", "message", "reportDirectory",
        "scheduled", "traffic"})
public record RunRecord(
        RunId id,
        Optional<TenantId> tenant,
        RunKind kind,
        String node,
        Instant startedAt,
        Optional<Instant> finishedAt,
        RunOutcome outcome,
        RunCounts counts,
        String message,
        Optional<String> reportDirectory,
        Optional<ScheduledStart> scheduled,
        GraphTraffic traffic) {
    public RunRecord {
        requireNonNull(id, "id is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(node, "node is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(counts, "counts is null");
        requireNonNull(message, "message is null");
        requireNonNull(reportDirectory, "reportDirectory is null");
        requireNonNull(scheduled, "scheduled is null");
        requireNonNull(traffic, "traffic is null");
        if (tenant.isEmpty() && scheduled.isEmpty()) {
            throw new IllegalArgumentException("a run names its tenant, by directory id or by its schedule's job");
        }
    }

    /** How an operator knows the run's tenant: the service's name for it when scheduled, else the directory id. */
    public String tenantName() {
        return scheduled.map(ScheduledStart::job).orElseGet(() -> tenant.orElseThrow().value());
    }
}
