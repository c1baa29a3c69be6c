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
 * @param ownership whether the plan knew which licenses the engine assigned (from its state)
 * @param skus every SKU any policy references, by skuPartNumber
 * @param changes one per user, by userPrincipalName
 * @param skipped by userPrincipalName, then policy, then skuPartNumber
 * @param waitingForHeldRemovals adds that wait because the removal guard holds back the removals that
 *        would free their seats (each also skipped {@code NO_SEATS}), by userPrincipalName, then skuPartNumber
 * @param warnings things a reviewer should know that are not errors (nested group cycles, ...)
 * @param adopted held licenses the engine takes as its own ({@code adopt: true}), by userPrincipalName, then SKU;
 *     no Graph write, the apply records them
 * @param pendingRemovals removals waiting out {@code settings.removalGraceDays} (not in {@code changes}), by
 *     userPrincipalName, then SKU
 * @param licenseErrors licenses Graph reports in error for the users in scope (Entra group-licensing failures,
 *        which are not held), by userPrincipalName, then skuPartNumber
 */
@JsonPropertyOrder({"tenantId", "ownership", "summary", "skus", "changes", "skipped", "waitingForHeldRemovals", "warnings",
        "adopted", "pendingRemovals", "licenseErrors"})
public record Plan(
        TenantId tenantId,
        PlanOwnership ownership,
        PlanSummary summary,
        List<SkuSeats> skus,
        List<UserChange> changes,
        List<Skip> skipped,
        List<HeldAdd> waitingForHeldRemovals,
        List<String> warnings,
        List<AdoptedLicense> adopted,
        List<PendingRemoval> pendingRemovals,
        List<LicenseError> licenseErrors) {
    public Plan {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(ownership, "ownership is null");
        requireNonNull(summary, "summary is null");
        skus = List.copyOf(skus);
        changes = List.copyOf(changes);
        skipped = List.copyOf(skipped);
        waitingForHeldRemovals = List.copyOf(waitingForHeldRemovals);
        warnings = List.copyOf(warnings);
        adopted = List.copyOf(adopted);
        pendingRemovals = List.copyOf(pendingRemovals);
        licenseErrors = List.copyOf(licenseErrors);
    }

    /** A plan without license errors to report. */
    public Plan(TenantId tenantId, PlanOwnership ownership, PlanSummary summary, List<SkuSeats> skus,
            List<UserChange> changes, List<Skip> skipped, List<HeldAdd> waitingForHeldRemovals, List<String> warnings,
            List<AdoptedLicense> adopted, List<PendingRemoval> pendingRemovals) {
        this(tenantId, ownership, summary, skus, changes, skipped, waitingForHeldRemovals, warnings, adopted,
                pendingRemovals, List.of());
    }

    /** A plan with ownership from the state, no add waiting for held removals, no adoption and no removal pending. */
    public Plan(TenantId tenantId, PlanSummary summary, List<SkuSeats> skus, List<UserChange> changes, List<Skip> skipped,
            List<String> warnings) {
        this(tenantId, summary, skus, changes, skipped, List.of(), warnings, List.of(), List.of());
    }

    /** A plan made with the engine's ownership records. */
    public Plan(TenantId tenantId, PlanSummary summary, List<SkuSeats> skus, List<UserChange> changes, List<Skip> skipped,
            List<HeldAdd> waitingForHeldRemovals, List<String> warnings, List<AdoptedLicense> adopted, List<PendingRemoval> pendingRemovals) {
        this(tenantId, PlanOwnership.STATE, summary, skus, changes, skipped, waitingForHeldRemovals, warnings, adopted, pendingRemovals);
    }

    /** A plan that adopts nothing and holds no removal pending. */
    public Plan(TenantId tenantId, PlanSummary summary, List<SkuSeats> skus, List<UserChange> changes, List<Skip> skipped,
            List<HeldAdd> waitingForHeldRemovals, List<String> warnings) {
        this(tenantId, summary, skus, changes, skipped, waitingForHeldRemovals, warnings, List.of(), List.of());
    }

    /**
     * Only users waiting for seats (and removals still pending) count as nothing to change (exit code 0);
     * adoptions are changes: the apply records them. License errors are Entra's to fix, not the plan's.
     */
    public boolean hasChanges() {
        return !changes.isEmpty() || !adopted.isEmpty();
    }

    public Plan withSummary(PlanSummary newSummary) {
        // Every component, by name: a new one must be added here too (the canonical constructor makes sure).
        return new Plan(tenantId, ownership, newSummary, skus, changes, skipped, waitingForHeldRemovals, warnings, adopted,
                pendingRemovals, licenseErrors);
    }

    public Plan withSkus(List<SkuSeats> newSkus) {
        return new Plan(tenantId, ownership, summary, newSkus, changes, skipped, waitingForHeldRemovals, warnings, adopted,
                pendingRemovals, licenseErrors);
    }

    /** This plan with more warnings after its own (e.g. why the tenant was read in full). */
    public Plan withWarnings(List<String> more) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.addAll(more);
        return new Plan(tenantId, ownership, summary, skus, changes, skipped, waitingForHeldRemovals, all, adopted,
                pendingRemovals, licenseErrors);
    }
}
