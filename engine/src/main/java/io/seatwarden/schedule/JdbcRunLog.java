package io.seatwarden.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.state.RunId;
import io.seatwarden.state.StateDatabase;
import io.seatwarden.state.StateDatabaseException;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** {@link RunLog} in table {@code seatwarden_scheduled_runs} of the state database (H2 or PostgreSQL). */
public final class JdbcRunLog implements RunLog {
    static final String TABLE = "seatwarden_scheduled_runs";
    private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

    private final DataSource dataSource;
    private final ObjectMapper json = new ObjectMapper();

    public JdbcRunLog(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /** True when the run history table exists (a service has run against this database). */
    public static boolean installed(Connection connection) throws SQLException {
        return StateDatabase.tableExists(connection, TABLE);
    }

    /** Creates the table when missing; safe when several nodes start at once. */
    public static void install(StateDatabase database, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            database.inSchemaLock(connection, locked -> {
                if (StateDatabase.tableExists(locked, TABLE)) {
                    return;
                }
                try (Statement statement = locked.createStatement()) {
                    statement.execute("CREATE TABLE " + TABLE + " ("
                            + "run_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                            + "tenant VARCHAR(64) NOT NULL, "
                            + "node VARCHAR(200) NOT NULL, "
                            + "outcome VARCHAR(32) NOT NULL, "
                            + "scheduled_at BIGINT NOT NULL, "
                            + "started_at BIGINT NOT NULL, "
                            + "ended_at BIGINT, "
                            + "recovering BOOLEAN NOT NULL, "
                            + "message VARCHAR(2000) NOT NULL, "
                            + "changes VARCHAR(2000) NOT NULL, "
                            + "seats_free VARCHAR(4000) NOT NULL, "
                            + "graph_requests BIGINT NOT NULL, "
                            + "throttle_wait_ms BIGINT NOT NULL, "
                            + "run_directory VARCHAR(1000) NOT NULL)");
                    statement.execute("CREATE INDEX seatwarden_scheduled_runs_tenant ON " + TABLE + " (tenant, started_at)");
                }
            });
        } catch (SQLException e) {
            throw new StateDatabaseException("cannot create table " + TABLE + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void started(RunRecord run) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement abandon = connection.prepareStatement("UPDATE " + TABLE
                    + " SET outcome = ?, message = ? WHERE tenant = ? AND outcome = ? AND run_id <> ?")) {
                abandon.setString(1, RunOutcome.ABANDONED.name());
                abandon.setString(2, "its node stopped mid-run; superseded by run " + run.runId());
                abandon.setString(3, run.tenant().value());
                abandon.setString(4, RunOutcome.RUNNING.name());
                abandon.setString(5, run.runId().value());
                abandon.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE
                    + " (run_id, tenant, node, outcome, scheduled_at, started_at, ended_at, recovering, message, changes,"
                    + " seats_free, graph_requests, throttle_wait_ms, run_directory)"
                    + " VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, '{}', '{}', 0, 0, ?)")) {
                insert.setString(1, run.runId().value());
                insert.setString(2, run.tenant().value());
                insert.setString(3, run.node());
                insert.setString(4, run.outcome().name());
                insert.setLong(5, run.scheduledAt().toEpochMilli());
                insert.setLong(6, run.startedAt().toEpochMilli());
                insert.setBoolean(7, run.recovering());
                insert.setString(8, truncate(run.message(), 2000));
                insert.setString(9, run.runDirectory());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StateDatabaseException("cannot record the start of run " + run.runId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finished(RunId runId, RunSummary summary, Instant endedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                        + " SET outcome = ?, ended_at = ?, message = ?, changes = ?, seats_free = ?, graph_requests = ?,"
                        + " throttle_wait_ms = ? WHERE run_id = ?")) {
            update.setString(1, summary.outcome().name());
            update.setLong(2, endedAt.toEpochMilli());
            update.setString(3, truncate(summary.message(), 2000));
            update.setString(4, toJson(summary.changes()));
            update.setString(5, truncate(toJson(summary.seatsFree()), 4000));
            update.setLong(6, summary.graphRequests());
            update.setLong(7, summary.throttleWait().toMillis());
            update.setString(8, runId.value());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new StateDatabaseException("cannot record the end of run " + runId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<RunRecord> recent(Optional<TenantKey> tenant, int limit) {
        String sql = "SELECT run_id, tenant, node, outcome, scheduled_at, started_at, ended_at, recovering, message, changes,"
                + " graph_requests, run_directory FROM " + TABLE
                + (tenant.isPresent() ? " WHERE tenant = ?" : "")
                + " ORDER BY started_at DESC, run_id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (tenant.isPresent()) {
                query.setString(parameter++, tenant.get().value());
            }
            query.setInt(parameter, limit);
            List<RunRecord> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    runs.add(read(rows));
                }
            }
            return List.copyOf(runs);
        } catch (SQLException e) {
            throw new StateDatabaseException("cannot read the run history: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private RunRecord read(ResultSet rows) throws SQLException {
        long endedAt = rows.getLong("ended_at");
        Optional<Instant> ended = rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(endedAt));
        return new RunRecord(
                RunId.of(rows.getString("run_id")),
                TenantKey.of(rows.getString("tenant")),
                rows.getString("node"),
                RunOutcome.valueOf(rows.getString("outcome")),
                Instant.ofEpochMilli(rows.getLong("scheduled_at")),
                Instant.ofEpochMilli(rows.getLong("started_at")),
                ended,
                rows.getBoolean("recovering"),
                rows.getString("message"),
                fromJson(rows.getString("changes")),
                rows.getLong("graph_requests"),
                rows.getString("run_directory"));
    }

    private String toJson(Map<String, Integer> counts) {
        try {
            return json.writeValueAsString(new TreeMap<>(counts));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Integer> fromJson(String text) {
        try {
            return json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
