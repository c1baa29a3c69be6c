package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One change of a run, with its intent and outcome.
 *
 * @param attempts how many times it was sent (0 while pending; more after a 429 or 5xx retry)
 * @param settlement how its outcome became known; empty until settled
 * @param detail why it failed, waits or was held; empty otherwise
 */
@JsonPropertyOrder({"run", "sequence", "tenant", "user", "userPrincipalName", "request", "state", "settlement", "detail",
        "attempts", "createdAt", "updatedAt"})
public record JournalEntry(
        RunId run,
        int sequence,
        TenantId tenant,
        UserId user,
        String userPrincipalName,
        ChangeRequest request,
        JournalState state,
        Optional<Settlement> settlement,
        Optional<String> detail,
        int attempts,
        Instant createdAt,
        Instant updatedAt) {
    public JournalEntry {
        requireNonNull(run, "run is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(user, "user is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(request, "request is null");
        requireNonNull(state, "state is null");
        requireNonNull(settlement, "settlement is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
    }
}
