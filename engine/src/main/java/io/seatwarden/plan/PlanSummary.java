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
 * @param licensesAdopted entries in {@code adopted[]}: held licenses the engine takes as its own
 * @param pendingRemovals entries in {@code pendingRemovals[]}: removals waiting out the grace period
 * @param usersWithDataAtStake users whose removals take away their last mailbox or OneDrive plan
 *     ({@code removeLicenses[].dataAtStake})
 */
@JsonPropertyOrder({"usersChanged", "licensesAdded", "licensesUpdated", "licensesRemoved", "usageLocationsSet",
        "skipped", "waitingForSeats", "removalGuard", "licensesAdopted", "pendingRemovals",
        "usersWithDataAtStake"})
public record PlanSummary(
        int usersChanged,
        int licensesAdded,
        int licensesUpdated,
        int licensesRemoved,
        int usageLocationsSet,
        int skipped,
        int waitingForSeats,
        RemovalGuardVerdict removalGuard,
        int licensesAdopted,
        int pendingRemovals,
        int usersWithDataAtStake) {
    public PlanSummary {
        requireNonNull(removalGuard, "removalGuard is null");
    }

    /** Counts of a plan that adopts nothing and holds no removal pending. */
    public PlanSummary(int usersChanged, int licensesAdded, int licensesUpdated, int licensesRemoved, int usageLocationsSet,
            int skipped, int waitingForSeats, RemovalGuardVerdict removalGuard) {
        this(usersChanged, licensesAdded, licensesUpdated, licensesRemoved, usageLocationsSet, skipped, waitingForSeats,
                removalGuard, 0, 0, 0);
    }
}
