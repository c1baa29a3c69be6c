package io.seatwarden.plan;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.seatwarden.directory.TenantId;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The gap between the policies and the tenant, and how the engine closes it. The JSON form is a
 * contract (DESIGN.md; schema {@code seatwarden/schema/plan.schema.json} in the jar). Every list is
 * sorted, so equal inputs give equal plans.
 *
 * @param skus every SKU any policy references, by skuPartNumber
 * @param changes one per user, by userPrincipalName
 * @param skipped by userPrincipalName, then policy, then skuPartNumber
 * @param waitingForHeldRemovals adds that wait because the removal guard holds back the removals that
 *        would free their seats (each also skipped {@code NO_SEATS}), by userPrincipalName, then skuPartNumber
 * @param warnings things a reviewer should know that are not errors (nested group cycles, ...)
 */
@JsonPropertyOrder({"tenantId", "summary", "skus", "changes", "skipped", "waitingForHeldRemovals", "warnings"})
public record Plan(
        TenantId tenantId,
        PlanSummary summary,
        List<SkuSeats> skus,
        List<UserChange> changes,
        List<Skip> skipped,
        List<HeldAdd> waitingForHeldRemovals,
        List<String> warnings) {
    public Plan {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(summary, "summary is null");
        skus = List.copyOf(skus);
        changes = List.copyOf(changes);
        skipped = List.copyOf(skipped);
        waitingForHeldRemovals = List.copyOf(waitingForHeldRemovals);
        warnings = List.copyOf(warnings);
    }

    /** A plan in which no add waits for removals the guard holds. */
    public Plan(TenantId tenantId, PlanSummary summary, List<SkuSeats> skus, List<UserChange> changes, List<Skip> skipped,
            List<String> warnings) {
        this(tenantId, summary, skus, changes, skipped, List.of(), warnings);
    }

    /** Only users waiting for seats count as nothing to change (exit code 0). */
    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    public Plan withSummary(PlanSummary newSummary) {
        return new Plan(tenantId, newSummary, skus, changes, skipped, waitingForHeldRemovals, warnings);
    }

    public Plan withSkus(List<SkuSeats> newSkus) {
        return new Plan(tenantId, summary, newSkus, changes, skipped, waitingForHeldRemovals, warnings);
    }
}
