package io.seatwarden.state;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.Ownership;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@link AssignmentStore} in table {@code seatwarden_assignments}. */
public final class JdbcAssignmentStore implements AssignmentStore {
    /** Rows fetched per round trip when loading a large tenant's ownership. */
    private static final int FETCH_SIZE = 5_000;

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcAssignmentStore(DataSource dataSource, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Ownership load(TenantId tenant) {
        Ownership.Builder owned = Ownership.builder();
        // A tenant has a handful of SKUs and many users: parse each SKU's GUID once.
        Map<String, SkuId> skus = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL streams rows in FETCH_SIZE chunks only inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT user_id, sku_id FROM seatwarden_assignments WHERE tenant_id = ?")) {
                query.setFetchSize(FETCH_SIZE);
                query.setString(1, tenant.value());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        owned.add(UserId.of(rows.getString(1)), skus.computeIfAbsent(rows.getString(2), SkuId::of));
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException("cannot read what the engine assigned in tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
        return owned.build();
    }

    @Override
    public List<Assignment> list(TenantId tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT user_id, sku_id, assigned_at, run_id"
                        + " FROM seatwarden_assignments WHERE tenant_id = ? ORDER BY user_id, sku_id")) {
            query.setString(1, tenant.value());
            List<Assignment> assignments = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assignments.add(new Assignment(tenant, UserId.of(rows.getString("user_id")), SkuId.of(rows.getString("sku_id")),
                            JdbcValues.getInstant(rows, "assigned_at"), RunId.of(rows.getString("run_id"))));
                }
            }
            return List.copyOf(assignments);
        } catch (SQLException e) {
            throw new StateException("cannot read what the engine assigned in tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public void recordAssigned(TenantId tenant, RunId run, Collection<Ownership.Key> assigned) {
        inTransaction(tenant, connection -> insert(connection, tenant, run, assigned, clock.instant()));
    }

    @Override
    public void forget(TenantId tenant, Collection<Ownership.Key> removed) {
        inTransaction(tenant, connection -> delete(connection, tenant, removed));
    }

    private void inTransaction(TenantId tenant, Work work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException("cannot record what the engine assigned in tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    /**
     * Inserts the keys not yet recorded. Two applies never write one tenant at once (the apply
     * lease), so "insert where not exists" needs no upsert syntax, which H2 and PostgreSQL spell differently.
     */
    static void insert(Connection connection, TenantId tenant, RunId run, Collection<Ownership.Key> keys, Instant now)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_assignments"
                + " (tenant_id, user_id, sku_id, assigned_at, run_id) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM seatwarden_assignments WHERE tenant_id = ? AND user_id = ? AND sku_id = ?)")) {
            for (Ownership.Key key : keys) {
                insert.setString(1, tenant.value());
                insert.setString(2, key.user().value());
                insert.setString(3, key.sku().toString());
                JdbcValues.setInstant(insert, 4, now);
                insert.setString(5, run.value());
                insert.setString(6, tenant.value());
                insert.setString(7, key.user().value());
                insert.setString(8, key.sku().toString());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void delete(Connection connection, TenantId tenant, Collection<Ownership.Key> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM seatwarden_assignments WHERE tenant_id = ? AND user_id = ? AND sku_id = ?")) {
            for (Ownership.Key key : keys) {
                delete.setString(1, tenant.value());
                delete.setString(2, key.user().value());
                delete.setString(3, key.sku().toString());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Connection connection) throws SQLException;
    }
}
