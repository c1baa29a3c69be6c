package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Whether the removal guard would hold back this plan's removals at apply time (rule 4).
 *
 * @param maxRemovalsPercent null when the percentage limit is off
 * @param reason why it would trip; null when it would not
 */
@JsonPropertyOrder({"removals", "maxRemovals", "maxRemovalsPercent", "wouldTrip", "reason"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RemovalGuardVerdict(int removals, int maxRemovals, Integer maxRemovalsPercent, boolean wouldTrip, String reason) {
    public RemovalGuardVerdict {
        if (wouldTrip == (reason == null)) {
            throw new IllegalArgumentException("a tripped guard needs a reason, and only then");
        }
    }
}
