package io.seatwarden.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

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
    /** How long a process waits for another one that has the embedded H2 file open. */
    static final Duration IN_USE_WAIT = Duration.ofSeconds(60);
    private static final Duration IN_USE_STEP = Duration.ofMillis(250);
    /** H2's "Database may be already in use" (another process holds the file's lock). */
    private static final int H2_DATABASE_IN_USE = 90020;
    /**
     * An idle H2 connection is closed after this long (Hikari's shortest), so that the file is free for
     * the next process soon after a run (H2 closes the database with its last connection).
     */
    private static final Duration H2_IDLE_TIMEOUT = Duration.ofSeconds(10);

    /** Waits between attempts; tests pass one that advances a testing clock or waits for an event. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;

        static Pause system() {
            return duration -> Thread.sleep(duration.toMillis());
        }
    }

    private final Clock clock;
    private final Duration connectionTimeout;
    private final Duration inUseWait;
    private final Pause pause;

    @Inject
    public StateStores(Clock clock) {
        this(clock, CONNECTION_TIMEOUT);
    }

    /** With how long to wait for a connection before giving up (tests shorten it). */
    StateStores(Clock clock, Duration connectionTimeout) {
        this(clock, connectionTimeout, IN_USE_WAIT, Pause.system());
    }

    /** With how long to wait, and how, for another process to close an embedded H2 file. */
    StateStores(Clock clock, Duration connectionTimeout, Duration inUseWait, Pause pause) {
        this.clock = requireNonNull(clock, "clock is null");
        this.connectionTimeout = requireNonNull(connectionTimeout, "connectionTimeout is null");
        this.inUseWait = requireNonNull(inUseWait, "inUseWait is null");
        this.pause = requireNonNull(pause, "pause is null");
    }

    /**
     * Opens (and creates or migrates, as needed) the state database.
     *
     * @throws StateException when it cannot be reached or migrated; the message names it by its redacted URL
     */
    public StateStore open(StateConfig config) {
        return open(config, Migration.bundled(), MAX_CONNECTIONS);
    }

    /**
     * As {@link #open(StateConfig)}, with a pool of up to {@code maxConnections}: the {@code run}
     * service shares its one pool with Quartz's job store and its concurrent runs.
     */
    public StateStore open(StateConfig config, int maxConnections) {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        return open(config, Migration.bundled(), maxConnections);
    }

    StateStore open(StateConfig config, List<Migration> migrations) {
        return open(config, migrations, MAX_CONNECTIONS);
    }

    private StateStore open(StateConfig config, List<Migration> migrations, int maxConnections) {
        Optional<StateFiles> files = StateFiles.of(config);
        files.ifPresent(StateFiles::prepare);
        warnIfServed(config);
        HikariDataSource pool;
        Optional<Connection> held = Optional.empty();
        if (config.kind() == StateConfig.Kind.H2) {
            Opened opened = connectWhenFree(config, maxConnections);
            pool = opened.pool();
            held = Optional.of(opened.held());
        } else {
            pool = connect(config, maxConnections);
        }
        try {
            if (config.kind() == StateConfig.Kind.H2) {
                writeCommitsAtOnce(pool);
            }
            int version = new SchemaMigrator(pool, config.kind(), clock, migrations).migrate();
            held.ifPresent(StateStores::closeQuietly);
            files.ifPresent(StateFiles::tighten);
            LOG.debug("State database {} at schema version {}", config.redactedUrl(), version);
            return new StateStore(config, pool, clock);
        } catch (StateException e) {
            held.ifPresent(StateStores::closeQuietly);
            pool.close();
            throw new StateException(e.getMessage() + " (state database " + config.redactedUrl() + ")", e.getCause());
        } catch (RuntimeException e) {
            held.ifPresent(StateStores::closeQuietly);
            pool.close();
            throw e;
        }
    }

    /** A pool on an embedded H2 file, and a connection that keeps the file this process's until opening is done. */
    private record Opened(HikariDataSource pool, Connection held) {}

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a state connection failed: {}", e.getMessage());
        }
    }

    /**
     * An embedded H2 file is open in one process at a time (H2 locks it; no server, so nothing
     * listens on the network). A process that finds it in use waits for the other to close it, for
     * at most {@link #IN_USE_WAIT}, then says so. Processes of one machine still coordinate through
     * the apply lease, which lives in the file: each holds the file only while it uses it.
     */
    private Opened connectWhenFree(StateConfig config, int maxConnections) {
        long attempts = Math.max(1, inUseWait.toMillis() / IN_USE_STEP.toMillis());
        for (long attempt = 1; ; attempt++) {
            try {
                return openAndHold(config, maxConnections);
            } catch (StateException e) {
                if (!inUse(e) || attempt >= attempts) {
                    throw inUse(e) ? new StateException("the state database " + config.redactedUrl() + " is in use by another"
                            + " Seatwarden process on this machine (an embedded H2 file is open in one process at a time);"
                            + " waited " + inUseWait.toSeconds() + " s. Run again when it has finished, or keep the state in"
                            + " PostgreSQL (--state-url jdbc:postgresql://...) for processes that run side by side", e) : e;
                }
                LOG.debug("State database {} is in use by another process; waiting", config.redactedUrl());
            }
            try {
                pause.pause(IN_USE_STEP);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new StateException("interrupted while waiting for the state database " + config.redactedUrl(), interrupted);
            }
        }
    }

    /**
     * The pool checks its first connection and, keeping none idle, closes it, so another process could take
     * the file between two steps of opening. A connection of this process's own, opened first and held
     * through migration, keeps the file open here (H2 shares it with the pool's connections) until then.
     */
    private Opened openAndHold(StateConfig config, int maxConnections) {
        Connection held;
        try {
            Properties credentials = new Properties();
            config.user().ifPresent(user -> credentials.setProperty("user", user));
            config.password().ifPresent(password -> credentials.setProperty("password", password));
            held = DriverManager.getConnection(config.url(), credentials);
        } catch (SQLException e) {
            throw new StateException("cannot connect to the state database " + config.redactedUrl() + ": " + e.getMessage(), e);
        }
        try {
            return new Opened(connect(config, maxConnections), held);
        } catch (RuntimeException e) {
            closeQuietly(held);
            throw e;
        }
    }

    private static boolean inUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    /** AUTO_SERVER (or a TCP server) serves the file on every network interface, with the key in a lock file. */
    private static void warnIfServed(StateConfig config) {
        String lower = config.url().toLowerCase(Locale.ROOT);
        if (config.kind() == StateConfig.Kind.H2 && lower.replace(" ", "").contains("auto_server=true")) {
            LOG.warn("The state database URL {} asks for AUTO_SERVER: H2 then listens for connections on every network"
                    + " interface; the default (no AUTO_SERVER) keeps the state off the network", config.redactedUrl());
        }
    }

    private HikariDataSource connect(StateConfig config, int maxConnections) {
        try {
            return new HikariDataSource(poolConfig(config, connectionTimeout, maxConnections));
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StateException("cannot connect to the state database " + config.redactedUrl() + ": " + cause.getMessage(), e);
        }
    }

    /**
     * H2 writes committed transactions to its file up to half a second later by default, so a
     * killed process would lose its last
     * journal entries and assignments. WRITE_DELAY 0 makes every commit reach the file before it
     * returns; the setting is database-wide but lasts only until the database closes, so the pool
     * also sets it on each new connection ({@link #poolConfig}).
     */
    private static void writeCommitsAtOnce(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET WRITE_DELAY 0");
        } catch (SQLException e) {
            LOG.warn("Cannot make the H2 state database write each commit at once ({}); a killed process may lose its last"
                    + " half second of journal entries", e.getMessage());
        }
    }

    private static HikariConfig poolConfig(StateConfig config, Duration connectionTimeout, int maxConnections) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("seatwarden-state");
        hikari.setDriverClassName(config.driverClassName());
        hikari.setJdbcUrl(config.url());
        if (config.kind() == StateConfig.Kind.H2) {
            // WRITE_DELAY does not outlive the database's close (H2 2.x), and H2 closes it with its last connection
            // (idle ones are closed after H2_IDLE_TIMEOUT): set it on every new connection, so every reopening has it.
            hikari.setConnectionInitSql("SET WRITE_DELAY 0");
        }
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(maxConnections);
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(connectionTimeout.toMillis());
        // Connect now, so that an unreachable database, unknown database, wrong password or an H2
        // file in use fails with the driver's reason rather than after the pool's time-out with none
        // (an H2 file in use is waited for by connectWhenFree).
        hikari.setInitializationFailTimeout(1);
        if (config.kind() == StateConfig.Kind.H2) {
            hikari.setIdleTimeout(H2_IDLE_TIMEOUT.toMillis());
        }
        return hikari;
    }
}
