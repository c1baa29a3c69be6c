package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;

import static java.util.Objects.requireNonNull;

/**
 * Seats of one SKU any policy references, before and after the plan.
 *
 * @param availableBefore enabled (+ warning when counted) - consumed; may be negative
 * @param assigned new seats the plan takes
 * @param freed seats its removals free
 * @param availableAfter availableBefore - assigned + freed, exactly
 * @param waiting users skipped NO_SEATS for this SKU
 */
@JsonPropertyOrder({"skuId", "skuPartNumber", "enabled", "consumed", "reserved", "availableBefore", "assigned",
        "freed", "availableAfter", "waiting"})
public record SkuSeats(
        SkuId skuId,
        String skuPartNumber,
        int enabled,
        int consumed,
        int reserved,
        int availableBefore,
        int assigned,
        int freed,
        int availableAfter,
        int waiting) {
    public SkuSeats {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        if (availableAfter != availableBefore - assigned + freed) {
            throw new IllegalArgumentException("availableAfter must be availableBefore - assigned + freed");
        }
    }
}
