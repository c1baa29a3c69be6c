package io.seatwarden.policy;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * "Members of {@code group} get {@code licenses}": one entry of a policy file's {@code policies:} list.
 *
 * @param group a group id or a unique group display name
 * @param priority higher is served first when seats run short (default 0)
 * @param usageLocation set on members that have none; without it they are skipped
 */
public record Policy(
        String name,
        String group,
        int priority,
        Optional<String> usageLocation,
        List<LicenseGrant> licenses,
        SourceLocation location) {
    public Policy {
        requireNonNull(name, "name is null");
        requireNonNull(group, "group is null");
        requireNonNull(usageLocation, "usageLocation is null");
        licenses = List.copyOf(licenses);
        requireNonNull(location, "location is null");
    }
}
