package io.seatwarden.directory;

import com.google.common.primitives.ImmutableIntArray;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a {@link ReadScope} covers, decided the same way by every {@link DirectoryReader}, so that a
 * tenant file and Microsoft Graph give identical snapshots for the same scope:
 * <ul>
 *   <li>every subscribed SKU (seat counts are tenant-wide);</li>
 *   <li>the groups a reference names: a group whose id is the reference, and every group whose
 *       display name equals it ignoring case (as Graph's {@code displayName eq '...'} does), so the
 *       planner's resolver sees "no group" or "ambiguous" exactly as it would in the whole tenant;</li>
 *   <li>every group reachable from those through nested membership, with its direct members;</li>
 *   <li>the users who are direct members of any of those groups, and the holders (from any source)
 *       of the SKUs the scope names;</li>
 *   <li>users' {@code createdDateTime} and {@code signInActivity} only when the scope asks for them
 *       ({@link ReadScope#signInActivity()}).</li>
 * </ul>
 * A subset keeps the tenant's own order; {@link #canonical} sorts a snapshot (users and groups by id,
 * member lists, license sources by SKU then group), for readers whose order is accidental (Graph's
 * parallel page chains) and for comparing snapshots. Pure: no I/O.
 */
public final class SnapshotScope {
    private static final Comparator<LicenseAssignment> LICENSE_ORDER = Comparator
            .comparing(LicenseAssignment::skuId)
            .thenComparing(license -> license.assignedByGroup().map(GroupId::value).orElse(""));

    private SnapshotScope() {}

    /** Whether a group reference (a policy's {@code group:}) names this group. */
    public static boolean names(String reference, GroupId id, String displayName) {
        String text = reference.trim();
        return id.value().equals(text) || displayName.equalsIgnoreCase(text);
    }

    /**
     * The SKUs a scope's references name among the tenant's subscriptions: by skuId, by
     * skuPartNumber (ignoring case), or by product display name through {@code productNames}
     * (Microsoft's catalog). References that name nothing are left to the resolver to report.
     */
    public static Set<SkuId> skus(ReadScope scope, List<SubscribedSku> subscribed, Function<String, Collection<SkuId>> productNames) {
        Set<SkuId> owned = new TreeSet<>();
        subscribed.forEach(sku -> owned.add(sku.skuId()));
        Set<SkuId> result = new TreeSet<>();
        for (String reference : scope.skuReferences()) {
            String text = reference.trim();
            if (Guids.isGuid(text)) {
                SkuId id = SkuId.of(text);
                if (owned.contains(id)) {
                    result.add(id);
                }
                continue;
            }
            boolean found = false;
            for (SubscribedSku sku : subscribed) {
                if (sku.skuPartNumber().equalsIgnoreCase(text)) {
                    result.add(sku.skuId());
                    found = true;
                }
            }
            if (!found) {
                for (SkuId id : productNames.apply(text)) {
                    if (owned.contains(id)) {
                        result.add(id);
                    }
                }
            }
        }
        return result;
    }

    /** The part of a whole tenant a scope covers (see the class comment), in the tenant's order; the whole tenant, canonical, for {@link ReadScope#all()}. */
    public static TenantSnapshot subset(TenantSnapshot tenant, ReadScope scope, Function<String, Collection<SkuId>> productNames) {
        if (scope.everything()) {
            List<User> users = tenant.users();
            if (!scope.signInActivity()) {
                users = new ArrayList<>(users.size());
                for (User user : tenant.users()) {
                    users.add(withActivityAsRead(user, scope));
                }
            }
            return canonical(tenant.tenantId(), tenant.subscribedSkus(), users, tenant.groups());
        }
        Deque<Group> pending = new ArrayDeque<>();
        for (Group group : tenant.groups()) {
            for (String reference : scope.groupReferences()) {
                if (names(reference, group.id(), group.displayName())) {
                    pending.add(group);
                    break;
                }
            }
        }
        Set<GroupId> reached = new LinkedHashSet<>();
        BitSet members = new BitSet(tenant.users().size()); // by position: a million-user tenant is common
        while (!pending.isEmpty()) {
            Group group = pending.remove();
            if (!reached.add(group.id())) {
                continue;
            }
            tenant.memberIndexes(group.id()).forEach(members::set);
            for (GroupId nested : group.memberGroups()) {
                tenant.group(nested).ifPresent(pending::add);
            }
        }
        Set<SkuId> skus = skus(scope, tenant.subscribedSkus(), productNames);
        List<User> users = new ArrayList<>();
        int[] positions = new int[tenant.users().size()]; // a kept user's position in the subset, else -1
        Arrays.fill(positions, -1);
        for (int index = 0; index < tenant.users().size(); index++) {
            User user = tenant.users().get(index);
            if (members.get(index) || holdsAny(user, skus)) {
                positions[index] = users.size();
                users.add(withActivityAsRead(user, scope));
            }
        }
        List<Group> groups = new ArrayList<>();
        List<ImmutableIntArray> memberIndexes = new ArrayList<>();
        for (Group group : tenant.groups()) {
            if (reached.contains(group.id())) {
                groups.add(group);
                ImmutableIntArray.Builder kept = ImmutableIntArray.builder(tenant.memberIndexes(group.id()).length());
                tenant.memberIndexes(group.id()).forEach(index -> {
                    if (positions[index] >= 0) {
                        kept.add(positions[index]);
                    }
                });
                memberIndexes.add(kept.build());
            }
        }
        // In the tenant's own order: sorting a million users costs seconds, and plans do not depend on order.
        ImmutableIntArray[] groupMembers = memberIndexes.toArray(new ImmutableIntArray[0]);
        // Keeping most users, the subset looks ids up in the tenant's index; else it makes its own, smaller one.
        return 2 * users.size() >= tenant.users().size()
                ? TenantSnapshot.partOf(tenant, users, groups, groupMembers, positions)
                : TenantSnapshot.ofDistinct(tenant.tenantId(), tenant.subscribedSkus(), users, groups, groupMembers);
    }

    /**
     * Creation time and sign-in activity only when the scope asks for them, as the Graph reader reads them
     * (they need {@code AuditLog.Read.All}).
     */
    private static User withActivityAsRead(User user, ReadScope scope) {
        if (scope.signInActivity() || (user.createdDateTime() == null && user.signInActivity() == null)) {
            return user;
        }
        return user.withActivity(null, null);
    }

    private static boolean holdsAny(User user, Set<SkuId> skus) {
        for (LicenseAssignment license : user.licenses()) {
            if (skus.contains(license.skuId())) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot in canonical order: users and groups by id, members sorted, license sources by SKU then group. */
    public static TenantSnapshot canonical(TenantId tenantId, List<SubscribedSku> skus, Collection<User> users, Collection<Group> groups) {
        List<User> sortedUsers = new ArrayList<>(users.size());
        for (User user : users) {
            if (user.licenses().size() < 2) {
                sortedUsers.add(user);
                continue;
            }
            List<LicenseAssignment> licenses = new ArrayList<>(user.licenses());
            licenses.sort(LICENSE_ORDER);
            sortedUsers.add(licenses.equals(user.licenses()) ? user : user.withLicenses(licenses));
        }
        sortIfNeeded(sortedUsers, Comparator.comparing(User::id)); // exports are already in order
        List<Group> sortedGroups = new ArrayList<>(groups.size());
        for (Group group : groups) {
            List<UserId> memberUsers = sortedDistinct(group.memberUsers());
            List<GroupId> memberGroups = sortedDistinct(group.memberGroups());
            List<User.EffectiveLicense> licenses = new ArrayList<>(group.assignedLicenses());
            licenses.sort(Comparator.comparing(User.EffectiveLicense::skuId));
            sortedGroups.add(group.withMembers(memberUsers, memberGroups, licenses));
        }
        sortedGroups.sort(Comparator.comparing(Group::id));
        List<SubscribedSku> sortedSkus = new ArrayList<>(skus);
        sortedSkus.sort(Comparator.comparing(SubscribedSku::skuId));
        return new TenantSnapshot(tenantId, sortedSkus, sortedUsers, sortedGroups);
    }

    private static <T> void sortIfNeeded(List<T> list, Comparator<? super T> order) {
        for (int i = 1; i < list.size(); i++) {
            if (order.compare(list.get(i - 1), list.get(i)) > 0) {
                list.sort(order);
                return;
            }
        }
    }

    private static <T extends Comparable<? super T>> List<T> sortedDistinct(List<T> items) {
        List<T> sorted = new ArrayList<>(items);
        sortIfNeeded(sorted, Comparator.naturalOrder());
        List<T> distinct = new ArrayList<>(sorted.size());
        for (T item : sorted) {
            if (distinct.isEmpty() || distinct.get(distinct.size() - 1).compareTo(item) != 0) {
                distinct.add(item);
            }
        }
        return distinct;
    }
}
