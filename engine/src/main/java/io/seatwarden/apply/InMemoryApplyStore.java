package io.seatwarden.apply;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.Ownership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link ApplyStore} in memory, for tests and for {@code --demo} runs whose tenant lives no
 * longer than the process. Thread-safe.
 */
public final class InMemoryApplyStore implements ApplyStore {
    private final Map<TenantId, String> locks = new HashMap<>();
    private final Map<TenantId, Set<Ownership.Key>> owned = new HashMap<>();
    private final Map<String, ApplyRun> runs = new LinkedHashMap<>();
    private final List<JournalEntry> entries = new ArrayList<>();
    private long nextRun = 1;

    @Override
    public synchronized Optional<ApplyLock> tryLock(TenantId tenant, String holder) {
        if (locks.containsKey(tenant)) {
            return Optional.empty();
        }
        locks.put(tenant, holder);
        return Optional.of(() -> {
            synchronized (this) {
                locks.remove(tenant, holder);
            }
        });
    }

    @Override
    public synchronized Ownership ownership(TenantId tenant) {
        return Ownership.of(owned.getOrDefault(tenant, Set.of()));
    }

    @Override
    public synchronized void recordAssigned(TenantId tenant, UserId user, SkuId sku, String runId, Instant at) {
        owned.computeIfAbsent(tenant, key -> new HashSet<>()).add(new Ownership.Key(user, sku));
    }

    @Override
    public synchronized void forgetAssigned(TenantId tenant, UserId user, SkuId sku) {
        owned.getOrDefault(tenant, new HashSet<>()).remove(new Ownership.Key(user, sku));
    }

    @Override
    public synchronized String startRun(TenantId tenant, String kind, Instant startedAt) {
        String runId = String.format("run-%06d", nextRun++);
        runs.put(runId, new ApplyRun(runId, tenant, kind, startedAt, Optional.empty(), Optional.empty(), "running"));
        return runId;
    }

    @Override
    public synchronized void finishRun(String runId, String outcome, String message, Instant finishedAt) {
        ApplyRun run = runs.get(runId);
        runs.put(runId, new ApplyRun(runId, run.tenant(), run.kind(), run.startedAt(), Optional.of(finishedAt), Optional.of(outcome), message));
    }

    @Override
    public synchronized Optional<ApplyRun> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    @Override
    public synchronized List<JournalEntry> recordIntents(String runId, TenantId tenant, List<JournalIntent> intents, Instant at) {
        List<JournalEntry> recorded = new ArrayList<>();
        for (JournalIntent intent : intents) {
            JournalEntry entry = new JournalEntry(entries.size() + 1L, runId, tenant, intent, EntryStatus.PENDING, "", at, Optional.empty());
            entries.add(entry);
            recorded.add(entry);
        }
        return recorded;
    }

    @Override
    public synchronized void settle(long entryId, EntryStatus status, String detail, Instant at) {
        JournalEntry entry = entries.get((int) entryId - 1);
        entries.set((int) entryId - 1, new JournalEntry(entry.id(), entry.runId(), entry.tenant(), entry.intent(), status, detail,
                entry.recordedAt(), Optional.of(at)));
    }

    @Override
    public synchronized List<JournalEntry> unsettled(TenantId tenant) {
        return entries.stream().filter(entry -> entry.tenant().equals(tenant) && entry.status().unsettled()).toList();
    }

    @Override
    public synchronized List<JournalEntry> journal(String runId) {
        return entries.stream().filter(entry -> entry.runId().equals(runId)).toList();
    }
}
