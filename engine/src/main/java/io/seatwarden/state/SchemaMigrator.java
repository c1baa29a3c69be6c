package io.seatwarden.state;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Brings the state schema up to the newest {@link Migration}, recording each applied version in
 * {@code seatwarden_schema_version}. Idempotent, and safe when several processes start at once:
 * they queue on a row lock ({@code SELECT ... FOR UPDATE} on {@code seatwarden_schema_lock},
 * held by a second connection, because H2 commits DDL on its own) and, on PostgreSQL, an advisory
 * lock as well (concurrent {@code CREATE TABLE IF NOT EXISTS} can collide there). Refuses a
 * database whose applied migrations differ from the bundled ones or that a newer engine migrated.
 */
public final class SchemaMigrator {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);
    /** Any fixed number, the same in every process: "seatwarden" in ASCII, trimmed to fit a bigint. */
    private static final long ADVISORY_LOCK_KEY = 0x7365617477617264L;

    private final DataSource dataSource;
    private final StateConfig.Kind kind;
    private final Clock clock;
    private final List<Migration> migrations;

    public SchemaMigrator(DataSource dataSource, StateConfig.Kind kind, Clock clock, List<Migration> migrations) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.migrations = List.copyOf(migrations);
    }

    /**
     * Applies the missing migrations and returns the schema version now in place.
     *
     * @throws StateException when a migration fails or the database does not match the bundled migrations
     */
    public int migrate() {
        try (Connection lock = dataSource.getConnection(); Connection work = dataSource.getConnection()) {
            if (kind == StateConfig.Kind.POSTGRESQL) {
                try (PreparedStatement advisory = lock.prepareStatement("SELECT pg_advisory_lock(?)")) {
                    advisory.setLong(1, ADVISORY_LOCK_KEY);
                    advisory.execute();
                }
            }
            try {
                bootstrap(work);
                lock.setAutoCommit(false);
                try {
                    lockRow(lock);
                    return applyMissing(work);
                } finally {
                    lock.rollback();
                    lock.setAutoCommit(true);
                }
            } finally {
                if (kind == StateConfig.Kind.POSTGRESQL) {
                    try (PreparedStatement advisory = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                        advisory.setLong(1, ADVISORY_LOCK_KEY);
                        advisory.execute();
                    }
                }
            }
        } catch (SQLException e) {
            throw new StateException("cannot migrate the state database: " + JdbcValues.describe(e), e);
        }
    }

    /** The lock and version tables, created idempotently (H2 serialises DDL; PostgreSQL holds the advisory lock here). */
    private static void bootstrap(Connection work) throws SQLException {
        work.setAutoCommit(true);
        try (Statement statement = work.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS seatwarden_schema_lock (lock_id INTEGER NOT NULL PRIMARY KEY)");
            statement.execute("CREATE TABLE IF NOT EXISTS seatwarden_schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, "
                    + "file_name VARCHAR(200) NOT NULL, "
                    + "checksum BIGINT NOT NULL, "
                    + "installed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            try {
                statement.execute("INSERT INTO seatwarden_schema_lock (lock_id) SELECT 1 WHERE NOT EXISTS"
                        + " (SELECT 1 FROM seatwarden_schema_lock WHERE lock_id = 1)");
            } catch (SQLException e) {
                if (!JdbcValues.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private void lockRow(Connection lock) throws SQLException {
        try (Statement statement = lock.createStatement()) {
            if (kind == StateConfig.Kind.H2) {
                // Another process may be migrating: wait for it rather than fail after H2's short default.
                statement.execute("SET LOCK_TIMEOUT 120000");
            }
            try (ResultSet rows = statement.executeQuery("SELECT lock_id FROM seatwarden_schema_lock WHERE lock_id = 1 FOR UPDATE")) {
                if (!rows.next()) {
                    throw new SQLException("the schema lock row is missing");
                }
            }
        }
    }

    private int applyMissing(Connection work) throws SQLException {
        TreeMap<Integer, Long> applied = applied(work);
        int newestKnown = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        java.util.Set<Integer> known = new java.util.HashSet<>();
        migrations.forEach(migration -> known.add(migration.version()));
        for (Map.Entry<Integer, Long> version : applied.entrySet()) {
            if (!known.contains(version.getKey())) {
                throw new StateException("the state database is at schema version " + version.getKey()
                        + ", which this engine does not know (it knows up to " + newestKnown + "): upgrade seatwarden");
            }
        }
        int current = applied.isEmpty() ? 0 : applied.lastKey();
        for (Migration migration : migrations) {
            Long checksum = applied.get(migration.version());
            if (checksum != null) {
                if (checksum != migration.checksum()) {
                    throw new StateException("state schema migration " + migration.fileName()
                            + " was changed after it was applied (checksum " + checksum + " in the database, "
                            + migration.checksum() + " now)");
                }
                continue;
            }
            apply(work, migration);
            current = migration.version();
        }
        return current;
    }

    private static TreeMap<Integer, Long> applied(Connection work) throws SQLException {
        TreeMap<Integer, Long> applied = new TreeMap<>();
        try (Statement statement = work.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM seatwarden_schema_version ORDER BY version")) {
            while (rows.next()) {
                applied.put(rows.getInt("version"), rows.getLong("checksum"));
            }
        }
        return applied;
    }

    private void apply(Connection work, Migration migration) throws SQLException {
        LOG.info("Applying state schema migration {}", migration.fileName());
        work.setAutoCommit(false);
        try {
            for (String sql : migration.statements()) {
                try (Statement statement = work.createStatement()) {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new StateException("state schema migration " + migration.fileName() + " failed: " + JdbcValues.describe(e)
                            + "\n  in: " + sql, e);
                }
            }
            try (PreparedStatement insert = work.prepareStatement("INSERT INTO seatwarden_schema_version"
                    + " (version, description, file_name, checksum, installed_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, migration.fileName());
                insert.setLong(4, migration.checksum());
                JdbcValues.setInstant(insert, 5, clock.instant());
                insert.executeUpdate();
            }
            work.commit();
        } catch (SQLException | RuntimeException e) {
            work.rollback();
            throw e;
        } finally {
            work.setAutoCommit(true);
        }
    }
}
