package io.seatwarden.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.Ownership;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/** {@link Journal} in table {@code seatwarden_journal}; requests are stored as JSON text. */
public final class JdbcJournal implements Journal {
    private static final String COLUMNS = "j.run_id, j.seq, j.tenant_id, j.user_id, j.user_principal_name, j.request, j.state,"
            + " j.settlement, j.detail, j.attempts, j.created_at, j.updated_at";

    private static final int LOCK_CHUNK = 1_000;

    private final DataSource dataSource;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public JdbcJournal(DataSource dataSource, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void intend(RunId run, TenantId tenant, List<ChangeIntent> intents) {
        if (intents.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        inTransaction("cannot record the intended changes of run " + run, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_journal (run_id, seq, tenant_id,"
                    + " user_id, user_principal_name, request, state, settlement, detail, attempts, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?)")) {
                for (ChangeIntent intent : intents) {
                    insert.setString(1, run.value());
                    insert.setInt(2, intent.sequence());
                    insert.setString(3, tenant.value());
                    insert.setString(4, intent.user().value());
                    insert.setString(5, intent.userPrincipalName());
                    insert.setString(6, toJson(intent.request()));
                    insert.setString(7, JournalState.PENDING.name());
                    JdbcValues.setInstant(insert, 8, now);
                    JdbcValues.setInstant(insert, 9, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void sending(RunId run, Collection<Integer> sequences) {
        TreeSet<Integer> wanted = new TreeSet<>(sequences);
        if (wanted.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        inTransaction("cannot mark changes of run " + run + " as sent", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_journal SET state = ?,"
                    + " attempts = attempts + 1, updated_at = ? WHERE run_id = ? AND seq = ? AND state IN (?, ?)")) {
                for (int sequence : wanted) {
                    update.setString(1, JournalState.SENT.name());
                    JdbcValues.setInstant(update, 2, now);
                    update.setString(3, run.value());
                    update.setInt(4, sequence);
                    update.setString(5, JournalState.PENDING.name());
                    update.setString(6, JournalState.SENT.name());
                    update.addBatch();
                }
                int[] counts = update.executeBatch();
                List<Integer> refused = new ArrayList<>();
                int index = 0;
                for (int sequence : wanted) {
                    // SUCCESS_NO_INFO (-2) means the driver did not count; the rows were matched by key, so treat it as done.
                    if (counts[index++] == 0) {
                        refused.add(sequence);
                    }
                }
                if (!refused.isEmpty()) {
                    throw new IllegalStateException("journal entries " + refused + " of run " + run
                            + " are unknown or already settled; nothing was marked as sent");
                }
            }
            return null;
        });
    }

    @Override
    public void settle(RunId run, int sequence, JournalOutcome outcome) {
        settleAll(run, Map.of(sequence, outcome));
    }

    @Override
    public void settleAll(RunId run, Map<Integer, JournalOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        TreeMap<Integer, JournalOutcome> sorted = new TreeMap<>(outcomes);
        Instant now = clock.instant();
        inTransaction("cannot record the outcome of changes " + sorted.keySet() + " of run " + run, connection -> {
            Map<Integer, JournalEntry> entries = lockOpenEntries(connection, run, sorted.keySet());
            try (PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_journal SET state = ?, settlement = ?,"
                    + " detail = ?, updated_at = ? WHERE run_id = ? AND seq = ? AND state IN (?, ?)")) {
                for (Map.Entry<Integer, JournalOutcome> settled : sorted.entrySet()) {
                    JournalOutcome outcome = settled.getValue();
                    update.setString(1, outcome.state().name());
                    update.setString(2, outcome.settlement().name());
                    update.setString(3, outcome.detail().map(text -> JdbcValues.truncate(text, 4000)).orElse(null));
                    JdbcValues.setInstant(update, 4, now);
                    update.setString(5, run.value());
                    update.setInt(6, settled.getKey());
                    update.setString(7, JournalState.PENDING.name());
                    update.setString(8, JournalState.SENT.name());
                    update.addBatch();
                }
                update.executeBatch();
            }
            TenantId tenant = entries.values().iterator().next().tenant();
            List<Ownership.Key> assigned = new ArrayList<>();
            List<Ownership.Key> removed = new ArrayList<>();
            for (Map.Entry<Integer, JournalOutcome> settled : sorted.entrySet()) {
                UserId user = entries.get(settled.getKey()).user();
                assigned.addAll(keys(user, settled.getValue().ownership().assigned()));
                removed.addAll(keys(user, settled.getValue().ownership().removed()));
            }
            JdbcAssignmentStore.insert(connection, tenant, run, assigned, now);
            JdbcAssignmentStore.delete(connection, tenant, removed);
            return null;
        });
    }

    /**
     * Locks the entries (so a concurrent settle of the same entry waits, then sees it final) and
     * checks that every one exists and is still open.
     */
    private Map<Integer, JournalEntry> lockOpenEntries(Connection connection, RunId run, Set<Integer> sequences) throws SQLException {
        Map<Integer, JournalEntry> entries = new TreeMap<>();
        List<Integer> all = new ArrayList<>(sequences);
        // Chunks keep the IN list well under PostgreSQL's 32767 parameters when a resume settles thousands.
        for (int from = 0; from < all.size(); from += LOCK_CHUNK) {
            List<Integer> chunk = all.subList(from, Math.min(all.size(), from + LOCK_CHUNK));
            StringBuilder placeholders = new StringBuilder();
            for (int index = 0; index < chunk.size(); index++) {
                placeholders.append(index == 0 ? "?" : ", ?");
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM seatwarden_journal j WHERE j.run_id = ? AND j.seq IN (" + placeholders + ") FOR UPDATE")) {
                query.setString(1, run.value());
                int parameter = 2;
                for (int sequence : chunk) {
                    query.setInt(parameter++, sequence);
                }
                for (JournalEntry entry : read(query)) {
                    entries.put(entry.sequence(), entry);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (int sequence : sequences) {
            JournalEntry entry = entries.get(sequence);
            if (entry == null) {
                problems.add("no journal entry " + sequence + " in run " + run);
            } else if (entry.state().isFinal()) {
                problems.add("journal entry " + sequence + " of run " + run + " is already settled as " + entry.state());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems) + "; nothing was settled");
        }
        return entries;
    }

    @Override
    public List<JournalEntry> entries(RunId run) {
        return query("cannot read the journal of run " + run, "SELECT " + COLUMNS
                + " FROM seatwarden_journal j WHERE j.run_id = ? ORDER BY j.seq", run.value());
    }

    @Override
    public List<JournalEntry> unfinished(TenantId tenant) {
        return query("cannot read the unfinished changes of tenant " + tenant, "SELECT " + COLUMNS
                + " FROM seatwarden_journal j JOIN seatwarden_runs r ON r.run_id = j.run_id"
                + " WHERE j.tenant_id = ? AND j.state IN ('" + JournalState.PENDING.name() + "', '" + JournalState.SENT.name() + "')"
                + " ORDER BY r.started_at, r.ordinal, j.seq", tenant.value());
    }

    private List<JournalEntry> query(String failure, String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            return read(query);
        } catch (SQLException e) {
            throw new StateException(failure + ": " + JdbcValues.describe(e), e);
        }
    }

    private List<JournalEntry> read(PreparedStatement query) throws SQLException {
        List<JournalEntry> entries = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(new JournalEntry(
                        RunId.of(rows.getString("run_id")),
                        rows.getInt("seq"),
                        TenantId.of(rows.getString("tenant_id")),
                        UserId.of(rows.getString("user_id")),
                        rows.getString("user_principal_name"),
                        fromJson(rows.getString("request")),
                        JournalState.valueOf(rows.getString("state")),
                        Optional.ofNullable(rows.getString("settlement")).map(Settlement::valueOf),
                        Optional.ofNullable(rows.getString("detail")),
                        rows.getInt("attempts"),
                        JdbcValues.getInstant(rows, "created_at"),
                        JdbcValues.getInstant(rows, "updated_at")));
            }
        }
        return List.copyOf(entries);
    }

    private static List<Ownership.Key> keys(UserId user, List<SkuId> skus) {
        List<Ownership.Key> keys = new ArrayList<>();
        for (SkuId sku : skus) {
            keys.add(new Ownership.Key(user, sku));
        }
        return keys;
    }

    private String toJson(ChangeRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a change request as JSON", e);
        }
    }

    private ChangeRequest fromJson(String text) throws SQLException {
        try {
            return json.readValue(text, ChangeRequest.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("a journal entry holds an unreadable request: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T inTransaction(String failure, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException(failure + ": " + JdbcValues.describe(e), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
