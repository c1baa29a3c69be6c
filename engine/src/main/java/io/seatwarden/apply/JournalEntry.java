package io.seatwarden.apply;

import io.seatwarden.directory.TenantId;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One write in the journal: the intent, recorded before it was sent, and its outcome.
 *
 * @param id unique in the store, increasing in the order intents were recorded
 * @param detail why it failed or how it was settled; empty while pending
 */
public record JournalEntry(
        long id,
        String runId,
        TenantId tenant,
        JournalIntent intent,
        EntryStatus status,
        String detail,
        Instant recordedAt,
        Optional<Instant> settledAt) {
    public JournalEntry {
        requireNonNull(runId, "runId is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(intent, "intent is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(recordedAt, "recordedAt is null");
        requireNonNull(settledAt, "settledAt is null");
    }
}
