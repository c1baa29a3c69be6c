package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Every change a run makes, written before it goes out and updated after, so that a crashed
 * apply can be resumed without applying anything twice and its story told whole. Thread-safe;
 * each method is one transaction.
 *
 * <pre>{@code
 * journal.intend(run, tenant, intents);                 // all PENDING, before anything is sent
 * journal.sending(run, List.of(3, 4));                  // PENDING/SENT -> SENT, attempts + 1, just before the $batch
 * journal.settle(run, 3, JournalOutcome.succeeded(Settlement.RESPONSE, new OwnershipDelta(List.of(sku), List.of())));
 * journal.settle(run, 4, JournalOutcome.failed(Settlement.RESPONSE, "Request_BadRequest: ..."));
 * }</pre>
 *
 * On start, an apply asks {@link #unfinished(TenantId)}: entries left {@link JournalState#SENT}
 * may have taken effect and are settled by reading their users back
 * ({@link Settlement#READ_BACK}); entries left {@link JournalState#PENDING} were never sent and
 * are settled {@link JournalState#SUPERSEDED} (the new run's plan covers them).
 */
public interface Journal {
    /**
     * Records changes as {@link JournalState#PENDING}, all or none. The run must have been begun in
     * {@link RunHistory}.
     *
     * @throws StateException when the run is unknown or a sequence is already used in it
     */
    void intend(RunId run, TenantId tenant, List<ChangeIntent> intents);

    /**
     * Marks entries as being sent (again, for a retry), just before their request goes out.
     *
     * @throws IllegalStateException naming the entries that are unknown or already settled; then nothing is marked
     */
    void sending(RunId run, Collection<Integer> sequences);

    /**
     * Settles an entry once, and applies the outcome's ownership change in the same transaction.
     *
     * @throws IllegalStateException when the entry is unknown or already settled (nothing is changed)
     */
    void settle(RunId run, int sequence, JournalOutcome outcome);

    /**
     * Settles several entries of a run at once, in one transaction (e.g. the items of one
     * {@code $batch}): all or none.
     *
     * @throws IllegalStateException naming every entry that is unknown or already settled; then nothing is changed
     */
    void settleAll(RunId run, Map<Integer, JournalOutcome> outcomes);

    /** The run's entries, by sequence (what {@code undo RUN} reverses). */
    List<JournalEntry> entries(RunId run);

    /**
     * The tenant's entries not yet settled ({@link JournalState#PENDING} or {@link JournalState#SENT}),
     * over all its runs (normally only the last one, when its process died), oldest run first, then by sequence.
     * Ask while holding the tenant's apply lease ({@link ApplyLocks}): otherwise a live apply's entries count too.
     */
    List<JournalEntry> unfinished(TenantId tenant);
}
