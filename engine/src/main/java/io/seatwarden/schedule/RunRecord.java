package io.seatwarden.schedule;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.state.RunId;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One run as the state database remembers it.
 *
 * @param node the Quartz instance id of the node that ran it
 * @param endedAt empty while running (or when its node died)
 * @param recovering true when it took over a run a dead node left unfinished
 * @param changes applied changes by kind, as in {@link RunSummary#changes()}
 */
@JsonPropertyOrder({"runId", "tenant", "node", "outcome", "scheduledAt", "startedAt", "endedAt", "recovering",
        "message", "changes", "graphRequests", "runDirectory"})
public record RunRecord(
        RunId runId,
        TenantKey tenant,
        String node,
        RunOutcome outcome,
        Instant scheduledAt,
        Instant startedAt,
        Optional<Instant> endedAt,
        boolean recovering,
        String message,
        Map<String, Integer> changes,
        long graphRequests,
        String runDirectory) {
    public RunRecord {
        requireNonNull(runId, "runId is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(node, "node is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(scheduledAt, "scheduledAt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(message, "message is null");
        changes = Collections.unmodifiableMap(new TreeMap<>(changes));
        requireNonNull(runDirectory, "runDirectory is null");
    }
}
