package io.seatwarden.directory.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.Guids;

import java.util.List;

/**
 * The tenant file (DESIGN.md): JSON or YAML with Graph's own property names, so that an export of a
 * real tenant replays as is. Properties Graph has but the engine does not use are ignored.
 * This is the wire model; {@link TenantFileMapper} turns it into a
 * {@link io.seatwarden.directory.TenantSnapshot}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"tenantId", "subscribedSkus", "users", "groups"})
public record TenantFile(String tenantId, List<Sku> subscribedSkus, List<UserEntry> users, List<GroupEntry> groups) {
    @JsonCreator
    public TenantFile(
            @JsonProperty("tenantId") String tenantId,
            @JsonProperty("subscribedSkus") List<Sku> subscribedSkus,
            @JsonProperty("users") List<UserEntry> users,
            @JsonProperty("groups") List<GroupEntry> groups) {
        this.tenantId = tenantId;
        this.subscribedSkus = subscribedSkus == null ? List.of() : List.copyOf(subscribedSkus);
        this.users = users == null ? List.of() : List.copyOf(users);
        this.groups = groups == null ? List.of() : List.copyOf(groups);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"skuId", "skuPartNumber", "appliesTo", "capabilityStatus", "prepaidUnits", "consumedUnits", "servicePlans",
            "unavailableUsageLocations"})
    public record Sku(
            String skuId,
            String skuPartNumber,
            String appliesTo,
            String capabilityStatus,
            Units prepaidUnits,
            Integer consumedUnits,
            List<Plan> servicePlans,
            List<String> unavailableUsageLocations) {
        /**
         * @param unavailableUsageLocations emulator-only extension (Graph has no such property): usage locations
         *     (ISO 3166 codes) where the SKU's services are not offered, so that the emulator can refuse an
         *     assignment as Graph does for a user located there
         */
        @JsonCreator
        public Sku(
                @JsonProperty("skuId") String skuId,
                @JsonProperty("skuPartNumber") String skuPartNumber,
                @JsonProperty("appliesTo") String appliesTo,
                @JsonProperty("capabilityStatus") String capabilityStatus,
                @JsonProperty("prepaidUnits") Units prepaidUnits,
                @JsonProperty("consumedUnits") Integer consumedUnits,
                @JsonProperty("servicePlans") List<Plan> servicePlans,
                @JsonProperty("unavailableUsageLocations") List<String> unavailableUsageLocations) {
            this.skuId = guid(skuId, "skuId");
            this.skuPartNumber = required(skuPartNumber, "skuPartNumber");
            this.appliesTo = appliesTo;
            CapabilityStatus.fromGraph(capabilityStatus); // refuses a status Graph does not have
            this.capabilityStatus = capabilityStatus;
            if (prepaidUnits == null) {
                throw new IllegalArgumentException("prepaidUnits.enabled is required");
            }
            this.prepaidUnits = prepaidUnits;
            if (consumedUnits != null && consumedUnits < 0) {
                throw new IllegalArgumentException("consumedUnits is negative");
            }
            this.consumedUnits = consumedUnits;
            this.servicePlans = servicePlans == null ? List.of() : List.copyOf(servicePlans);
            this.unavailableUsageLocations = unavailableUsageLocations == null || unavailableUsageLocations.isEmpty()
                    ? null : List.copyOf(unavailableUsageLocations);
        }

        public Sku(String skuId, String skuPartNumber, String appliesTo, String capabilityStatus, Units prepaidUnits,
                   Integer consumedUnits, List<Plan> servicePlans) {
            this(skuId, skuPartNumber, appliesTo, capabilityStatus, prepaidUnits, consumedUnits, servicePlans, null);
        }

        /** The emulator-only list of usage locations where the SKU is not offered (empty when none). */
        public List<String> unavailableIn() {
            return unavailableUsageLocations == null ? List.of() : unavailableUsageLocations;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"enabled", "suspended", "warning", "lockedOut"})
    public record Units(int enabled, int suspended, int warning, int lockedOut) {
        public Units {
            if (enabled < 0 || suspended < 0 || warning < 0 || lockedOut < 0) {
                throw new IllegalArgumentException("prepaidUnits must not be negative");
            }
        }

        @JsonCreator
        public static Units fromJson(
                @JsonProperty("enabled") Integer enabled,
                @JsonProperty("suspended") Integer suspended,
                @JsonProperty("warning") Integer warning,
                @JsonProperty("lockedOut") Integer lockedOut) {
            return new Units(required(enabled, "prepaidUnits.enabled"), orZero(suspended), orZero(warning), orZero(lockedOut));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"servicePlanId", "servicePlanName", "appliesTo", "dependsOn"})
    public record Plan(String servicePlanId, String servicePlanName, String appliesTo, List<String> dependsOn) {
        /**
         * @param dependsOn emulator-only extension (Microsoft publishes no list of service-plan dependencies):
         *     ids of the service plans, of any SKU, that this plan needs enabled on the same user; the emulator
         *     refuses an assignment that would leave it without them, as Graph does
         */
        @JsonCreator
        public Plan(
                @JsonProperty("servicePlanId") String servicePlanId,
                @JsonProperty("servicePlanName") String servicePlanName,
                @JsonProperty("appliesTo") String appliesTo,
                @JsonProperty("dependsOn") List<String> dependsOn) {
            this.servicePlanId = guid(servicePlanId, "servicePlanId");
            this.servicePlanName = required(servicePlanName, "servicePlanName");
            this.appliesTo = appliesTo;
            this.dependsOn = dependsOn == null || dependsOn.isEmpty() ? null : guids(dependsOn, "dependsOn");
        }

        public Plan(String servicePlanId, String servicePlanName, String appliesTo) {
            this(servicePlanId, servicePlanName, appliesTo, null);
        }

        /** The emulator-only dependencies (empty when none). */
        public List<String> requiredPlans() {
            return dependsOn == null ? List.of() : dependsOn;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"id", "userPrincipalName", "displayName", "userType", "creationType", "externalUserState",
            "accountEnabled", "usageLocation", "onPremisesSyncEnabled", "assignedLicenses", "licenseAssignmentStates",
            "createdDateTime", "signInActivity"})
    public record UserEntry(
            String id,
            String userPrincipalName,
            String displayName,
            String userType,
            String creationType,
            String externalUserState,
            Boolean accountEnabled,
            String usageLocation,
            Boolean onPremisesSyncEnabled,
            List<License> assignedLicenses,
            List<LicenseState> licenseAssignmentStates,
            String createdDateTime,
            SignIns signInActivity) {
        /**
         * @param createdDateTime Graph's {@code createdDateTime} (ISO 8601), for {@code reclaim.inactiveDays}
         * @param signInActivity Graph's {@code signInActivity}; absent for a user who never signed in
         */
        public UserEntry(String id, String userPrincipalName, String displayName, String userType, String creationType,
                String externalUserState, Boolean accountEnabled, String usageLocation, Boolean onPremisesSyncEnabled,
                List<License> assignedLicenses, List<LicenseState> licenseAssignmentStates) {
            this(id, userPrincipalName, displayName, userType, creationType, externalUserState, accountEnabled, usageLocation,
                    onPremisesSyncEnabled, assignedLicenses, licenseAssignmentStates, null, null);
        }

        @JsonCreator
        public UserEntry(
                @JsonProperty("id") String id,
                @JsonProperty("userPrincipalName") String userPrincipalName,
                @JsonProperty("displayName") String displayName,
                @JsonProperty("userType") String userType,
                @JsonProperty("creationType") String creationType,
                @JsonProperty("externalUserState") String externalUserState,
                @JsonProperty("accountEnabled") Boolean accountEnabled,
                @JsonProperty("usageLocation") String usageLocation,
                @JsonProperty("onPremisesSyncEnabled") Boolean onPremisesSyncEnabled,
                @JsonProperty("assignedLicenses") List<License> assignedLicenses,
                @JsonProperty("licenseAssignmentStates") List<LicenseState> licenseAssignmentStates,
                @JsonProperty("createdDateTime") String createdDateTime,
                @JsonProperty("signInActivity") SignIns signInActivity) {
            this.createdDateTime = instant(createdDateTime, "createdDateTime");
            this.signInActivity = signInActivity;
            this.id = required(id, "id");
            this.userPrincipalName = required(userPrincipalName, "userPrincipalName");
            this.displayName = displayName;
            this.userType = userType;
            this.creationType = creationType;
            this.externalUserState = externalUserState;
            this.accountEnabled = accountEnabled;
            this.usageLocation = countryCode(usageLocation);
            this.onPremisesSyncEnabled = onPremisesSyncEnabled;
            this.assignedLicenses = assignedLicenses == null ? List.of() : List.copyOf(assignedLicenses);
            this.licenseAssignmentStates = licenseAssignmentStates == null ? null : List.copyOf(licenseAssignmentStates);
        }
    }

    /**
     * Graph's {@code signInActivity}, the timestamps reclaim reads: the last successful sign-in, the last
     * non-interactive attempt and the last interactive attempt (each may be absent).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"lastSuccessfulSignInDateTime", "lastNonInteractiveSignInDateTime", "lastSignInDateTime"})
    public record SignIns(String lastSuccessfulSignInDateTime, String lastNonInteractiveSignInDateTime, String lastSignInDateTime) {
        @JsonCreator
        public SignIns(
                @JsonProperty("lastSuccessfulSignInDateTime") String lastSuccessfulSignInDateTime,
                @JsonProperty("lastNonInteractiveSignInDateTime") String lastNonInteractiveSignInDateTime,
                @JsonProperty("lastSignInDateTime") String lastSignInDateTime) {
            this.lastSuccessfulSignInDateTime = instant(lastSuccessfulSignInDateTime, "lastSuccessfulSignInDateTime");
            this.lastNonInteractiveSignInDateTime = instant(lastNonInteractiveSignInDateTime, "lastNonInteractiveSignInDateTime");
            this.lastSignInDateTime = instant(lastSignInDateTime, "lastSignInDateTime");
        }

        public SignIns(String lastSuccessfulSignInDateTime, String lastNonInteractiveSignInDateTime) {
            this(lastSuccessfulSignInDateTime, lastNonInteractiveSignInDateTime, null);
        }
    }

    /** An ISO 8601 instant as Graph writes it, checked; null stays null. */
    private static String instant(String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            java.time.OffsetDateTime.parse(text);
            return text;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not an ISO 8601 date and time such as 2026-01-31T08:00:00Z");
        }
    }

    /** Graph's {@code assignedLicense}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"skuId", "disabledPlans"})
    public record License(String skuId, List<String> disabledPlans) {
        @JsonCreator
        public License(@JsonProperty("skuId") String skuId, @JsonProperty("disabledPlans") List<String> disabledPlans) {
            this.skuId = guid(skuId, "skuId");
            this.disabledPlans = guids(disabledPlans, "disabledPlans");
        }
    }

    /** Graph's {@code licenseAssignmentState}; {@code assignedByGroup} null means a direct assignment. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"skuId", "disabledPlans", "assignedByGroup", "state", "error"})
    public record LicenseState(String skuId, List<String> disabledPlans, String assignedByGroup, String state, String error) {
        @JsonCreator
        public LicenseState(
                @JsonProperty("skuId") String skuId,
                @JsonProperty("disabledPlans") List<String> disabledPlans,
                @JsonProperty("assignedByGroup") String assignedByGroup,
                @JsonProperty("state") String state,
                @JsonProperty("error") String error) {
            this.skuId = guid(skuId, "skuId");
            this.disabledPlans = guids(disabledPlans, "disabledPlans");
            this.assignedByGroup = assignedByGroup;
            AssignmentState.fromGraph(state); // an undocumented state is an error in the file, not a guess
            this.state = state;
            this.error = error;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"id", "displayName", "groupTypes", "securityEnabled", "mailEnabled", "membershipRule", "members",
            "assignedLicenses"})
    public record GroupEntry(String id, String displayName, List<String> groupTypes, Boolean securityEnabled,
                             Boolean mailEnabled, String membershipRule, List<String> members, List<License> assignedLicenses) {
        /**
         * @param groupTypes Graph's {@code groupTypes}: absent or empty for a security group, {@code Unified} for
         *     Microsoft 365, plus {@code DynamicMembership} for a dynamic group
         * @param securityEnabled absent means true for a security group and false for a Microsoft 365 group
         * @param mailEnabled absent means the reverse
         * @param membershipRule a dynamic group's rule; its {@code members} are the rule's current result
         */
        @JsonCreator
        public GroupEntry(
                @JsonProperty("id") String id,
                @JsonProperty("displayName") String displayName,
                @JsonProperty("groupTypes") List<String> groupTypes,
                @JsonProperty("securityEnabled") Boolean securityEnabled,
                @JsonProperty("mailEnabled") Boolean mailEnabled,
                @JsonProperty("membershipRule") String membershipRule,
                @JsonProperty("members") @JsonDeserialize(using = MemberIds.class) List<String> members,
                @JsonProperty("assignedLicenses") List<License> assignedLicenses) {
            this.id = required(id, "id");
            this.displayName = required(displayName, "displayName");
            this.groupTypes = groupTypes == null ? List.of() : List.copyOf(groupTypes);
            this.securityEnabled = securityEnabled;
            this.mailEnabled = mailEnabled;
            boolean dynamic = this.groupTypes.stream().anyMatch("DynamicMembership"::equalsIgnoreCase);
            if (dynamic && (membershipRule == null || membershipRule.isBlank())) {
                throw new IllegalArgumentException("a DynamicMembership group needs a membershipRule");
            }
            if (!dynamic && membershipRule != null) {
                throw new IllegalArgumentException("membershipRule is only for groups whose groupTypes has DynamicMembership");
            }
            this.membershipRule = membershipRule;
            this.members = members == null ? List.of() : List.copyOf(members);
            this.assignedLicenses = assignedLicenses == null ? List.of() : List.copyOf(assignedLicenses);
        }

        /** A security group. */
        public GroupEntry(String id, String displayName, List<String> members, List<License> assignedLicenses) {
            this(id, displayName, List.of(), null, null, null, members, assignedLicenses);
        }

        public boolean unified() {
            return groupTypes.stream().anyMatch("Unified"::equalsIgnoreCase);
        }

        public boolean securityEnabledOrDefault() {
            return securityEnabled != null ? securityEnabled : !unified();
        }

        public boolean mailEnabledOrDefault() {
            return mailEnabled != null ? mailEnabled : unified();
        }
    }

    private static <T> T required(T value, String name) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static String guid(String value, String name) {
        required(value, name);
        if (!Guids.isGuid(value)) {
            throw new IllegalArgumentException(name + " '" + value + "' is not a GUID");
        }
        return value;
    }

    private static List<String> guids(List<String> values, String name) {
        if (values == null) {
            return List.of();
        }
        for (String value : values) {
            guid(value, name);
        }
        return List.copyOf(values);
    }

    /** Graph's usageLocation: an ISO 3166-1 alpha-2 code in capitals, or absent. */
    private static String countryCode(String value) {
        if (value != null && !(value.length() == 2 && isCapital(value.charAt(0)) && isCapital(value.charAt(1)))) {
            throw new IllegalArgumentException("usageLocation '" + value
                    + "' is not a two-letter country code in capitals (ISO 3166-1, such as US or DE)");
        }
        return value;
    }

    private static boolean isCapital(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
