package io.seatwarden.directory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the engine knows of a tenant at one moment: its subscriptions, the users in scope with every
 * source of their licenses, and the groups with their direct members. Immutable.
 *
 * <p>A snapshot may hold only part of the tenant (the users the policies reach and the holders of
 * the SKUs they manage); seat counts always come from {@link SubscribedSku#consumedUnits()}.
 */
public final class TenantSnapshot {
    private final TenantId tenantId;
    private final List<SubscribedSku> subscribedSkus;
    private final List<User> users;
    private final List<Group> groups;
    private final Map<UserId, Integer> userIndex;
    private final Map<GroupId, Group> groupsById;
    private final Map<SkuId, SubscribedSku> skusById;

    public TenantSnapshot(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups) {
        this(tenantId, subscribedSkus, users, groups, null);
    }

    /**
     * For readers that already indexed the users while reading (a million-entry map is not cheap):
     * {@code userIndex} must map each user's id to its position in {@code users}.
     */
    public static TenantSnapshot indexed(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups,
            Map<UserId, Integer> userIndex) {
        return new TenantSnapshot(tenantId, subscribedSkus, users, groups, requireNonNull(userIndex, "userIndex is null"));
    }

    private TenantSnapshot(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups,
            Map<UserId, Integer> userIndex) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.subscribedSkus = List.copyOf(subscribedSkus);
        this.users = List.copyOf(users);
        this.groups = List.copyOf(groups);
        this.userIndex = userIndex == null ? indexUsers(this.users) : checked(userIndex, this.users);
        this.groupsById = indexGroups(this.groups);
        this.skusById = indexSkus(this.subscribedSkus);
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public List<SubscribedSku> subscribedSkus() {
        return subscribedSkus;
    }

    /** Users in the order they were read. */
    public List<User> users() {
        return users;
    }

    public List<Group> groups() {
        return groups;
    }

    public Optional<User> user(UserId id) {
        Integer index = userIndex.get(id);
        return index == null ? Optional.empty() : Optional.of(users.get(index));
    }

    /** The user's position in {@link #users()}, or -1 when the snapshot does not hold it. */
    public int indexOf(UserId id) {
        Integer index = userIndex.get(id);
        return index == null ? -1 : index;
    }

    public Optional<Group> group(GroupId id) {
        return Optional.ofNullable(groupsById.get(id));
    }

    public Optional<SubscribedSku> sku(SkuId id) {
        return Optional.ofNullable(skusById.get(id));
    }

    public Map<GroupId, Group> groupsById() {
        return groupsById;
    }

    private static Map<UserId, Integer> indexUsers(List<User> users) {
        Map<UserId, Integer> index = new HashMap<>(Math.max(16, users.size() * 4 / 3 + 1));
        for (int i = 0; i < users.size(); i++) {
            if (index.put(users.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate user id " + users.get(i).id());
            }
        }
        return Collections.unmodifiableMap(index);
    }

    private static Map<UserId, Integer> checked(Map<UserId, Integer> index, List<User> users) {
        // A full check would cost what the index saves; the size and the ends catch a mismatched index.
        boolean matches = index.size() == users.size() && (users.isEmpty()
                || (Integer.valueOf(0).equals(index.get(users.get(0).id()))
                        && Integer.valueOf(users.size() - 1).equals(index.get(users.get(users.size() - 1).id()))));
        if (!matches) {
            throw new IllegalArgumentException("the user index does not match the users");
        }
        return Collections.unmodifiableMap(index);
    }

    private static Map<GroupId, Group> indexGroups(List<Group> groups) {
        Map<GroupId, Group> index = new LinkedHashMap<>();
        for (Group group : groups) {
            if (index.put(group.id(), group) != null) {
                throw new IllegalArgumentException("duplicate group id " + group.id());
            }
        }
        return Collections.unmodifiableMap(index);
    }

    private static Map<SkuId, SubscribedSku> indexSkus(List<SubscribedSku> skus) {
        Map<SkuId, SubscribedSku> index = new LinkedHashMap<>();
        for (SubscribedSku sku : skus) {
            if (index.put(sku.skuId(), sku) != null) {
                throw new IllegalArgumentException("duplicate skuId " + sku.skuId());
            }
        }
        return Collections.unmodifiableMap(index);
    }

    /** A copy with some users replaced (same ids) or added; used by tests and the emulator. */
    public TenantSnapshot withUsers(List<User> replacements) {
        Map<UserId, User> merged = new LinkedHashMap<>();
        for (User user : users) {
            merged.put(user.id(), user);
        }
        for (User user : replacements) {
            merged.put(user.id(), user);
        }
        return new TenantSnapshot(tenantId, subscribedSkus, new ArrayList<>(merged.values()), groups);
    }
}
