package io.seatwarden.state;

import com.zaxxer.hikari.HikariDataSource;
import io.seatwarden.directory.SnapshotStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * The engine's state, open: its parts share one connection pool, which {@link #close()} shuts.
 * Obtain one from {@link StateStores#open(StateConfig)}; the schema is migrated by then.
 *
 * <pre>{@code
 * try (StateStore state = stateStores.open(StateConfig.fromEnvironment(Optional.ofNullable(stateUrl), System.getenv()))) {
 *     Ownership owned = state.assignments().load(tenant);
 *     ...
 * }
 * }</pre>
 */
public final class StateStore implements AutoCloseable {
    private final StateConfig config;
    private final HikariDataSource pool;
    private final AssignmentStore assignments;
    private final RunHistory runs;
    private final Journal journal;
    private final ApplyLocks locks;
    private final PendingRemovalStore pendingRemovals;
    private final SnapshotStore snapshots;
    private final SeatHistory seatHistory;

    StateStore(StateConfig config, HikariDataSource pool, Clock clock) {
        this.config = requireNonNull(config, "config is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.assignments = InterruptDeferring.wrap(AssignmentStore.class, new JdbcAssignmentStore(pool, clock));
        this.runs = InterruptDeferring.wrap(RunHistory.class, new JdbcRunHistory(pool, clock));
        this.journal = InterruptDeferring.wrap(Journal.class, new JdbcJournal(pool, clock));
        this.locks = InterruptDeferring.wrap(ApplyLocks.class, new JdbcApplyLocks(pool, clock));
        this.pendingRemovals = InterruptDeferring.wrap(PendingRemovalStore.class, new JdbcPendingRemovalStore(pool));
        this.snapshots = InterruptDeferring.wrap(SnapshotStore.class, new JdbcSnapshotStore(pool));
        this.seatHistory = InterruptDeferring.wrap(SeatHistory.class, new JdbcSeatHistory(pool));
    }

    public StateConfig config() {
        return config;
    }

    public AssignmentStore assignments() {
        return assignments;
    }

    public RunHistory runs() {
        return runs;
    }

    public Journal journal() {
        return journal;
    }

    public ApplyLocks locks() {
        return locks;
    }

    /** Where incremental reads start from: the last wet run's snapshot and Graph's delta links. */
    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** Removals waiting out {@code settings.removalGraceDays}. */
    public PendingRemovalStore pendingRemovals() {
        return pendingRemovals;
    }

    /** Per-SKU seat figures of each wet run, for {@code seatwarden history}. */
    public SeatHistory seatHistory() {
        return seatHistory;
    }

    /** True when the database answers now (health checks). */
    public boolean reachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The one pool, for what shares the database: Quartz's clustered job store and its tables. */
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "StateStore[" + config.redactedUrl() + "]";
    }
}
