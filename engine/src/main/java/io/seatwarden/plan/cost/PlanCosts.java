package io.seatwarden.plan.cost;

import io.seatwarden.directory.SkuId;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.SkuSeats;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prices a plan: pure arithmetic over its {@code skus[]} and the seats each policy accounts for.
 * For a SKU priced {@code p} with {@code consumed} seats held, {@code assigned} taken and
 * {@code freed} released by the plan, {@code enabled} bought and {@code waiting} users left out:
 * <pre>
 * assignedBefore = p * consumed
 * assignedAfter  = p * (consumed + assigned - freed)
 * unusedAfter    = p * max(0, enabled - (consumed + assigned - freed))
 * shortfall      = p * waiting
 * </pre>
 * and the plan's figures are the sums over priced SKUs. Amounts keep every digit of the prices
 * (at least the currency's own decimals, such as 2 for EUR): money is never rounded here.
 */
public final class PlanCosts {
    private PlanCosts() {}

    /**
     * The plan with {@code summary.cost} and {@code skus[].cost}; the plan itself when there are no prices.
     *
     * @param prices per SKU; referenced SKUs without one are named as unpriced
     * @param policies every policy name, in the order of the report
     */
    public static Plan price(Plan plan, Map<SkuId, BigDecimal> prices, String currency, List<String> policies, SeatHolders holders) {
        if (prices.isEmpty()) {
            return plan;
        }
        int scale = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        Totals totals = new Totals(scale);
        List<SkuSeats> skus = new ArrayList<>();
        List<String> unpriced = new ArrayList<>();
        Map<SkuId, String> partNumbers = new TreeMap<>();
        for (SkuSeats seats : plan.skus()) {
            partNumbers.put(seats.skuId(), seats.skuPartNumber());
            BigDecimal price = prices.get(seats.skuId());
            if (price == null) {
                unpriced.add(seats.skuPartNumber());
                skus.add(seats);
                continue;
            }
            SkuCost cost = skuCost(seats, price, scale);
            totals.add(cost);
            skus.add(seats.withCost(cost));
        }
        List<PolicyCost> chargeback = new ArrayList<>();
        for (String policy : policies) {
            chargeback.add(policyCost(policy, holders.of(policy), prices, partNumbers, scale));
        }
        PlanCost cost = new PlanCost(currency, totals.before, totals.after, totals.after.subtract(totals.before),
                totals.unused, totals.shortfall, unpriced.stream().sorted().toList(), chargeback);
        return plan.withSkus(skus).withSummary(plan.summary().withCost(cost));
    }

    static SkuCost skuCost(SkuSeats seats, BigDecimal price, int scale) {
        long heldAfter = (long) seats.consumed() + seats.assigned() - seats.freed();
        BigDecimal before = money(price, seats.consumed(), scale);
        BigDecimal after = money(price, heldAfter, scale);
        return new SkuCost(price, before, after, after.subtract(before),
                money(price, Math.max(0, seats.enabled() - heldAfter), scale), money(price, seats.waiting(), scale));
    }

    private static PolicyCost policyCost(String policy, Map<SkuId, Integer> seats, Map<SkuId, BigDecimal> prices,
            Map<SkuId, String> partNumbers, int scale) {
        int count = 0;
        BigDecimal monthly = money(BigDecimal.ZERO, 0, scale);
        List<String> unpriced = new ArrayList<>();
        for (Map.Entry<SkuId, Integer> entry : seats.entrySet()) {
            count += entry.getValue();
            BigDecimal price = prices.get(entry.getKey());
            if (price == null) {
                unpriced.add(partNumbers.getOrDefault(entry.getKey(), entry.getKey().toString()));
            } else {
                monthly = monthly.add(money(price, entry.getValue(), scale));
            }
        }
        return new PolicyCost(policy, count, monthly, unpriced.stream().sorted().toList());
    }

    /** price * seats, shown with at least the currency's decimals. */
    static BigDecimal money(BigDecimal price, long seats, int scale) {
        BigDecimal amount = price.multiply(BigDecimal.valueOf(seats));
        return amount.scale() >= scale ? amount : amount.setScale(scale);
    }

    /** Sums over priced SKUs. */
    private static final class Totals {
        private BigDecimal before;
        private BigDecimal after;
        private BigDecimal unused;
        private BigDecimal shortfall;

        Totals(int scale) {
            BigDecimal zero = BigDecimal.ZERO.setScale(scale);
            before = zero;
            after = zero;
            unused = zero;
            shortfall = zero;
        }

        void add(SkuCost cost) {
            before = before.add(cost.assignedBefore());
            after = after.add(cost.assignedAfter());
            unused = unused.add(cost.unusedAfter());
            shortfall = shortfall.add(cost.shortfall());
        }
    }
}
