package io.seatwarden.apply.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    private final Clock clock;

    @Inject
    public StateStores(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
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
        HikariDataSource pool = new HikariDataSource(poolConfig(config));
        try {
            int version = new SchemaMigrator(pool, config.kind(), clock, migrations).migrate();
            LOG.debug("State database {} at schema version {}", config.redactedUrl(), version);
            return new StateStore(config, pool, clock);
        } catch (RuntimeException e) {
            pool.close();
            if (e instanceof StateException) {
                throw new StateException(e.getMessage() + " (state database " + config.redactedUrl() + ")", e.getCause());
            }
            throw e;
        }
    }

    private static HikariConfig poolConfig(StateConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("seatwarden-state");
        hikari.setDriverClassName(config.driverClassName());
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(MAX_CONNECTIONS);
        hikari.setMinimumIdle(0);
        hikari.setConnectionTimeout(10_000);
        // Connect lazily: the migrator's first connection reports an unreachable database with our message.
        hikari.setInitializationFailTimeout(-1);
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
