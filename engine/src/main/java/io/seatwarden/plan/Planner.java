package io.seatwarden.plan;

import io.seatwarden.directory.Group;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.SubscribedSku;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.plan.ResolvedPolicies.ResolvedGrant;
import io.seatwarden.plan.ResolvedPolicies.ResolvedPolicy;
import io.seatwarden.plan.capacity.SeatAllocator;
import io.seatwarden.plan.capacity.SeatAllocator.SeatRequest;
import io.seatwarden.plan.capacity.SeatLedger;
import io.seatwarden.policy.Settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planning core: a pure function from resolved policies, a tenant snapshot and the engine's
 * ownership records to a {@link Plan}. No I/O, no clock, no randomness: equal inputs give equal
 * plans. The steps: expand nesting, decide each reached user's SKUs (or why not), find removals,
 * allocate scarce seats, then assemble sorted output.
 *
 * <p>Decisions per (user, SKU) a policy grants, in order: a guest or a protected user is skipped;
 * a direct holder converges to the policies' disabled plans (merged: a plan is on when any policy
 * turns it on); a holder through Entra's own group licensing is left alone; anyone else asks for
 * a new seat unless the account is disabled, has no usage location, or the SKU is suspended.
 */
public final class Planner {
    /** Shown as the policy of a removal the engine makes because it assigned the license itself. */
    public static final String OWNED_REMOVAL = "(assigned by seatwarden)";

    private static final Comparator<ResolvedPolicy> POLICY_ORDER = Comparator
            .comparingInt(ResolvedPolicy::priority).reversed()
            .thenComparing(ResolvedPolicy::name);

    public Plan plan(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership) {
        Run run = new Run(policies, tenant, ownership);
        run.reachUsers();
        run.decideGrants();
        run.findRemovals();
        run.allocateSeats();
        return run.assemble();
    }

    /** The working state of one planning run. Not shared, not reused. */
    private static final class Run {
        private final ResolvedPolicies policies;
        private final Settings settings;
        private final TenantSnapshot tenant;
        private final Ownership ownership;
        private final GroupNesting nesting;
        private final Map<SkuId, SubscribedSku> skus = new LinkedHashMap<>();

        private final Map<UserId, List<ResolvedPolicy>> reach = new HashMap<>();
        private final Map<UserId, ChangeBuilder> changes = new HashMap<>();
        private final List<Skip> skipped = new ArrayList<>();
        private final Set<SkipKey> skipKeys = new HashSet<>();
        private final Map<SkuId, List<PendingAdd>> seatRequests = new HashMap<>();
        private final Map<SkuId, Integer> freed = new HashMap<>();
        private final Map<SkuId, Integer> assigned = new HashMap<>();
        private final Map<SkuId, Set<UserId>> waiting = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();

        Run(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership) {
            this.policies = policies;
            this.settings = policies.settings();
            this.tenant = tenant;
            this.ownership = ownership;
            this.nesting = new GroupNesting(tenant);
            for (SkuId sku : policies.referencedSkus()) {
                tenant.sku(sku).ifPresent(found -> skus.put(sku, found));
            }
        }

        /** Which policies reach which users, nested groups included, in priority order. */
        void reachUsers() {
            List<ResolvedPolicy> ordered = new ArrayList<>(policies.policies());
            ordered.sort(POLICY_ORDER);
            Map<GroupId, Set<UserId>> membersByRoot = new HashMap<>();
            for (ResolvedPolicy policy : ordered) {
                Set<UserId> members = membersByRoot.computeIfAbsent(policy.group(), this::transitiveUsers);
                for (UserId user : members) {
                    reach.computeIfAbsent(user, id -> new ArrayList<>(2)).add(policy);
                }
            }
            warnings.addAll(nesting.cycleWarnings(membersByRoot.keySet()));
        }

        private Set<UserId> transitiveUsers(GroupId root) {
            Set<UserId> users = new HashSet<>();
            for (GroupId groupId : nesting.reachable(root)) {
                Group group = tenant.group(groupId).orElseThrow();
                for (UserId user : group.memberUsers()) {
                    if (tenant.user(user).isPresent()) {
                        users.add(user);
                    }
                }
            }
            return users;
        }

        void decideGrants() {
            for (Map.Entry<UserId, List<ResolvedPolicy>> entry : reach.entrySet()) {
                User user = tenant.user(entry.getKey()).orElseThrow();
                decideUser(user, entry.getValue());
            }
        }

        private void decideUser(User user, List<ResolvedPolicy> reaching) {
            Optional<String> plannedLocation = user.hasUsageLocation()
                    ? Optional.of(user.usageLocation())
                    : reaching.stream().map(ResolvedPolicy::usageLocation).flatMap(Optional::stream).findFirst();
            boolean guest = user.isGuest();
            boolean isProtected = isProtected(user);
            for (Map.Entry<SkuId, List<ResolvedPolicy>> bySku : grantsBySku(reaching).entrySet()) {
                SkuId sku = bySku.getKey();
                List<ResolvedPolicy> granting = bySku.getValue();
                SubscribedSku subscribed = skus.get(sku);
                if (guest) {
                    skip(user, granting, subscribed, SkipReason.GUEST);
                    continue;
                }
                if (isProtected) {
                    skip(user, granting, subscribed, SkipReason.PROTECTED);
                    continue;
                }
                SortedSet<ServicePlanId> target = mergedDisabledPlans(granting, sku);
                Optional<LicenseAssignment> direct = user.directLicense(sku);
                if (direct.isPresent()) {
                    if (direct.get().disabledPlans().equals(target)) {
                        continue;
                    }
                    Optional<SkipReason> reason = accountReason(user, plannedLocation);
                    if (reason.isPresent()) {
                        skip(user, granting, subscribed, reason.get());
                    } else {
                        change(user).add(new LicenseAdd(sku, subscribed.skuPartNumber(), List.copyOf(target)), true, granting, plannedLocation);
                    }
                    continue;
                }
                if (user.inheritsFromGroup(sku)) {
                    continue; // Entra's own group licensing already gives it: one seat, never touched
                }
                Optional<SkipReason> reason = accountReason(user, plannedLocation);
                if (reason.isEmpty() && !subscribed.capabilityStatus().acceptsNewAssignments()) {
                    reason = Optional.of(SkipReason.SKU_SUSPENDED);
                }
                if (reason.isPresent()) {
                    skip(user, granting, subscribed, reason.get());
                    continue;
                }
                seatRequests.computeIfAbsent(sku, id -> new ArrayList<>()).add(new PendingAdd(
                        new SeatRequest(user.id(), user.userPrincipalName(), granting.get(0).priority()),
                        user, new LicenseAdd(sku, subscribed.skuPartNumber(), List.copyOf(target)), granting, plannedLocation));
            }
        }

        private Optional<SkipReason> accountReason(User user, Optional<String> plannedLocation) {
            if (!user.accountEnabled() && !settings.includeDisabledAccounts()) {
                return Optional.of(SkipReason.DISABLED_ACCOUNT);
            }
            if (plannedLocation.isEmpty()) {
                return Optional.of(SkipReason.NO_USAGE_LOCATION);
            }
            return Optional.empty();
        }

        private boolean isProtected(User user) {
            return policies.protectedUsers().contains(user.id())
                    || policies.protectedNames().contains(user.userPrincipalName().toLowerCase(Locale.ROOT));
        }

        private static Map<SkuId, List<ResolvedPolicy>> grantsBySku(List<ResolvedPolicy> reaching) {
            Map<SkuId, List<ResolvedPolicy>> result = new TreeMap<>();
            for (ResolvedPolicy policy : reaching) {
                for (ResolvedGrant grant : policy.grants()) {
                    List<ResolvedPolicy> granting = result.computeIfAbsent(grant.sku(), sku -> new ArrayList<>(2));
                    if (!granting.contains(policy)) {
                        granting.add(policy);
                    }
                }
            }
            return result;
        }

        /** Rule 7: a plan is enabled when any granting policy enables it, as Entra merges. */
        private static SortedSet<ServicePlanId> mergedDisabledPlans(List<ResolvedPolicy> granting, SkuId sku) {
            SortedSet<ServicePlanId> merged = null;
            for (ResolvedPolicy policy : granting) {
                for (ResolvedGrant grant : policy.grants()) {
                    if (grant.sku().equals(sku)) {
                        if (merged == null) {
                            merged = new TreeSet<>(grant.disabledPlans());
                        } else {
                            merged.retainAll(grant.disabledPlans());
                        }
                    }
                }
            }
            return merged == null ? new TreeSet<>() : merged;
        }

        /** Rule 5: engine-assigned licenses no policy grants any more, and unjustified holders of pruned SKUs. */
        void findRemovals() {
            Map<SkuId, String> pruningPolicy = new TreeMap<>();
            List<ResolvedPolicy> ordered = new ArrayList<>(policies.policies());
            ordered.sort(POLICY_ORDER);
            for (ResolvedPolicy policy : ordered) {
                for (ResolvedGrant grant : policy.grants()) {
                    if (grant.prune()) {
                        pruningPolicy.putIfAbsent(grant.sku(), policy.name());
                    }
                }
            }
            Set<Ownership.Key> removed = new HashSet<>();
            if (!pruningPolicy.isEmpty()) {
                for (User user : tenant.users()) {
                    for (LicenseAssignment license : user.licenses()) {
                        String policy = pruningPolicy.get(license.skuId());
                        if (policy != null && license.isDirect()) {
                            considerRemoval(user, license.skuId(), policy, removed);
                        }
                    }
                }
            }
            for (Ownership.Key key : ownership.keys()) {
                Optional<User> user = tenant.user(key.user());
                if (user.isPresent() && user.get().directLicense(key.sku()).isPresent()) {
                    considerRemoval(user.get(), key.sku(), OWNED_REMOVAL, removed);
                }
            }
        }

        private void considerRemoval(User user, SkuId sku, String policy, Set<Ownership.Key> removed) {
            if (isEntitled(user, sku) || !removed.add(new Ownership.Key(user.id(), sku))) {
                return;
            }
            String partNumber = partNumber(sku);
            if (isProtected(user)) {
                addSkip(new Skip(user.id(), user.userPrincipalName(), SkipReason.PROTECTED, policy, partNumber));
                return;
            }
            change(user).remove(new LicenseRemoval(sku, partNumber), policy);
            if (!user.inheritsFromGroup(sku)) {
                freed.merge(sku, 1, Integer::sum); // a license also inherited from a group keeps its seat
            }
        }

        /** Entitled: reached by a policy that grants the SKU, and not a guest. */
        private boolean isEntitled(User user, SkuId sku) {
            if (user.isGuest()) {
                return false;
            }
            for (ResolvedPolicy policy : reach.getOrDefault(user.id(), List.of())) {
                for (ResolvedGrant grant : policy.grants()) {
                    if (grant.sku().equals(sku)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private String partNumber(SkuId sku) {
            return tenant.sku(sku).map(SubscribedSku::skuPartNumber).orElse(sku.toString());
        }

        /** Rule 2 and 3: never past capacity; priority, then user principal name, when seats run short. */
        void allocateSeats() {
            for (Map.Entry<SkuId, List<PendingAdd>> entry : seatRequests.entrySet()) {
                SkuId sku = entry.getKey();
                SeatLedger ledger = ledger(skus.get(sku));
                Map<UserId, PendingAdd> byUser = new HashMap<>();
                List<SeatRequest> requests = new ArrayList<>(entry.getValue().size());
                for (PendingAdd pending : entry.getValue()) {
                    byUser.put(pending.request().user(), pending);
                    requests.add(pending.request());
                }
                SeatAllocator.Allocation allocation = SeatAllocator.allocate(requests, ledger.newSeatCapacity(freed.getOrDefault(sku, 0)));
                for (SeatRequest granted : allocation.granted()) {
                    PendingAdd pending = byUser.get(granted.user());
                    change(pending.user()).add(pending.add(), false, pending.granting(), pending.plannedLocation());
                    assigned.merge(sku, 1, Integer::sum);
                }
                for (SeatRequest waits : allocation.waiting()) {
                    PendingAdd pending = byUser.get(waits.user());
                    skip(pending.user(), pending.granting(), skus.get(sku), SkipReason.NO_SEATS);
                    waiting.computeIfAbsent(sku, id -> new HashSet<>()).add(waits.user());
                }
            }
        }

        private SeatLedger ledger(SubscribedSku sku) {
            return new SeatLedger(sku, policies.reserve().getOrDefault(sku.skuId(), 0), settings.countWarningSeats());
        }

        Plan assemble() {
            List<UserChange> changeList = new ArrayList<>(changes.size());
            for (ChangeBuilder builder : changes.values()) {
                changeList.add(builder.build());
            }
            changeList.sort(Comparator.comparing(UserChange::userPrincipalName, String.CASE_INSENSITIVE_ORDER)
                    .thenComparing(UserChange::userPrincipalName)
                    .thenComparing(UserChange::userId));
            skipped.sort(Comparator.comparing(Skip::userPrincipalName, String.CASE_INSENSITIVE_ORDER)
                    .thenComparing(Skip::userPrincipalName)
                    .thenComparing(Skip::userId)
                    .thenComparing(Skip::policy)
                    .thenComparing(Skip::skuPartNumber)
                    .thenComparing(Skip::reason));

            List<SkuSeats> seats = new ArrayList<>();
            Map<SkuId, Integer> holders = new HashMap<>();
            Map<SkuId, String> names = new HashMap<>();
            for (SubscribedSku sku : skus.values()) {
                SeatLedger ledger = ledger(sku);
                int before = ledger.availableBefore();
                int taken = assigned.getOrDefault(sku.skuId(), 0);
                int released = freed.getOrDefault(sku.skuId(), 0);
                seats.add(new SkuSeats(sku.skuId(), sku.skuPartNumber(), sku.prepaidUnits().enabled(), sku.consumedUnits(),
                        ledger.reserve(), before, taken, released, before - taken + released,
                        waiting.getOrDefault(sku.skuId(), Set.of()).size()));
                holders.put(sku.skuId(), sku.consumedUnits());
                names.put(sku.skuId(), sku.skuPartNumber());
            }
            seats.sort(Comparator.comparing(SkuSeats::skuPartNumber).thenComparing(SkuSeats::skuId));

            RemovalGuardVerdict guard = RemovalGuard.evaluate(changeList, holders, names,
                    settings.maxRemovals(), settings.maxRemovalsPercent());
            int added = 0;
            int updated = 0;
            int removedCount = 0;
            int locations = 0;
            for (UserChange change : changeList) {
                for (LicenseAdd add : change.addLicenses()) {
                    if (change.isNewLicense(add)) {
                        added++;
                    } else {
                        updated++;
                    }
                }
                removedCount += change.removeLicenses().size();
                if (change.usageLocation() != null) {
                    locations++;
                }
            }
            Set<UserId> waitingUsers = new HashSet<>();
            waiting.values().forEach(waitingUsers::addAll);
            PlanSummary summary = new PlanSummary(changeList.size(), added, updated, removedCount, locations,
                    skipped.size(), waitingUsers.size(), guard);
            return new Plan(tenant.tenantId(), summary, seats, changeList, skipped, warnings);
        }

        private void skip(User user, List<ResolvedPolicy> granting, SubscribedSku sku, SkipReason reason) {
            for (ResolvedPolicy policy : granting) {
                addSkip(new Skip(user.id(), user.userPrincipalName(), reason, policy.name(), sku.skuPartNumber()));
            }
        }

        /** At most one reason per (user, policy, SKU): the first recorded, which follows the documented order. */
        private void addSkip(Skip skip) {
            if (skipKeys.add(new SkipKey(skip.userId(), skip.policy(), skip.skuPartNumber()))) {
                skipped.add(skip);
            }
        }

        private ChangeBuilder change(User user) {
            return changes.computeIfAbsent(user.id(), id -> new ChangeBuilder(user));
        }
    }

    private record SkipKey(UserId user, String policy, String skuPartNumber) {}

    /** A new seat a user asks for, held until seats are allocated. */
    private record PendingAdd(SeatRequest request, User user, LicenseAdd add, List<ResolvedPolicy> granting, Optional<String> plannedLocation) {}

    /** Collects one user's adds and removals into a {@link UserChange}. */
    private static final class ChangeBuilder {
        private final User user;
        private final List<LicenseAdd> adds = new ArrayList<>(2);
        private final List<LicenseRemoval> removals = new ArrayList<>(1);
        private final Set<SkuId> updated = new HashSet<>();
        private final Set<String> policyNames = new TreeSet<>();
        private String usageLocation;

        ChangeBuilder(User user) {
            this.user = user;
        }

        void add(LicenseAdd add, boolean update, List<ResolvedPolicy> granting, Optional<String> plannedLocation) {
            adds.add(add);
            if (update) {
                updated.add(add.skuId());
            }
            granting.forEach(policy -> policyNames.add(policy.name()));
            if (!user.hasUsageLocation() && plannedLocation.isPresent()) {
                usageLocation = plannedLocation.get(); // Graph refuses a license without one
            }
        }

        void remove(LicenseRemoval removal, String policy) {
            removals.add(removal);
            policyNames.add(policy);
        }

        UserChange build() {
            adds.sort(Comparator.comparing(LicenseAdd::skuPartNumber).thenComparing(LicenseAdd::skuId));
            removals.sort(Comparator.comparing(LicenseRemoval::skuPartNumber).thenComparing(LicenseRemoval::skuId));
            return new UserChange(user.id(), user.userPrincipalName(), usageLocation, adds, removals, List.copyOf(policyNames), updated);
        }
    }
}
