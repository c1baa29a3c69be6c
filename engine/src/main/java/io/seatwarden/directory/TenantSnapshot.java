package io.seatwarden.directory;

import com.google.common.primitives.ImmutableIntArray;

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
 *
 * <p>Users are also known by their position in {@link #users()}: {@link #memberIndexes} gives a group's
 * members as positions, resolved once (by the tenant-file reader while it streams, see {@link Builder}; on
 * first use for a snapshot made from id lists), so that scoping and planning never look the same ids up again.
 */
public final class TenantSnapshot {
    private final TenantId tenantId;
    private final List<SubscribedSku> subscribedSkus;
    private final List<User> users;
    private final List<Group> groups;
    /** Made on first look-up for a subset, whose users are known to be distinct. */
    private volatile UserIndex userIndex;
    /**
     * For a part of a snapshot that keeps most of its users: the whole's index, and each of its positions here
     * (-1: not kept), so that the part needs no index of its own.
     */
    private final UserIndex wholeIndex;
    private final int[] fromWhole;
    private final Map<GroupId, Group> groupsById;
    private final Map<GroupId, Integer> groupPositions;
    /** By group position; an entry is resolved on first use when the snapshot was made from id lists. */
    private final ImmutableIntArray[] memberIndexes;
    private final Map<SkuId, SubscribedSku> skusById;

    public TenantSnapshot(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups) {
        this(tenantId, subscribedSkus, List.copyOf(users), groups, null, false, null);
    }

    /**
     * For readers that already indexed the users while reading: {@code userIndex} must map each user's id to
     * its position in {@code users}. It is checked, then the snapshot keeps its own compact index.
     */
    public static TenantSnapshot indexed(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups,
            Map<UserId, Integer> userIndex) {
        requireNonNull(userIndex, "userIndex is null");
        List<User> copied = List.copyOf(users);
        checked(userIndex, copied);
        return new TenantSnapshot(tenantId, subscribedSkus, copied, groups, null, true, null);
    }

    /** A snapshot a reader builds user by user, resolving group members to positions as it goes. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A part of a snapshot whose users are distinct (they come from one), with its groups' member positions
     * in {@code users} already known ({@code memberIndexes}, by group).
     */
    static TenantSnapshot ofDistinct(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups,
            ImmutableIntArray[] memberIndexes) {
        return new TenantSnapshot(tenantId, subscribedSkus, List.copyOf(users), groups, null, true, memberIndexes);
    }

    /**
     * A part of {@code whole} that keeps most of its users: {@code fromWhole} gives each user's position in the
     * part (-1: not kept), and ids are looked up in the whole's index.
     */
    static TenantSnapshot partOf(TenantSnapshot whole, List<User> users, List<Group> groups, ImmutableIntArray[] memberIndexes,
            int[] fromWhole) {
        return new TenantSnapshot(whole.tenantId, whole.subscribedSkus, List.copyOf(users), groups, null, true, memberIndexes,
                whole.userIndex(), fromWhole);
    }

    /**
     * @param userIndex the index of {@code users} when the caller made one; else made now (refusing duplicate
     *     ids), or on first look-up when {@code distinct}
     */
    private TenantSnapshot(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups,
            UserIndex userIndex, boolean distinct, ImmutableIntArray[] memberIndexes) {
        this(tenantId, subscribedSkus, users, groups, userIndex, distinct, memberIndexes, null, null);
    }

    private TenantSnapshot(TenantId tenantId, List<SubscribedSku> subscribedSkus, List<User> users, List<Group> groups,
            UserIndex userIndex, boolean distinct, ImmutableIntArray[] memberIndexes, UserIndex wholeIndex, int[] fromWhole) {
        this.wholeIndex = wholeIndex;
        this.fromWhole = fromWhole;
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.subscribedSkus = List.copyOf(subscribedSkus);
        this.users = users;
        this.groups = List.copyOf(groups);
        this.userIndex = userIndex != null || distinct ? userIndex : UserIndex.of(users);
        this.groupsById = indexGroups(this.groups);
        this.groupPositions = positions(this.groups);
        if (memberIndexes != null && memberIndexes.length != this.groups.size()) {
            throw new IllegalArgumentException("member positions for " + memberIndexes.length + " groups, not " + this.groups.size());
        }
        this.memberIndexes = memberIndexes != null ? memberIndexes.clone() : new ImmutableIntArray[this.groups.size()];
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
        int index = indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(users.get(index));
    }

    /** The user's position in {@link #users()}, or -1 when the snapshot does not hold it. */
    public int indexOf(UserId id) {
        if (wholeIndex != null) {
            int inWhole = wholeIndex.find(id.value());
            return inWhole < 0 ? -1 : fromWhole[inWhole];
        }
        return userIndex().find(id.value());
    }

    /**
     * The positions in {@link #users()} of the group's direct user members, in the order of
     * {@link Group#memberUsers()}, leaving out members the snapshot does not hold; empty for a group it does
     * not hold. Resolved once per group.
     */
    public ImmutableIntArray memberIndexes(GroupId id) {
        Integer position = groupPositions.get(id);
        if (position == null) {
            return ImmutableIntArray.of();
        }
        ImmutableIntArray resolved = memberIndexes[position];
        if (resolved == null) {
            resolved = resolve(groups.get(position).memberUsers());
            memberIndexes[position] = resolved; // immutable, final fields: a racing thread resolves the same
        }
        return resolved;
    }

    private ImmutableIntArray resolve(List<UserId> members) {
        if (members instanceof MemberUsers view && view.over(users)) {
            return view.positions();
        }
        String[] ids = new String[members.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = members.get(i).value();
        }
        int[] found = new int[ids.length];
        userIndex().findAll(ids, ids.length, found);
        ImmutableIntArray.Builder positions = ImmutableIntArray.builder(ids.length);
        for (int index : found) {
            if (index >= 0) {
                positions.add(index);
            }
        }
        return positions.build().trimmed();
    }

    private UserIndex userIndex() {
        UserIndex index = userIndex;
        if (index == null) {
            index = UserIndex.of(users); // distinct: never refuses
            userIndex = index;
        }
        return index;
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

    private static void checked(Map<UserId, Integer> index, List<User> users) {
        // A full check would cost what the index saves; the size and the ends catch a mismatched index.
        boolean matches = index.size() == users.size() && (users.isEmpty()
                || (Integer.valueOf(0).equals(index.get(users.get(0).id()))
                        && Integer.valueOf(users.size() - 1).equals(index.get(users.get(users.size() - 1).id()))));
        if (!matches) {
            throw new IllegalArgumentException("the user index does not match the users");
        }
    }

    private static Map<GroupId, Integer> positions(List<Group> groups) {
        Map<GroupId, Integer> positions = new HashMap<>(Math.max(16, groups.size() * 4 / 3 + 1));
        for (int i = 0; i < groups.size(); i++) {
            positions.put(groups.get(i).id(), i);
        }
        return positions;
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

    /**
     * Builds a snapshot user by user, for a reader that resolves each group member to a user position once,
     * while it reads ({@link #indexOf(char[], int, int)} looks an id up in a parser's buffer), and hands the
     * positions over with the group. Not thread-safe; one snapshot per builder.
     */
    public static final class Builder {
        private final List<User> users = new ArrayList<>();
        private final UserIndex index = new UserIndex(1024);
        private final List<GroupEntry> groups = new ArrayList<>();
        private boolean built;

        private Builder() {}

        /**
         * Adds a user at the next position ({@link #userCount()} before the call).
         *
         * @throws IllegalArgumentException when a user with the same id was added
         */
        public void addUser(User user) {
            open();
            if (index.addOrFind(user.id().value()) >= 0) {
                throw new IllegalArgumentException("duplicate user id " + user.id());
            }
            users.add(user);
        }

        /**
         * Adds users at the next positions, in order: faster than one at a time for a reader with millions. When
         * one has the id of a user added before (or earlier in {@code batch}), it and those after it are not
         * added, and the answer says which.
         */
        public Optional<Duplicate> addUsers(List<User> batch) {
            open();
            String[] ids = new String[batch.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = batch.get(i).id().value();
            }
            int stop = index.addAll(ids, ids.length);
            users.addAll(stop < 0 ? batch : batch.subList(0, stop));
            return stop < 0 ? Optional.empty() : Optional.of(new Duplicate(stop, index.find(ids[stop])));
        }

        /** The user at {@code index} of a batch has the id of the user at {@code position}. */
        public record Duplicate(int index, int position) {}

        public int userCount() {
            return users.size();
        }

        public User user(int position) {
            return users.get(position);
        }

        /** Replaces the user at {@code position} with a copy of it (same id), e.g. with licenses added. */
        public void replaceUser(int position, User user) {
            open();
            if (!users.get(position).id().equals(user.id())) {
                throw new IllegalArgumentException("user " + user.id() + " does not replace " + users.get(position).id());
            }
            users.set(position, user);
        }

        /** The position of the user with this id, or -1. */
        public int indexOf(String id) {
            return index.find(id);
        }

        /** The position of the user whose id is spelt by {@code length} characters of {@code text} from {@code offset}, or -1. */
        public int indexOf(char[] text, int offset, int length) {
            return index.find(text, offset, length);
        }

        /**
         * The positions of {@code count} ids spelt in {@code text} (id {@code i}: {@code lengths[i]} characters
         * from {@code offsets[i]}) into {@code positions}, -1 for an id no user has: a reader's batch of group
         * members, looked up together (faster than one at a time: the look-ups' cache misses overlap).
         */
        public void indexOf(char[] text, int[] offsets, int[] lengths, int count, int[] positions) {
            index.findAll(text, offsets, lengths, count, positions);
        }

        /**
         * Adds a group whose direct user members are the users at {@code memberPositions} (positions of users
         * added before {@link #build}), in order; the other arguments are {@link Group}'s.
         */
        public void addGroup(GroupId id, String displayName, ImmutableIntArray memberPositions, List<GroupId> memberGroups,
                List<User.EffectiveLicense> assignedLicenses, List<String> groupTypes, Optional<String> membershipRule) {
            open();
            groups.add(new GroupEntry(id, displayName, requireNonNull(memberPositions, "memberPositions is null"),
                    List.copyOf(memberGroups), List.copyOf(assignedLicenses), List.copyOf(groupTypes), membershipRule));
        }

        /** @throws IllegalArgumentException when a member position names no user, or two groups have one id */
        public TenantSnapshot build(TenantId tenantId, List<SubscribedSku> subscribedSkus) {
            open();
            built = true;
            List<User> userList = List.copyOf(users);
            List<Group> groupList = new ArrayList<>(groups.size());
            ImmutableIntArray[] positions = new ImmutableIntArray[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                GroupEntry entry = groups.get(g);
                ImmutableIntArray members = entry.memberPositions().trimmed();
                for (int m = 0; m < members.length(); m++) {
                    if (members.get(m) < 0 || members.get(m) >= userList.size()) {
                        throw new IllegalArgumentException("group " + entry.id() + ": member position " + members.get(m)
                                + " is not one of the " + userList.size() + " users");
                    }
                }
                positions[g] = members;
                groupList.add(new Group(entry.id(), entry.displayName(), new MemberUsers(userList, members), entry.memberGroups(),
                        entry.assignedLicenses(), entry.groupTypes(), entry.membershipRule()));
            }
            return new TenantSnapshot(tenantId, subscribedSkus, userList, groupList, index, true, positions);
        }

        private void open() {
            if (built) {
                throw new IllegalStateException("the snapshot is built");
            }
        }

        private record GroupEntry(GroupId id, String displayName, ImmutableIntArray memberPositions, List<GroupId> memberGroups,
                                  List<User.EffectiveLicense> assignedLicenses, List<String> groupTypes, Optional<String> membershipRule) {}
    }
}
