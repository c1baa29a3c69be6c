package io.seatwarden.plan.cost;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;

import static java.util.Objects.requireNonNull;

/**
 * One priced SKU's monthly figures (see {@link PlanCost} for each one's meaning).
 *
 * @param pricePerSeat the price per seat per month, as written in {@code settings.prices}
 */
@JsonPropertyOrder({"pricePerSeat", "assignedBefore", "assignedAfter", "delta", "unusedAfter", "shortfall"})
public record SkuCost(
        BigDecimal pricePerSeat,
        BigDecimal assignedBefore,
        BigDecimal assignedAfter,
        BigDecimal delta,
        BigDecimal unusedAfter,
        BigDecimal shortfall) {
    public SkuCost {
        requireNonNull(pricePerSeat, "pricePerSeat is null");
        requireNonNull(assignedBefore, "assignedBefore is null");
        requireNonNull(assignedAfter, "assignedAfter is null");
        requireNonNull(delta, "delta is null");
        requireNonNull(unusedAfter, "unusedAfter is null");
        requireNonNull(shortfall, "shortfall is null");
    }
}
