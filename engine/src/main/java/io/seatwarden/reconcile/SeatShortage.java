package io.seatwarden.reconcile;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.HeldAdd;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.Skip;
import io.seatwarden.plan.SkipReason;
import io.seatwarden.plan.SkuSeats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Users a run leaves waiting for seats, per SKU: those the plan skipped {@code NO_SEATS} (the usual case:
 * every seat is taken) and those Graph refused for want of a seat while applying (someone took it since
 * the plan). A later run assigns them once seats are bought or freed.
 *
 * <pre>{@code
 * SeatShortage shortage = SeatShortage.of(result, catalog);
 * shortage.advice().forEach(System.out::println);
 * // 3 users are waiting for seats of ENTERPRISEPACK (Office 365 E3): buy 3 seats or free 3; the next run assigns them
 * }</pre>
 *
 * @param skus by skuPartNumber; only SKUs with someone waiting
 * @param users distinct users waiting for a seat of any SKU
 */
public record SeatShortage(List<Sku> skus, int users) {
    public static final SeatShortage NONE = new SeatShortage(List.of(), 0);

    public SeatShortage {
        skus = List.copyOf(skus);
        if (users < 0) {
            throw new IllegalArgumentException("users must not be negative");
        }
    }

    /**
     * One SKU users wait for.
     *
     * @param productName Microsoft's product name from the catalog, when the catalog knows the SKU
     * @param users distinct users waiting for one of its seats
     * @param waitingForHeldRemovals of them, those a seat freed by the removals the guard held back would serve
     */
    public record Sku(SkuId skuId, String skuPartNumber, Optional<String> productName, int users, int waitingForHeldRemovals) {
        public Sku {
            requireNonNull(skuId, "skuId is null");
            requireNonNull(skuPartNumber, "skuPartNumber is null");
            requireNonNull(productName, "productName is null");
        }

        /** {@code ENTERPRISEPACK (Office 365 E3)}, or the part number alone when the catalog does not know it. */
        public String label() {
            return productName.map(name -> skuPartNumber + " (" + name + ")").orElse(skuPartNumber);
        }
    }

    /** The shortage a run's plan and apply left; none when the run got neither. */
    public static SeatShortage of(RunResult result, ProductCatalog catalog) {
        return of(result.plan(), result.applied(), catalog);
    }

    public static SeatShortage of(Plan plan, Optional<ApplyResult> applied, ProductCatalog catalog) {
        return of(Optional.of(requireNonNull(plan, "plan is null")), applied, catalog);
    }

    private static SeatShortage of(Optional<Plan> plan, Optional<ApplyResult> applied, ProductCatalog catalog) {
        requireNonNull(applied, "applied is null");
        requireNonNull(catalog, "catalog is null");
        Map<String, Set<UserId>> waiting = new TreeMap<>();
        Map<String, SkuId> ids = new TreeMap<>();
        for (SkuSeats seats : plan.map(Plan::skus).orElse(List.of())) {
            ids.put(seats.skuPartNumber(), seats.skuId());
        }
        for (Skip skip : plan.map(Plan::skipped).orElse(List.of())) {
            if (skip.reason() == SkipReason.NO_SEATS) {
                waiting.computeIfAbsent(skip.skuPartNumber(), ignored -> new TreeSet<>()).add(skip.userId());
            }
        }
        // Graph's no-seats refusal does not say which SKU ran out: a user waits for each SKU the refused write added.
        for (ChangeOutcome change : applied.map(ApplyResult::changes).orElse(List.of())) {
            if (change.status() == ChangeStatus.WAITING_FOR_SEATS) {
                for (LicenseAdd add : change.addLicenses()) {
                    waiting.computeIfAbsent(add.skuPartNumber(), ignored -> new TreeSet<>()).add(change.userId());
                    ids.putIfAbsent(add.skuPartNumber(), add.skuId());
                }
            }
        }
        Map<String, Integer> heldFor = new TreeMap<>();
        for (HeldAdd held : plan.map(Plan::waitingForHeldRemovals).orElse(List.of())) {
            heldFor.merge(held.skuPartNumber(), 1, Integer::sum);
        }
        List<Sku> skus = new ArrayList<>();
        Set<UserId> everyone = new TreeSet<>();
        for (Map.Entry<String, Set<UserId>> entry : waiting.entrySet()) {
            SkuId id = ids.get(entry.getKey());
            if (id == null) {
                continue; // a plan always lists the SKUs its skips name; nothing to label otherwise
            }
            int users = entry.getValue().size();
            skus.add(new Sku(id, entry.getKey(), catalog.bySkuId(id).map(ProductCatalog.Product::displayName), users,
                    Math.min(users, heldFor.getOrDefault(entry.getKey(), 0))));
            everyone.addAll(entry.getValue());
        }
        return new SeatShortage(skus, everyone.size());
    }

    public boolean isEmpty() {
        return users == 0;
    }

    /** One line per SKU saying who waits and what to do; none when nobody waits. */
    public List<String> advice() {
        List<String> lines = new ArrayList<>();
        for (Sku sku : skus) {
            String line = sku.users() == 1
                    ? "1 user is waiting for a seat of " + sku.label() + ": buy 1 seat or free 1; the next run assigns it"
                    : String.format(Locale.ROOT, "%d users are waiting for seats of %s: buy %d seats or free %d; the next run assigns them",
                            sku.users(), sku.label(), sku.users(), sku.users());
            if (sku.waitingForHeldRemovals() > 0) {
                line += " (" + sku.waitingForHeldRemovals() + " of them get a seat once the removals the guard held back go out:"
                        + " apply --max-removals N)";
            }
            lines.add(line);
        }
        return lines;
    }

    /** {@code "; 3 users waiting for seats"}, or nothing when nobody waits: for one-line run messages. */
    public String note() {
        return users == 0 ? "" : "; " + users + (users == 1 ? " user" : " users") + " waiting for seats";
    }
}
