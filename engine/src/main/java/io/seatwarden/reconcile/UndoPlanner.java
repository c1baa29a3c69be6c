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
import io.seatwarden.policy.Settings;
import io.seatwarden.state.ChangeRequest;
import io.seatwarden.state.JournalEntry;
import io.seatwarden.state.JournalState;
import io.seatwarden.state.RunId;

import java.util.ArrayList;
import java.util.Comparator;
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
 * Seats permitting: a license added back needs a free seat (removals of the same undo free some);
 * users beyond the free seats are skipped {@code NO_SEATS}. Usage locations the run set are kept
 * (Graph cannot clear one that licenses depend on). The removal guard is evaluated as for any plan.
 */
public final class UndoPlanner {
    /** Shown as the policy behind every change of an undo plan. */
    public static String policyName(RunId run) {
        return "(undo of run " + run + ")";
    }

    public Plan plan(RunId run, List<JournalEntry> journal, TenantSnapshot tenant, Settings settings) {
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

        Map<SkuId, Integer> free = new TreeMap<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            free.put(sku.skuId(), Math.max(0, sku.prepaidUnits().enabled() - sku.consumedUnits()));
        }
        for (PendingUser pending : byUser.values()) {
            for (LicenseRemoval removal : pending.removes) {
                free.merge(removal.skuId(), 1, Integer::sum);
            }
        }
        List<UserChange> changes = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        Map<SkuId, int[]> seatUse = new TreeMap<>(); // [assigned, freed, waiting]
        for (PendingUser pending : byUser.values()) {
            List<LicenseAdd> adds = new ArrayList<>();
            Set<SkuId> updated = new TreeSet<>();
            for (LicenseAdd add : pending.adds) {
                if (pending.user.holds(add.skuId())) {
                    adds.add(add);
                    updated.add(add.skuId());
                } else if (free.getOrDefault(add.skuId(), 0) > 0) {
                    free.merge(add.skuId(), -1, Integer::sum);
                    seatUse.computeIfAbsent(add.skuId(), key -> new int[3])[0]++;
                    adds.add(add);
                } else {
                    seatUse.computeIfAbsent(add.skuId(), key -> new int[3])[2]++;
                    skipped.add(new Skip(pending.user.id(), pending.user.userPrincipalName(), SkipReason.NO_SEATS, policy, add.skuPartNumber()));
                }
            }
            for (LicenseRemoval removal : pending.removes) {
                seatUse.computeIfAbsent(removal.skuId(), key -> new int[3])[1]++;
            }
            if (!adds.isEmpty() || !pending.removes.isEmpty()) {
                changes.add(new UserChange(pending.user.id(), pending.user.userPrincipalName(), null, adds, pending.removes, List.of(policy), updated));
            }
        }

        List<SkuSeats> seats = new ArrayList<>();
        Map<SkuId, Integer> holders = new TreeMap<>();
        Map<SkuId, String> names = new TreeMap<>();
        for (SubscribedSku sku : tenant.subscribedSkus()) {
            holders.put(sku.skuId(), sku.consumedUnits());
            names.put(sku.skuId(), sku.skuPartNumber());
            int[] use = seatUse.get(sku.skuId());
            if (use != null) {
                int before = sku.prepaidUnits().enabled() - sku.consumedUnits();
                seats.add(new SkuSeats(sku.skuId(), sku.skuPartNumber(), sku.prepaidUnits().enabled(), sku.consumedUnits(), 0, before,
                        use[0], use[1], before - use[0] + use[1], use[2]));
            }
        }
        seats.sort(Comparator.comparing(SkuSeats::skuPartNumber));
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
                RemovalGuard.evaluate(changes, holders, names, settings.maxRemovals(), settings.maxRemovalsPercent()));
        return new Plan(tenant.tenantId(), summary, seats, changes, skipped, warnings);
    }

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

        PendingUser(User user) {
            this.user = user;
        }
    }
}
