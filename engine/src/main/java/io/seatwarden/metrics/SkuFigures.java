package io.seatwarden.metrics;

import io.seatwarden.plan.Plan;
import io.seatwarden.plan.SkuSeats;

import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Seats of one SKU after a run, as the plan expects them once its changes are made.
 *
 * @param sku the skuPartNumber
 * @param enabled seats bought ({@code prepaidUnits.enabled})
 * @param assigned seats held by users after the run: consumed + assigned - freed
 * @param available seats left: the plan's {@code availableAfter} (negative when over-consumed)
 * @param waiting users waiting for a seat ({@code NO_SEATS})
 */
public record SkuFigures(String sku, long enabled, long assigned, long available, long waiting) {
    public SkuFigures {
        requireNonNull(sku, "sku is null");
    }

    /** The figures of every SKU the plan names, sorted by part number. */
    public static List<SkuFigures> of(Plan plan) {
        return plan.skus().stream()
                .map(SkuFigures::of)
                .sorted(Comparator.comparing(SkuFigures::sku))
                .toList();
    }

    static SkuFigures of(SkuSeats seats) {
        return new SkuFigures(seats.skuPartNumber(), seats.enabled(), (long) seats.consumed() + seats.assigned() - seats.freed(),
                seats.availableAfter(), seats.waiting());
    }
}
