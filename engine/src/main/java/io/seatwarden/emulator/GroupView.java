package io.seatwarden.emulator;

import io.seatwarden.directory.SkuId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A group's stored state: direct members (user or group ids, in file order) and the licenses
 * Entra's group-based licensing gives its direct user members. Immutable; membership changes
 * replace it.
 */
record GroupView(String id, String displayName, List<String> members, List<LicenseSource> licenses,
                 Set<String> memberKeys) implements Filter.Target {
    GroupView {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        members = List.copyOf(members);
        licenses = List.copyOf(licenses);
        memberKeys = java.util.Collections.unmodifiableSet(new java.util.HashSet<>(memberKeys));
    }

    GroupView(String id, String displayName, List<String> members, List<LicenseSource> licenses) {
        this(id, displayName, members, licenses, keys(members));
    }

    private static Set<String> keys(List<String> members) {
        Set<String> keys = new LinkedHashSet<>();
        for (String member : members) {
            keys.add(member.toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    boolean hasMember(String memberId) {
        return memberKeys.contains(memberId.toLowerCase(Locale.ROOT));
    }

    GroupView withMembers(List<String> newMembers) {
        return new GroupView(id, displayName, newMembers, licenses);
    }

    GroupView withoutMember(String memberId) {
        List<String> kept = new ArrayList<>();
        for (String member : members) {
            if (!member.equalsIgnoreCase(memberId)) {
                kept.add(member);
            }
        }
        return withMembers(kept);
    }

    @Override
    public Collection<SkuId> assignedSkus() {
        List<SkuId> skus = new ArrayList<>();
        licenses.forEach(license -> skus.add(license.skuId()));
        return skus;
    }

    @Override
    public Object property(String name) {
        switch (name) {
            case "id":
                return id;
            case "displayName":
                return displayName;
            case "securityEnabled":
                return Boolean.TRUE;
            case "mailEnabled":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    static final Map<String, String> FILTERABLE = UserView.lowerCaseKeys(List.of("id", "displayName",
            "securityEnabled", "mailEnabled", "mail", "mailNickname", "description"));
}
