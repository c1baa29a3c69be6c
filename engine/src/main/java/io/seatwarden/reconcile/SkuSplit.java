package io.seatwarden.reconcile;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.plan.LicenseAdd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One user's {@code assignLicense} that Graph refused, sent again without the SKUs the refusal concerns,
 * so that the rest still lands (rule 10: one refused SKU never blocks the user's other SKUs).
 *
 * <p>Which SKUs a refusal concerns comes from what Graph says: the SKU its message names (no seats, a
 * usage-location restriction, an unknown SKU), the adds that enable a plan it names (a conflict, a
 * dependency) or the removals that take away the plan a dependency needs, every add for a missing usage
 * location. When that cannot be told, the call is split into one call per SKU, removals first (they free
 * seats and end conflicts the adds would meet). A refused removal is checked by reading the user back:
 * a license the user no longer holds directly was removed as intended, whoever did it.
 *
 * <p>Not thread-safe; the applier drives one per refused user: {@link #next}, then {@link #settled} with
 * its result, until {@link #next} is empty, answering {@link #toVerify} between rounds.
 */
final class SkuSplit {
    private final TenantNames names;
    private final Map<SkuId, LicenseAdd> adds = new LinkedHashMap<>();
    private final Deque<WriteOperation.AssignLicenses> toSend = new ArrayDeque<>();
    private final List<LicenseAdd> landedAdds = new ArrayList<>();
    private final List<SkuId> landedRemovals = new ArrayList<>();
    private final List<SkuId> alreadyRemoved = new ArrayList<>();
    private final Map<SkuId, GraphFailure> unverifiedRemovals = new LinkedHashMap<>();
    private final Map<SkuId, RefusedLicense> refused = new LinkedHashMap<>();
    private final List<GraphFailure> failures = new ArrayList<>();
    private final WriteOperation.AssignLicenses original;

    private SkuSplit(WriteOperation.AssignLicenses original, TenantNames names) {
        this.original = requireNonNull(original, "original is null");
        this.names = requireNonNull(names, "names is null");
        original.addLicenses().forEach(add -> adds.put(add.skuId(), add));
    }

    /** Starts from Graph's refusal of the whole call. */
    static SkuSplit after(WriteOperation.AssignLicenses refusedCall, GraphFailure.Refusal refusal, TenantNames names) {
        SkuSplit split = new SkuSplit(refusedCall, names);
        split.refusedWhole(refusedCall, refusal);
        return split;
    }

    /** The next part to send, if any. */
    Optional<WriteOperation.AssignLicenses> next() {
        return Optional.ofNullable(toSend.pollFirst());
    }

    void settled(WriteResult result) {
        WriteOperation.AssignLicenses part = (WriteOperation.AssignLicenses) result.operation();
        if (result.applied()) {
            landedAdds.addAll(part.addLicenses());
            landedRemovals.addAll(part.removeLicenses());
        } else if (result.failure().orElseThrow() instanceof GraphFailure.Refusal refusal) {
            refusedWhole(part, refusal);
        } else {
            // Throttled or failing past its retries, or not even a read-back could tell: not split further.
            part.addLicenses().forEach(add -> refuse(add.skuId(), RefusedLicense.Action.ADD, result.failure().orElseThrow()));
            part.removeLicenses().forEach(sku -> refuse(sku, RefusedLicense.Action.REMOVE, result.failure().orElseThrow()));
        }
    }

    /** Removals Graph refused, to be checked by reading the user back. */
    Set<SkuId> toVerify() {
        return Collections.unmodifiableSet(unverifiedRemovals.keySet());
    }

    /** The user as read back: a refused removal of a license no longer held directly is done. */
    void verified(UserLicenses user) {
        for (Map.Entry<SkuId, GraphFailure> removal : unverifiedRemovals.entrySet()) {
            if (user.direct(removal.getKey()).isEmpty()) {
                alreadyRemoved.add(removal.getKey());
                landedRemovals.add(removal.getKey());
            } else {
                refuse(removal.getKey(), RefusedLicense.Action.REMOVE, removal.getValue());
            }
        }
        unverifiedRemovals.clear();
    }

    /** Reading the user back failed: the refused removals stay refused. */
    void unverifiable() {
        unverifiedRemovals.forEach((sku, failure) -> refuse(sku, RefusedLicense.Action.REMOVE, failure));
        unverifiedRemovals.clear();
    }

    List<LicenseAdd> landedAdds() {
        return List.copyOf(landedAdds);
    }

    List<SkuId> landedRemovals() {
        return List.copyOf(landedRemovals);
    }

    List<SkuId> alreadyRemoved() {
        return List.copyOf(alreadyRemoved);
    }

    List<RefusedLicense> refused() {
        return List.copyOf(refused.values());
    }

    /** True when every refused SKU only waits for a seat. */
    boolean onlyWaitingForSeats() {
        return !refused.isEmpty() && failures.stream().allMatch(failure -> failure instanceof GraphFailure.NoSeats);
    }

    WriteOperation.AssignLicenses original() {
        return original;
    }

    private void refusedWhole(WriteOperation.AssignLicenses call, GraphFailure.Refusal refusal) {
        Optional<Culprits> culprits = culprits(call, refusal);
        int parts = call.addLicenses().size() + call.removeLicenses().size();
        if (culprits.isEmpty() && parts > 1) {
            // Graph did not say which SKU: one call per SKU, removals first.
            for (SkuId sku : call.removeLicenses()) {
                toSend.addLast(new WriteOperation.AssignLicenses(call.user(), call.userPrincipalName(), List.of(), List.of(sku)));
            }
            for (LicenseAdd add : call.addLicenses()) {
                toSend.addLast(new WriteOperation.AssignLicenses(call.user(), call.userPrincipalName(), List.of(add), List.of()));
            }
            return;
        }
        Culprits refusedParts = culprits.orElse(new Culprits(call.addLicenses(), call.removeLicenses()));
        refusedParts.adds().forEach(add -> refuse(add.skuId(), RefusedLicense.Action.ADD, refusal));
        refusedParts.removals().forEach(sku -> unverifiedRemovals.putIfAbsent(sku, refusal));
        List<LicenseAdd> keptAdds = new ArrayList<>(call.addLicenses());
        keptAdds.removeAll(refusedParts.adds());
        List<SkuId> keptRemovals = new ArrayList<>(call.removeLicenses());
        keptRemovals.removeAll(refusedParts.removals());
        if (!keptAdds.isEmpty() || !keptRemovals.isEmpty()) {
            toSend.addLast(new WriteOperation.AssignLicenses(call.user(), call.userPrincipalName(), keptAdds, keptRemovals));
        }
    }

    private void refuse(SkuId sku, RefusedLicense.Action action, GraphFailure failure) {
        failures.add(failure);
        RefusalReason reason = failure instanceof GraphFailure.Refusal refusal ? refusal.reason() : RefusalReason.OTHER;
        refused.put(sku, new RefusedLicense(sku, names.sku(sku), action, reason, failure.describe(names)));
    }

    /** The parts of a call a refusal concerns. */
    private record Culprits(List<LicenseAdd> adds, List<SkuId> removals) {
        boolean isEmpty() {
            return adds.isEmpty() && removals.isEmpty();
        }
    }

    /** The parts Graph's refusal concerns, or empty when it cannot be told. */
    private Optional<Culprits> culprits(WriteOperation.AssignLicenses call, GraphFailure.Refusal refusal) {
        List<LicenseAdd> callAdds = call.addLicenses();
        List<SkuId> callRemovals = call.removeLicenses();
        Culprits found;
        if (refusal instanceof GraphFailure.NoSeats noSeats) {
            found = new Culprits(addsOf(callAdds, noSeats.sku(), callAdds.size() == 1), List.of());
        } else if (refusal instanceof GraphFailure.UnavailableInUsageLocation unavailable) {
            found = new Culprits(addsOf(callAdds, unavailable.sku(), callAdds.size() == 1), List.of());
        } else if (refusal instanceof GraphFailure.MissingUsageLocation) {
            found = new Culprits(callAdds, List.of());
        } else if (refusal instanceof GraphFailure.UnknownSku unknown) {
            found = new Culprits(addsOf(callAdds, unknown.sku(), false),
                    unknown.sku().filter(callRemovals::contains).map(List::of).orElse(List.of()));
        } else if (refusal instanceof GraphFailure.InheritedOnly || refusal instanceof GraphFailure.LicenseNotHeld) {
            found = new Culprits(List.of(), callRemovals.size() == 1 ? callRemovals : List.of());
        } else if (refusal instanceof GraphFailure.ServicePlanConflict conflict) {
            found = new Culprits(enabling(callAdds, conflict.plans()), List.of());
        } else if (refusal instanceof GraphFailure.DependencyMissing dependency) {
            List<LicenseAdd> dependent = enabling(callAdds, dependency.plan().map(List::of).orElse(List.of()));
            found = dependent.isEmpty() ? new Culprits(List.of(), carrying(callRemovals, dependency.requires()))
                    : new Culprits(dependent, List.of());
        } else {
            found = new Culprits(List.of(), List.of());
        }
        if (found.isEmpty() && callAdds.size() + callRemovals.size() == 1) {
            found = new Culprits(callAdds, callRemovals);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    private static List<LicenseAdd> addsOf(List<LicenseAdd> callAdds, Optional<SkuId> named, boolean onlyOne) {
        if (named.isPresent()) {
            return callAdds.stream().filter(add -> add.skuId().equals(named.get())).toList();
        }
        return onlyOne ? callAdds : List.of();
    }

    /** The adds that would enable one of {@code plans}. */
    private List<LicenseAdd> enabling(List<LicenseAdd> callAdds, List<ServicePlanId> plans) {
        List<LicenseAdd> result = new ArrayList<>();
        for (LicenseAdd add : callAdds) {
            Set<ServicePlanId> skuPlans = names.plansOf(add.skuId());
            if (plans.stream().anyMatch(plan -> skuPlans.contains(plan) && !add.disabledPlans().contains(plan))) {
                result.add(add);
            }
        }
        return result;
    }

    /** The removals of SKUs that carry one of {@code plans}. */
    private List<SkuId> carrying(List<SkuId> callRemovals, List<ServicePlanId> plans) {
        return callRemovals.stream().filter(sku -> plans.stream().anyMatch(names.plansOf(sku)::contains)).toList();
    }
}
