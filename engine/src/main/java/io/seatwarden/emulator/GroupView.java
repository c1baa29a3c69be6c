package io.seatwarden.emulator;

import io.seatwarden.directory.SkuId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A group's stored state: its kind (Graph's {@code groupTypes}, {@code securityEnabled}, {@code mailEnabled},
 * a dynamic group's {@code membershipRule}), direct members (user or group ids, in file order), the licenses
 * Entra's group-based licensing gives its direct user members, and where that processing stands
 * ({@code licenseProcessingState}; {@code queuedAt} set while queued). Immutable; changes replace it.
 */
record GroupView(String id, String displayName, List<String> groupTypes, boolean securityEnabled, boolean mailEnabled,
                 String membershipRule, List<String> members, List<LicenseSource> licenses, String processingState,
                 Optional<Instant> queuedAt, Set<String> memberKeys) {
    static final String PROCESSING_COMPLETE = "ProcessingComplete";
    static final String QUEUED = "QueuedForProcessing";

    GroupView {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        groupTypes = List.copyOf(groupTypes);
        members = List.copyOf(members);
        licenses = List.copyOf(licenses);
        requireNonNull(processingState, "processingState is null");
        requireNonNull(queuedAt, "queuedAt is null");
        memberKeys = Collections.unmodifiableSet(new HashSet<>(memberKeys));
    }

    GroupView(String id, String displayName, List<String> groupTypes, boolean securityEnabled, boolean mailEnabled,
              String membershipRule, List<String> members, List<LicenseSource> licenses) {
        this(id, displayName, groupTypes, securityEnabled, mailEnabled, membershipRule, members, licenses,
                PROCESSING_COMPLETE, Optional.empty(), keys(members));
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

    boolean isDynamic() {
        return groupTypes.stream().anyMatch("DynamicMembership"::equalsIgnoreCase);
    }

    GroupView withMembers(List<String> newMembers) {
        return new GroupView(id, displayName, groupTypes, securityEnabled, mailEnabled, membershipRule, newMembers, licenses,
                processingState, queuedAt, keys(newMembers));
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

    /** New licenses, queued for processing at {@code when}. */
    GroupView withQueuedLicenses(List<LicenseSource> newLicenses, Instant when) {
        return new GroupView(id, displayName, groupTypes, securityEnabled, mailEnabled, membershipRule, members, newLicenses,
                QUEUED, Optional.of(when), memberKeys);
    }

    GroupView processed() {
        return new GroupView(id, displayName, groupTypes, securityEnabled, mailEnabled, membershipRule, members, licenses,
                PROCESSING_COMPLETE, Optional.empty(), memberKeys);
    }

    public Collection<SkuId> assignedSkus() {
        List<SkuId> skus = new ArrayList<>();
        licenses.forEach(license -> skus.add(license.skuId()));
        return skus;
    }

    /** The group as a filter target; {@code hasMembersWithLicenseErrors} comes from the tenant, which knows the members. */
    Filter.Target target(boolean membersWithLicenseErrors) {
        return new Filter.Target() {
            @Override
            public Object property(String name) {
                return switch (name) {
                    case "id" -> id;
                    case "displayName" -> displayName;
                    case "securityEnabled" -> securityEnabled;
                    case "mailEnabled" -> mailEnabled;
                    case "membershipRule" -> membershipRule;
                    case "membershipRuleProcessingState" -> isDynamic() ? "On" : null;
                    case "hasMembersWithLicenseErrors" -> membersWithLicenseErrors;
                    default -> null;
                };
            }

            @Override
            public Collection<SkuId> assignedSkus() {
                return GroupView.this.assignedSkus();
            }

            @Override
            public Collection<String> strings(String name) {
                return name.equals("groupTypes") ? groupTypes : List.of();
            }
        };
    }

    static final Map<String, String> FILTERABLE = UserView.lowerCaseKeys(List.of("id", "displayName",
            "securityEnabled", "mailEnabled", "mail", "mailNickname", "description", "membershipRule",
            "membershipRuleProcessingState", "hasMembersWithLicenseErrors", "groupTypes"));
}
