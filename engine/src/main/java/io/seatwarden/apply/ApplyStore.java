package io.seatwarden.apply;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.Ownership;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the applier needs from the engine's state: the apply lock, ownership records (rule 5), run
 * history and the journal. Everything is keyed by tenant id, never by the URL the tenant was reached at.
 *
 * <p>Contract: every method commits before it returns (a killed process loses nothing it was told);
 * implementations are thread-safe.
 */
public interface ApplyStore {
    /** Takes the tenant's apply lock; empty when another apply holds it. */
    Optional<ApplyLock> tryLock(TenantId tenant, String holder);

    /** The licenses the engine assigned in this tenant and has not removed since. */
    Ownership ownership(TenantId tenant);

    void recordAssigned(TenantId tenant, UserId user, SkuId sku, String runId, Instant at);

    void forgetAssigned(TenantId tenant, UserId user, SkuId sku);

    /** Starts a run and returns its id (unique, sortable by start time). */
    String startRun(TenantId tenant, String kind, Instant startedAt);

    void finishRun(String runId, String outcome, String message, Instant finishedAt);

    Optional<ApplyRun> run(String runId);

    /** Records intents as {@link EntryStatus#PENDING} entries, in order, before their writes are sent. */
    List<JournalEntry> recordIntents(String runId, TenantId tenant, List<JournalIntent> intents, Instant at);

    void settle(long entryId, EntryStatus status, String detail, Instant at);

    /** Entries of any run of the tenant left {@link EntryStatus#unsettled()}, oldest first. */
    List<JournalEntry> unsettled(TenantId tenant);

    /** A run's entries in the order they were recorded. */
    List<JournalEntry> journal(String runId);

    /** A held apply lock; closing releases it. */
    interface ApplyLock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * A run in the history.
     *
     * @param outcome empty while running (or when its process died)
     */
    record ApplyRun(String runId, TenantId tenant, String kind, Instant startedAt, Optional<Instant> finishedAt,
            Optional<String> outcome, String message) {}
}
