package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** {@link RunHistory} in table {@code seatwarden_runs}. */
public final class JdbcRunHistory implements RunHistory {
    private static final String COLUMNS = "run_id, tenant_id, kind, node, started_at, finished_at, outcome, changes, succeeded,"
            + " failed, waiting_for_seats, removals_held, skipped, message, report_directory";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcRunHistory(DataSource dataSource, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public RunRecord begin(TenantId tenant, RunKind kind, String node) {
        Instant now = JdbcValues.stored(clock.instant());
        return insert(new RunRecord(RunId.next(now, UUID.randomUUID()), tenant, kind, JdbcValues.truncate(node, 400), now, Optional.empty(),
                RunOutcome.RUNNING, RunCounts.none(), "", Optional.empty()));
    }

    @Override
    public RunRecord begin(RunId id, TenantId tenant, RunKind kind, String node) {
        Instant now = JdbcValues.stored(clock.instant());
        return insert(new RunRecord(id, tenant, kind, JdbcValues.truncate(node, 400), now, Optional.empty(), RunOutcome.RUNNING, RunCounts.none(), "",
                Optional.empty()));
    }

    private RunRecord insert(RunRecord run) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_runs (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, NULL, ?, 0, 0, 0, 0, 0, 0, '', NULL)")) {
            insert.setString(1, run.id().value());
            insert.setString(2, run.tenant().value());
            insert.setString(3, run.kind().name());
            insert.setString(4, run.node());
            JdbcValues.setInstant(insert, 5, run.startedAt());
            insert.setString(6, run.outcome().name());
            insert.executeUpdate();
            return run;
        } catch (SQLException e) {
            if (JdbcValues.isUniqueViolation(e)) {
                throw new StateException("run " + run.id() + " is already recorded", e);
            }
            throw new StateException("cannot record the start of run " + run.id() + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public void reportsWritten(RunId id, String directory) {
        requireNonNull(directory, "directory is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_runs SET report_directory = ? WHERE run_id = ?")) {
            update.setString(1, JdbcValues.truncate(directory, 2000));
            update.setString(2, id.value());
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("unknown run " + id);
            }
        } catch (SQLException e) {
            throw new StateException("cannot record the reports of run " + id + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public RunRecord finish(RunId id, RunOutcome outcome, RunCounts counts, String message) {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(counts, "counts is null");
        requireNonNull(message, "message is null");
        if (!outcome.finished()) {
            throw new IllegalArgumentException("a run cannot finish as " + outcome);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_runs SET finished_at = ?, outcome = ?,"
                        + " changes = ?, succeeded = ?, failed = ?, waiting_for_seats = ?, removals_held = ?, skipped = ?, message = ?"
                        + " WHERE run_id = ? AND outcome = ?")) {
            JdbcValues.setInstant(update, 1, clock.instant());
            update.setString(2, outcome.name());
            update.setInt(3, counts.changes());
            update.setInt(4, counts.succeeded());
            update.setInt(5, counts.failed());
            update.setInt(6, counts.waitingForSeats());
            update.setInt(7, counts.removalsHeld());
            update.setInt(8, counts.skipped());
            update.setString(9, JdbcValues.truncate(message, 4000));
            update.setString(10, id.value());
            update.setString(11, RunOutcome.RUNNING.name());
            if (update.executeUpdate() == 0) {
                Optional<RunRecord> existing = find(connection, id);
                throw new IllegalStateException(existing.isEmpty() ? "unknown run " + id
                        : "run " + id + " already finished as " + existing.get().outcome());
            }
            return find(connection, id).orElseThrow();
        } catch (SQLException e) {
            throw new StateException("cannot record the end of run " + id + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public Optional<RunRecord> find(RunId id) {
        try (Connection connection = dataSource.getConnection()) {
            return find(connection, id);
        } catch (SQLException e) {
            throw new StateException("cannot read run " + id + ": " + JdbcValues.describe(e), e);
        }
    }

    private static Optional<RunRecord> find(Connection connection, RunId id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM seatwarden_runs WHERE run_id = ?")) {
            query.setString(1, id.value());
            List<RunRecord> runs = read(query);
            return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
        }
    }

    @Override
    public List<RunRecord> recent(Optional<TenantId> tenant, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String sql = "SELECT " + COLUMNS + " FROM seatwarden_runs" + (tenant.isPresent() ? " WHERE tenant_id = ?" : "")
                + " ORDER BY started_at DESC, ordinal DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (tenant.isPresent()) {
                query.setString(parameter++, tenant.get().value());
            }
            query.setInt(parameter, limit);
            return read(query);
        } catch (SQLException e) {
            throw new StateException("cannot read the run history: " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public List<RunRecord> unfinished(TenantId tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                        + " FROM seatwarden_runs WHERE tenant_id = ? AND outcome = ? ORDER BY started_at, ordinal")) {
            query.setString(1, tenant.value());
            query.setString(2, RunOutcome.RUNNING.name());
            return read(query);
        } catch (SQLException e) {
            throw new StateException("cannot read the run history: " + JdbcValues.describe(e), e);
        }
    }

    private static List<RunRecord> read(PreparedStatement query) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                runs.add(new RunRecord(
                        RunId.of(rows.getString("run_id")),
                        TenantId.of(rows.getString("tenant_id")),
                        RunKind.valueOf(rows.getString("kind")),
                        rows.getString("node"),
                        JdbcValues.getInstant(rows, "started_at"),
                        JdbcValues.getOptionalInstant(rows, "finished_at"),
                        RunOutcome.valueOf(rows.getString("outcome")),
                        new RunCounts(rows.getInt("changes"), rows.getInt("succeeded"), rows.getInt("failed"),
                                rows.getInt("waiting_for_seats"), rows.getInt("removals_held"), rows.getInt("skipped")),
                        rows.getString("message"),
                        Optional.ofNullable(rows.getString("report_directory"))));
            }
        }
        return List.copyOf(runs);
    }
}
