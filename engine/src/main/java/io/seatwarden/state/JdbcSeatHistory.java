package io.seatwarden.state;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@link SeatHistory} in table {@code seatwarden_seat_history}. */
public final class JdbcSeatHistory implements SeatHistory {
    private static final String COLUMNS = "tenant_id, sku_id, recorded_at, run_id, sku_part_number, enabled, assigned, available,"
            + " reserved, waiting";

    private final DataSource dataSource;

    public JdbcSeatHistory(DataSource dataSource) {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    @Override
    public void record(List<SeatSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO seatwarden_seat_history (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SeatSample sample : samples) {
                    insert.setString(1, sample.tenant().value());
                    insert.setString(2, sample.skuId().toString());
                    JdbcValues.setInstant(insert, 3, sample.recordedAt());
                    if (sample.run().isPresent()) {
                        insert.setString(4, sample.run().get().value());
                    } else {
                        insert.setNull(4, Types.VARCHAR);
                    }
                    insert.setString(5, JdbcValues.truncate(sample.skuPartNumber(), 200));
                    insert.setInt(6, sample.enabled());
                    insert.setInt(7, sample.assigned());
                    insert.setInt(8, sample.available());
                    insert.setInt(9, sample.reserved());
                    insert.setInt(10, sample.waiting());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StateException("cannot record seat history: " + JdbcValues.describe(e), e);
        }
    }

    @Override
    public List<SeatSample> since(Optional<TenantId> tenant, Instant since) {
        String sql = "SELECT " + COLUMNS + " FROM seatwarden_seat_history WHERE recorded_at >= ?"
                + (tenant.isPresent() ? " AND tenant_id = ?" : "")
                + " ORDER BY recorded_at, sample_id";
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(sql)) {
            JdbcValues.setInstant(query, 1, since);
            if (tenant.isPresent()) {
                query.setString(2, tenant.get().value());
            }
            List<SeatSample> samples = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    samples.add(new SeatSample(TenantId.of(rows.getString("tenant_id")), JdbcValues.getInstant(rows, "recorded_at"),
                            Optional.ofNullable(rows.getString("run_id")).map(RunId::of), SkuId.of(rows.getString("sku_id")),
                            rows.getString("sku_part_number"), rows.getInt("enabled"), rows.getInt("assigned"),
                            rows.getInt("available"), rows.getInt("reserved"), rows.getInt("waiting")));
                }
            }
            // Sorted here, not in SQL: PostgreSQL's collation may order text differently from H2's. The sort is stable.
            samples.sort(Comparator.comparing((SeatSample sample) -> sample.tenant().value())
                    .thenComparing(SeatSample::skuPartNumber).thenComparing(sample -> sample.skuId().toString()));
            return samples;
        } catch (SQLException e) {
            throw new StateException("cannot read seat history: " + JdbcValues.describe(e), e);
        }
    }
}
