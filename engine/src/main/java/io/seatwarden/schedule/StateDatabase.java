package io.seatwarden.schedule;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The JDBC database holding the engine's state, run history and (clustered) Quartz's tables:
 * embedded H2 by default, PostgreSQL for several nodes.
 *
 * @param password empty for none; it comes from the environment, never from a file or the command line
 */
public record StateDatabase(String url, Optional<String> user, Optional<String> password) {
    /** An H2 file under the working directory; AUTO_SERVER lets {@code runs} read it while {@code run} runs. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./.seatwarden/state;AUTO_SERVER=TRUE";

    public enum Kind {
        H2,
        POSTGRESQL
    }

    public StateDatabase {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        kindOf(url);
    }

    public Kind kind() {
        return kindOf(url);
    }

    private static Kind kindOf(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return Kind.H2;
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return Kind.POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported state database '" + url
                + "': use jdbc:postgresql://host:port/db or jdbc:h2:file:PATH");
    }

    public String driverClass() {
        return switch (kind()) {
            case H2 -> "org.h2.Driver";
            case POSTGRESQL -> "org.postgresql.Driver";
        };
    }

    /** The URL with a password parameter removed, for logs and messages. */
    public String redactedUrl() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public HikariDataSource openPool(String poolName, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setDriverClassName(driverClass());
        config.setJdbcUrl(url);
        user.ifPresent(config::setUsername);
        password.ifPresent(config::setPassword);
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        // Fail later, in health checks and runs, rather than refusing to start while the database restarts.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
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
            if (kind() == Kind.POSTGRESQL) {
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
