package io.seatwarden.emulator;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * A user as the emulator serves it at one moment: its stored properties and every source of its
 * licenses (direct, inherited from licensed groups in whatever state, and inherited sources the tenant
 * file named for groups it does not describe). Immutable.
 */
record UserView(UserRecord user, List<LicenseSource> sources) implements Filter.Target {
    UserView {
        requireNonNull(user, "user is null");
        sources = List.copyOf(sources);
    }

    UserView(UserRecord user) {
        this(user, all(user));
    }

    private static List<LicenseSource> all(UserRecord user) {
        if (user.inherited().isEmpty() && user.pinned().isEmpty()) {
            return user.direct();
        }
        List<LicenseSource> sources = new ArrayList<>(user.direct());
        sources.addAll(user.inherited());
        sources.addAll(user.pinned());
        return sources;
    }

    /**
     * Graph's {@code assignedLicenses}: one entry per SKU the user really holds (sources in an assigned
     * state; an Entra error such as {@code CountViolation} is not a license), disabled plans those every
     * such source disables.
     */
    SortedMap<SkuId, SortedSet<ServicePlanId>> effectiveLicenses() {
        SortedMap<SkuId, SortedSet<ServicePlanId>> merged = new TreeMap<>();
        for (LicenseSource source : sources) {
            if (!source.isAssigned()) {
                continue;
            }
            merged.merge(source.skuId(), new TreeSet<>(source.disabledPlans()), (a, b) -> {
                SortedSet<ServicePlanId> both = new TreeSet<>(a);
                both.retainAll(b);
                return both;
            });
        }
        return merged;
    }

    boolean hasLicenseErrorFrom(String groupKey) {
        for (LicenseSource source : sources) {
            if (source.hasError() && source.from(groupKey)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Collection<SkuId> assignedSkus() {
        return effectiveLicenses().keySet();
    }

    @Override
    public Object property(String name) {
        switch (name) {
            case "id":
                return user.id();
            case "userPrincipalName":
                return user.userPrincipalName();
            case "displayName":
                return user.displayName();
            case "userType":
                return user.userType();
            case "creationType":
                return user.creationType();
            case "externalUserState":
                return user.externalUserState();
            case "accountEnabled":
                return user.accountEnabledOrDefault();
            case "usageLocation":
                return user.usageLocation();
            case "onPremisesSyncEnabled":
                return user.onPremisesSyncEnabled();
            default:
                return null;
        }
    }

    /** Filterable user properties (graph-facts §2), keyed by lower-case name. */
    static final Map<String, String> FILTERABLE = lowerCaseKeys(List.of("id", "userPrincipalName", "displayName",
            "userType", "creationType", "externalUserState", "accountEnabled", "usageLocation", "onPremisesSyncEnabled",
            "mail", "givenName", "surname", "jobTitle"));

    static Map<String, String> lowerCaseKeys(List<String> names) {
        Map<String, String> result = new TreeMap<>();
        for (String name : names) {
            result.put(name.toLowerCase(Locale.ROOT), name);
        }
        return result;
    }
}
