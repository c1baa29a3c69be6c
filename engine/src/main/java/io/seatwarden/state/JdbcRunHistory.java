package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** {@link RunHistory} in table {@code seatwarden_runs} (schema version 3: scheduled runs included). */
public final class JdbcRunHistory implements RunHistory {
    private static final String COLUMNS = "run_id, tenant_id, kind, node, started_at, finished_at, outcome, changes, succeeded,"
            + " failed, waiting_for_seats, removals_held, skipped, message, report_directory, job, scheduled_at, recovering,"
            + " graph_requests, throttle_wait_ms";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcRunHistory(DataSource dataSource, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public RunRecord begin(TenantId tenant, RunKind kind, String node) {
        Instant now = JdbcValues.stored(clock.instant());
        return insert(started(RunId.next(now, UUID.randomUUID()), Optional.of(tenant), kind, node, now, Optional.empty()));
    }

    @Override
    public RunRecord begin(RunId id, TenantId tenant, RunKind kind, String node) {
        Instant now = JdbcValues.stored(clock.instant());
        try {
            return insert(started(id, Optional.of(tenant), kind, node, now, Optional.empty()));
        } catch (StateException e) {
            if (attachTenant(id, tenant, kind)) {
                return find(id).orElseThrow();
            }
            throw e;
        }
    }

    @Override
    public RunRecord beginScheduled(RunId id, ScheduledStart start, String node) {
        requireNonNull(start, "start is null");
        Instant now = JdbcValues.stored(clock.instant());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement abandon = connection.prepareStatement("UPDATE seatwarden_runs SET outcome = ?, finished_at = ?,"
                        + " message = ? WHERE job = ? AND outcome = ? AND run_id <> ?")) {
            abandon.setString(1, RunOutcome.ABANDONED.name());
            JdbcValues.setInstant(abandon, 2, now);
            abandon.setString(3, "its node stopped mid-run; superseded by run " + id);
            abandon.setString(4, start.job());
            abandon.setString(5, RunOutcome.RUNNING.name());
            abandon.setString(6, id.value());
            abandon.executeUpdate();
        } catch (SQLException e) {
            throw new StateException("cannot record the start of run " + id + ": " + JdbcValues.describe(e), e);
        }
        ScheduledStart stored = new ScheduledStart(start.job(), JdbcValues.stored(start.scheduledAt()), start.recovering());
        return insert(started(id, Optional.empty(), RunKind.SCHEDULED, node, now, Optional.of(stored)));
    }

    private static RunRecord started(RunId id, Optional<TenantId> tenant, RunKind kind, String node, Instant now,
            Optional<ScheduledStart> scheduled) {
        return new RunRecord(id, tenant, kind, JdbcValues.truncate(node, 400), now, Optional.empty(), RunOutcome.RUNNING, RunCounts.none(),
                "", Optional.empty(), scheduled, GraphTraffic.none());
    }

    private RunRecord insert(RunRecord run) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_runs (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, NULL, ?, 0, 0, 0, 0, 0, 0, '', NULL, ?, ?, ?, 0, 0)")) {
            insert.setString(1, run.id().value());
            if (run.tenant().isPresent()) {
                insert.setString(2, run.tenant().get().value());
            } else {
                insert.setNull(2, Types.VARCHAR);
            }
            insert.setString(3, run.kind().name());
            insert.setString(4, run.node());
            JdbcValues.setInstant(insert, 5, run.startedAt());
            insert.setString(6, run.outcome().name());
            if (run.scheduled().isPresent()) {
                insert.setString(7, run.scheduled().get().job());
                JdbcValues.setInstant(insert, 8, run.scheduled().get().scheduledAt());
                insert.setBoolean(9, run.scheduled().get().recovering());
            } else {
                insert.setNull(7, Types.VARCHAR);
                insert.setNull(8, Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setBoolean(9, false);
            }
            insert.executeUpdate();
            return run;
        } catch (SQLException e) {
            if (JdbcValues.isUniqueViolation(e)) {
                throw new StateException("run " + run.id() + " is already recorded", e);
            }
            throw new StateException("cannot record the start of run " + run.id() + ": " + JdbcValues.describe(e), e);
        }
    }

    /**
     * Ties a scheduled run that is still running and tied to no tenant to {@code tenant}; false when there
     * is no such run. It keeps the node the service recorded (its cluster node id, not the host name).
     */
    private boolean attachTenant(RunId id, TenantId tenant, RunKind kind) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_runs SET tenant_id = ?"
                        + " WHERE run_id = ? AND tenant_id IS NULL AND kind = ? AND outcome = ?")) {
            update.setString(1, tenant.value());
            update.setString(2, id.value());
            update.setString(3, kind.name());
            update.setString(4, RunOutcome.RUNNING.name());
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StateException("cannot record the tenant of run " + id + ": " + JdbcValues.describe(e), e);
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
    public void trafficSent(RunId id, GraphTraffic traffic) {
        requireNonNull(traffic, "traffic is null");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_runs SET graph_requests = ?, throttle_wait_ms = ?"
                        + " WHERE run_id = ?")) {
            update.setLong(1, traffic.requests());
            update.setLong(2, traffic.throttleWait().toMillis());
            update.setString(3, id.value());
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("unknown run " + id);
            }
        } catch (SQLException e) {
            throw new StateException("cannot record the Graph traffic of run " + id + ": " + JdbcValues.describe(e), e);
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
        return recent(tenant.isPresent() ? " WHERE tenant_id = ?" : "", tenant.map(TenantId::value), limit);
    }

    @Override
    public List<RunRecord> recentOfJob(String job, int limit) {
        return recent(" WHERE job = ?", Optional.of(requireNonNull(job, "job is null")), limit);
    }

    private List<RunRecord> recent(String where, Optional<String> value, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        String sql = "SELECT " + COLUMNS + " FROM seatwarden_runs" + where + " ORDER BY started_at DESC, ordinal DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (value.isPresent()) {
                query.setString(parameter++, value.get());
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
                String job = rows.getString("job");
                Optional<ScheduledStart> scheduled = job == null ? Optional.empty()
                        : Optional.of(new ScheduledStart(job, JdbcValues.getOptionalInstant(rows, "scheduled_at")
                                .orElse(JdbcValues.getInstant(rows, "started_at")), rows.getBoolean("recovering")));
                runs.add(new RunRecord(
                        RunId.of(rows.getString("run_id")),
                        Optional.ofNullable(rows.getString("tenant_id")).map(TenantId::of),
                        RunKind.valueOf(rows.getString("kind")),
                        rows.getString("node"),
                        JdbcValues.getInstant(rows, "started_at"),
                        JdbcValues.getOptionalInstant(rows, "finished_at"),
                        RunOutcome.fromStored(rows.getString("outcome")),
                        new RunCounts(rows.getInt("changes"), rows.getInt("succeeded"), rows.getInt("failed"),
                                rows.getInt("waiting_for_seats"), rows.getInt("removals_held"), rows.getInt("skipped")),
                        rows.getString("message"),
                        Optional.ofNullable(rows.getString("report_directory")),
                        scheduled,
                        new GraphTraffic(rows.getLong("graph_requests"), Duration.ofMillis(rows.getLong("throttle_wait_ms")))));
            }
        }
        return List.copyOf(runs);
    }
}
