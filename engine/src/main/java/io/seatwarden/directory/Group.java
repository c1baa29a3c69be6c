package io.seatwarden.directory;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A directory group with its direct members, users and groups kept apart.
 *
 * @param assignedLicenses licenses Entra's own group-based licensing gives the group's direct user members
 * @param groupTypes Graph's {@code groupTypes}: empty for a security group, {@code Unified} for Microsoft 365,
 *     {@code DynamicMembership} when {@code membershipRule} decides the members
 * @param membershipRule the rule of a dynamic group (e.g. {@code user.department -eq "Sales"})
 */
public record Group(
        GroupId id,
        String displayName,
        List<UserId> memberUsers,
        List<GroupId> memberGroups,
        List<User.EffectiveLicense> assignedLicenses,
        List<String> groupTypes,
        Optional<String> membershipRule) {
    public static final String UNIFIED = "Unified";
    public static final String DYNAMIC_MEMBERSHIP = "DynamicMembership";

    public Group {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        // A snapshot's view of member positions is immutable already, and 4 bytes a member: kept as is.
        memberUsers = memberUsers instanceof MemberUsers ? memberUsers : List.copyOf(memberUsers);
        memberGroups = List.copyOf(memberGroups);
        assignedLicenses = List.copyOf(assignedLicenses);
        groupTypes = List.copyOf(groupTypes);
        requireNonNull(membershipRule, "membershipRule is null");
    }

    /** A security group (no {@code groupTypes}, no rule). */
    public Group(GroupId id, String displayName, List<UserId> memberUsers, List<GroupId> memberGroups,
                 List<User.EffectiveLicense> assignedLicenses) {
        this(id, displayName, memberUsers, memberGroups, assignedLicenses, List.of(), Optional.empty());
    }

    public boolean isMicrosoft365() {
        return groupTypes.stream().anyMatch(UNIFIED::equalsIgnoreCase);
    }

    public boolean isDynamic() {
        return groupTypes.stream().anyMatch(DYNAMIC_MEMBERSHIP::equalsIgnoreCase);
    }

    public Group withMembers(List<UserId> newMemberUsers, List<GroupId> newMemberGroups, List<User.EffectiveLicense> newLicenses) {
        return new Group(id, displayName, newMemberUsers, newMemberGroups, newLicenses, groupTypes, membershipRule);
    }
}
