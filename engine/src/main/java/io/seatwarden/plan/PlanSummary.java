package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import static java.util.Objects.requireNonNull;

/**
 * Counts over a plan.
 *
 * @param usersChanged users with a change
 * @param licensesAdded new seats taken
 * @param licensesUpdated held licenses whose disabled plans change
 * @param licensesRemoved licenses removed
 * @param usageLocationsSet usage locations the plan sets
 * @param skipped entries in {@code skipped[]}
 * @param waitingForSeats distinct users waiting for a seat of some SKU
 */
@JsonPropertyOrder({"usersChanged", "licensesAdded", "licensesUpdated", "licensesRemoved", "usageLocationsSet",
        "skipped", "waitingForSeats", "removalGuard"})
public record PlanSummary(
        int usersChanged,
        int licensesAdded,
        int licensesUpdated,
        int licensesRemoved,
        int usageLocationsSet,
        int skipped,
        int waitingForSeats,
        RemovalGuardVerdict removalGuard) {
    public PlanSummary {
        requireNonNull(removalGuard, "removalGuard is null");
    }
}
