package io.seatwarden.schedule;

import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/**
 * Quartz's clustered job store on the state's one pool (rather than a pool of Quartz's own). The
 * pool belongs to the service's {@link io.seatwarden.state.StateStore}: Quartz's shutdown leaves it open.
 */
final class StateConnectionProvider implements ConnectionProvider {
    /** The data source name the job store is configured with. */
    static final String NAME = "seatwarden-state";

    private final DataSource pool;

    StateConnectionProvider(DataSource pool) {
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
}
