package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.TenantId;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One run as the state remembers it.
 *
 * @param node the name of the machine or cluster node that ran it
 * @param finishedAt empty while {@link RunOutcome#RUNNING}
 * @param message one line for operators (why it failed, what was held); never a secret
 * @param reportDirectory where its reports were written, when they were
 */
@JsonPropertyOrder({"id", "tenant", "kind", "node", "startedAt", "finishedAt", "outcome", "counts", "message", "reportDirectory"})
public record RunRecord(
        RunId id,
        TenantId tenant,
        RunKind kind,
        String node,
        Instant startedAt,
        Optional<Instant> finishedAt,
        RunOutcome outcome,
        RunCounts counts,
        String message,
        Optional<String> reportDirectory) {
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
    }
}
