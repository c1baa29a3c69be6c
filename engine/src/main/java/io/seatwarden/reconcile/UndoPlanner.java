package io.seatwarden.reconcile;

import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.plan.LicenseAdd;
import io.seatwarden.plan.LicenseRemoval;
import io.seatwarden.plan.RemovalReason;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.PlanSummary;
import io.seatwarden.plan.RemovalGuard;
import io.seatwarden.plan.Skip;
import io.seatwarden.plan.SkipReason;
import io.seatwarden.plan.SkuSeats;
import io.seatwarden.plan.UserChange;
import io.seatwarden.plan.HeldAdd;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.plan.RemovalLimits;
import io.seatwarden.plan.capacity.SeatAllocator;
import io.seatwarden.plan.capacity.SeatAllocator.SeatRequest;
import io.seatwarden.plan.capacity.SeatLedger;
import io.seatwarden.policy.Settings;
import io.seatwarden.state.ChangeRequest;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.RunId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The plan that puts back what a run changed, from its journal and the tenant as it is now. Pure.
 *
 * <p>Per change the run made (journal entries that succeeded), the inverse: a license it added is
 * removed; a license it removed is added back with the disabled plans it had; a license whose
 * disabled plans it changed gets the old ones back. What changed since the run is left alone and
 * said so in the warnings (the user no longer exists, or no longer holds what the run left).
 * Usage locations the run set are kept (Graph cannot clear one that licenses depend on).
 *
 * <p>Seats and the guard as for any plan, with the policies' settings: the removal guard judges the
 * undo's removals under the run's limits; a license added back needs a new seat by the planner's own
 * arithmetic ({@link SeatLedger}: reserve, seats in warning, suspended subscriptions), the seats the
 * undo's removals free counting only when the guard lets them go; users beyond the seats are skipped
 * {@code NO_SEATS} in the allocator's order, and those a held removal would have served are listed in
 * {@link Plan#waitingForHeldRemovals()}.
 *
 * <p>Undo changes the tenant, not the policies: every undo plan with changes says ({@link #NEXT_RUN_NOTE})
 * that the next scheduled run re-applies what the policies still ask for.
 */
public final class UndoPlanner {
    /**
     * Said in every undo plan that changes something (a warning, so every format shows it): undo
     * does not change the policies, so the next scheduled run (or {@code apply}) puts back whatever
     * they still ask for.
     */
    public static final String NEXT_RUN_NOTE = "undo changes the tenant, not the policies: the next scheduled run (or apply) re-applies"
            + " what the policies in git still ask for, unless the policies change first";

    /** Shown as the policy behind every change of an undo plan. */
    public static String policyName(RunId run) {
        return "(undo of run " + run + ")";
    }

    /** With default settings (no reserve) and their guard limits. */
    public Plan plan(RunId run, List<JournalEntry> journal, TenantSnapshot tenant, Settings settings) {
        return plan(run, journal, tenant, settings, Map.of(), RemovalLimits.of(settings));
    }

    /**
     * @param settings the policies' settings: whether seats in warning count
     * @param reserve seats to leave free per SKU (the settings' {@code reserve}, resolved against the tenant)
     * @param limits the removal guard's limits for this run (the settings', or {@code --max-removals})
     */
    public Plan plan(RunId run, List<JournalEntry> journal, TenantSnapshot tenant, Settings settings, Map<SkuId, Integer> reserve,
            RemovalLimits limits) {
        String policy = policyName(run);
        List<String> warnings = new ArrayList<>();
        Map<String, PendingUser> byUser = new TreeMap<>();
        List<JournalEntry> entries = new ArrayList<>(journal);
        entries.sort(Comparator.comparingInt(JournalEntry::sequence).reversed());
        for (JournalEntry entry : entries) {
            if (entry.state() != JournalState.SUCCEEDED) {
                continue;
            }
            Optional<User> found = tenant.user(entry.user());
            if (found.isEmpty()) {
                warnings.add(entry.userPrincipalName() + ": no longer exists; nothing to undo");
                continue;
            }
            User user = found.get();
            PendingUser pending = byUser.computeIfAbsent(user.userPrincipalName() + "\u0000" + user.id(), key -> new PendingUser(user));
            invert(entry, user, pending, warnings);
        }

        // The guard first: whether the undo's removals go out decides which adds have seats (rule 9).
        Map<SkuId, Integer> removalsBySku = new TreeMap<>();
        Map<SkuId, List<NewSeat>> requests = new TreeMap<>();
        for (PendingUser pending : byUser.values()) {
            for (LicenseRemoval removal : pending.removes) {
                removalsBySku.merge(removal.skuId(), 1, Integer::sum);
            }
            for (LicenseAdd add : pending.adds) {
                if (!pending.user.holds(add.skuId())) {
                    requests.computeIfAbsent(add.skuId(), key -> new ArrayList<>()).add(new NewSeat(pending, add,
                            new SeatRequest(pending.user.id(), pending.user.userPrincipalName(), 0)));
                }
            }
        }
        Map<SkuId, Integer> holders = new TreeMap<>();
        Map<SkuId, String> names = new TreeMap<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            holders.put(sku.skuId(), sku.consumedUnits());
            names.put(sku.skuId(), sku.skuPartNumber());
        }
        RemovalGuardVerdict judged = RemovalGuard.evaluate(removalsBySku, holders, names, limits);

        List<HeldAdd> held = new ArrayList<>();
        List<SkuSeats> seats = new ArrayList<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            List<NewSeat> asked = requests.getOrDefault(sku.skuId(), List.of());
            int freed = removalsBySku.getOrDefault(sku.skuId(), 0);
            if (asked.isEmpty() && freed == 0) {
                continue;
            }
            SeatLedger ledger = new SeatLedger(sku, reserve.getOrDefault(sku.skuId(), 0), settings.countWarningSeats());
            int freedNow = judged.wouldTrip() ? 0 : freed;
            SeatAllocator.Allocation<NewSeat> allocation = SeatAllocator.allocate(asked, NewSeat::request, ledger.newSeatCapacity(freedNow));
            int heldSeats = judged.wouldTrip() && sku.capabilityStatus().acceptsNewAssignments() ? freed : 0;
            int heldHere = 0;
            for (NewSeat seat : allocation.waiting()) {
                seat.pending.waiting.add(seat.add);
                if (heldHere < heldSeats) {
                    heldHere++;
                    held.add(new HeldAdd(seat.pending.user.id(), seat.pending.user.userPrincipalName(), sku.skuId(), sku.skuPartNumber(),
                            List.of(policy)));
                }
            }
            int before = ledger.availableBefore();
            int assigned = allocation.granted().size();
            seats.add(new SkuSeats(sku.skuId(), sku.skuPartNumber(), sku.prepaidUnits().enabled(), sku.consumedUnits(), ledger.reserve(),
                    before, assigned, freedNow, before - assigned + freedNow, allocation.waiting().size(), freed - freedNow, heldHere));
        }
        seats.sort(Comparator.comparing(SkuSeats::skuPartNumber).thenComparing(SkuSeats::skuId));
        held.sort(Comparator.comparing(HeldAdd::userPrincipalName).thenComparing(HeldAdd::skuPartNumber));

        List<UserChange> changes = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        for (PendingUser pending : byUser.values()) {
            List<LicenseAdd> adds = new ArrayList<>();
            Set<SkuId> updated = new TreeSet<>();
            for (LicenseAdd add : pending.adds) {
                if (pending.user.holds(add.skuId())) {
                    adds.add(add);
                    updated.add(add.skuId());
                } else if (pending.waiting.contains(add)) {
                    skipped.add(new Skip(pending.user.id(), pending.user.userPrincipalName(), SkipReason.NO_SEATS, policy, add.skuPartNumber()));
                } else {
                    adds.add(add);
                }
            }
            if (!adds.isEmpty() || !pending.removes.isEmpty()) {
                changes.add(new UserChange(pending.user.id(), pending.user.userPrincipalName(), null, adds, pending.removes, List.of(policy), updated));
            }
        }

        int added = 0;
        int updatedCount = 0;
        int removed = 0;
        for (UserChange change : changes) {
            for (LicenseAdd add : change.addLicenses()) {
                if (change.isNewLicense(add)) {
                    added++;
                } else {
                    updatedCount++;
                }
            }
            removed += change.removeLicenses().size();
        }
        long waitingUsers = skipped.stream().map(Skip::userId).distinct().count();
        PlanSummary summary = new PlanSummary(changes.size(), added, updatedCount, removed, 0, skipped.size(), (int) waitingUsers,
                judged.withAddsWaiting(held.size()));
        if (!changes.isEmpty()) {
            warnings.add(NEXT_RUN_NOTE);
        }
        return new Plan(tenant.tenantId(), summary, seats, changes, skipped, held, warnings);
    }

    /** A license added back that needs a new seat. */
    private record NewSeat(PendingUser pending, LicenseAdd add, SeatRequest request) {}

    private static void invert(JournalEntry entry, User user, PendingUser pending, List<String> warnings) {
        ChangeRequest request = entry.request();
        Map<SkuId, LicenseAdd> previous = new TreeMap<>();
        for (LicenseAdd license : request.previousLicenses()) {
            previous.put(license.skuId(), license);
        }
        for (LicenseAdd add : request.addLicenses()) {
            Optional<LicenseAssignment> now = user.directLicense(add.skuId());
            if (now.isEmpty() || !now.get().disabledPlans().equals(new TreeSet<ServicePlanId>(add.disabledPlans()))) {
                warnings.add(user.userPrincipalName() + ": " + add.skuPartNumber() + " changed since the run; left as it is");
                continue;
            }
            LicenseAdd before = previous.get(add.skuId());
            if (before == null) {
                // The undone run's policies no longer stand behind the license: as if not entitled.
                pending.removes.add(new LicenseRemoval(add.skuId(), add.skuPartNumber(), RemovalReason.NOT_ENTITLED));
            } else {
                pending.adds.add(before);
            }
        }
        for (LicenseRemoval removal : request.removeLicenses()) {
            if (user.directLicense(removal.skuId()).isPresent()) {
                warnings.add(user.userPrincipalName() + ": " + removal.skuPartNumber() + " was assigned again since the run; left as it is");
                continue;
            }
            LicenseAdd before = previous.getOrDefault(removal.skuId(), new LicenseAdd(removal.skuId(), removal.skuPartNumber(), List.of()));
            pending.adds.add(before);
        }
        if (request.usageLocation() != null) {
            warnings.add(user.userPrincipalName() + ": the usage location " + request.usageLocation() + " the run set is kept");
        }
    }

    /** What undo does for one user, gathered over the run's entries. */
    private static final class PendingUser {
        final User user;
        final List<LicenseAdd> adds = new ArrayList<>();
        final List<LicenseRemoval> removes = new ArrayList<>();
        /** Adds that got no seat, by identity (one per journal entry). */
        final Set<LicenseAdd> waiting = Collections.newSetFromMap(new IdentityHashMap<>());

        PendingUser(User user) {
            this.user = user;
        }
    }
}
