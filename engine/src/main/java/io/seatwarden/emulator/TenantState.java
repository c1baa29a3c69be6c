package io.seatwarden.emulator;

import io.seatwarden.directory.ServicePlanConflicts;
import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The emulated tenant: subscriptions, users and groups, changed by {@code assignLicense} (users and
 * groups), {@code reprocessLicenseAssignment} and {@code PATCH}, and by tests through
 * {@link #addMember}/{@link #removeMember}.
 *
 * <p>Thread-safe: reads share a read lock, changes take the write lock, and every change is atomic
 * (an {@code assignLicense} with additions and removals is applied entirely or not at all).
 *
 * <p>Seats: a SKU's {@code consumedUnits} is one seat per user holding it in an assigned state (whatever
 * the number of sources: direct and any number of licensed groups), plus the seats the tenant file says
 * are held outside it (its {@code consumedUnits} minus what its users hold, when larger), which stay constant.
 *
 * <p>Group-based licensing runs like Entra's: a group's licenses reach its direct user members (never
 * through nesting), each (user, group) all or nothing: {@code Active}, or every license of the group in
 * {@code Error} with Entra's code ({@code CountViolation} when a SKU has no free seat,
 * {@code MutuallyExclusiveViolation}, {@code DependencyViolation}, {@code ProhibitedInUsageLocationViolation}).
 * A tenant file's states are taken as written. Membership changes are processed at once; a group's
 * {@code assignLicense} is queued and processed on the first request at least
 * {@link EmulatorOptions#licensingDelay()} later; an error stays until the user is reprocessed
 * ({@code reprocessLicenseAssignment}, a membership change or the group's own {@code assignLicense}).
 *
 * <p>Replication lag ({@link EmulatorOptions#replicationLag()}): reads see users, groups and seat counts as
 * they were that long ago; writes and their answers see the present.
 */
public final class TenantState {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TenantId tenantId;
    private final Clock clock;
    private final boolean countWarningSeats;
    private final Duration licensingDelay;
    private final LinkedHashMap<SkuId, TenantFile.Sku> skus = new LinkedHashMap<>();
    private final LicenseRules rules;
    private final Map<SkuId, Integer> heldOutside = new HashMap<>();
    private final Map<SkuId, Integer> holders = new HashMap<>();
    private final List<String> userOrder = new ArrayList<>();
    private final Map<String, UserRecord> usersByKey = new HashMap<>();
    private final Map<String, String> keyByUpn = new HashMap<>();
    private final LinkedHashMap<String, GroupView> groupsByKey = new LinkedHashMap<>();
    private final ReplicationLag<String, UserRecord> userLag;
    private final ReplicationLag<String, GroupView> groupLag;
    private final ReplicationLag<SkuId, Integer> seatLag;
    /** Flattened member lists by group, dropped whenever membership changes. */
    private final Map<String, List<String>> memberCache = new ConcurrentHashMap<>();
    /** What changed, for delta queries ({@link DeltaApi}). */
    private final ChangeLog changes = new ChangeLog();
    /** Delta tokens issued before the current generation answer 410 Gone ({@link #resetDeltaTokens()}). */
    private int deltaGeneration;

    TenantState(TenantFile file, Clock clock, boolean countWarningSeats) {
        this(file, clock, countWarningSeats, Duration.ZERO, Duration.ZERO, ServicePlanConflicts.none());
    }

    TenantState(TenantFile file, Clock clock, boolean countWarningSeats, Duration replicationLag, Duration licensingDelay,
                ServicePlanConflicts conflicts) {
        // The mapper checks the file's consistency (duplicate ids, unknown members) with clear messages.
        TenantFileMapper.toSnapshot(file, "tenant file");
        this.tenantId = file.tenantId() == null ? TenantId.DEFAULT : new TenantId(file.tenantId());
        this.clock = clock;
        this.countWarningSeats = countWarningSeats;
        this.licensingDelay = licensingDelay;
        this.userLag = new ReplicationLag<>(replicationLag);
        this.groupLag = new ReplicationLag<>(replicationLag);
        this.seatLag = new ReplicationLag<>(replicationLag);
        Instant loaded = clock.instant();
        for (TenantFile.Sku sku : file.subscribedSkus()) {
            skus.put(SkuId.of(sku.skuId()), sku);
        }
        this.rules = new LicenseRules(skus, conflicts);
        for (TenantFile.GroupEntry entry : file.groups()) {
            List<LicenseSource> licenses = new ArrayList<>();
            for (TenantFile.License license : entry.assignedLicenses()) {
                licenses.add(new LicenseSource(SkuId.of(license.skuId()), planIds(license.disabledPlans()),
                        Optional.of(new GroupId(entry.id())), loaded));
            }
            groupsByKey.put(key(entry.id()), new GroupView(entry.id(), entry.displayName(), entry.groupTypes(),
                    entry.securityEnabledOrDefault(), entry.mailEnabledOrDefault(), entry.membershipRule(), entry.members(), licenses));
        }
        Map<String, List<LicenseSource>> implicit = implicitGroupLicenses(file);
        for (TenantFile.UserEntry entry : file.users()) {
            List<LicenseSource> direct = new ArrayList<>();
            List<LicenseSource> inherited = new ArrayList<>();
            List<LicenseSource> pinned = new ArrayList<>();
            if (entry.licenseAssignmentStates() != null) {
                for (TenantFile.LicenseState state : entry.licenseAssignmentStates()) {
                    SkuId sku = SkuId.of(state.skuId());
                    Optional<GroupId> group = Optional.ofNullable(state.assignedByGroup()).map(GroupId::new);
                    LicenseSource source = new LicenseSource(sku, planIds(state.disabledPlans()), group, loaded,
                            AssignmentState.fromGraph(state.state()), AssignmentState.errorFromGraph(state.error()).orElse(null));
                    if (group.isEmpty()) {
                        direct.add(source);
                    } else if (derivable(state.assignedByGroup(), entry.id(), sku)) {
                        inherited.add(source);
                    } else {
                        pinned.add(source);
                    }
                }
                // a licensed group's license the states leave out is as the group gives it
                for (LicenseSource license : implicit.getOrDefault(key(entry.id()), List.of())) {
                    boolean listed = inherited.stream().anyMatch(source -> source.skuId().equals(license.skuId())
                            && source.assignedByGroup().equals(license.assignedByGroup()));
                    if (!listed) {
                        inherited.add(license);
                    }
                }
            } else {
                for (TenantFile.License license : entry.assignedLicenses()) {
                    direct.add(new LicenseSource(SkuId.of(license.skuId()), planIds(license.disabledPlans()), Optional.empty(), loaded));
                }
                inherited.addAll(implicit.getOrDefault(key(entry.id()), List.of()));
            }
            UserRecord user = new UserRecord(entry.id(), entry.userPrincipalName(), entry.displayName(), entry.userType(),
                    entry.creationType(), entry.externalUserState(), entry.accountEnabled(), entry.usageLocation(),
                    entry.onPremisesSyncEnabled(), direct, inherited, pinned, entry.createdDateTime(), entry.signInActivity());
            userOrder.add(key(entry.id()));
            changes.userCreated(key(entry.id()), false);
            usersByKey.put(key(entry.id()), user);
            keyByUpn.put(entry.userPrincipalName().toLowerCase(Locale.ROOT), key(entry.id()));
        }
        recountHolders();
        for (TenantFile.Sku sku : file.subscribedSkus()) {
            SkuId id = SkuId.of(sku.skuId());
            int derived = holders.getOrDefault(id, 0);
            if (sku.consumedUnits() != null && sku.consumedUnits() > derived) {
                heldOutside.put(id, sku.consumedUnits() - derived);
            }
        }
    }

    /** What licensed groups give users the file lists without states: taken as Active, as the file describes them. */
    private Map<String, List<LicenseSource>> implicitGroupLicenses(TenantFile file) {
        Map<String, List<LicenseSource>> result = new HashMap<>();
        for (GroupView group : groupsByKey.values()) {
            for (String member : group.members()) {
                result.computeIfAbsent(key(member), ignored -> new ArrayList<>()).addAll(group.licenses());
            }
        }
        return result;
    }

    private boolean derivable(String groupId, String userId, SkuId sku) {
        GroupView group = groupsByKey.get(key(groupId));
        if (group == null || !group.hasMember(userId)) {
            return false;
        }
        for (LicenseSource license : group.licenses()) {
            if (license.skuId().equals(sku)) {
                return true;
            }
        }
        return false;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }

    private static SortedSet<ServicePlanId> planIds(List<String> ids) {
        SortedSet<ServicePlanId> result = new TreeSet<>();
        ids.forEach(id -> result.add(ServicePlanId.of(id)));
        return result;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    // ---------------------------------------------------------------- what reads see

    private UserRecord readUser(String key, Instant now) {
        UserRecord current = usersByKey.get(key);
        return current == null ? null : userLag.visible(key, current, now);
    }

    private GroupView readGroup(String key, Instant now) {
        GroupView current = groupsByKey.get(key);
        return current == null ? null : groupLag.visible(key, current, now);
    }

    private int readConsumed(SkuId sku, Instant now) {
        return seatLag.visible(sku, consumed(sku), now);
    }

    // ---------------------------------------------------------------- reads

    /** A SKU as served, with its {@code consumedUnits} as reads see it. */
    record SkuView(TenantFile.Sku sku, int consumedUnits) {}

    List<SkuView> skus() {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            List<SkuView> result = new ArrayList<>();
            skus.forEach((id, sku) -> result.add(new SkuView(sku, readConsumed(id, now))));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<SkuView> sku(SkuId id) {
        lock.readLock().lock();
        try {
            TenantFile.Sku sku = skus.get(id);
            return sku == null ? Optional.empty() : Optional.of(new SkuView(sku, readConsumed(id, clock.instant())));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The current {@code consumedUnits} of a SKU (0 for an unknown one), whatever the replication lag. */
    public int consumedUnits(SkuId sku) {
        lock.readLock().lock();
        try {
            return consumed(sku);
        } finally {
            lock.readLock().unlock();
        }
    }

    private int consumed(SkuId sku) {
        return holders.getOrDefault(sku, 0) + heldOutside.getOrDefault(sku, 0);
    }

    /**
     * A page of a list: its items, the position in the underlying list where the next page starts
     * (empty on the last page), and the number of items that match over the whole list when asked.
     */
    record Slice<T>(List<T> items, OptionalInt next, OptionalInt total) {}

    /**
     * Scans {@code source} from {@code start} for up to {@code size} items ({@code toItem} answers null
     * for an element that does not match). Positions, not match counts, make the paging tokens, so a
     * page costs the elements it passes over rather than a scan from the start.
     */
    private static <S, T> Slice<T> scan(List<S> source, int start, int size, Function<S, T> toItem, boolean count) {
        List<T> items = new ArrayList<>();
        OptionalInt next = OptionalInt.empty();
        for (int i = start; i < source.size(); i++) {
            T item = toItem.apply(source.get(i));
            if (item == null) {
                continue;
            }
            if (items.size() == size) {
                next = OptionalInt.of(i);
                break;
            }
            items.add(item);
        }
        OptionalInt total = OptionalInt.empty();
        if (count) {
            int matching = 0;
            for (S element : source) {
                if (toItem.apply(element) != null) {
                    matching++;
                }
            }
            total = OptionalInt.of(matching);
        }
        return new Slice<>(items, next, total);
    }

    /** A page of an already computed list (sorted or searched), positions being indexes into it. */
    static <T> Slice<T> page(List<T> items, int start, int size, boolean count) {
        return scan(items, start, size, Function.identity(), count);
    }

    /**
     * Users matching a filter (empty: all), from position {@code start}, at most {@code size}; {@code among}, when
     * given, the only keys that can match (skipped before a user is looked at).
     */
    Slice<UserView> users(Optional<Predicate<UserView>> filter, Optional<Set<String>> among, int start, int size, boolean count) {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            return scan(userOrder, start, size, key -> {
                if (among.isPresent() && !among.get().contains(key)) {
                    return null;
                }
                UserView user = new UserView(readUser(key, now));
                return filter.isEmpty() || filter.get().test(user) ? user : null;
            }, count);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** All users in a stable order, for {@code $orderby} and {@code $search}, which cannot page by position. */
    List<UserView> allUsers() {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            List<UserView> result = new ArrayList<>(userOrder.size());
            userOrder.forEach(key -> result.add(new UserView(readUser(key, now))));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<UserView> user(String idOrUserPrincipalName) {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            return find(idOrUserPrincipalName).map(user -> new UserView(readUser(key(user.id()), now)));
        } finally {
            lock.readLock().unlock();
        }
    }

    int userCount() {
        lock.readLock().lock();
        try {
            return userOrder.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Groups matching a filter (empty: all). */
    Slice<GroupView> groups(Optional<Filter> filter, int start, int size, boolean count) {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            List<String> keys = new ArrayList<>(groupsByKey.keySet());
            return scan(keys, start, size, key -> {
                GroupView group = readGroup(key, now);
                return filter.isEmpty() || filter.get().matches(group.target(hasMembersWithErrors(group, now))) ? group : null;
            }, count);
        } finally {
            lock.readLock().unlock();
        }
    }

    List<GroupView> allGroups() {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            List<GroupView> result = new ArrayList<>();
            groupsByKey.keySet().forEach(key -> result.add(readGroup(key, now)));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<GroupView> group(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(readGroup(key(id), clock.instant()));
        } finally {
            lock.readLock().unlock();
        }
    }

    private boolean hasMembersWithErrors(GroupView group, Instant now) {
        if (group.licenses().isEmpty()) {
            return false;
        }
        String groupKey = key(group.id());
        for (String member : group.members()) {
            UserRecord user = readUser(key(member), now);
            if (user != null && new UserView(user).hasLicenseErrorFrom(groupKey)) {
                return true;
            }
        }
        return false;
    }

    /** Which members a list shows: all, or only those of one type (an OData cast). */
    enum MemberKind { ANY, USERS, GROUPS }

    /**
     * A page of a group's members (users as {@link UserView}, groups as {@link GroupView}), direct or
     * transitive (every nested member once, nested groups included, cycles ignored), in file order,
     * breadth first. Empty when the group does not exist.
     */
    Optional<Slice<Object>> members(String groupId, boolean transitive, MemberKind kind, int start, int size, boolean count) {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            GroupView root = readGroup(key(groupId), now);
            if (root == null) {
                return Optional.empty();
            }
            List<String> keys = groupLag.pending(now) ? memberKeys(root, transitive, now)
                    : memberCache.computeIfAbsent((transitive ? "t:" : "d:") + key(root.id()), ignored -> memberKeys(root, transitive, now));
            return Optional.of(scan(keys, start, size, memberKey -> {
                UserRecord user = readUser(memberKey, now);
                if (user != null) {
                    return kind == MemberKind.GROUPS ? null : new UserView(user);
                }
                return kind == MemberKind.USERS ? null : readGroup(memberKey, now);
            }, count));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A page of the group's direct user members whose licenses from this group are in error. */
    Optional<Slice<UserView>> membersWithLicenseErrors(String groupId, int start, int size, boolean count) {
        lock.readLock().lock();
        try {
            Instant now = clock.instant();
            GroupView group = readGroup(key(groupId), now);
            if (group == null) {
                return Optional.empty();
            }
            String groupKey = key(group.id());
            return Optional.of(scan(group.members(), start, size, member -> {
                UserRecord user = readUser(key(member), now);
                if (user == null) {
                    return null;
                }
                UserView view = new UserView(user);
                return view.hasLicenseErrorFrom(groupKey) ? view : null;
            }, count));
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<String> memberKeys(GroupView root, boolean transitive, Instant now) {
        List<String> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(key(root.id()));
        Deque<GroupView> pending = new ArrayDeque<>();
        pending.add(root);
        while (!pending.isEmpty()) {
            GroupView group = pending.removeFirst();
            for (String member : group.members()) {
                String memberKey = key(member);
                if (!seen.add(memberKey)) {
                    continue;
                }
                if (usersByKey.containsKey(memberKey)) {
                    result.add(memberKey);
                } else {
                    GroupView nested = readGroup(memberKey, now);
                    if (nested != null) {
                        result.add(memberKey);
                        if (transitive) {
                            pending.addLast(nested);
                        }
                    }
                }
            }
            if (!transitive) {
                break;
            }
        }
        return List.copyOf(result);
    }

    private Optional<UserRecord> find(String idOrUserPrincipalName) {
        String key = key(idOrUserPrincipalName);
        UserRecord user = usersByKey.get(key);
        if (user == null) {
            String byUpn = keyByUpn.get(key);
            user = byUpn == null ? null : usersByKey.get(byUpn);
        }
        return Optional.ofNullable(user);
    }

    private void recountHolders() {
        holders.clear();
        for (UserRecord user : usersByKey.values()) {
            for (SkuId sku : new UserView(user).effectiveLicenses().keySet()) {
                holders.merge(sku, 1, Integer::sum);
            }
        }
    }

    // ---------------------------------------------------------------- changes

    /** Stores a changed user: seat counts follow what it holds, and lagging reads keep the old version. */
    private void putUser(UserRecord before, UserRecord after, Instant now) {
        String userKey = key(after.id());
        Set<SkuId> held = new UserView(before).effectiveLicenses().keySet();
        Set<SkuId> holding = new UserView(after).effectiveLicenses().keySet();
        for (SkuId sku : held) {
            if (!holding.contains(sku)) {
                changeHolders(sku, -1, now);
            }
        }
        for (SkuId sku : holding) {
            if (!held.contains(sku)) {
                changeHolders(sku, 1, now);
            }
        }
        userLag.replaced(userKey, before, now);
        usersByKey.put(userKey, after);
        Set<String> changed = trackedChanges(before, after);
        if (!changed.isEmpty()) {
            changes.add(ChangeLog.Kind.USER_CHANGED, userKey, changed, null, false);
        }
    }

    /**
     * The properties a user delta tracks that differ. {@code licenseAssignmentStates} is not among them:
     * Graph documents that its changes are not tracked (user-delta), so a change of state or error alone
     * does not surface; {@code assignedLicenses} (what the user holds) does.
     */
    private static Set<String> trackedChanges(UserRecord before, UserRecord after) {
        Set<String> changed = new java.util.LinkedHashSet<>();
        compare(changed, "displayName", before.displayName(), after.displayName());
        compare(changed, "userPrincipalName", before.userPrincipalName(), after.userPrincipalName());
        compare(changed, "userType", before.userType(), after.userType());
        compare(changed, "creationType", before.creationType(), after.creationType());
        compare(changed, "externalUserState", before.externalUserState(), after.externalUserState());
        compare(changed, "accountEnabled", before.accountEnabledOrDefault(), after.accountEnabledOrDefault());
        compare(changed, "usageLocation", before.usageLocation(), after.usageLocation());
        compare(changed, "onPremisesSyncEnabled", before.onPremisesSyncEnabled(), after.onPremisesSyncEnabled());
        compare(changed, "assignedLicenses", new UserView(before).effectiveLicenses(), new UserView(after).effectiveLicenses());
        return changed;
    }

    private static void compare(Set<String> changed, String property, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            changed.add(property);
        }
    }

    private void changeHolders(SkuId sku, int delta, Instant now) {
        seatLag.replaced(sku, consumed(sku), now);
        holders.merge(sku, delta, Integer::sum);
    }

    private void putGroup(GroupView before, GroupView after, Instant now) {
        groupLag.replaced(key(after.id()), before, now);
        groupsByKey.put(key(after.id()), after);
        memberCache.clear();
        logGroupChanges(before, after);
    }

    /** A group's tracked properties that changed, then each member added or removed. */
    private void logGroupChanges(GroupView before, GroupView after) {
        String groupKey = key(after.id());
        Set<String> changed = new java.util.LinkedHashSet<>();
        compare(changed, "displayName", before.displayName(), after.displayName());
        compare(changed, "groupTypes", before.groupTypes(), after.groupTypes());
        compare(changed, "securityEnabled", before.securityEnabled(), after.securityEnabled());
        compare(changed, "mailEnabled", before.mailEnabled(), after.mailEnabled());
        compare(changed, "membershipRule", before.membershipRule(), after.membershipRule());
        compare(changed, "assignedLicenses", licenseSummary(before), licenseSummary(after));
        if (!changed.isEmpty()) {
            changes.add(ChangeLog.Kind.GROUP_CHANGED, groupKey, changed, null, false);
        }
        for (String member : before.members()) {
            if (!after.hasMember(member)) {
                changes.add(ChangeLog.Kind.MEMBER_REMOVED, groupKey, Set.of(), member, isUserMember(member));
            }
        }
        for (String member : after.members()) {
            if (!before.hasMember(member)) {
                changes.add(ChangeLog.Kind.MEMBER_ADDED, groupKey, Set.of(), member, isUserMember(member));
            }
        }
    }

    private boolean isUserMember(String member) {
        String memberKey = key(member);
        if (usersByKey.containsKey(memberKey)) {
            return true;
        }
        return !groupsByKey.containsKey(memberKey) && changes.lastKnownType(memberKey).orElse(true);
    }

    private static Map<SkuId, SortedSet<ServicePlanId>> licenseSummary(GroupView group) {
        Map<SkuId, SortedSet<ServicePlanId>> result = new java.util.TreeMap<>();
        group.licenses().forEach(license -> result.put(license.skuId(), new TreeSet<>(license.disabledPlans())));
        return result;
    }

    /** One entry of {@code addLicenses}. */
    record LicenseRequest(SkuId skuId, SortedSet<ServicePlanId> disabledPlans) {}

    /**
     * Graph's {@code assignLicense} on a user: removals and additions applied together or not at all.
     *
     * @throws GraphErrorException 404 for an unknown user; 400 for an unknown SKU, a Company-level SKU,
     *     a missing usage location, a SKU not offered in the user's usage location, plans that cannot be
     *     enabled together, a plan left without one it depends on, no seat left, removing a license the
     *     user holds only through a group or does not hold
     */
    UserView assignLicense(String idOrUserPrincipalName, List<LicenseRequest> add, List<SkuId> remove) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            settle(now);
            UserRecord user = find(idOrUserPrincipalName).orElseThrow(() -> GraphErrorException.notFound(idOrUserPrincipalName));
            UserView before = new UserView(user);
            Set<SkuId> adding = new HashSet<>();
            for (LicenseRequest request : add) {
                TenantFile.Sku sku = knownSku(request.skuId());
                if ("Company".equalsIgnoreCase(sku.appliesTo())) {
                    throw GraphErrorException.badRequest("License " + request.skuId() + " cannot be assigned to a user.");
                }
                if (!adding.add(request.skuId())) {
                    throw GraphErrorException.badRequest("License " + request.skuId() + " is listed more than once in addLicenses.");
                }
                checkPlans(sku, request);
            }
            Set<SkuId> removing = new HashSet<>();
            for (SkuId sku : remove) {
                knownSku(sku);
                if (adding.contains(sku) || !removing.add(sku)) {
                    throw GraphErrorException.badRequest("License " + sku + " cannot be added and removed, or removed twice, in one request.");
                }
                boolean direct = user.direct().stream().anyMatch(source -> source.skuId().equals(sku));
                if (!direct) {
                    if (before.assignedSkus().contains(sku)) {
                        throw GraphErrorException.badRequest(
                                "User license is inherited from a group membership and it cannot be removed directly from the user.");
                    }
                    throw GraphErrorException.badRequest("User does not have a corresponding license.");
                }
            }
            if (!add.isEmpty() && !validUsageLocation(user.usageLocation())) {
                throw GraphErrorException.badRequest("License assignment cannot be done for user with invalid usage location.");
            }
            for (LicenseRequest request : add) {
                rules.unavailableIn(request.skuId(), user.usageLocation()).ifPresent(violation -> {
                    throw GraphErrorException.badRequest(violation.message());
                });
            }
            Map<SkuId, LicenseSource> direct = new LinkedHashMap<>();
            for (LicenseSource source : user.direct()) {
                if (!removing.contains(source.skuId())) {
                    direct.put(source.skuId(), source);
                }
            }
            for (LicenseRequest request : add) {
                // Re-adding a held SKU replaces its disabled plans, as Graph does.
                direct.put(request.skuId(), new LicenseSource(request.skuId(), request.disabledPlans(), Optional.empty(), now));
            }
            UserRecord changed = user.withDirect(new ArrayList<>(direct.values()));
            UserView after = new UserView(changed);
            checkRules(before, after, add);
            Set<SkuId> held = new HashSet<>(before.assignedSkus());
            for (SkuId sku : after.assignedSkus()) {
                if (!held.contains(sku) && !seatFree(sku)) {
                    throw GraphErrorException.badRequest("Subscription with SKU " + sku + " does not have any available licenses.");
                }
            }
            putUser(user, changed, now);
            return after;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Mutually exclusive plans among what the user would hold, and dependencies the change would break. */
    private void checkRules(UserView before, UserView after, List<LicenseRequest> add) {
        for (LicenseRequest request : add) {
            Set<ServicePlanId> added = rules.enabledPlans(request.skuId(), request.disabledPlans());
            List<LicenseSource> others = new ArrayList<>();
            for (LicenseSource source : after.sources()) {
                if (!source.skuId().equals(request.skuId())) {
                    others.add(source);
                }
            }
            rules.conflict(rules.enabledPlans(others), added).ifPresent(violation -> {
                throw GraphErrorException.badRequest(violation.message());
            });
        }
        Set<ServicePlanId> enabledBefore = rules.enabledPlans(before.sources());
        Set<ServicePlanId> enabledAfter = rules.enabledPlans(after.sources());
        List<ServicePlanId> checked = new ArrayList<>();
        for (ServicePlanId plan : rules.dependent(enabledAfter)) {
            // a plan that was already short of its dependencies (as the file had it) does not block other changes
            boolean wasSatisfied = enabledBefore.contains(plan) && rules.missingDependency(List.of(plan), enabledBefore).isEmpty();
            if (!enabledBefore.contains(plan) || wasSatisfied) {
                checked.add(plan);
            }
        }
        rules.missingDependency(checked, enabledAfter).ifPresent(violation -> {
            throw GraphErrorException.badRequest(violation.message());
        });
    }

    private TenantFile.Sku knownSku(SkuId id) {
        TenantFile.Sku sku = skus.get(id);
        if (sku == null) {
            throw GraphErrorException.badRequest("License " + id + " does not correspond to a valid company License.");
        }
        return sku;
    }

    private static void checkPlans(TenantFile.Sku sku, LicenseRequest request) {
        if (sku.servicePlans().isEmpty()) {
            return; // the file does not list the SKU's plans: nothing to check against
        }
        Set<ServicePlanId> known = new HashSet<>();
        sku.servicePlans().forEach(plan -> known.add(ServicePlanId.of(plan.servicePlanId())));
        for (ServicePlanId plan : request.disabledPlans()) {
            if (!known.contains(plan)) {
                throw GraphErrorException.badRequest("Service plan " + plan + " is not part of the SKU " + request.skuId() + ".");
            }
        }
    }

    private boolean seatFree(SkuId id) {
        TenantFile.Sku sku = skus.get(id);
        String status = sku.capabilityStatus() == null ? "Enabled" : sku.capabilityStatus();
        if (!status.equalsIgnoreCase("Enabled") && !status.equalsIgnoreCase("Warning")) {
            return false;
        }
        int capacity = sku.prepaidUnits().enabled() + (countWarningSeats ? sku.prepaidUnits().warning() : 0);
        return consumed(id) < capacity;
    }

    static boolean validUsageLocation(String usageLocation) {
        return usageLocation != null && usageLocation.matches("[A-Za-z]{2}");
    }

    /**
     * Graph's {@code assignLicense} on a group: the group's licenses change at once, and its members are
     * processed later ({@code 202 Accepted}; {@code licenseProcessingState} QueuedForProcessing until then).
     *
     * @throws GraphErrorException 404 for an unknown group; 400 for an unknown or Company-level SKU, a group
     *     that is not security-enabled, a disabled plan the SKU does not have, removing a license the group lacks
     */
    GroupView assignGroupLicense(String groupId, List<LicenseRequest> add, List<SkuId> remove) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            settle(now);
            GroupView group = groupsByKey.get(key(groupId));
            if (group == null) {
                throw GraphErrorException.notFound(groupId);
            }
            if (!group.securityEnabled()) {
                throw GraphErrorException.badRequest("Licenses can be assigned only to security-enabled groups.");
            }
            Map<SkuId, LicenseSource> licenses = new LinkedHashMap<>();
            group.licenses().forEach(license -> licenses.put(license.skuId(), license));
            Set<SkuId> adding = new HashSet<>();
            for (LicenseRequest request : add) {
                TenantFile.Sku sku = knownSku(request.skuId());
                if ("Company".equalsIgnoreCase(sku.appliesTo())) {
                    throw GraphErrorException.badRequest("License " + request.skuId() + " cannot be assigned to a group.");
                }
                if (!adding.add(request.skuId())) {
                    throw GraphErrorException.badRequest("License " + request.skuId() + " is listed more than once in addLicenses.");
                }
                checkPlans(sku, request);
            }
            for (SkuId sku : remove) {
                knownSku(sku);
                if (adding.contains(sku) || licenses.remove(sku) == null) {
                    throw GraphErrorException.badRequest("License " + sku + " is not assigned to the group, or is also added.");
                }
            }
            for (LicenseRequest request : add) {
                licenses.put(request.skuId(), new LicenseSource(request.skuId(), request.disabledPlans(),
                        Optional.of(new GroupId(group.id())), now));
            }
            GroupView changed = group.withQueuedLicenses(new ArrayList<>(licenses.values()), now);
            putGroup(group, changed, now);
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Graph's {@code reprocessLicenseAssignment}: every group-based assignment of the user evaluated again. */
    UserView reprocessLicenseAssignment(String idOrUserPrincipalName) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            settle(now);
            UserRecord user = find(idOrUserPrincipalName).orElseThrow(() -> GraphErrorException.notFound(idOrUserPrincipalName));
            UserRecord changed = user;
            for (GroupView group : groupsByKey.values()) {
                if (!group.licenses().isEmpty() && group.hasMember(user.id())) {
                    changed = evaluate(changed, group, now);
                }
            }
            putUser(user, changed, now);
            return new UserView(changed);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Processes group license changes whose time has come; called before each request is handled.
     * Idempotent and cheap when nothing is queued.
     */
    void settle() {
        lock.writeLock().lock();
        try {
            settle(clock.instant());
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void settle(Instant now) {
        userLag.prune(now);
        groupLag.prune(now);
        seatLag.prune(now);
        for (GroupView group : new ArrayList<>(groupsByKey.values())) {
            if (group.queuedAt().isPresent() && !group.queuedAt().get().plus(licensingDelay).isAfter(now)) {
                processGroup(group, now);
                putGroup(group, group.processed(), now);
            }
        }
    }

    private void processGroup(GroupView group, Instant now) {
        String groupKey = key(group.id());
        for (String member : group.members()) {
            UserRecord user = usersByKey.get(key(member));
            if (user != null) {
                putUser(user, evaluate(user, group, now), now);
            }
        }
        // members of no group any more keep nothing from it; users outside the group never had its licenses
        for (String userKey : userOrder) {
            UserRecord user = usersByKey.get(userKey);
            if (!group.hasMember(user.id()) && user.inherited().stream().anyMatch(source -> source.from(groupKey))) {
                putUser(user, withoutGroup(user, groupKey), now);
            }
        }
    }

    private static UserRecord withoutGroup(UserRecord user, String groupKey) {
        List<LicenseSource> kept = new ArrayList<>();
        for (LicenseSource source : user.inherited()) {
            if (!source.from(groupKey)) {
                kept.add(source);
            }
        }
        return user.withInherited(kept);
    }

    /**
     * Entra's processing of one group for one member, all or nothing: every license of the group Active,
     * or every one in Error with the first violation found (SKU not offered in the usage location, plans
     * that cannot be enabled together, a missing dependency, no free seat). A seat the user already holds
     * (from this group or another source) is not taken again.
     */
    private UserRecord evaluate(UserRecord user, GroupView group, Instant now) {
        String groupKey = key(group.id());
        UserRecord without = withoutGroup(user, groupKey);
        UserView others = new UserView(without);
        Set<SkuId> heldElsewhere = others.effectiveLicenses().keySet();
        Set<SkuId> heldFromGroup = new HashSet<>();
        for (LicenseSource source : user.inherited()) {
            if (source.from(groupKey) && source.isAssigned()) {
                heldFromGroup.add(source.skuId());
            }
        }
        Set<ServicePlanId> otherPlans = rules.enabledPlans(others.sources());
        Set<ServicePlanId> groupPlans = new HashSet<>();
        group.licenses().forEach(license -> groupPlans.addAll(rules.enabledPlans(license.skuId(), license.disabledPlans())));
        Optional<String> error = Optional.empty();
        for (LicenseSource license : group.licenses()) {
            if (error.isEmpty()) {
                error = rules.unavailableIn(license.skuId(), user.usageLocation()).map(LicenseRules.Violation::error);
            }
        }
        if (error.isEmpty()) {
            error = rules.conflict(otherPlans, groupPlans).map(LicenseRules.Violation::error);
        }
        if (error.isEmpty()) {
            Set<ServicePlanId> all = new HashSet<>(otherPlans);
            all.addAll(groupPlans);
            error = rules.missingDependency(rules.dependent(groupPlans), all).map(LicenseRules.Violation::error);
        }
        for (LicenseSource license : group.licenses()) {
            SkuId sku = license.skuId();
            if (error.isEmpty() && !heldElsewhere.contains(sku) && !heldFromGroup.contains(sku) && !seatFree(sku)) {
                error = Optional.of("CountViolation");
            }
        }
        List<LicenseSource> inherited = new ArrayList<>(without.inherited());
        for (LicenseSource license : group.licenses()) {
            inherited.add(error.isEmpty() ? license.withOutcome(AssignmentState.ACTIVE, null, now)
                    : license.withOutcome(AssignmentState.ERROR, error.get(), now));
        }
        return without.withInherited(inherited);
    }

    /** A change to a user's writable properties ({@code PATCH /users/{id}}). */
    record UserPatch(Optional<Optional<String>> usageLocation, Optional<Boolean> accountEnabled, Optional<String> displayName) {}

    void updateUser(String idOrUserPrincipalName, UserPatch patch) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            UserRecord before = find(idOrUserPrincipalName).orElseThrow(() -> GraphErrorException.notFound(idOrUserPrincipalName));
            UserRecord user = before;
            if (patch.usageLocation().isPresent()) {
                user = user.withUsageLocation(patch.usageLocation().get().map(value -> value.toUpperCase(Locale.ROOT)).orElse(null));
            }
            if (patch.accountEnabled().isPresent()) {
                user = user.withAccountEnabled(patch.accountEnabled().get());
            }
            if (patch.displayName().isPresent()) {
                user = user.withDisplayName(patch.displayName().get());
            }
            putUser(before, user, now);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds a member (a user's or a group's id) to a group, as an administrator would; Entra processes the
     * licenses the group carries for a new user member at once (in error when a rule is broken).
     *
     * @throws IllegalArgumentException when the group or the member does not exist
     */
    public void addMember(GroupId group, String memberId) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            GroupView current = requireGroup(group);
            if (!usersByKey.containsKey(key(memberId)) && !groupsByKey.containsKey(key(memberId))) {
                throw new IllegalArgumentException("no user or group has id " + memberId);
            }
            if (!current.hasMember(memberId)) {
                List<String> members = new ArrayList<>(current.members());
                members.add(memberId);
                GroupView changed = current.withMembers(members);
                putGroup(current, changed, now);
                UserRecord user = usersByKey.get(key(memberId));
                if (user != null && !changed.licenses().isEmpty()) {
                    putUser(user, evaluate(user, changed, now), now);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void addMember(GroupId group, UserId user) {
        addMember(group, user.value());
    }

    /** Removes a member from a group; licenses inherited from it go at once. */
    public void removeMember(GroupId group, String memberId) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            GroupView current = requireGroup(group);
            putGroup(current, current.withoutMember(memberId), now);
            UserRecord user = usersByKey.get(key(memberId));
            if (user != null) {
                putUser(user, withoutGroup(user, key(current.id())), now);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void removeMember(GroupId group, UserId user) {
        removeMember(group, user.value());
    }

    private GroupView requireGroup(GroupId group) {
        GroupView current = groupsByKey.get(key(group.value()));
        if (current == null) {
            throw new IllegalArgumentException("no group has id " + group.value());
        }
        return current;
    }

    /**
     * Graph's {@code POST /groups/{id}/members/$ref}: adds a user or group as a direct member.
     *
     * @throws GraphErrorException 404 for an unknown group or member; 400 when it is a member already, when it
     *     is the group itself, or when the group's membership is dynamic
     */
    void addMemberReference(String groupId, String memberId) {
        lock.writeLock().lock();
        try {
            GroupView group = groupsByKey.get(key(groupId));
            if (group == null) {
                throw GraphErrorException.notFound(groupId);
            }
            if (!usersByKey.containsKey(key(memberId)) && !groupsByKey.containsKey(key(memberId))) {
                throw GraphErrorException.notFound(memberId);
            }
            if (group.hasMember(memberId)) {
                // Graph's text for a member added twice
                throw GraphErrorException.badRequest(
                        "One or more added object references already exist for the following modified properties: 'members'.");
            }
            if (key(memberId).equals(key(group.id()))) {
                throw GraphErrorException.badRequest("A group cannot be a member of itself."); // INFERENCE: text
            }
            if (group.isDynamic()) {
                // INFERENCE: Graph refuses direct writes to a rule-based group; its exact text is not documented
                throw GraphErrorException.badRequest("Members of a group with dynamic membership cannot be added or removed directly.");
            }
            String stored = usersByKey.containsKey(key(memberId)) ? usersByKey.get(key(memberId)).id() : groupsByKey.get(key(memberId)).id();
            addMember(new GroupId(group.id()), stored);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Graph's {@code DELETE /groups/{id}/members/{memberId}/$ref}.
     *
     * @throws GraphErrorException 404 for an unknown group or a member the group does not have; 400 for a dynamic group
     */
    void removeMemberReference(String groupId, String memberId) {
        lock.writeLock().lock();
        try {
            GroupView group = groupsByKey.get(key(groupId));
            if (group == null) {
                throw GraphErrorException.notFound(groupId);
            }
            if (!group.hasMember(memberId)) {
                throw GraphErrorException.notFound(memberId);
            }
            if (group.isDynamic()) {
                throw GraphErrorException.badRequest("Members of a group with dynamic membership cannot be added or removed directly.");
            }
            removeMember(new GroupId(group.id()), memberId);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Creates a user, as an administrator would (its {@code assignedLicenses}, if any, become direct
     * licenses, whatever the seat count). Delta queries report it as new.
     *
     * @throws IllegalArgumentException when the id or userPrincipalName is taken
     */
    public void createUser(TenantFile.UserEntry entry) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            if (usersByKey.containsKey(key(entry.id())) || groupsByKey.containsKey(key(entry.id()))
                    || keyByUpn.containsKey(entry.userPrincipalName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("a user or group with id " + entry.id() + " or userPrincipalName "
                        + entry.userPrincipalName() + " exists already");
            }
            List<LicenseSource> direct = new ArrayList<>();
            for (TenantFile.License license : entry.assignedLicenses()) {
                direct.add(new LicenseSource(SkuId.of(license.skuId()), planIds(license.disabledPlans()), Optional.empty(), now));
            }
            UserRecord user = new UserRecord(entry.id(), entry.userPrincipalName(), entry.displayName(), entry.userType(),
                    entry.creationType(), entry.externalUserState(), entry.accountEnabled(), entry.usageLocation(),
                    entry.onPremisesSyncEnabled(), direct, List.of(), List.of());
            String userKey = key(entry.id());
            userOrder.add(userKey);
            keyByUpn.put(entry.userPrincipalName().toLowerCase(Locale.ROOT), userKey);
            usersByKey.put(userKey, user);
            for (SkuId sku : new UserView(user).effectiveLicenses().keySet()) {
                changeHolders(sku, 1, now);
            }
            changes.userCreated(userKey, true);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Deletes a user (Entra's soft delete: delta queries report it {@code @removed} with reason
     * {@code changed}): it leaves every group, and its seats are free again (INFERENCE: Entra's exact
     * timing of freeing a deleted user's seats is not documented).
     *
     * @throws IllegalArgumentException when no user has the id
     */
    public void deleteUser(UserId id) {
        lock.writeLock().lock();
        try {
            Instant now = clock.instant();
            UserRecord user = find(id.value()).orElseThrow(() -> new IllegalArgumentException("no user has id " + id.value()));
            String userKey = key(user.id());
            for (GroupView group : new ArrayList<>(groupsByKey.values())) {
                if (group.hasMember(user.id())) {
                    putGroup(group, group.withoutMember(user.id()), now);
                }
            }
            for (SkuId sku : new UserView(user).effectiveLicenses().keySet()) {
                changeHolders(sku, -1, now);
            }
            userLag.replaced(userKey, user, now);
            usersByKey.remove(userKey);
            userOrder.remove(userKey);
            keyByUpn.remove(user.userPrincipalName().toLowerCase(Locale.ROOT));
            changes.add(ChangeLog.Kind.USER_DELETED, userKey, Set.of(), null, false);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Invalidates every delta token issued so far: using one answers {@code 410 Gone}, Graph's signal
     * that a client must synchronize again from the start (graph-facts §6).
     */
    public void resetDeltaTokens() {
        lock.writeLock().lock();
        try {
            deltaGeneration++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** What delta queries read, under the tenant's read lock: the present, whatever the replication lag. */
    interface DeltaSource {
        long sequence();

        int generation();

        ChangeLog log();

        Optional<UserView> user(String key);

        Optional<GroupView> group(String key);

        List<String> groupKeys();

        /** A group's members at {@code upTo}, sorted by id: a stable order to page through. */
        List<ChangeLog.MemberChange> membersAt(String groupKey, long upTo);
    }

    <T> T readForDelta(Function<DeltaSource, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(new DeltaSource() {
                @Override
                public long sequence() {
                    return changes.sequence();
                }

                @Override
                public int generation() {
                    return deltaGeneration;
                }

                @Override
                public ChangeLog log() {
                    return changes;
                }

                @Override
                public Optional<UserView> user(String key) {
                    return Optional.ofNullable(usersByKey.get(key)).map(UserView::new);
                }

                @Override
                public Optional<GroupView> group(String key) {
                    return Optional.ofNullable(groupsByKey.get(key));
                }

                @Override
                public List<String> groupKeys() {
                    return List.copyOf(groupsByKey.keySet());
                }

                @Override
                public List<ChangeLog.MemberChange> membersAt(String groupKey, long upTo) {
                    GroupView group = groupsByKey.get(groupKey);
                    if (group == null) {
                        return List.of();
                    }
                    Map<String, Boolean> types = new HashMap<>();
                    List<ChangeLog.MemberChange> result = new ArrayList<>();
                    for (String member : changes.membersAt(groupKey, group.members(), upTo, types)) {
                        boolean user = types.getOrDefault(key(member), isUserMember(member));
                        result.add(new ChangeLog.MemberChange(member, user, false));
                    }
                    result.sort(java.util.Comparator.comparing(change -> key(change.id())));
                    return result;
                }
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---------------------------------------------------------------- export

    /**
     * The tenant as it is now, in the tenant-file format (what {@code --save} writes): SKUs with their
     * current {@code consumedUnits}, users with their held {@code assignedLicenses} and, when any license is
     * inherited or in error, every source as {@code licenseAssignmentStates} with its state and error;
     * groups with their kind, members and licenses.
     */
    public TenantFile toTenantFile() {
        lock.writeLock().lock();
        try {
            settle(clock.instant());
            List<TenantFile.Sku> skuEntries = new ArrayList<>();
            skus.forEach((id, sku) -> skuEntries.add(new TenantFile.Sku(sku.skuId(), sku.skuPartNumber(), sku.appliesTo(),
                    sku.capabilityStatus(), sku.prepaidUnits(), consumed(id), sku.servicePlans(), sku.unavailableUsageLocations())));
            List<TenantFile.UserEntry> userEntries = new ArrayList<>();
            for (String key : userOrder) {
                UserView view = new UserView(usersByKey.get(key));
                UserRecord user = view.user();
                List<TenantFile.License> assigned = new ArrayList<>();
                view.effectiveLicenses().forEach((sku, plans) -> assigned.add(new TenantFile.License(sku.toString(), strings(plans))));
                List<TenantFile.LicenseState> states = null;
                if (view.sources().stream().anyMatch(source -> !source.isDirect() || source.hasError())) {
                    states = new ArrayList<>();
                    for (LicenseSource source : view.sources()) {
                        states.add(new TenantFile.LicenseState(source.skuId().toString(), strings(source.disabledPlans()),
                                source.assignedByGroup().map(GroupId::value).orElse(null), source.state().graphName(), source.error()));
                    }
                }
                userEntries.add(new TenantFile.UserEntry(user.id(), user.userPrincipalName(), user.displayName(), user.userType(),
                        user.creationType(), user.externalUserState(), user.accountEnabled(), user.usageLocation(),
                        user.onPremisesSyncEnabled(), assigned, states, user.createdDateTime(), user.signInActivity()));
            }
            List<TenantFile.GroupEntry> groupEntries = new ArrayList<>();
            for (GroupView group : groupsByKey.values()) {
                List<TenantFile.License> licenses = new ArrayList<>();
                group.licenses().forEach(license -> licenses.add(new TenantFile.License(license.skuId().toString(),
                        strings(license.disabledPlans()))));
                boolean unified = group.groupTypes().stream().anyMatch("Unified"::equalsIgnoreCase);
                // the defaults (security group: security-enabled, not mail-enabled; Microsoft 365: the reverse) stay implicit
                groupEntries.add(new TenantFile.GroupEntry(group.id(), group.displayName(), group.groupTypes(),
                        group.securityEnabled() == !unified ? null : group.securityEnabled(),
                        group.mailEnabled() == unified ? null : group.mailEnabled(), group.membershipRule(), group.members(), licenses));
            }
            return new TenantFile(tenantId.value(), skuEntries, userEntries, groupEntries);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The tenant as it is now, as the engine's model. */
    public TenantSnapshot snapshot() {
        return TenantFileMapper.toSnapshot(toTenantFile(), "emulator");
    }

    private static List<String> strings(Set<ServicePlanId> ids) {
        List<String> result = new ArrayList<>();
        new TreeSet<>(ids).forEach(id -> result.add(id.toString()));
        return result;
    }
}
