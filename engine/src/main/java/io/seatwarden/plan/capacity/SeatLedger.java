package io.seatwarden.plan.capacity;

import io.seatwarden.directory.SubscribedSku;

import static java.util.Objects.requireNonNull;

/**
 * Seat arithmetic for one SKU (rule 2): seats available = enabled (+ warning, when counted) -
 * consumed; new seats the plan may take = max(0, available - reserve) + the seats its own removals free.
 */
public record SeatLedger(SubscribedSku sku, int reserve, boolean countWarningSeats) {
    public SeatLedger {
        requireNonNull(sku, "sku is null");
        if (reserve < 0) {
            throw new IllegalArgumentException("reserve is negative");
        }
    }

    /** May be negative when more seats are assigned than the subscription has. */
    public int availableBefore() {
        int counted = sku.prepaidUnits().enabled() + (countWarningSeats ? sku.prepaidUnits().warning() : 0);
        return counted - sku.consumedUnits();
    }

    /** How many new seats a plan may hand out, given the seats its removals of this SKU free. */
    public int newSeatCapacity(int freed) {
        if (!sku.capabilityStatus().acceptsNewAssignments()) {
            return 0;
        }
        return Math.max(0, availableBefore() - reserve) + freed;
    }
}
