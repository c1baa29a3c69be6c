package io.seatwarden.plan.cost;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Chargeback for one policy: the seats its members hold after the plan of the SKUs it grants
 * (a member several policies grant the same SKU to is counted once, for the one served first:
 * highest priority, then name), and what they cost per month.
 *
 * @param unpriced skuPartNumbers of its SKUs without a price (their seats count, their cost does not)
 */
@JsonPropertyOrder({"policy", "seats", "monthly", "unpriced"})
public record PolicyCost(String policy, int seats, BigDecimal monthly, List<String> unpriced) {
    public PolicyCost {
        requireNonNull(policy, "policy is null");
        requireNonNull(monthly, "monthly is null");
        unpriced = List.copyOf(unpriced);
    }
}
