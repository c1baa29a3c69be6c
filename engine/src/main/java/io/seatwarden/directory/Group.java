package io.seatwarden.directory;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A directory group with its direct members, users and groups kept apart.
 *
 * @param assignedLicenses licenses Entra's own group-based licensing gives the group's direct user members
 */
public record Group(
        GroupId id,
        String displayName,
        List<UserId> memberUsers,
        List<GroupId> memberGroups,
        List<User.EffectiveLicense> assignedLicenses) {
    public Group {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        memberUsers = List.copyOf(memberUsers);
        memberGroups = List.copyOf(memberGroups);
        assignedLicenses = List.copyOf(assignedLicenses);
    }
}
