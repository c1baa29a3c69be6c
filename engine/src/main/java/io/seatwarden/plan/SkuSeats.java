package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.SkuId;
import io.seatwarden.plan.cost.SkuCost;

import static java.util.Objects.requireNonNull;

/**
 * Seats of one SKU any policy references, before and after the plan.
 *
 * @param availableBefore enabled (+ warning when counted) - consumed; may be negative
 * @param assigned new seats the plan takes
 * @param freed seats the run's removals free: 0 when the removal guard holds them back
 * @param availableAfter availableBefore - assigned + freed, exactly
 * @param waiting users skipped NO_SEATS for this SKU
 * @param freedHeld seats the removals the guard holds back would free (0 unless it trips)
 * @param waitingForHeldRemovals of the waiting users, those who would get one of those seats
 * @param cost what its seats cost per month, when {@code settings.prices} prices it; else null (and not written)
 */
@JsonPropertyOrder({"skuId", "skuPartNumber", "enabled", "consumed", "reserved", "availableBefore", "assigned",
        "freed", "availableAfter", "waiting", "freedHeld", "waitingForHeldRemovals", "cost"})
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
        int waiting,
        int freedHeld,
        int waitingForHeldRemovals,
        @JsonInclude(JsonInclude.Include.NON_NULL) SkuCost cost) {
    public SkuSeats {
        requireNonNull(skuId, "skuId is null");
        requireNonNull(skuPartNumber, "skuPartNumber is null");
        if (availableAfter != availableBefore - assigned + freed) {
            throw new IllegalArgumentException("availableAfter must be availableBefore - assigned + freed");
        }
        if (waitingForHeldRemovals > Math.min(waiting, freedHeld)) {
            throw new IllegalArgumentException("more users wait for held removals than wait, or than those removals free");
        }
    }

    /** Seats of a SKU no held removal touches. */
    public SkuSeats(SkuId skuId, String skuPartNumber, int enabled, int consumed, int reserved, int availableBefore, int assigned,
            int freed, int availableAfter, int waiting) {
        this(skuId, skuPartNumber, enabled, consumed, reserved, availableBefore, assigned, freed, availableAfter, waiting, 0, 0);
    }

    /** Seats without a price. */
    public SkuSeats(SkuId skuId, String skuPartNumber, int enabled, int consumed, int reserved, int availableBefore,
            int assigned, int freed, int availableAfter, int waiting, int freedHeld, int waitingForHeldRemovals) {
        this(skuId, skuPartNumber, enabled, consumed, reserved, availableBefore, assigned, freed, availableAfter, waiting,
                freedHeld, waitingForHeldRemovals, null);
    }

    public SkuSeats withCost(SkuCost newCost) {
        return new SkuSeats(skuId, skuPartNumber, enabled, consumed, reserved, availableBefore, assigned, freed, availableAfter,
                waiting, freedHeld, waitingForHeldRemovals, newCost);
    }
}
