package io.seatwarden.directory;

import com.google.common.collect.ImmutableSortedSet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * A directory user with the properties the planner uses, named as in Graph.
 *
 * @param licenses every source of every license the user holds (direct and inherited from groups), in an
 *     assigned state ({@link AssignmentState#isAssigned()})
 * @param failedLicenses the sources Graph lists in a state that is not assigned ({@code Error},
 *     {@code Disabled}: e.g. an Entra group-licensing {@code CountViolation}); the user does not hold them
 * @param createdDateTime when the account was created; null when unknown (not read)
 * @param signInActivity the user's sign-in activity; null when Graph has none (never signed in) or it was not read
 */
public record User(
        UserId id,
        String userPrincipalName,
        String displayName,
        String userType,
        String creationType,
        String externalUserState,
        boolean accountEnabled,
        String usageLocation,
        Boolean onPremisesSyncEnabled,
        List<LicenseAssignment> licenses,
        List<LicenseAssignment> failedLicenses,
        Instant createdDateTime,
        SignInActivity signInActivity) {
    public User {
        requireNonNull(id, "id is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        licenses = List.copyOf(licenses);
        failedLicenses = List.copyOf(failedLicenses);
        for (LicenseAssignment license : licenses) {
            if (!license.isAssigned()) {
                throw new IllegalArgumentException("license " + license.skuId() + " of " + userPrincipalName
                        + " is " + license.state().graphName() + ": not held, it belongs in failedLicenses");
            }
        }
    }

    /** A user whose licenses are all in effect. */
    public User(UserId id, String userPrincipalName, String displayName, String userType, String creationType,
                String externalUserState, boolean accountEnabled, String usageLocation, Boolean onPremisesSyncEnabled,
                List<LicenseAssignment> licenses) {
        this(id, userPrincipalName, displayName, userType, creationType, externalUserState, accountEnabled,
                usageLocation, onPremisesSyncEnabled, licenses, List.of(), null, null);
    }

    /** A user whose creation time and sign-in activity are unknown. */
    public User(UserId id, String userPrincipalName, String displayName, String userType, String creationType,
                String externalUserState, boolean accountEnabled, String usageLocation, Boolean onPremisesSyncEnabled,
                List<LicenseAssignment> licenses, List<LicenseAssignment> failedLicenses) {
        this(id, userPrincipalName, displayName, userType, creationType, externalUserState, accountEnabled,
                usageLocation, onPremisesSyncEnabled, licenses, failedLicenses, null, null);
    }

    /**
     * Sources split by state: assigned ones are held, the others go to {@link #failedLicenses()}, keeping
     * their order.
     */
    public static User withStates(UserId id, String userPrincipalName, String displayName, String userType,
                                  String creationType, String externalUserState, boolean accountEnabled,
                                  String usageLocation, Boolean onPremisesSyncEnabled, List<LicenseAssignment> sources) {
        List<LicenseAssignment> held = new ArrayList<>(sources.size());
        List<LicenseAssignment> failed = new ArrayList<>(0);
        for (LicenseAssignment source : sources) {
            (source.isAssigned() ? held : failed).add(source);
        }
        return new User(id, userPrincipalName, displayName, userType, creationType, externalUserState, accountEnabled,
                usageLocation, onPremisesSyncEnabled, held, failed);
    }

    /** Every source Graph reports a problem with: failed ones, and held ones carrying an error code. */
    public List<LicenseAssignment> licenseErrors() {
        if (failedLicenses.isEmpty() && licenses.stream().noneMatch(LicenseAssignment::hasError)) {
            return List.of();
        }
        List<LicenseAssignment> result = new ArrayList<>();
        for (LicenseAssignment license : licenses) {
            if (license.hasError()) {
                result.add(license);
            }
        }
        result.addAll(failedLicenses);
        return List.copyOf(result);
    }

    /** Held sources then failed ones: everything Graph lists in {@code licenseAssignmentStates}. */
    public List<LicenseAssignment> allSources() {
        if (failedLicenses.isEmpty()) {
            return licenses;
        }
        List<LicenseAssignment> all = new ArrayList<>(licenses);
        all.addAll(failedLicenses);
        return List.copyOf(all);
    }

    /** A copy with the creation time and sign-in activity Graph reported. */
    public User withActivity(Instant created, SignInActivity activity) {
        return new User(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, usageLocation, onPremisesSyncEnabled, licenses, failedLicenses, created, activity);
    }

    /**
     * B2B guest by any of the four signals: {@code userType} Guest, {@code creationType} Invitation,
     * an {@code externalUserState}, or {@code #EXT#} in the UPN (B2B accounts can be Members).
     */
    public boolean isGuest() {
        return "Guest".equalsIgnoreCase(userType)
                || "Invitation".equalsIgnoreCase(creationType)
                || (externalUserState != null && !externalUserState.isBlank())
                || (userPrincipalName.indexOf('#') >= 0 && userPrincipalName.toUpperCase(Locale.ROOT).contains("#EXT#"));
    }

    public boolean hasUsageLocation() {
        return usageLocation != null && !usageLocation.isBlank();
    }

    public boolean holds(SkuId sku) {
        for (LicenseAssignment license : licenses) {
            if (license.skuId().equals(sku)) {
                return true;
            }
        }
        return false;
    }

    public Optional<LicenseAssignment> directLicense(SkuId sku) {
        for (LicenseAssignment license : licenses) {
            if (license.skuId().equals(sku) && license.isDirect()) {
                return Optional.of(license);
            }
        }
        return Optional.empty();
    }

    /** True when some group (Entra's own group-based licensing) gives the user this SKU. */
    public boolean inheritsFromGroup(SkuId sku) {
        for (LicenseAssignment license : licenses) {
            if (license.skuId().equals(sku) && !license.isDirect()) {
                return true;
            }
        }
        return false;
    }

    /** The SKUs the user holds, one entry per SKU, as Graph's {@code assignedLicenses}: plans disabled by every source. */
    public List<EffectiveLicense> assignedLicenses() {
        if (licenses.size() == 1) {
            return List.of(new EffectiveLicense(licenses.get(0).skuId(), licenses.get(0).disabledPlans()));
        }
        Map<SkuId, SortedSet<ServicePlanId>> merged = new TreeMap<>();
        for (LicenseAssignment license : licenses) {
            merged.merge(license.skuId(), new TreeSet<>(license.disabledPlans()), (a, b) -> {
                SortedSet<ServicePlanId> both = new TreeSet<>(a);
                both.retainAll(b);
                return both;
            });
        }
        List<EffectiveLicense> result = new ArrayList<>();
        merged.forEach((sku, disabled) -> result.add(new EffectiveLicense(sku, disabled)));
        return List.copyOf(result);
    }

    /** A copy with other held licenses; failed ones stay. */
    public User withLicenses(List<LicenseAssignment> newLicenses) {
        return new User(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, usageLocation, onPremisesSyncEnabled, newLicenses, failedLicenses, createdDateTime, signInActivity);
    }

    public User withUsageLocation(String newUsageLocation) {
        return new User(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, newUsageLocation, onPremisesSyncEnabled, licenses, failedLicenses, createdDateTime, signInActivity);
    }

    /** A license as Graph's {@code assignedLicense}: a SKU and the plans switched off. */
    public record EffectiveLicense(SkuId skuId, SortedSet<ServicePlanId> disabledPlans) {
        public EffectiveLicense {
            requireNonNull(skuId, "skuId is null");
            disabledPlans = ImmutableSortedSet.copyOf(disabledPlans);
        }
    }
}
