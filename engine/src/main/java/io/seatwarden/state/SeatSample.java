package io.seatwarden.state;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One SKU's seats as a run left them, recorded for {@code seatwarden history}.
 *
 * @param run the run that recorded it, when the run history has one
 * @param enabled the subscription's enabled seats (plus seats in warning when {@code settings.countWarningSeats})
 * @param assigned seats in use after the run: Graph's consumedUnits as read, plus the seats the run took, less those it freed
 * @param available enabled - assigned; negative when more seats are in use than enabled
 * @param reserved seats {@code settings.reserve} keeps free
 * @param waiting users left waiting for a seat of the SKU
 */
public record SeatSample(
        TenantId tenant,
        Instant recordedAt,
        Optional<RunId> run,
        SkuId skuId,
        String skuPartNumber,
        int enabled,
        int assigned,
        int available,
        int reserved,
        int waiting) {
    public SeatSample {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(recordedAt, "recordedAt is null");
        requireNonNull(run, "run is null");
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        if (assigned < 0 || reserved < 0 || waiting < 0) {
            throw new IllegalArgumentException("assigned, reserved and waiting must not be negative");
        }
    }
}
