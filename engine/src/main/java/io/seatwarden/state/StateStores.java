package io.seatwarden.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Opens the state database a command names: creates the pool, migrates the schema, and returns
 * a {@link StateStore}. Injected (it needs only the clock), so commands call it once they have
 * parsed {@code --state-url}; opening is I/O, which Guice modules must not do.
 */
public final class StateStores {
    private static final Logger LOG = LoggerFactory.getLogger(StateStores.class);
    private static final int MAX_CONNECTIONS = 5;

    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** An H2 state file may refuse a process starting while another creates it this many connection time-outs. */
    private static final int H2_START_RACE_FACTOR = 3;

    private final Clock clock;
    private final Duration connectionTimeout;

    @Inject
    public StateStores(Clock clock) {
        this(clock, CONNECTION_TIMEOUT);
    }

    /** With how long to wait for a connection before giving up (tests shorten it). */
    StateStores(Clock clock, Duration connectionTimeout) {
        this.clock = requireNonNull(clock, "clock is null");
        this.connectionTimeout = requireNonNull(connectionTimeout, "connectionTimeout is null");
    }

    /**
     * Opens (and creates or migrates, as needed) the state database.
     *
     * @throws StateException when it cannot be reached or migrated; the message names it by its redacted URL
     */
    public StateStore open(StateConfig config) {
        return open(config, Migration.bundled());
    }

    StateStore open(StateConfig config, List<Migration> migrations) {
        createH2Directory(config);
        HikariDataSource pool = connect(config);
        try {
            if (config.kind() == StateConfig.Kind.H2) {
                writeCommitsAtOnce(pool);
            }
            int version = new SchemaMigrator(pool, config.kind(), clock, migrations).migrate();
            LOG.debug("State database {} at schema version {}", config.redactedUrl(), version);
            return new StateStore(config, pool, clock);
        } catch (StateException e) {
            pool.close();
            throw new StateException(e.getMessage() + " (state database " + config.redactedUrl() + ")", e.getCause());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private HikariDataSource connect(StateConfig config) {
        try {
            return new HikariDataSource(poolConfig(config, connectionTimeout));
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StateException("cannot connect to the state database " + config.redactedUrl() + ": " + cause.getMessage(), e);
        }
    }

    /**
     * H2 writes committed transactions to its file up to half a second later by default, so a
     * killed process (or the AUTO_SERVER process serving the file to others) would lose its last
     * journal entries and assignments. WRITE_DELAY 0 makes every commit reach the file before it
     * returns; the setting is persistent and database-wide.
     */
    private static void writeCommitsAtOnce(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            LOG.warn("Cannot make the H2 state database write each commit at once ({}); a killed process may lose its last"
                    + " half second of journal entries", e.getMessage());
        }
    }

    private static HikariConfig poolConfig(StateConfig config, Duration connectionTimeout) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("seatwarden-state");
        hikari.setDriverClassName(config.driverClassName());
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(MAX_CONNECTIONS);
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(connectionTimeout.toMillis());
        // Connect now, so that an unreachable database, unknown database or wrong password fails
        // with the driver's reason rather than after the pool's time-out with none. PostgreSQL:
        // one attempt. H2: retry for a while, because processes starting together on a fresh file
        // briefly refuse each other ("Lock file recently modified") until one serves it; on a busy
        // 2-core machine three JVMs starting at once needed more than 10 s.
        hikari.setInitializationFailTimeout(config.kind() == StateConfig.Kind.H2
                ? connectionTimeout.toMillis() * H2_START_RACE_FACTOR : 1);
        return hikari;
    }

    /** H2 creates the database file but not a missing parent directory such as {@code ./.seatwarden}. */
    private static void createH2Directory(StateConfig config) {
        if (config.kind() != StateConfig.Kind.H2) {
            return;
        }
        String url = config.url();
        String prefix = "jdbc:h2:file:";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return;
        }
        String path = url.substring(prefix.length());
        int options = path.indexOf(';');
        Path file = Path.of(options < 0 ? path : path.substring(0, options));
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null) {
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + parent, e);
        }
    }
}
