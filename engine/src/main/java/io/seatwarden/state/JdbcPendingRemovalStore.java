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
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@link PendingRemovalStore} in table {@code seatwarden_pending_removals}. */
public final class JdbcPendingRemovalStore implements PendingRemovalStore {
    private final DataSource dataSource;

    public JdbcPendingRemovalStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Map<Ownership.Key, Instant> load(TenantId tenant) {
        try (Connection connection = dataSource.getConnection()) {
            return load(connection, tenant);
        } catch (SQLException e) {
            throw new StateException("cannot read the pending removals of tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    private static Map<Ownership.Key, Instant> load(Connection connection, TenantId tenant) throws SQLException {
        Map<Ownership.Key, Instant> pending = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT user_id, sku_id, first_seen FROM seatwarden_pending_removals WHERE tenant_id = ?")) {
            query.setString(1, tenant.value());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pending.put(new Ownership.Key(UserId.of(rows.getString(1)), SkuId.of(rows.getString(2))),
                            JdbcValues.getInstant(rows, "first_seen"));
                }
            }
        }
        return pending;
    }

    @Override
    public void replace(TenantId tenant, Map<Ownership.Key, Instant> pending) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Map<Ownership.Key, Instant> recorded = load(connection, tenant);
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM seatwarden_pending_removals WHERE tenant_id = ? AND user_id = ? AND sku_id = ?")) {
                    for (Ownership.Key key : recorded.keySet()) {
                        if (!pending.containsKey(key)) {
                            bind(delete, tenant, key);
                            delete.addBatch();
                        }
                    }
                    delete.executeBatch();
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_pending_removals"
                        + " (tenant_id, user_id, sku_id, first_seen) VALUES (?, ?, ?, ?)")) {
                    for (Map.Entry<Ownership.Key, Instant> entry : pending.entrySet()) {
                        if (!recorded.containsKey(entry.getKey())) {
                            bind(insert, tenant, entry.getKey());
                            JdbcValues.setInstant(insert, 4, entry.getValue());
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException("cannot record the pending removals of tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    private static void bind(PreparedStatement statement, TenantId tenant, Ownership.Key key) throws SQLException {
        statement.setString(1, tenant.value());
        statement.setString(2, key.user().value());
        statement.setString(3, key.sku().toString());
    }
}
