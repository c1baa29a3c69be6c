package io.seatwarden.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Brings a stored snapshot of a scope up to date from Graph's delta queries, or says why it cannot.
 * Pure: the caller reads Graph; this decides. In two steps, because delta reports do not carry
 * everything: {@link #usersToRead} names the users whose full records (license states included,
 * which {@code /users/delta} does not track) must be read again, then {@link #merge} applies it all.
 *
 * <p>Graph's {@code licenseAssignmentStates} is not tracked by delta (user-delta), so a user is read
 * again when delta reports it changed (any tracked property, {@code assignedLicenses} included), when
 * it joins a group of the scope the snapshot does not hold it for, and when it joins or leaves a group
 * that carries Entra group licenses (its states from that group change without {@code assignedLicenses}
 * changing when they are in error). What stays invisible to delta (a state or error changing with no
 * membership or license change, e.g. Entra reprocessing a group outside the scope) is caught by the
 * periodic full read.
 *
 * <p>Doubtful cases give up ({@link Either#fallback()}), and the caller reads in full: a group of the
 * snapshot deleted or renamed, its Entra group licenses changed, a group of the snapshot now nesting a
 * group the snapshot does not hold, a group outside it whose name a policy uses.
 */
public final class DeltaMerge {
    /**
     * A user as {@code /users/delta} reports it: removed (deleted), or changed, with what it holds now and, when
     * the report carries them, its properties ({@code reported}: licenses as direct ones, since delta does not
     * say where a license comes from).
     */
    public record UserDelta(UserId id, boolean removed, Set<SkuId> assignedSkus, Optional<User> reported) {
        public UserDelta {
            requireNonNull(id, "id is null");
            assignedSkus = Set.copyOf(assignedSkus);
            requireNonNull(reported, "reported is null");
        }

        public UserDelta(UserId id, boolean removed, Set<SkuId> assignedSkus) {
            this(id, removed, assignedSkus, Optional.empty());
        }
    }

    /** One member change in {@code members@delta}. */
    public record MemberDelta(String id, boolean user, boolean removed) {
        public MemberDelta {
            requireNonNull(id, "id is null");
        }
    }

    /**
     * A group as {@code /groups/delta} reports it (one entry of possibly several for a big group).
     *
     * @param displayName and {@code assignedLicenses}: present when the entry carries them
     */
    public record GroupDelta(GroupId id, boolean removed, Optional<String> displayName,
                             Optional<List<User.EffectiveLicense>> assignedLicenses, List<MemberDelta> members) {
        public GroupDelta {
            requireNonNull(id, "id is null");
            requireNonNull(displayName, "displayName is null");
            requireNonNull(assignedLicenses, "assignedLicenses is null");
            members = List.copyOf(members);
        }
    }

    /** What the merge needs of a round: the changes, and the users read again (by id). */
    public record Changes(List<UserDelta> users, List<GroupDelta> groups) {
        public Changes {
            users = List.copyOf(users);
            groups = List.copyOf(groups);
        }
    }

    private final TenantSnapshot base;
    private final ReadScope scope;
    private final Function<String, Collection<SkuId>> productNames;

    /**
     * @param base the stored snapshot (of {@code scope}, or of a scope covering it)
     * @param productNames as for {@link SnapshotScope#skus}
     */
    public DeltaMerge(TenantSnapshot base, ReadScope scope, Function<String, Collection<SkuId>> productNames) {
        this.base = requireNonNull(base, "base is null");
        this.scope = requireNonNull(scope, "scope is null");
        this.productNames = requireNonNull(productNames, "productNames is null");
    }

    /** The users to read again in full, or the reason to read everything in full. */
    public Either usersToRead(Changes changes, List<SubscribedSku> skus) {
        Set<SkuId> holderSkus = SnapshotScope.skus(scope, skus, productNames);
        Map<GroupId, Group> groups = base.groupsById();
        Set<UserId> removed = new HashSet<>();
        changes.users().stream().filter(UserDelta::removed).forEach(user -> removed.add(user.id()));
        Set<UserId> read = new TreeSet<>();
        for (GroupDelta change : changes.groups()) {
            Group group = groups.get(change.id());
            if (group == null) {
                if (!change.removed() && change.displayName().map(this::named).orElse(false)) {
                    return Either.fallback("group " + change.id() + " (" + change.displayName().get()
                            + ") was created or renamed to a name a policy uses");
                }
                continue;
            }
            Optional<String> doubt = doubt(group, change, groups);
            if (doubt.isPresent()) {
                return Either.fallback(doubt.get());
            }
            for (MemberDelta member : change.members()) {
                UserId user = new UserId(member.id());
                if (member.user() && !removed.contains(user)
                        && (!group.assignedLicenses().isEmpty() || (!member.removed() && base.user(user).isEmpty()))) {
                    read.add(user);
                }
            }
        }
        Map<UserId, User> updated = new LinkedHashMap<>();
        for (UserDelta user : changes.users()) {
            if (user.removed()) {
                continue;
            }
            Optional<User> known = base.user(user.id());
            Optional<User> same = known.flatMap(held -> user.reported().flatMap(reported -> sameLicenses(held, reported)));
            if (same.isPresent() && !read.contains(user.id())) {
                // what it holds is unchanged: its license sources and states are the snapshot's, its properties delta's
                updated.put(user.id(), same.get());
            } else if (known.isPresent() || user.assignedSkus().stream().anyMatch(holderSkus::contains)) {
                read.add(user.id());
                updated.remove(user.id());
            }
        }
        updated.keySet().removeAll(read);
        return new Either(read, updated, Optional.empty());
    }

    /** The reported user with the held user's license sources, when it holds exactly the same licenses. */
    private static Optional<User> sameLicenses(User held, User reported) {
        if (!new HashSet<>(held.assignedLicenses()).equals(new HashSet<>(reported.assignedLicenses()))) {
            return Optional.empty();
        }
        return Optional.of(new User(held.id(), reported.userPrincipalName(), reported.displayName(), reported.userType(),
                reported.creationType(), reported.externalUserState(), reported.accountEnabled(), reported.usageLocation(),
                reported.onPremisesSyncEnabled(), held.licenses(), held.failedLicenses(), held.createdDateTime(), held.signInActivity()));
    }

    /**
     * The users to read again, those brought up to date from delta's report alone (same licenses, other
     * properties), or why the snapshot cannot be brought up to date.
     */
    public record Either(Set<UserId> users, Map<UserId, User> updated, Optional<String> fallback) {
        public Either {
            users = Set.copyOf(users);
            updated = Map.copyOf(updated);
            requireNonNull(fallback, "fallback is null");
        }

        static Either fallback(String reason) {
            return new Either(Set.of(), Map.of(), Optional.of(reason));
        }
    }

    private Optional<String> doubt(Group group, GroupDelta change, Map<GroupId, Group> groups) {
        String name = "group " + group.displayName() + " (" + group.id() + ")";
        if (change.removed()) {
            return Optional.of(name + " was deleted");
        }
        if (change.displayName().isPresent() && !change.displayName().get().equals(group.displayName())) {
            return Optional.of(name + " was renamed to " + change.displayName().get());
        }
        if (change.assignedLicenses().isPresent()
                && !new HashSet<>(change.assignedLicenses().get()).equals(new HashSet<>(group.assignedLicenses()))) {
            return Optional.of(name + " had its Entra group licenses changed, which changes its members' license states");
        }
        for (MemberDelta member : change.members()) {
            if (!member.user() && !member.removed() && !groups.containsKey(new GroupId(member.id()))) {
                return Optional.of(name + " now nests group " + member.id() + ", which the last read did not reach");
            }
        }
        return Optional.empty();
    }

    private boolean named(String displayName) {
        for (String reference : scope.groupReferences()) {
            if (displayName.equalsIgnoreCase(reference.trim())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The snapshot of the scope after the round.
     *
     * @param skus the tenant's subscriptions now
     * @param decided what {@link #usersToRead} decided
     * @param reread the full records of the users it named; one missing was deleted meanwhile
     */
    public TenantSnapshot merge(Changes changes, List<SubscribedSku> skus, Either decided, Map<UserId, User> reread) {
        Set<UserId> asked = decided.users();
        Map<UserId, User> users = new LinkedHashMap<>();
        base.users().forEach(user -> users.put(user.id(), user));
        users.putAll(decided.updated());
        Set<UserId> removed = new HashSet<>();
        changes.users().stream().filter(UserDelta::removed).forEach(user -> removed.add(user.id()));
        for (UserId id : asked) {
            if (!reread.containsKey(id)) {
                removed.add(id);
            }
        }
        users.keySet().removeAll(removed);
        reread.forEach((id, user) -> {
            if (!removed.contains(id)) {
                users.put(id, user);
            }
        });
        Map<GroupId, Set<UserId>> memberUsers = new LinkedHashMap<>();
        Map<GroupId, Set<GroupId>> memberGroups = new LinkedHashMap<>();
        for (Group group : base.groups()) {
            memberUsers.put(group.id(), new LinkedHashSet<>(group.memberUsers()));
            memberGroups.put(group.id(), new LinkedHashSet<>(group.memberGroups()));
        }
        for (GroupDelta change : changes.groups()) {
            if (!memberUsers.containsKey(change.id())) {
                continue;
            }
            for (MemberDelta member : change.members()) {
                if (member.user()) {
                    UserId user = new UserId(member.id());
                    if (member.removed()) {
                        memberUsers.get(change.id()).remove(user);
                    } else {
                        memberUsers.get(change.id()).add(user);
                    }
                } else if (member.removed()) {
                    memberGroups.get(change.id()).remove(new GroupId(member.id()));
                } else {
                    memberGroups.get(change.id()).add(new GroupId(member.id()));
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        for (Group group : base.groups()) {
            List<UserId> members = new ArrayList<>();
            for (UserId user : memberUsers.get(group.id())) {
                if (users.containsKey(user)) {
                    members.add(user);
                }
            }
            groups.add(group.withMembers(members, new ArrayList<>(memberGroups.get(group.id())), group.assignedLicenses()));
        }
        TenantSnapshot merged = SnapshotScope.canonical(base.tenantId(), skus, users.values(), groups);
        // what the scope covers now: users who left every group and hold no SKU the scope names drop out
        TenantSnapshot scoped = SnapshotScope.subset(merged, scope, productNames);
        return SnapshotScope.canonical(base.tenantId(), skus, scoped.users(), scoped.groups());
    }
}
