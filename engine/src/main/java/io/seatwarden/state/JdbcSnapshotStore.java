package io.seatwarden.state;

import io.seatwarden.directory.DeltaState;
import io.seatwarden.directory.SnapshotStore;
import io.seatwarden.directory.TenantId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link SnapshotStore} in table {@code seatwarden_delta_state} (migration V5), on H2 and PostgreSQL alike. */
public final class JdbcSnapshotStore implements SnapshotStore {
    private final DataSource dataSource;

    public JdbcSnapshotStore(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public Optional<DeltaState> load(TenantId tenant) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT scope_key, users_delta_link, groups_delta_link, snapshot,"
                        + " read_at, full_read_at FROM seatwarden_delta_state WHERE tenant_id = ?")) {
            query.setString(1, tenant.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new DeltaState(tenant, rows.getString(1), rows.getString(2), rows.getString(3), rows.getBytes(4),
                        JdbcValues.getInstant(rows, "read_at"), JdbcValues.getInstant(rows, "full_read_at")));
            }
        } catch (SQLException e) {
            throw new StateException("cannot read the stored snapshot of tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public void save(DeltaState state) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                delete(connection, state.tenant());
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_delta_state (tenant_id, scope_key,"
                        + " users_delta_link, groups_delta_link, snapshot, read_at, full_read_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, state.tenant().value());
                    insert.setString(2, state.scopeKey());
                    insert.setString(3, state.usersDeltaLink());
                    insert.setString(4, state.groupsDeltaLink());
                    insert.setBytes(5, state.snapshot());
                    JdbcValues.setInstant(insert, 6, state.readAt());
                    JdbcValues.setInstant(insert, 7, state.fullReadAt());
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException("cannot store the snapshot of tenant " + state.tenant() + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public void forget(TenantId tenant) {
        try (Connection connection = dataSource.getConnection()) {
            delete(connection, tenant);
        } catch (SQLException e) {
            throw new StateException("cannot drop the stored snapshot of tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    private static void delete(Connection connection, TenantId tenant) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM seatwarden_delta_state WHERE tenant_id = ?")) {
            delete.setString(1, tenant.value());
            delete.executeUpdate();
        }
    }
}
