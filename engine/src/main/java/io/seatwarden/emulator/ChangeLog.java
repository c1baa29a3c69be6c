package io.seatwarden.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What changed in the tenant, in order, for Graph's delta queries: an append-only log of numbered
 * changes (a user created, changed in some tracked properties, or deleted; a group's tracked
 * properties changed; a member added to or removed from a group). A delta token is a position in
 * this log, so a round's changes are a fixed slice of it whatever happens later. Not thread-safe:
 * {@link TenantState} guards it with its lock.
 */
final class ChangeLog {
    enum Kind { USER_CREATED, USER_CHANGED, USER_DELETED, GROUP_CHANGED, MEMBER_ADDED, MEMBER_REMOVED }

    /**
     * One change. {@code key} is the user's or group's lower-case id; {@code properties} the tracked
     * properties a change touched (Graph's names); for member changes, {@code member} is the member's
     * id as stored and {@code memberIsUser} its type.
     */
    record Change(long sequence, Kind kind, String key, Set<String> properties, String member, boolean memberIsUser) {
        Change {
            requireNonNull(kind, "kind is null");
            requireNonNull(key, "key is null");
            properties = Set.copyOf(properties);
        }
    }

    /** A user as a delta round reports it: removed, or changed in these properties (all of them for a new user). */
    record UserChange(String key, boolean removed, boolean created, Set<String> properties) {}

    /** A member of a group as a delta round reports it: added (present at the end) or removed. */
    record MemberChange(String id, boolean user, boolean removed) {}

    /** A group as a delta round reports it: the tracked properties that changed and its members' changes. */
    record GroupChange(String key, Set<String> properties, List<MemberChange> members) {}

    private final List<Change> changes = new ArrayList<>();
    private final List<String> userCreation = new ArrayList<>();
    private final List<Long> userCreatedAt = new ArrayList<>();

    /** The position after the last change: what a delta link issued now starts from. */
    long sequence() {
        return changes.size();
    }

    /** A user of the tenant file (created before any token could be issued) or one created later. */
    void userCreated(String key, boolean logged) {
        userCreation.add(key);
        userCreatedAt.add(logged ? sequence() + 1 : 0L);
        if (logged) {
            add(Kind.USER_CREATED, key, Set.of(), null, false);
        }
    }

    void add(Kind kind, String key, Set<String> properties, String member, boolean memberIsUser) {
        changes.add(new Change(changes.size() + 1L, kind, key, properties, member, memberIsUser));
    }

    /**
     * Every user created at or before {@code upTo}, in the order they were created: the stable list a
     * first round pages through (deleted users stay in it; the caller skips them), so a change between
     * two pages never shifts a user past a page boundary.
     */
    List<String> usersCreatedUpTo(long upTo) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < userCreation.size() && userCreatedAt.get(i) <= upTo; i++) {
            result.add(userCreation.get(i));
        }
        return result;
    }

    /** Users that changed after {@code from} up to {@code upTo}, once each, in the order of their first change. */
    List<UserChange> userChanges(long from, long upTo) {
        Map<String, UserChange> result = new LinkedHashMap<>();
        for (Change change : slice(from, upTo)) {
            if (change.kind() != Kind.USER_CREATED && change.kind() != Kind.USER_CHANGED && change.kind() != Kind.USER_DELETED) {
                continue;
            }
            UserChange earlier = result.get(change.key());
            Set<String> properties = new LinkedHashSet<>(earlier == null ? Set.of() : earlier.properties());
            properties.addAll(change.properties());
            boolean created = (earlier != null && earlier.created()) || change.kind() == Kind.USER_CREATED;
            boolean removed = change.kind() == Kind.USER_DELETED;
            result.put(change.key(), new UserChange(change.key(), removed, created && !removed, Collections.unmodifiableSet(properties)));
        }
        return List.copyOf(result.values());
    }

    /** Groups that changed after {@code from} up to {@code upTo}: each member's last change wins. */
    List<GroupChange> groupChanges(long from, long upTo) {
        Map<String, Set<String>> properties = new LinkedHashMap<>();
        Map<String, Map<String, MemberChange>> members = new LinkedHashMap<>();
        for (Change change : slice(from, upTo)) {
            switch (change.kind()) {
                case GROUP_CHANGED -> {
                    properties.computeIfAbsent(change.key(), ignored -> new LinkedHashSet<>()).addAll(change.properties());
                    members.computeIfAbsent(change.key(), ignored -> new LinkedHashMap<>());
                }
                case MEMBER_ADDED, MEMBER_REMOVED -> {
                    properties.computeIfAbsent(change.key(), ignored -> new LinkedHashSet<>());
                    members.computeIfAbsent(change.key(), ignored -> new LinkedHashMap<>()).put(TenantState.key(change.member()),
                            new MemberChange(change.member(), change.memberIsUser(), change.kind() == Kind.MEMBER_REMOVED));
                }
                default -> { }
            }
        }
        List<GroupChange> result = new ArrayList<>();
        properties.forEach((key, changed) -> result.add(new GroupChange(key, Set.copyOf(changed),
                List.copyOf(members.get(key).values()))));
        return result;
    }

    /**
     * A group's members as they were at {@code upTo}, from its members now: what was added since is
     * taken out, what was removed since is put back.
     */
    Set<String> membersAt(String groupKey, List<String> current, long upTo, Map<String, Boolean> types) {
        Map<String, String> members = new LinkedHashMap<>();
        current.forEach(member -> members.put(TenantState.key(member), member));
        List<Change> later = slice(upTo, sequence());
        for (int i = later.size() - 1; i >= 0; i--) {
            Change change = later.get(i);
            if (!change.key().equals(groupKey)) {
                continue;
            }
            if (change.kind() == Kind.MEMBER_ADDED) {
                members.remove(TenantState.key(change.member()));
            } else if (change.kind() == Kind.MEMBER_REMOVED) {
                members.put(TenantState.key(change.member()), change.member());
                types.put(TenantState.key(change.member()), change.memberIsUser());
            }
        }
        return new LinkedHashSet<>(members.values());
    }

    /** The type of a member that is no longer in the tenant, from the last change that named it. */
    Optional<Boolean> lastKnownType(String memberKey) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            Change change = changes.get(i);
            if (change.member() != null && TenantState.key(change.member()).equals(memberKey)) {
                return Optional.of(change.memberIsUser());
            }
        }
        return Optional.empty();
    }

    private List<Change> slice(long from, long upTo) {
        int start = (int) Math.max(0, Math.min(from, changes.size()));
        int end = (int) Math.max(start, Math.min(upTo, changes.size()));
        return changes.subList(start, end);
    }
}
