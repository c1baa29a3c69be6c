package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Whether the removal guard would hold back this plan's removals at apply time (rule 4), and what
 * that costs: the adds that wait because they needed the seats those removals would free (rule 9).
 *
 * @param maxRemovalsPercent null when the percentage limit is off
 * @param reason why it would trip; null when it would not
 * @param addsWaiting new seats the plan does not assign because only the held removals would free
 *        them (listed in {@link Plan#waitingForHeldRemovals()}); 0 unless it would trip
 */
@JsonPropertyOrder({"removals", "maxRemovals", "maxRemovalsPercent", "wouldTrip", "reason", "addsWaiting"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RemovalGuardVerdict(int removals, int maxRemovals, Integer maxRemovalsPercent, boolean wouldTrip, String reason,
        int addsWaiting) {
    public RemovalGuardVerdict {
        if (wouldTrip == (reason == null)) {
            throw new IllegalArgumentException("a tripped guard needs a reason, and only then");
        }
        if (addsWaiting < 0 || (addsWaiting > 0 && !wouldTrip)) {
            throw new IllegalArgumentException("only a tripped guard leaves adds waiting");
        }
    }

    public RemovalGuardVerdict(int removals, int maxRemovals, Integer maxRemovalsPercent, boolean wouldTrip, String reason) {
        this(removals, maxRemovals, maxRemovalsPercent, wouldTrip, reason, 0);
    }

    public RemovalGuardVerdict withAddsWaiting(int count) {
        return new RemovalGuardVerdict(removals, maxRemovals, maxRemovalsPercent, wouldTrip, reason, count);
    }
}
