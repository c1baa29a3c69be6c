package io.seatwarden.notify;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.NotifyEvent;
import io.seatwarden.reconcile.ApplyResult;
import io.seatwarden.reconcile.ChangeOutcome;
import io.seatwarden.reconcile.ChangeStatus;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.SeatShortage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns a run's result into the {@link Notice} its webhooks hear. Pure: the same result gives the same notice.
 *
 * <p>When each event happens: {@code shortage} when users are left waiting for seats (the plan's
 * {@code NO_SEATS} skips and Graph's refusals while applying); {@code failure} when the run failed, was
 * refused (another apply held the lock, a saved plan went stale) or a change failed or stayed unknown;
 * {@code guard} when the removal guard held removals back; {@code licenseErrors} when Entra's own group
 * licensing reports errors for users in scope; {@code applied} when at least one change was applied. A dry
 * run, a declined apply and a run stopped on request tell nothing.
 */
public final class Notices {
    private Notices() {}

    /** One license Graph reports in error: what the {@code licenseErrors} event counts. */
    record LicenseErrorEntry(SkuId skuId, String skuPartNumber, String error) {}

    public static Notice of(RunResult result, NoticeContext context, Instant at) {
        List<Notice.Event> events = new ArrayList<>();
        if (result.outcome() != RunOutcome.PLANNED && result.outcome() != RunOutcome.DECLINED
                && result.outcome() != RunOutcome.INTERRUPTED) {
            shortage(result, context.catalog()).ifPresent(events::add);
            failure(result, context.catalog()).ifPresent(events::add);
            guard(result, context.catalog()).ifPresent(events::add);
            licenseErrors(licenseErrorsOf(result), context.catalog()).ifPresent(events::add);
            applied(result, context.catalog()).ifPresent(events::add);
        }
        Optional<TenantId> tenantId = result.applied().map(ApplyResult::tenantId).or(() -> result.plan().map(Plan::tenantId));
        return new Notice(context.tenantName(), tenantId, result.runId(), result.outcome(), result.exitCode(), result.message(), at, events);
    }

    /** The licenses Graph reports in error for users in scope, as the run's plan lists them ({@code licenseErrors[]}). */
    static List<LicenseErrorEntry> licenseErrorsOf(RunResult result) {
        return result.plan().map(Plan::licenseErrors).orElse(List.of()).stream()
                .map(error -> new LicenseErrorEntry(error.skuId(), error.skuPartNumber(), error.error()))
                .toList();
    }

    private static Optional<Notice.Event> shortage(RunResult result, ProductCatalog catalog) {
        SeatShortage shortage = SeatShortage.of(result, catalog);
        if (shortage.isEmpty()) {
            return Optional.empty();
        }
        List<Notice.SkuLine> skus = new ArrayList<>();
        for (SeatShortage.Sku sku : shortage.skus()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put("usersWaiting", sku.users());
            counts.put("waitingForHeldRemovals", sku.waitingForHeldRemovals());
            skus.add(new Notice.SkuLine(sku.skuId(), sku.skuPartNumber(), sku.productName(), counts));
        }
        String headline = shortage.users() == 1 ? "1 user is waiting for a seat" : shortage.users() + " users are waiting for seats";
        return Optional.of(new Notice.Event(NotifyEvent.SHORTAGE, headline, Map.of("usersWaiting", shortage.users()), skus,
                shortage.advice()));
    }

    private static Optional<Notice.Event> failure(RunResult result, ProductCatalog catalog) {
        List<ChangeOutcome> changes = result.applied().map(ApplyResult::changes).orElse(List.of());
        SkuCounts perSku = new SkuCounts(catalog);
        int failed = 0;
        int unknown = 0;
        for (ChangeOutcome change : changes) {
            if (change.status() == ChangeStatus.FAILED || change.status() == ChangeStatus.UNKNOWN) {
                if (change.status() == ChangeStatus.FAILED) {
                    failed++;
                } else {
                    unknown++;
                }
                change.addLicenses().forEach(add -> perSku.add(add.skuId(), add.skuPartNumber(), "changesFailed", 1));
                change.removeLicenses().forEach(removal -> perSku.add(removal.skuId(), removal.skuPartNumber(), "changesFailed", 1));
            }
        }
        String headline = switch (result.outcome()) {
            case FAILED -> "the run failed";
            case REFUSED -> "the run was refused: nothing was applied";
            default -> failed + unknown == 0 ? "" : (failed + unknown) + (failed + unknown == 1 ? " change" : " changes") + " failed"
                    + (unknown > 0 ? " (" + unknown + " with an unknown outcome, settled by the next run)" : "");
        };
        if (headline.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("changesFailed", failed);
        counts.put("changesUnknown", unknown);
        return Optional.of(new Notice.Event(NotifyEvent.FAILURE, headline, counts, perSku.lines(), List.of(result.message())));
    }

    private static Optional<Notice.Event> guard(RunResult result, ProductCatalog catalog) {
        if (result.applied().isEmpty() || !result.applied().get().removalGuard().wouldTrip()) {
            return Optional.empty();
        }
        SkuCounts perSku = new SkuCounts(catalog);
        int held = 0;
        for (ChangeOutcome change : result.applied().get().changes()) {
            for (LicenseRemoval removal : change.heldRemovals()) {
                perSku.add(removal.skuId(), removal.skuPartNumber(), "removalsHeld", 1);
                held++;
            }
        }
        return Optional.of(new Notice.Event(NotifyEvent.GUARD, "the removal guard held back " + held + (held == 1 ? " removal" : " removals"),
                Map.of("removalsHeld", held), perSku.lines(), List.of(result.applied().get().removalGuard().reason(),
                        "if the removals are meant, let them go out for one run with apply --max-removals N")));
    }

    static Optional<Notice.Event> licenseErrors(List<LicenseErrorEntry> errors, ProductCatalog catalog) {
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        SkuCounts perSku = new SkuCounts(catalog);
        Map<String, Integer> byError = new TreeMap<>();
        for (LicenseErrorEntry error : errors) {
            perSku.add(error.skuId(), error.skuPartNumber(), "licenseErrors", 1);
            byError.merge(error.error(), 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        byError.forEach((error, count) -> lines.add(error + ": " + count));
        lines.add("Entra's own group-based licensing could not assign these; the users do not hold the licenses");
        return Optional.of(new Notice.Event(NotifyEvent.LICENSE_ERRORS, "Entra group licensing reports " + errors.size()
                + (errors.size() == 1 ? " license error" : " license errors"), Map.of("licenseErrors", errors.size()), perSku.lines(), lines));
    }

    private static Optional<Notice.Event> applied(RunResult result, ProductCatalog catalog) {
        SkuCounts perSku = new SkuCounts(catalog);
        int users = 0;
        int added = 0;
        int removed = 0;
        int locations = 0;
        for (ChangeOutcome change : result.applied().map(ApplyResult::changes).orElse(List.of())) {
            if (change.status() != ChangeStatus.APPLIED) {
                continue;
            }
            users++;
            locations += change.usageLocation() == null ? 0 : 1;
            for (LicenseAdd add : change.addLicenses()) {
                perSku.add(add.skuId(), add.skuPartNumber(), "licensesAdded", 1);
                added++;
            }
            for (LicenseRemoval removal : change.removeLicenses()) {
                perSku.add(removal.skuId(), removal.skuPartNumber(), "licensesRemoved", 1);
                removed++;
            }
        }
        if (users == 0) {
            return Optional.empty();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("usersChanged", users);
        counts.put("licensesAdded", added);
        counts.put("licensesRemoved", removed);
        counts.put("usageLocationsSet", locations);
        String headline = users + (users == 1 ? " user" : " users") + " changed: " + added + " licenses added, " + removed + " removed";
        return Optional.of(new Notice.Event(NotifyEvent.APPLIED, headline, counts, perSku.lines(), List.of()));
    }

    /** Counts per SKU, by skuPartNumber, each SKU's counts in the order first added. */
    private static final class SkuCounts {
        private final ProductCatalog catalog;
        private final Map<String, SkuId> ids = new TreeMap<>();
        private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

        SkuCounts(ProductCatalog catalog) {
            this.catalog = catalog;
        }

        void add(SkuId sku, String partNumber, String name, int count) {
            ids.putIfAbsent(partNumber, sku);
            counts.computeIfAbsent(partNumber, ignored -> new LinkedHashMap<>()).merge(name, count, Integer::sum);
        }

        List<Notice.SkuLine> lines() {
            List<Notice.SkuLine> lines = new ArrayList<>();
            counts.forEach((partNumber, values) -> {
                SkuId id = ids.get(partNumber);
                lines.add(new Notice.SkuLine(id, partNumber, catalog.bySkuId(id).map(ProductCatalog.Product::displayName), values));
            });
            return lines;
        }
    }
}
