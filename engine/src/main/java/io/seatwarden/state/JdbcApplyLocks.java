package io.seatwarden.state;

import io.seatwarden.directory.TenantId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@link ApplyLocks} in table {@code seatwarden_apply_leases}, one row per held tenant. Taking a
 * lease is an insert (the primary key lets one process win) or, when the row exists, a
 * conditional update that succeeds only if the lease expired; both are single atomic statements,
 * so no two processes can both believe they hold a tenant.
 */
public final class JdbcApplyLocks implements ApplyLocks {
    private final DataSource dataSource;
    private final Clock clock;

    public JdbcApplyLocks(DataSource dataSource, Clock clock) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Optional<Lease> tryAcquire(TenantId tenant, String owner, Duration ttl) {
        requireNonNull(owner, "owner is null");
        checkTtl(ttl);
        Instant now = JdbcValues.stored(clock.instant());
        Lease lease = new Lease(tenant, JdbcValues.truncate(owner, 400), UUID.randomUUID(), now, JdbcValues.stored(now.plus(ttl)));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            // The holder may release between a failed insert and the update: then try the insert again.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (insert(connection, lease)) {
                    return Optional.of(lease);
                }
                if (takeOverExpired(connection, lease)) {
                    return Optional.of(lease);
                }
                if (read(connection, tenant).isPresent()) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw new StateException("cannot take the apply lock of tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    private static boolean insert(Connection connection, Lease lease) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO seatwarden_apply_leases"
                + " (tenant_id, owner_name, token, acquired_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, lease.tenant().value());
            insert.setString(2, lease.owner());
            insert.setString(3, lease.token().toString());
            JdbcValues.setInstant(insert, 4, lease.acquiredAt());
            JdbcValues.setInstant(insert, 5, lease.expiresAt());
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (JdbcValues.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean takeOverExpired(Connection connection, Lease lease) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_apply_leases SET owner_name = ?,"
                + " token = ?, acquired_at = ?, expires_at = ? WHERE tenant_id = ? AND expires_at <= ?")) {
            update.setString(1, lease.owner());
            update.setString(2, lease.token().toString());
            JdbcValues.setInstant(update, 3, lease.acquiredAt());
            JdbcValues.setInstant(update, 4, lease.expiresAt());
            update.setString(5, lease.tenant().value());
            JdbcValues.setInstant(update, 6, lease.acquiredAt());
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<Lease> takeOver(Lease stale, String owner, Duration ttl) {
        requireNonNull(stale, "stale is null");
        requireNonNull(owner, "owner is null");
        checkTtl(ttl);
        Instant now = JdbcValues.stored(clock.instant());
        Lease lease = new Lease(stale.tenant(), JdbcValues.truncate(owner, 400), UUID.randomUUID(), now, JdbcValues.stored(now.plus(ttl)));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_apply_leases SET owner_name = ?,"
                        + " token = ?, acquired_at = ?, expires_at = ? WHERE tenant_id = ? AND token = ?")) {
            update.setString(1, lease.owner());
            update.setString(2, lease.token().toString());
            JdbcValues.setInstant(update, 3, lease.acquiredAt());
            JdbcValues.setInstant(update, 4, lease.expiresAt());
            update.setString(5, stale.tenant().value());
            update.setString(6, stale.token().toString());
            return update.executeUpdate() == 1 ? Optional.of(lease) : Optional.empty();
        } catch (SQLException e) {
            throw new StateException("cannot take over the apply lock of tenant " + stale.tenant() + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration ttl) {
        checkTtl(ttl);
        Instant now = JdbcValues.stored(clock.instant());
        Lease renewed = new Lease(lease.tenant(), lease.owner(), lease.token(), lease.acquiredAt(), JdbcValues.stored(now.plus(ttl)));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE seatwarden_apply_leases SET expires_at = ?"
                        + " WHERE tenant_id = ? AND token = ?")) {
            JdbcValues.setInstant(update, 1, renewed.expiresAt());
            update.setString(2, lease.tenant().value());
            update.setString(3, lease.token().toString());
            return update.executeUpdate() == 1 ? Optional.of(renewed) : Optional.empty();
        } catch (SQLException e) {
            throw new StateException("cannot renew the apply lock of tenant " + lease.tenant() + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public void release(Lease lease) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM seatwarden_apply_leases WHERE tenant_id = ? AND token = ?")) {
            delete.setString(1, lease.tenant().value());
            delete.setString(2, lease.token().toString());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StateException("cannot release the apply lock of tenant " + lease.tenant() + ": " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public Optional<Lease> holder(TenantId tenant) {
        try (Connection connection = dataSource.getConnection()) {
            return read(connection, tenant);
        } catch (SQLException e) {
            throw new StateException("cannot read the apply lock of tenant " + tenant + ": " + JdbcValues.describe(e), e);
        }
    }

    private static Optional<Lease> read(Connection connection, TenantId tenant) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT owner_name, token, acquired_at, expires_at"
                + " FROM seatwarden_apply_leases WHERE tenant_id = ?")) {
            query.setString(1, tenant.value());
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(tenant, rows.getString("owner_name"), UUID.fromString(rows.getString("token")),
                        JdbcValues.getInstant(rows, "acquired_at"), JdbcValues.getInstant(rows, "expires_at")));
            }
        }
    }

    private static void checkTtl(Duration ttl) {
        requireNonNull(ttl, "ttl is null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
    }
}
