package io.seatwarden.state;


import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The scheduler's view of the engine's state database ({@link StateConfig}: the same URL, default,
 * environment variables and redaction), plus what the scheduler itself needs of it: a lock for
 * creating Quartz's tables. The service opens the database once, as a {@link StateStore} (one pool).
 *
 * @param password empty for none; it comes from the environment, never from a file or the command line
 */
public record StateDatabase(String url, Optional<String> user, Optional<String> password) {
    /** {@link StateConfig#DEFAULT_URL}: an embedded H2 file that processes take turns with. */
    public static final String DEFAULT_URL = StateConfig.DEFAULT_URL;

    /** @throws IllegalArgumentException when the URL is neither H2 nor PostgreSQL (as {@link StateConfig}) */
    public StateDatabase {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        new StateConfig(url, user, password);
    }

    public static StateDatabase of(StateConfig config) {
        return new StateDatabase(config.url(), config.user(), config.password());
    }

    /** The same database as the engine's state stores name it ({@link io.seatwarden.state.StateStores#open}). */
    public StateConfig config() {
        return new StateConfig(url, user, password);
    }

    public StateConfig.Kind kind() {
        return config().kind();
    }

    public String driverClass() {
        return config().driverClassName();
    }

    /** The URL with any password masked, for logs and messages. */
    public String redactedUrl() {
        return config().redactedUrl();
    }

    @Override
    public String toString() {
        return config().toString();
    }

    /**
     * Runs schema changes so that two nodes starting at once do not both create the same tables:
     * on PostgreSQL under a transaction-scoped advisory lock (DDL is transactional there), on H2
     * in one transaction (H2 serialises DDL).
     */
    public void inSchemaLock(Connection connection, SqlWork work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (kind() == StateConfig.Kind.POSTGRESQL) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_xact_lock(7365617477617264)");
                }
            }
            work.run(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork {
        void run(Connection connection) throws SQLException;
    }

    /** True when a table exists (names are folded the way the database folds unquoted names). */
    public static boolean tableExists(Connection connection, String table) throws SQLException {
        for (String name : new String[] {table.toLowerCase(Locale.ROOT), table.toUpperCase(Locale.ROOT)}) {
            try (var tables = connection.getMetaData().getTables(null, connection.getSchema(), name, new String[] {"TABLE", "BASE TABLE"})) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
