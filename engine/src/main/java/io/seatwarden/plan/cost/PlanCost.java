package io.seatwarden.plan.cost;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What the SKUs the policies reference cost per month, before and after a plan, from
 * {@code settings.prices}. Amounts are exact (prices times seats, never rounded); SKUs without a
 * price count for nothing and are named in {@code unpriced}, never guessed.
 *
 * @param assignedBefore value of the seats assigned before the plan (consumed units)
 * @param assignedAfter value of the seats assigned after it (consumed + assigned - freed)
 * @param delta assignedAfter - assignedBefore
 * @param unusedAfter value of the seats bought (enabled) but left unassigned after the plan
 * @param shortfall what the seats missing for the users left waiting would cost
 * @param unpriced skuPartNumbers of referenced SKUs without a price, sorted
 * @param policies chargeback: the seats each policy accounts for after the plan, by policy name
 */
@JsonPropertyOrder({"currency", "assignedBefore", "assignedAfter", "delta", "unusedAfter", "shortfall", "unpriced", "policies"})
public record PlanCost(
        String currency,
        BigDecimal assignedBefore,
        BigDecimal assignedAfter,
        BigDecimal delta,
        BigDecimal unusedAfter,
        BigDecimal shortfall,
        List<String> unpriced,
        List<PolicyCost> policies) {
    public PlanCost {
        requireNonNull(currency, "currency is null");
        requireNonNull(assignedBefore, "assignedBefore is null");
        requireNonNull(assignedAfter, "assignedAfter is null");
        requireNonNull(unusedAfter, "unusedAfter is null");
        requireNonNull(shortfall, "shortfall is null");
        if (delta.compareTo(assignedAfter.subtract(assignedBefore)) != 0) {
            throw new IllegalArgumentException("delta must be assignedAfter - assignedBefore");
        }
        unpriced = List.copyOf(unpriced);
        policies = List.copyOf(policies);
    }
}
