package io.seatwarden.emulator;

import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;

import java.time.Clock;
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
 * The emulated tenant: subscriptions, users and groups, changed by {@code assignLicense} and
 * {@code PATCH}, and by tests through {@link #addMember}/{@link #removeMember}.
 *
 * <p>Thread-safe: reads share a read lock, changes take the write lock, and every change is atomic
 * (an {@code assignLicense} with additions and removals is applied entirely or not at all).
 *
 * <p>Seats: a SKU's {@code consumedUnits} is one seat per user holding it (whatever the number of
 * sources: direct and any number of licensed groups), plus the seats the tenant file says are held
 * outside it (its {@code consumedUnits} minus what its users hold, when larger), which stay constant.
 *
 * <p>Group-based licensing: a group with {@code assignedLicenses} gives them to its direct user
 * members (never through nesting, as in Entra); membership changes take effect at once.
 */
public final class TenantState {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final TenantId tenantId;
    private final Clock clock;
    private final boolean countWarningSeats;
    private final LinkedHashMap<SkuId, TenantFile.Sku> skus = new LinkedHashMap<>();
    private final Map<SkuId, Integer> heldOutside = new HashMap<>();
    private final Map<SkuId, Integer> holders = new HashMap<>();
    private final List<String> userOrder = new ArrayList<>();
    private final Map<String, UserRecord> usersByKey = new HashMap<>();
    private final Map<String, String> keyByUpn = new HashMap<>();
    private final LinkedHashMap<String, GroupView> groupsByKey = new LinkedHashMap<>();
    private final List<String> licensedGroupKeys = new ArrayList<>();
    /** Flattened member lists by group, dropped whenever membership changes. */
    private final Map<String, List<String>> memberCache = new ConcurrentHashMap<>();

    TenantState(TenantFile file, Clock clock, boolean countWarningSeats) {
        // The mapper checks the file's consistency (duplicate ids, unknown members) with clear messages.
        TenantFileMapper.toSnapshot(file, "tenant file");
        this.tenantId = file.tenantId() == null ? TenantId.DEFAULT : new TenantId(file.tenantId());
        this.clock = clock;
        this.countWarningSeats = countWarningSeats;
        Instant loaded = clock.instant();
        for (TenantFile.Sku sku : file.subscribedSkus()) {
            skus.put(SkuId.of(sku.skuId()), sku);
        }
        for (TenantFile.GroupEntry entry : file.groups()) {
            List<LicenseSource> licenses = new ArrayList<>();
            for (TenantFile.License license : entry.assignedLicenses()) {
                licenses.add(new LicenseSource(SkuId.of(license.skuId()), planIds(license.disabledPlans()),
                        Optional.of(new GroupId(entry.id())), loaded));
            }
            groupsByKey.put(key(entry.id()), new GroupView(entry.id(), entry.displayName(), entry.members(), licenses));
            if (!licenses.isEmpty()) {
                licensedGroupKeys.add(key(entry.id()));
            }
        }
        for (TenantFile.UserEntry entry : file.users()) {
            List<LicenseSource> direct = new ArrayList<>();
            List<LicenseSource> pinned = new ArrayList<>();
            if (entry.licenseAssignmentStates() != null) {
                for (TenantFile.LicenseState state : entry.licenseAssignmentStates()) {
                    SkuId sku = SkuId.of(state.skuId());
                    if (state.assignedByGroup() == null) {
                        direct.add(new LicenseSource(sku, planIds(state.disabledPlans()), Optional.empty(), loaded));
                    } else if (!derivable(state.assignedByGroup(), entry.id(), sku)) {
                        pinned.add(new LicenseSource(sku, planIds(state.disabledPlans()),
                                Optional.of(new GroupId(state.assignedByGroup())), loaded));
                    }
                }
            } else {
                for (TenantFile.License license : entry.assignedLicenses()) {
                    direct.add(new LicenseSource(SkuId.of(license.skuId()), planIds(license.disabledPlans()), Optional.empty(), loaded));
                }
            }
            UserRecord user = new UserRecord(entry.id(), entry.userPrincipalName(), entry.displayName(), entry.userType(),
                    entry.creationType(), entry.externalUserState(), entry.accountEnabled(), entry.usageLocation(),
                    entry.onPremisesSyncEnabled(), direct, pinned);
            userOrder.add(key(entry.id()));
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

    // ---------------------------------------------------------------- reads

    /** A SKU as served, with its current {@code consumedUnits}. */
    record SkuView(TenantFile.Sku sku, int consumedUnits) {}

    List<SkuView> skus() {
        lock.readLock().lock();
        try {
            List<SkuView> result = new ArrayList<>();
            skus.forEach((id, sku) -> result.add(new SkuView(sku, consumed(id))));
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The current {@code consumedUnits} of a SKU (0 for an unknown one). */
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

    /** Users matching a filter (empty: all), from position {@code start}, at most {@code size}. */
    Slice<UserView> users(Optional<Predicate<UserView>> filter, int start, int size, boolean count) {
        lock.readLock().lock();
        try {
            return scan(userOrder, start, size, key -> {
                UserView user = view(usersByKey.get(key));
                return filter.isEmpty() || filter.get().test(user) ? user : null;
            }, count);
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<UserView> user(String idOrUserPrincipalName) {
        lock.readLock().lock();
        try {
            return find(idOrUserPrincipalName).map(this::view);
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

    Slice<GroupView> groups(Predicate<GroupView> filter, int start, int size, boolean count) {
        lock.readLock().lock();
        try {
            return scan(new ArrayList<>(groupsByKey.values()), start, size, group -> filter.test(group) ? group : null, count);
        } finally {
            lock.readLock().unlock();
        }
    }

    Optional<GroupView> group(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(groupsByKey.get(key(id)));
        } finally {
            lock.readLock().unlock();
        }
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
            GroupView root = groupsByKey.get(key(groupId));
            if (root == null) {
                return Optional.empty();
            }
            List<String> keys = memberCache.computeIfAbsent((transitive ? "t:" : "d:") + key(root.id()),
                    ignored -> memberKeys(root, transitive));
            return Optional.of(scan(keys, start, size, memberKey -> {
                UserRecord user = usersByKey.get(memberKey);
                if (user != null) {
                    return kind == MemberKind.GROUPS ? null : view(user);
                }
                return kind == MemberKind.USERS ? null : groupsByKey.get(memberKey);
            }, count));
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<String> memberKeys(GroupView root, boolean transitive) {
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
                    GroupView nested = groupsByKey.get(memberKey);
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

    private UserView view(UserRecord user) {
        List<LicenseSource> sources = new ArrayList<>(user.direct());
        String userKey = licensedGroupKeys.isEmpty() ? null : key(user.id());
        for (String groupKey : licensedGroupKeys) {
            GroupView group = groupsByKey.get(groupKey);
            if (group.memberKeys().contains(userKey)) {
                sources.addAll(group.licenses());
            }
        }
        sources.addAll(user.pinned());
        return new UserView(user, sources);
    }

    private void recountHolders() {
        holders.clear();
        for (UserRecord user : usersByKey.values()) {
            for (SkuId sku : view(user).effectiveLicenses().keySet()) {
                holders.merge(sku, 1, Integer::sum);
            }
        }
    }

    // ---------------------------------------------------------------- changes

    /** One entry of {@code addLicenses}. */
    record LicenseRequest(SkuId skuId, SortedSet<ServicePlanId> disabledPlans) {}

    /**
     * Graph's {@code assignLicense}: removals and additions applied together or not at all.
     *
     * @throws GraphErrorException 404 for an unknown user; 400 for an unknown SKU, a Company-level SKU,
     *     a missing usage location, no seat left, removing a license the user holds only through a group
     *     or does not hold
     */
    UserView assignLicense(String idOrUserPrincipalName, List<LicenseRequest> add, List<SkuId> remove) {
        lock.writeLock().lock();
        try {
            UserRecord user = find(idOrUserPrincipalName).orElseThrow(() -> GraphErrorException.notFound(idOrUserPrincipalName));
            UserView before = view(user);
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
            Instant now = clock.instant();
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
            Set<SkuId> held = new HashSet<>(before.assignedSkus());
            Set<SkuId> after = new HashSet<>(view(changed).assignedSkus());
            for (SkuId sku : after) {
                if (!held.contains(sku) && !seatFree(sku)) {
                    throw GraphErrorException.badRequest("Subscription with SKU " + sku + " does not have any available licenses.");
                }
            }
            usersByKey.put(key(user.id()), changed);
            for (SkuId sku : held) {
                if (!after.contains(sku)) {
                    holders.merge(sku, -1, Integer::sum);
                }
            }
            for (SkuId sku : after) {
                if (!held.contains(sku)) {
                    holders.merge(sku, 1, Integer::sum);
                }
            }
            return view(changed);
        } finally {
            lock.writeLock().unlock();
        }
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

    /** A change to a user's writable properties ({@code PATCH /users/{id}}). */
    record UserPatch(Optional<Optional<String>> usageLocation, Optional<Boolean> accountEnabled, Optional<String> displayName) {}

    void updateUser(String idOrUserPrincipalName, UserPatch patch) {
        lock.writeLock().lock();
        try {
            UserRecord user = find(idOrUserPrincipalName).orElseThrow(() -> GraphErrorException.notFound(idOrUserPrincipalName));
            if (patch.usageLocation().isPresent()) {
                user = user.withUsageLocation(patch.usageLocation().get().map(value -> value.toUpperCase(Locale.ROOT)).orElse(null));
            }
            if (patch.accountEnabled().isPresent()) {
                user = user.withAccountEnabled(patch.accountEnabled().get());
            }
            if (patch.displayName().isPresent()) {
                user = user.withDisplayName(patch.displayName().get());
            }
            usersByKey.put(key(user.id()), user);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Adds a member (a user's or a group's id) to a group, as an administrator would; licenses the
     * group carries reach a new user member at once.
     *
     * @throws IllegalArgumentException when the group or the member does not exist
     */
    public void addMember(GroupId group, String memberId) {
        lock.writeLock().lock();
        try {
            GroupView current = requireGroup(group);
            if (!usersByKey.containsKey(key(memberId)) && !groupsByKey.containsKey(key(memberId))) {
                throw new IllegalArgumentException("no user or group has id " + memberId);
            }
            if (!current.hasMember(memberId)) {
                List<String> members = new ArrayList<>(current.members());
                members.add(memberId);
                groupsByKey.put(key(current.id()), current.withMembers(members));
                memberCache.clear();
                recountHolders();
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
            GroupView current = requireGroup(group);
            groupsByKey.put(key(current.id()), current.withoutMember(memberId));
            memberCache.clear();
            recountHolders();
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

    // ---------------------------------------------------------------- export

    /**
     * The tenant as it is now, in the tenant-file format (what {@code --save} writes): SKUs with their
     * current {@code consumedUnits}, users with their effective {@code assignedLicenses} and, when any
     * license is inherited, every source as {@code licenseAssignmentStates}; groups with members and licenses.
     */
    public TenantFile toTenantFile() {
        lock.readLock().lock();
        try {
            List<TenantFile.Sku> skuEntries = new ArrayList<>();
            skus.forEach((id, sku) -> skuEntries.add(new TenantFile.Sku(sku.skuId(), sku.skuPartNumber(), sku.appliesTo(),
                    sku.capabilityStatus(), sku.prepaidUnits(), consumed(id), sku.servicePlans())));
            List<TenantFile.UserEntry> userEntries = new ArrayList<>();
            for (String key : userOrder) {
                UserView view = view(usersByKey.get(key));
                UserRecord user = view.user();
                List<TenantFile.License> assigned = new ArrayList<>();
                view.effectiveLicenses().forEach((sku, plans) -> assigned.add(new TenantFile.License(sku.toString(), strings(plans))));
                List<TenantFile.LicenseState> states = null;
                if (view.sources().stream().anyMatch(source -> !source.isDirect())) {
                    states = new ArrayList<>();
                    for (LicenseSource source : view.sources()) {
                        states.add(new TenantFile.LicenseState(source.skuId().toString(), strings(source.disabledPlans()),
                                source.assignedByGroup().map(GroupId::value).orElse(null), "Active", null));
                    }
                }
                userEntries.add(new TenantFile.UserEntry(user.id(), user.userPrincipalName(), user.displayName(), user.userType(),
                        user.creationType(), user.externalUserState(), user.accountEnabled(), user.usageLocation(),
                        user.onPremisesSyncEnabled(), assigned, states));
            }
            List<TenantFile.GroupEntry> groupEntries = new ArrayList<>();
            for (GroupView group : groupsByKey.values()) {
                List<TenantFile.License> licenses = new ArrayList<>();
                group.licenses().forEach(license -> licenses.add(new TenantFile.License(license.skuId().toString(),
                        strings(license.disabledPlans()))));
                groupEntries.add(new TenantFile.GroupEntry(group.id(), group.displayName(), group.members(), licenses));
            }
            return new TenantFile(tenantId.value(), skuEntries, userEntries, groupEntries);
        } finally {
            lock.readLock().unlock();
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
