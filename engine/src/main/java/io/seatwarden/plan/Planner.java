package io.seatwarden.plan;

import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanConflicts;
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
import io.seatwarden.plan.cost.PlanCosts;
import io.seatwarden.plan.cost.SeatHolders;
import io.seatwarden.policy.Settings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 * judge them against the removal guard's limits, allocate scarce seats, then assemble sorted output.
 *
 * <p>When the guard would hold the removals back, seats are allocated as if they do not happen
 * (rule 9): an add that needed a seat only a held removal frees waits ({@code NO_SEATS}) and is
 * listed in {@link Plan#waitingForHeldRemovals()}; reserve and priority hold as always. Because
 * seats go to one ordered list of requests, the plan under a raised limit assigns exactly the
 * same seats plus those held adds.
 *
 * <p>Decisions per (user, SKU) a policy grants, in order: a guest or a protected user is skipped;
 * a direct holder converges to the policies' disabled plans (merged: a plan is on when any policy
 * turns it on); a holder through Entra's own group licensing is left alone; anyone else asks for
 * a new seat unless the account is disabled, has no usage location, or the SKU is suspended; then a
 * grant whose plans cannot be enabled with the user's is skipped ({@code SERVICE_PLAN_CONFLICT}).
 */
public final class Planner {
    /** Shown as the policy of a removal the engine makes because it assigned the license itself. */
    public static final String OWNED_REMOVAL = "(assigned by seatwarden)";

    private static final Comparator<ResolvedPolicy> POLICY_ORDER = Comparator
            .comparingInt(ResolvedPolicy::priority).reversed()
            .thenComparing(ResolvedPolicy::name);

    /** Plans under the removal limits of the policies' settings, without time: refused when a policy uses {@code reclaim} or {@code settings.removalGraceDays}. */
    public Plan plan(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership) {
        return plan(policies, tenant, ownership, RemovalLimits.of(policies.settings()), Lifecycle.untimed());
    }

    /** Plans under the removal limits of the policies' settings. */
    public Plan plan(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership, Lifecycle lifecycle) {
        return plan(policies, tenant, ownership, RemovalLimits.of(policies.settings()), lifecycle);
    }

    /** Plans under {@code limits} (the settings', or a run's {@code --max-removals}), without time. */
    public Plan plan(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership, RemovalLimits limits) {
        return plan(policies, tenant, ownership, limits, Lifecycle.untimed());
    }

    /**
     * Plans under {@code limits} (the settings', or a run's {@code --max-removals}).
     *
     * @param lifecycle the plan's time and the removals the state holds as pending ({@code reclaim} and
     *     {@code settings.removalGraceDays} need it)
     */
    public Plan plan(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership, RemovalLimits limits, Lifecycle lifecycle) {
        Run run = new Run(policies, tenant, ownership, lifecycle);
        run.reachUsers();
        run.decideGrants();
        run.findRemovals();
        RemovalGuardVerdict guard = run.judgeRemovals(limits);
        run.skipConflictingGrants(guard);
        run.allocateSeats(guard);
        return run.price(run.assemble(guard));
    }

    /** The working state of one planning run. Not shared, not reused. Users are handled by their index in the snapshot. */
    private static final class Run {
        private final ResolvedPolicies policies;
        private final Settings settings;
        private final TenantSnapshot tenant;
        private final List<User> users;
        private final Ownership ownership;
        private final GroupNesting nesting;
        private final Map<SkuId, SubscribedSku> skus = new LinkedHashMap<>();

        /** The policies reaching each user, in priority order; null for users no policy reaches. */
        private final List<ResolvedPolicy>[] reach;
        /** Lower-cased principal names, computed once for the users that appear in the output. */
        private final String[] orderKeys;
        /** Each user's change, by index (null: none), and the changes in the order they were made. */
        private final ChangeBuilder[] changes;
        private final List<ChangeBuilder> changeBuilders = new ArrayList<>();
        /** Each user's place in output order ({@link #compareUsers}) once {@link #rankUsers} ran; -1 for users in no output. */
        private int[] ranks;
        private final List<SkipEntry> skipped = new ArrayList<>();
        private final Map<SkuId, List<PendingAdd>> seatRequests = new HashMap<>();
        private final Map<SkuId, Integer> freed = new HashMap<>();
        private final Map<SkuId, Integer> removalsBySku = new TreeMap<>();
        private final List<HeldEntry> held = new ArrayList<>();
        private final Map<SkuId, Integer> assigned = new HashMap<>();
        /** By SKU, the users (by index) waiting for a seat. */
        private final Map<SkuId, BitSet> waiting = new HashMap<>();
        private final List<String> warnings = new ArrayList<>();
        private final SeatHolders holders = new SeatHolders();
        private final List<Indexed<AdoptedLicense>> adopted = new ArrayList<>();
        private final List<Indexed<PendingRemoval>> pending = new ArrayList<>();
        /** The instant sign-in ages are measured at; null when no policy reclaims. */
        private final Instant reclaimAsOf;
        private final RemovalGrace grace;
        /** Grants whose SKU has plans on Microsoft's list of mutually exclusive plans, checked once removals are known. */
        private final List<Candidate> conflictProne = new ArrayList<>();
        private final Map<SkuId, List<ServicePlanId>> listedPlans = new HashMap<>();
        private final PlanDependencies dependencies;

        @SuppressWarnings("unchecked")
        Run(ResolvedPolicies policies, TenantSnapshot tenant, Ownership ownership, Lifecycle lifecycle) {
            this.policies = policies;
            this.settings = policies.settings();
            this.tenant = tenant;
            this.users = tenant.users();
            this.ownership = ownership;
            this.nesting = new GroupNesting(tenant);
            this.reach = new List[users.size()];
            this.orderKeys = new String[users.size()];
            this.changes = new ChangeBuilder[users.size()];
            this.reclaimAsOf = ReclaimRule.anyReclaims(policies) ? lifecycle.requireAsOf("reclaim") : null;
            this.grace = new RemovalGrace(settings.removalGraceDays(), lifecycle);
            this.dependencies = new PlanDependencies(tenant);
            for (SkuId sku : policies.referencedSkus()) {
                tenant.sku(sku).ifPresent(found -> skus.put(sku, found));
            }
        }

        /** Which policies reach which users, nested groups included, in priority order. */
        void reachUsers() {
            List<ResolvedPolicy> ordered = new ArrayList<>(policies.policies());
            ordered.sort(POLICY_ORDER);
            Map<GroupId, int[]> membersByRoot = new LinkedHashMap<>();
            for (ResolvedPolicy policy : ordered) {
                // Users reached by the same policies share one list: a few distinct lists for a million users.
                Map<List<ResolvedPolicy>, List<ResolvedPolicy>> extended = new IdentityHashMap<>();
                for (int index : membersByRoot.computeIfAbsent(policy.group(), this::transitiveUsers)) {
                    List<ResolvedPolicy> before = reach[index] == null ? List.of() : reach[index];
                    reach[index] = extended.computeIfAbsent(before, list -> {
                        List<ResolvedPolicy> longer = new ArrayList<>(list.size() + 1);
                        longer.addAll(list);
                        longer.add(policy);
                        return List.copyOf(longer);
                    });
                }
            }
            warnings.addAll(nesting.cycleWarnings(membersByRoot.keySet()));
            for (String entry : policies.unmatchedProtectedUsers()) {
                warnings.add("protectedUsers entry '" + entry + "' (" + settings.location() + ") matches no user in scope"
                        + " (the members of the policies' groups and the holders of the SKUs they grant): if it is"
                        + " misspelt, the account it means is not protected");
            }
        }

        /** The indexes of the users in a group and its nested groups, each once. */
        private int[] transitiveUsers(GroupId root) {
            BitSet members = new BitSet(users.size());
            for (GroupId groupId : nesting.reachable(root)) {
                tenant.memberIndexes(groupId).forEach(members::set); // resolved once, by the snapshot
            }
            return members.stream().toArray();
        }

        void decideGrants() {
            for (int index = 0; index < users.size(); index++) {
                if (reach[index] != null) {
                    decideUser(index, reach[index]);
                }
            }
        }

        private void decideUser(int index, List<ResolvedPolicy> reaching) {
            User user = users.get(index);
            Optional<String> plannedLocation = user.hasUsageLocation() ? Optional.of(user.usageLocation()) : policyLocation(reaching);
            boolean guest = user.isGuest();
            boolean isProtected = isProtected(user);
            for (Map.Entry<SkuId, List<ResolvedPolicy>> bySku : grantsBySku(reaching).entrySet()) {
                SkuId sku = bySku.getKey();
                List<ResolvedPolicy> granting = bySku.getValue();
                SubscribedSku subscribed = skus.get(sku);
                if (guest) {
                    skip(index, granting, subscribed, SkipReason.GUEST);
                    continue;
                }
                if (user.holds(sku)) {
                    holders.count(granting.get(0).name(), sku); // chargeback: kept, as entitled non-guests are
                }
                if (isProtected) {
                    skip(index, granting, subscribed, SkipReason.PROTECTED);
                    continue;
                }
                SortedSet<ServicePlanId> target = mergedDisabledPlans(granting, sku);
                Optional<RemovalReason> reclaimed = reclaimAsOf == null ? Optional.empty()
                        : ReclaimRule.reason(user, granting, sku, reclaimAsOf);
                Optional<LicenseAssignment> direct = user.directLicense(sku);
                if (direct.isPresent()) {
                    boolean ours = ownership.isOwned(user.id(), sku) || adopt(index, granting, subscribed);
                    if (reclaimed.isPresent() && ours) {
                        removeLicense(index, sku, subscribed.skuPartNumber(), granting.get(0).name(), reclaimed.get());
                        continue;
                    }
                    if (direct.get().disabledPlans().equals(target)) {
                        continue;
                    }
                    Optional<SkipReason> reason = accountReason(user, plannedLocation, reclaimed);
                    if (reason.isPresent()) {
                        skip(index, granting, subscribed, reason.get());
                    } else {
                        propose(new Candidate(index, new LicenseAdd(sku, subscribed.skuPartNumber(), List.copyOf(target)), true,
                                granting, plannedLocation, null, PlanSwitch.between(direct.get().disabledPlans(), target, subscribed)));
                    }
                    continue;
                }
                if (user.inheritsFromGroup(sku)) {
                    continue; // Entra's own group licensing already gives it: one seat, never touched
                }
                Optional<SkipReason> reason = accountReason(user, plannedLocation, reclaimed);
                if (reason.isEmpty() && !subscribed.capabilityStatus().acceptsNewAssignments()) {
                    reason = Optional.of(SkipReason.SKU_SUSPENDED);
                }
                if (reason.isPresent()) {
                    skip(index, granting, subscribed, reason.get());
                    continue;
                }
                propose(new Candidate(index, new LicenseAdd(sku, subscribed.skuPartNumber(), List.copyOf(target)), false, granting,
                        plannedLocation, new SeatRequest(user.id(), user.userPrincipalName(), granting.get(0).priority(), orderKey(index)),
                        null));
            }
        }

        /** A grant goes ahead, unless its SKU can conflict with another: then it waits for {@link #skipConflictingGrants}. */
        private void propose(Candidate candidate) {
            // With dependencies known, every grant of the user is checked: any of them may bring the plan another needs.
            if (dependencies.any() || !listed(candidate.add().skuId()).isEmpty()) {
                conflictProne.add(candidate);
            } else {
                accept(candidate);
            }
        }

        private void accept(Candidate candidate) {
            if (candidate.update()) {
                change(candidate.index()).add(candidate.add(), true, candidate.granting(), candidate.plannedLocation());
                change(candidate.index()).planSwitch(candidate.add().skuId(), candidate.planSwitch());
            } else {
                seatRequests.computeIfAbsent(candidate.add().skuId(), id -> new ArrayList<>()).add(new PendingAdd(candidate.request(),
                        candidate.index(), candidate.add(), candidate.granting(), candidate.plannedLocation()));
            }
        }

        /** The SKU's service plans that are on Microsoft's list of mutually exclusive plans (usually none). */
        private List<ServicePlanId> listed(SkuId sku) {
            return listedPlans.computeIfAbsent(sku, id -> {
                List<ServicePlanId> result = new ArrayList<>(0);
                tenant.sku(id).ifPresent(found -> found.servicePlans().forEach(plan -> {
                    if (policies.conflicts().plan(plan.servicePlanId()).isPresent()) {
                        result.add(plan.servicePlanId());
                    }
                }));
                return result;
            });
        }

        /**
         * Rule 10: a grant is skipped ({@code SERVICE_PLAN_CONFLICT}) when one of the plans it enables cannot be
         * enabled with one the user keeps (direct or inherited, minus what this plan removes, unless the guard holds
         * removals back) or one an earlier grant of this plan adds (policies in priority order). A policy that
         * disables the plan does not conflict.
         */
        void skipConflictingGrants(RemovalGuardVerdict guard) {
            int start = 0;
            while (start < conflictProne.size()) {
                int index = conflictProne.get(start).index();
                int end = start;
                while (end < conflictProne.size() && conflictProne.get(end).index() == index) {
                    end++;
                }
                checkUser(index, conflictProne.subList(start, end), guard);
                start = end;
            }
        }

        /** One plan the user has or is getting, with the SKU it comes from. */
        private record PlanSource(ServicePlanId plan, SkuId sku, String skuPartNumber, boolean added) {}

        private void checkUser(int index, List<Candidate> candidates, RemovalGuardVerdict guard) {
            User user = users.get(index);
            Set<SkuId> removed = new HashSet<>();
            ChangeBuilder change = changes[index];
            if (change != null && !guard.wouldTrip()) {
                change.removals.forEach(removal -> removed.add(removal.skuId()));
            }
            List<PlanSource> sources = new ArrayList<>();
            List<Candidate> passed = new ArrayList<>();
            for (LicenseAssignment license : user.licenses()) {
                if (removed.contains(license.skuId())) {
                    continue;
                }
                for (ServicePlanId plan : listed(license.skuId())) {
                    if (!license.disabledPlans().contains(plan)) {
                        sources.add(new PlanSource(plan, license.skuId(), partNumber(license.skuId()), false));
                    }
                }
            }
            for (Candidate candidate : candidates) {
                SkuId sku = candidate.add().skuId();
                List<ServicePlanId> adding = new ArrayList<>();
                for (ServicePlanId plan : listed(sku)) {
                    if (!candidate.add().disabledPlans().contains(plan)) {
                        adding.add(plan);
                    }
                }
                List<ServicePlanId> others = new ArrayList<>();
                for (PlanSource source : sources) {
                    if (!source.sku().equals(sku)) {
                        others.add(source.plan());
                    }
                }
                Optional<ServicePlanConflicts.Conflict> conflict = policies.conflicts().firstConflict(others, adding);
                if (conflict.isEmpty()) {
                    passed.add(candidate);
                    adding.forEach(plan -> sources.add(new PlanSource(plan, sku, candidate.add().skuPartNumber(), true)));
                    continue;
                }
                PlanSource with = sources.stream()
                        .filter(source -> source.plan().equals(conflict.get().held().servicePlanId()) && !source.sku().equals(sku))
                        .findFirst().orElseThrow();
                String detail = conflict.get().added().servicePlanName() + " (" + candidate.add().skuPartNumber() + ") cannot be assigned with "
                        + conflict.get().held().servicePlanName() + ", which the user " + (with.added() ? "gets in this plan" : "already has")
                        + " through " + with.skuPartNumber();
                skip(index, candidate.granting(), skus.get(sku), SkipReason.SERVICE_PLAN_CONFLICT, detail);
            }
            acceptUnlessDependencyMissing(index, user, removed, passed);
        }

        /**
         * Rule 10: a grant is skipped ({@code SERVICE_PLAN_DEPENDENCY}) when a plan it enables needs a plan the
         * user neither keeps nor gets from another grant of this plan; skipping one may take away what another
         * needed, so this repeats until nothing changes.
         */
        private void acceptUnlessDependencyMissing(int index, User user, Set<SkuId> removed, List<Candidate> passed) {
            List<Candidate> going = new ArrayList<>(passed);
            if (dependencies.any()) {
                boolean changed = true;
                while (changed) {
                    changed = false;
                    Set<ServicePlanId> available = new HashSet<>();
                    for (LicenseAssignment license : user.licenses()) {
                        if (!removed.contains(license.skuId())) {
                            available.addAll(dependencies.enabled(license.skuId(), license.disabledPlans()));
                        }
                    }
                    going.forEach(candidate -> available.addAll(dependencies.enabled(candidate.add().skuId(), candidate.add().disabledPlans())));
                    for (Candidate candidate : List.copyOf(going)) {
                        Optional<String> missing = dependencies.missing(candidate.add(), available);
                        if (missing.isPresent()) {
                            going.remove(candidate);
                            skip(index, candidate.granting(), skus.get(candidate.add().skuId()), SkipReason.SERVICE_PLAN_DEPENDENCY, missing.get());
                            changed = true;
                            break;
                        }
                    }
                }
            }
            going.forEach(this::accept);
        }

        private static Optional<String> policyLocation(List<ResolvedPolicy> reaching) {
            for (ResolvedPolicy policy : reaching) {
                if (policy.usageLocation().isPresent()) {
                    return policy.usageLocation();
                }
            }
            return Optional.empty();
        }

        /** Adoption ({@code adopt: true}): a direct holder the policies entitle becomes the engine's, without a write. */
        private boolean adopt(int index, List<ResolvedPolicy> granting, SubscribedSku sku) {
            for (ResolvedPolicy policy : granting) {
                if (ReclaimRule.grantOf(policy, sku.skuId()).adopt()) {
                    User user = users.get(index);
                    adopted.add(new Indexed<>(index, new AdoptedLicense(user.id(), user.userPrincipalName(), sku.skuId(),
                            sku.skuPartNumber(), policy.name())));
                    return true;
                }
            }
            return false;
        }

        private Optional<SkipReason> accountReason(User user, Optional<String> plannedLocation, Optional<RemovalReason> reclaimed) {
            if (!user.accountEnabled() && (!settings.includeDisabledAccounts() || reclaimed.isPresent())) {
                return Optional.of(SkipReason.DISABLED_ACCOUNT);
            }
            if (reclaimed.isPresent()) {
                return Optional.of(SkipReason.INACTIVE);
            }
            if (plannedLocation.isEmpty()) {
                return Optional.of(SkipReason.NO_USAGE_LOCATION);
            }
            return Optional.empty();
        }

        /** Protected users were resolved to ids against the whole snapshot by the {@link Resolver}. */
        private boolean isProtected(User user) {
            return !policies.protectedUsers().isEmpty() && policies.protectedUsers().contains(user.id());
        }

        /** The SKUs the reaching policies grant, each with its granting policies in priority order. */
        private static Map<SkuId, List<ResolvedPolicy>> grantsBySku(List<ResolvedPolicy> reaching) {
            if (reaching.size() == 1 && reaching.get(0).grants().size() == 1) {
                return Map.of(reaching.get(0).grants().get(0).sku(), reaching); // the common case, without allocation
            }
            Map<SkuId, List<ResolvedPolicy>> result = new LinkedHashMap<>(4);
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
            if (granting.size() == 1 && granting.get(0).grants().size() == 1) {
                return granting.get(0).grants().get(0).disabledPlans(); // already an unmodifiable sorted set
            }
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
                for (int index = 0; index < users.size(); index++) {
                    for (LicenseAssignment license : users.get(index).licenses()) {
                        String policy = pruningPolicy.get(license.skuId());
                        if (policy != null && license.isDirect()) {
                            considerRemoval(index, license.skuId(), policy, removed);
                        }
                    }
                }
            }
            for (Ownership.Key key : ownership.keys()) {
                int index = tenant.indexOf(key.user());
                if (index >= 0 && users.get(index).directLicense(key.sku()).isPresent()) {
                    considerRemoval(index, key.sku(), OWNED_REMOVAL, removed);
                }
            }
        }

        private void considerRemoval(int index, SkuId sku, String policy, Set<Ownership.Key> removed) {
            User user = users.get(index);
            if (isEntitled(index, sku) || !removed.add(new Ownership.Key(user.id(), sku))) {
                return;
            }
            String partNumber = partNumber(sku);
            if (isProtected(user)) {
                if (!grantsTo(index, policy, sku)) { // a guest the policy reaches already has its GUEST reason
                    skipped.add(new SkipEntry(index, new Skip(user.id(), user.userPrincipalName(), SkipReason.PROTECTED, policy, partNumber)));
                }
                return;
            }
            removeLicense(index, sku, partNumber, policy,
                    ownership.isOwned(user.id(), sku) ? RemovalReason.NOT_ENTITLED : RemovalReason.PRUNED);
        }

        /** A removal goes into the plan's changes, or waits as pending while its grace period runs. */
        private void removeLicense(int index, SkuId sku, String partNumber, String policy, RemovalReason reason) {
            User user = users.get(index);
            Optional<Instant> pendingUntil = grace.pendingUntil(new Ownership.Key(user.id(), sku));
            if (pendingUntil.isPresent()) {
                pending.add(new Indexed<>(index, new PendingRemoval(user.id(), user.userPrincipalName(), sku, partNumber, reason,
                        pendingUntil.get())));
                return;
            }
            change(index).remove(new LicenseRemoval(sku, partNumber, reason), policy);
            removalsBySku.merge(sku, 1, Integer::sum);
            if (!user.inheritsFromGroup(sku)) {
                freed.merge(sku, 1, Integer::sum); // a license also inherited from a group keeps its seat
            }
        }

        private boolean grantsTo(int index, String policyName, SkuId sku) {
            if (reach[index] != null) {
                for (ResolvedPolicy policy : reach[index]) {
                    if (policy.name().equals(policyName) && policy.grants().stream().anyMatch(grant -> grant.sku().equals(sku))) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Entitled: reached by a policy that grants the SKU, and not a guest. */
        private boolean isEntitled(int index, SkuId sku) {
            if (reach[index] == null || users.get(index).isGuest()) {
                return false;
            }
            for (ResolvedPolicy policy : reach[index]) {
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

        /** Rule 4: whether the guard would hold back every removal of the run, under the run's limits. */
        RemovalGuardVerdict judgeRemovals(RemovalLimits limits) {
            Map<SkuId, Integer> holders = new HashMap<>();
            Map<SkuId, String> names = new HashMap<>();
            for (SkuId sku : removalsBySku.keySet()) {
                tenant.sku(sku).ifPresent(found -> {
                    holders.put(sku, found.consumedUnits());
                    names.put(sku, found.skuPartNumber());
                });
            }
            return RemovalGuard.evaluate(removalsBySku, holders, names, limits);
        }

        /**
         * Rule 2 and 3: never past capacity; priority, then user principal name, when seats run short.
         * Rule 9: seats that only held removals would free are not handed out; the requests next in
         * line for them are the held adds.
         */
        void allocateSeats(RemovalGuardVerdict guard) {
            rankUsers();
            for (Map.Entry<SkuId, List<PendingAdd>> entry : seatRequests.entrySet()) {
                SkuId sku = entry.getKey();
                SeatLedger ledger = ledger(skus.get(sku));
                int freedSeats = freed.getOrDefault(sku, 0);
                // The allocator's order (priority, then the users' principal names, as compareUsers), by rank.
                List<PendingAdd> requests = entry.getValue();
                requests.sort((left, right) -> left.request().priority() != right.request().priority()
                        ? Integer.compare(right.request().priority(), left.request().priority())
                        : compareUsers(left.index(), right.index()));
                SeatAllocator.Allocation<PendingAdd> allocation = SeatAllocator.allocateOrdered(
                        requests, ledger.newSeatCapacity(guard.wouldTrip() ? 0 : freedSeats));
                for (PendingAdd granted : allocation.granted()) {
                    change(granted.index()).add(granted.add(), false, granted.granting(), granted.plannedLocation());
                    holders.count(granted.granting().get(0).name(), sku);
                }
                assigned.put(sku, allocation.granted().size());
                BitSet waits = new BitSet();
                int heldSeats = guard.wouldTrip() && ledger.sku().capabilityStatus().acceptsNewAssignments() ? freedSeats : 0;
                for (PendingAdd pending : allocation.waiting()) {
                    skip(pending.index(), pending.granting(), skus.get(sku), SkipReason.NO_SEATS);
                    waits.set(pending.index());
                    if (heldSeats > 0) {
                        heldSeats--;
                        held.add(new HeldEntry(pending.index(), pending));
                    }
                }
                waiting.put(sku, waits);
            }
        }

        private SeatLedger ledger(SubscribedSku sku) {
            return new SeatLedger(sku, policies.reserve().getOrDefault(sku.skuId(), 0), settings.countWarningSeats());
        }

        /**
         * Ranks every user an output list may name (those with a change, a skip, a seat request, an adoption or a
         * pending removal: nothing adds others later), so that the many sorts by user compare two ints, not two
         * names. The names are compared once, by their first characters packed into longs where they differ.
         */
        private void rankUsers() {
            BitSet named = new BitSet(users.size());
            seatRequests.values().forEach(requests -> requests.forEach(request -> named.set(request.index())));
            changeBuilders.forEach(change -> named.set(change.index));
            skipped.forEach(entry -> named.set(entry.index()));
            adopted.forEach(entry -> named.set(entry.index()));
            pending.forEach(entry -> named.set(entry.index()));
            held.forEach(entry -> named.set(entry.index()));
            UserOrder[] order = new UserOrder[named.cardinality()];
            int next = 0;
            for (int index = named.nextSetBit(0); index >= 0; index = named.nextSetBit(index + 1)) {
                order[next++] = UserOrder.of(index, orderKey(index));
            }
            Arrays.sort(order, (left, right) -> {
                int byPrefix = UserOrder.PREFIX.compare(left, right);
                return byPrefix != 0 ? byPrefix : compareByName(left.index(), right.index());
            });
            int[] ranked = new int[users.size()];
            Arrays.fill(ranked, -1);
            for (int rank = 0; rank < order.length; rank++) {
                ranked[order[rank].index()] = rank;
            }
            ranks = ranked;
        }

        /** Users in output order: principal name ignoring case, then exactly, then id. */
        private int compareUsers(int left, int right) {
            if (ranks != null && ranks[left] >= 0 && ranks[right] >= 0) {
                return Integer.compare(ranks[left], ranks[right]);
            }
            return compareByName(left, right);
        }

        private int compareByName(int left, int right) {
            int byKey = orderKey(left).compareTo(orderKey(right));
            if (byKey != 0) {
                return byKey;
            }
            User a = users.get(left);
            User b = users.get(right);
            int byName = a.userPrincipalName().compareTo(b.userPrincipalName());
            return byName != 0 ? byName : a.id().compareTo(b.id());
        }

        private String orderKey(int index) {
            String key = orderKeys[index];
            if (key == null) {
                key = users.get(index).userPrincipalName().toLowerCase(Locale.ROOT);
                orderKeys[index] = key;
            }
            return key;
        }

        Plan assemble(RemovalGuardVerdict judged) {
            List<ChangeBuilder> builders = new ArrayList<>(changeBuilders);
            builders.sort((left, right) -> compareUsers(left.index, right.index));
            List<UserChange> changeList = new ArrayList<>(builders.size());
            for (ChangeBuilder builder : builders) {
                changeList.add(builder.build(policies.dataPlans()));
            }
            skipped.sort((left, right) -> {
                int byUser = left.index() == right.index() ? 0 : compareUsers(left.index(), right.index());
                if (byUser != 0) {
                    return byUser;
                }
                return SKIP_DETAIL_ORDER.compare(left.skip(), right.skip());
            });
            List<Skip> skipList = new ArrayList<>(skipped.size());
            for (SkipEntry entry : skipped) {
                skipList.add(entry.skip());
            }

            held.sort((left, right) -> {
                int byUser = left.index() == right.index() ? 0 : compareUsers(left.index(), right.index());
                if (byUser != 0) {
                    return byUser;
                }
                int byName = left.pending().add().skuPartNumber().compareTo(right.pending().add().skuPartNumber());
                return byName != 0 ? byName : left.pending().add().skuId().compareTo(right.pending().add().skuId());
            });
            List<HeldAdd> heldAdds = new ArrayList<>(held.size());
            Map<SkuId, Integer> heldBySku = new HashMap<>();
            for (HeldEntry entry : held) {
                PendingAdd pending = entry.pending();
                List<String> names = new ArrayList<>(new TreeSet<>(pending.granting().stream().map(ResolvedPolicy::name).toList()));
                heldAdds.add(new HeldAdd(pending.request().user(), pending.request().userPrincipalName(), pending.add().skuId(),
                        pending.add().skuPartNumber(), names));
                heldBySku.merge(pending.add().skuId(), 1, Integer::sum);
            }
            RemovalGuardVerdict guard = judged.withAddsWaiting(heldAdds.size());

            List<SkuSeats> seats = new ArrayList<>();
            for (SubscribedSku sku : skus.values()) {
                SeatLedger ledger = ledger(sku);
                int before = ledger.availableBefore();
                int taken = assigned.getOrDefault(sku.skuId(), 0);
                int released = freed.getOrDefault(sku.skuId(), 0);
                int freedNow = guard.wouldTrip() ? 0 : released;
                seats.add(new SkuSeats(sku.skuId(), sku.skuPartNumber(), sku.prepaidUnits().enabled(), sku.consumedUnits(),
                        ledger.reserve(), before, taken, freedNow, before - taken + freedNow,
                        waiting.getOrDefault(sku.skuId(), new BitSet()).cardinality(), released - freedNow,
                        heldBySku.getOrDefault(sku.skuId(), 0)));
            }
            seats.sort(Comparator.comparing(SkuSeats::skuPartNumber).thenComparing(SkuSeats::skuId));

            int added = 0;
            int updated = 0;
            int removedCount = 0;
            int locations = 0;
            int dataAtStake = 0;
            for (UserChange change : changeList) {
                if (change.removeLicenses().stream().anyMatch(removal -> !removal.dataAtStake().isEmpty())) {
                    dataAtStake++;
                }
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
            BitSet waitingUsers = new BitSet();
            waiting.values().forEach(waitingUsers::or);
            List<AdoptedLicense> adoptedList = sorted(adopted, Comparator.comparing(AdoptedLicense::skuPartNumber));
            List<PendingRemoval> pendingList = sorted(markDataAtStake(pending), Comparator.comparing(PendingRemoval::skuPartNumber));
            PlanSummary summary = new PlanSummary(changeList.size(), added, updated, removedCount, locations,
                    skipList.size(), waitingUsers.cardinality(), guard, adoptedList.size(), pendingList.size(), dataAtStake);
            return new Plan(tenant.tenantId(), PlanOwnership.of(ownership), summary, seats, changeList, skipList, heldAdds, warnings, adoptedList, pendingList,
                    licenseErrors());
        }

        /**
         * What each pending removal will take when it falls due, as for removals in changes: together with the user's
         * other pending removals and this plan's change for the user (its adds keep data, its removals do not).
         */
        private List<Indexed<PendingRemoval>> markDataAtStake(List<Indexed<PendingRemoval>> entries) {
            if (entries.isEmpty() || policies.dataPlans().isEmpty()) {
                return entries;
            }
            Map<Integer, List<LicenseRemoval>> byUser = new HashMap<>();
            for (Indexed<PendingRemoval> entry : entries) {
                PendingRemoval removal = entry.value();
                byUser.computeIfAbsent(entry.index(), index -> {
                    ChangeBuilder change = changes[index];
                    return change == null ? new ArrayList<>() : new ArrayList<>(change.removals);
                }).add(new LicenseRemoval(removal.skuId(), removal.skuPartNumber(), removal.reason()));
            }
            List<Indexed<PendingRemoval>> marked = new ArrayList<>(entries.size());
            for (Indexed<PendingRemoval> entry : entries) {
                ChangeBuilder change = changes[entry.index()];
                List<LicenseRemoval> lost = DataAtStakeMarks.mark(users.get(entry.index()), change == null ? List.of() : change.adds,
                        byUser.get(entry.index()), policies.dataPlans());
                List<DataAtStake> data = lost.stream().filter(removal -> removal.skuId().equals(entry.value().skuId()))
                        .findFirst().map(LicenseRemoval::dataAtStake).orElse(List.of());
                marked.add(data.isEmpty() ? entry : new Indexed<>(entry.index(), entry.value().withDataAtStake(data)));
            }
            return marked;
        }

        /** By user (as every output list), then by {@code detail}. */
        private <T> List<T> sorted(List<Indexed<T>> entries, Comparator<T> detail) {
            entries.sort((left, right) -> {
                int byUser = left.index() == right.index() ? 0 : compareUsers(left.index(), right.index());
                return byUser != 0 ? byUser : detail.compare(left.value(), right.value());
            });
            List<T> result = new ArrayList<>(entries.size());
            entries.forEach(entry -> result.add(entry.value()));
            return result;
        }

        /** {@code summary.cost} and {@code skus[].cost}, when the settings price any SKU. */
        Plan price(Plan plan) {
            if (policies.prices().isEmpty()) {
                return plan;
            }
            List<String> names = new ArrayList<>();
            policies.policies().stream().sorted(POLICY_ORDER).forEach(policy -> names.add(policy.name()));
            return PlanCosts.price(plan, policies.prices(), settings.currency().orElseThrow(), names, holders);
        }

        private void skip(int index, List<ResolvedPolicy> granting, SubscribedSku sku, SkipReason reason) {
            skip(index, granting, sku, reason, null);
        }

        private void skip(int index, List<ResolvedPolicy> granting, SubscribedSku sku, SkipReason reason, String detail) {
            User user = users.get(index);
            // One reason per (user, policy, SKU): each (user, SKU) is decided once, with distinct policies.
            for (ResolvedPolicy policy : granting) {
                skipped.add(new SkipEntry(index, new Skip(user.id(), user.userPrincipalName(), reason, policy.name(), sku.skuPartNumber(),
                        detail)));
            }
        }

        /** Rule 10: the licenses Graph reports in error for the users read, which the plan does not count as held. */
        private List<LicenseError> licenseErrors() {
            List<LicenseError> result = new ArrayList<>();
            for (User user : users) {
                boolean any = !user.failedLicenses().isEmpty();
                for (int i = 0; !any && i < user.licenses().size(); i++) {
                    any = user.licenses().get(i).hasError();
                }
                if (!any) {
                    continue;
                }
                for (LicenseAssignment license : user.licenseErrors()) {
                    result.add(new LicenseError(user.id(), user.userPrincipalName(), license.skuId(), partNumber(license.skuId()),
                            license.assignedByGroup().map(GroupId::value).orElse(null),
                            license.error().orElse(license.state().graphName())));
                }
            }
            result.sort(Comparator.comparing((LicenseError error) -> error.userPrincipalName().toLowerCase(Locale.ROOT))
                    .thenComparing(LicenseError::userPrincipalName)
                    .thenComparing(LicenseError::skuPartNumber)
                    .thenComparing(error -> error.assignedByGroup() == null ? "" : error.assignedByGroup()));
            return result;
        }

        private ChangeBuilder change(int index) {
            ChangeBuilder change = changes[index];
            if (change == null) {
                change = new ChangeBuilder(index, users.get(index));
                changes[index] = change;
                changeBuilders.add(change);
            }
            return change;
        }
    }

    private static final Comparator<Skip> SKIP_DETAIL_ORDER = Comparator.comparing(Skip::policy)
            .thenComparing(Skip::skuPartNumber)
            .thenComparing(Skip::reason);

    private record SkipEntry(int index, Skip skip) {}

    /**
     * A user to rank, with the first 16 characters of its order key packed into two longs (8 bits each when they
     * fit, which is every name but few): comparing them, unsigned, orders as the names do where they differ.
     */
    private record UserOrder(int index, long high, long low, boolean wide) {
        static final Comparator<UserOrder> PREFIX = (left, right) -> {
            if (left.wide || right.wide) {
                return 0; // the names decide
            }
            int byHigh = Long.compareUnsigned(left.high, right.high);
            return byHigh != 0 ? byHigh : Long.compareUnsigned(left.low, right.low);
        };

        static UserOrder of(int index, String key) {
            long high = 0;
            long low = 0;
            boolean wide = false;
            for (int i = 0; i < 16; i++) {
                char c = i < key.length() ? key.charAt(i) : 0;
                wide |= c > 0xFF;
                if (i < 8) {
                    high = high << 8 | (c & 0xFF);
                } else {
                    low = low << 8 | (c & 0xFF);
                }
            }
            return new UserOrder(index, high, low, wide);
        }
    }

    private record HeldEntry(int index, PendingAdd pending) {}

    /** An output entry with its user's index, for sorting by user. */
    private record Indexed<T>(int index, T value) {}

    /**
     * A grant decided for a user: an update of a held SKU (with how its plans switch), or a new seat to ask for
     * ({@code request}).
     */
    private record Candidate(int index, LicenseAdd add, boolean update, List<ResolvedPolicy> granting, Optional<String> plannedLocation,
                             SeatRequest request, PlanSwitch planSwitch) {}

    /** A new seat a user asks for, held until seats are allocated. */
    private record PendingAdd(SeatRequest request, int index, LicenseAdd add, List<ResolvedPolicy> granting, Optional<String> plannedLocation) {}

    /** Collects one user's adds and removals into a {@link UserChange}. */
    private static final class ChangeBuilder {
        private final int index;
        private final User user;
        private final List<LicenseAdd> adds = new ArrayList<>(2);
        private final List<LicenseRemoval> removals = new ArrayList<>(1);
        private final Set<SkuId> updated = new HashSet<>();
        private final Map<SkuId, PlanSwitch> planSwitches = new HashMap<>(1);
        private final Set<String> policyNames = new TreeSet<>();
        private String usageLocation;

        ChangeBuilder(int index, User user) {
            this.index = index;
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

        void planSwitch(SkuId sku, PlanSwitch planSwitch) {
            planSwitches.put(sku, planSwitch);
        }

        void remove(LicenseRemoval removal, String policy) {
            removals.add(removal);
            policyNames.add(policy);
        }

        UserChange build(Map<SkuId, Map<ServicePlanId, DataAtStake>> dataPlans) {
            adds.sort(Comparator.comparing(LicenseAdd::skuPartNumber).thenComparing(LicenseAdd::skuId));
            removals.sort(Comparator.comparing(LicenseRemoval::skuPartNumber).thenComparing(LicenseRemoval::skuId));
            List<LicenseRemoval> marked = removals.isEmpty() ? removals : DataAtStakeMarks.mark(user, adds, removals, dataPlans);
            return new UserChange(user.id(), user.userPrincipalName(), usageLocation, adds, marked, List.copyOf(policyNames), updated,
                    planSwitches);
        }
    }
}
