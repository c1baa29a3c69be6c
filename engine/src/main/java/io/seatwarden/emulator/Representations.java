package io.seatwarden.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.file.TenantFile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Graph's JSON for users, groups, SKUs and the organization: the default property set when no
 * {@code $select} is given, exactly the selected properties otherwise (graph-facts §2). Properties the
 * tenant file leaves out are served as null rather than invented, so that a file replays as is.
 */
final class Representations {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Served by {@code GET /users} and {@code GET /users/{id}} only, to an app allowed to read it
     * ({@link SignInActivityAccess}); refused in member lists, where Graph documents no support for it.
     */
    static final String SIGN_IN_ACTIVITY = "signInActivity";
    /** The largest page Graph serves when {@code signInActivity} is selected (user-list, example 11). */
    static final int SIGN_IN_ACTIVITY_PAGE = 120;

    /** {@code GET /users} without {@code $select} (graph-facts §2). */
    static final List<String> USER_DEFAULT = List.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id");

    private static final Map<String, String> USER_PROPERTIES = UserView.lowerCaseKeys(List.of("businessPhones",
            "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname",
            "userPrincipalName", "id", "accountEnabled", "userType", "creationType", "externalUserState",
            "externalUserStateChangeDateTime", "usageLocation", "onPremisesSyncEnabled", "assignedLicenses",
            "licenseAssignmentStates", "department", "companyName", "city", "country", "employeeId", "mailNickname",
            "otherMails", "proxyAddresses", "createdDateTime", "deletedDateTime", "onPremisesImmutableId",
            // user properties of Graph's schema the tenant file does not carry: served as null (or empty collections)
            "identities", "postalCode", "streetAddress", "state", "faxNumber", "employeeType", "employeeHireDate", "ageGroup",
            "imAddresses", "showInAddressList", "preferredDataLocation", "passwordPolicies", "securityIdentifier",
            "onPremisesSamAccountName", "onPremisesUserPrincipalName", "onPremisesDomainName", "onPremisesDistinguishedName",
            "onPremisesSecurityIdentifier", "onPremisesLastSyncDateTime", "assignedPlans", "provisionedPlans", "isResourceAccount",
            "lastPasswordChangeDateTime", "legalAgeGroupClassification", "consentProvidedForMinor", "refreshTokensValidFromDateTime",
            SIGN_IN_ACTIVITY));

    private static final java.util.Set<String> COLLECTIONS = java.util.Set.of("businessPhones", "otherMails", "proxyAddresses",
            "identities", "imAddresses", "assignedPlans", "provisionedPlans", "resourceBehaviorOptions", "resourceProvisioningOptions",
            "onPremisesProvisioningErrors");

    /** {@code GET /groups} without {@code $select}: the properties of group-list example 1. */
    static final List<String> GROUP_DEFAULT = List.of("id", "deletedDateTime", "classification", "createdDateTime", "description",
            "displayName", "expirationDateTime", "groupTypes", "isAssignableToRole", "mail", "mailEnabled", "mailNickname",
            "membershipRule", "membershipRuleProcessingState", "onPremisesLastSyncDateTime", "onPremisesSecurityIdentifier",
            "onPremisesSyncEnabled", "preferredDataLocation", "preferredLanguage", "proxyAddresses", "renewedDateTime",
            "resourceBehaviorOptions", "resourceProvisioningOptions", "securityEnabled", "theme", "visibility",
            "onPremisesProvisioningErrors");

    private static final Map<String, String> GROUP_PROPERTIES = UserView.lowerCaseKeys(List.of("id", "deletedDateTime",
            "createdDateTime", "description", "displayName", "groupTypes", "mail", "mailEnabled", "mailNickname",
            "proxyAddresses", "securityEnabled", "visibility", "assignedLicenses", "licenseProcessingState",
            "membershipRule", "membershipRuleProcessingState", "isAssignableToRole", "classification", "expirationDateTime",
            "onPremisesLastSyncDateTime", "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "preferredDataLocation",
            "preferredLanguage", "renewedDateTime", "resourceBehaviorOptions", "resourceProvisioningOptions", "theme",
            "onPremisesProvisioningErrors",
            // never returned on GET (graph-facts §3.2): served as null when selected; usable in $filter
            "hasMembersWithLicenseErrors"));

    private static final List<String> SKU_DEFAULT = List.of("accountId", "accountName", "appliesTo", "capabilityStatus",
            "consumedUnits", "id", "prepaidUnits", "servicePlans", "skuId", "skuPartNumber", "subscriptionIds");

    private static final Map<String, String> SKU_PROPERTIES = UserView.lowerCaseKeys(SKU_DEFAULT);

    private Representations() {}

    /** The selected user properties in Graph's spelling; 400 for a property users do not have. */
    static List<String> userSelection(Optional<List<String>> select) {
        return selection(select, USER_DEFAULT, USER_PROPERTIES, "user");
    }

    static List<String> groupSelection(Optional<List<String>> select) {
        return selection(select, GROUP_DEFAULT, GROUP_PROPERTIES, "group");
    }

    static List<String> skuSelection(Optional<List<String>> select) {
        return selection(select, SKU_DEFAULT, SKU_PROPERTIES, "subscribedSku");
    }

    /**
     * For members lists (users and groups mixed): a selected name must exist on one of the two;
     * each item then shows the selected properties its type has.
     */
    static List<String> directoryObjectSelection(Optional<List<String>> select) {
        if (select.isEmpty()) {
            return List.of();
        }
        List<String> names = new java.util.ArrayList<>();
        for (String name : select.get()) {
            String lower = name.toLowerCase(Locale.ROOT);
            String graphName = USER_PROPERTIES.getOrDefault(lower, GROUP_PROPERTIES.get(lower));
            if (SIGN_IN_ACTIVITY.equals(graphName)) {
                throw GraphErrorException.badRequest("Property 'signInActivity' is only supported when listing or getting users"
                        + " (GET /users, GET /users/{id}).");
            }
            if (graphName == null) {
                throw unknownProperty(name, "directoryObject");
            }
            names.add(graphName);
        }
        return names;
    }

    private static List<String> selection(Optional<List<String>> select, List<String> defaults, Map<String, String> known,
                                          String type) {
        if (select.isEmpty() || select.get().isEmpty()) {
            return defaults;
        }
        List<String> names = new java.util.ArrayList<>();
        for (String name : select.get()) {
            if (name.equals("*")) {
                names.addAll(defaults);
                continue;
            }
            String graphName = known.get(name.toLowerCase(Locale.ROOT));
            if (graphName == null) {
                throw unknownProperty(name, type);
            }
            if (!names.contains(graphName)) {
                names.add(graphName);
            }
        }
        return names;
    }

    private static GraphErrorException unknownProperty(String name, String type) {
        return GraphErrorException.badRequest("Could not find a property named '" + name + "' on type 'microsoft.graph." + type + "'.");
    }

    static ObjectNode user(UserView view, List<String> properties, boolean onlyKnownToUsers) {
        UserRecord user = view.user();
        ObjectNode node = NODES.objectNode();
        for (String property : properties) {
            if (onlyKnownToUsers && !USER_PROPERTIES.containsKey(property.toLowerCase(Locale.ROOT))) {
                continue;
            }
            switch (property) {
                case "id" -> node.put("id", user.id());
                case "userPrincipalName" -> node.put(property, user.userPrincipalName());
                case "displayName" -> node.put(property, user.displayName());
                case "userType" -> node.put(property, user.userType());
                case "creationType" -> node.put(property, user.creationType());
                case "externalUserState" -> node.put(property, user.externalUserState());
                case "accountEnabled" -> node.put(property, user.accountEnabledOrDefault());
                case "usageLocation" -> node.put(property, user.usageLocation());
                case "onPremisesSyncEnabled" -> node.put(property, user.onPremisesSyncEnabled());
                case "createdDateTime" -> node.put(property, user.createdDateTime());
                case SIGN_IN_ACTIVITY -> signInActivity(node, user.signInActivity());
                case "assignedLicenses" -> {
                    ArrayNode licenses = node.putArray(property);
                    view.effectiveLicenses().forEach((sku, plans) -> {
                        ObjectNode license = licenses.addObject();
                        license.set("disabledPlans", planArray(plans));
                        license.put("skuId", sku.toString());
                    });
                }
                case "licenseAssignmentStates" -> {
                    ArrayNode states = node.putArray(property);
                    for (LicenseSource source : view.sources()) {
                        ObjectNode state = states.addObject();
                        state.put("assignedByGroup", source.assignedByGroup().map(GroupId::value).orElse(null));
                        state.set("disabledPlans", planArray(source.disabledPlans()));
                        state.put("error", source.error());
                        state.put("lastUpdatedDateTime", timestamp(source.lastUpdated()));
                        state.put("skuId", source.skuId().toString());
                        state.put("state", source.state().graphName());
                    }
                }
                default -> {
                    if (COLLECTIONS.contains(property)) {
                        node.putArray(property);
                    } else {
                        node.putNull(property);
                    }
                }
            }
        }
        return node;
    }

    /**
     * Graph's signInActivity resource: the three timestamps and their request ids (which tenant files do not
     * carry: null); null for a user with no sign-in on record.
     */
    private static void signInActivity(ObjectNode node, TenantFile.SignIns signIns) {
        if (signIns == null) {
            node.putNull(SIGN_IN_ACTIVITY);
            return;
        }
        ObjectNode activity = node.putObject(SIGN_IN_ACTIVITY);
        activity.put("lastSignInDateTime", signIns.lastSignInDateTime());
        activity.putNull("lastSignInRequestId");
        activity.put("lastNonInteractiveSignInDateTime", signIns.lastNonInteractiveSignInDateTime());
        activity.putNull("lastNonInteractiveSignInRequestId");
        activity.put("lastSuccessfulSignInDateTime", signIns.lastSuccessfulSignInDateTime());
        activity.putNull("lastSuccessfulSignInRequestId");
    }

    static ObjectNode group(GroupView group, List<String> properties, boolean onlyKnownToGroups) {
        ObjectNode node = NODES.objectNode();
        for (String property : properties) {
            if (onlyKnownToGroups && !GROUP_PROPERTIES.containsKey(property.toLowerCase(Locale.ROOT))) {
                continue;
            }
            switch (property) {
                case "id" -> node.put("id", group.id());
                case "displayName" -> node.put(property, group.displayName());
                case "groupTypes" -> {
                    ArrayNode types = node.putArray(property);
                    group.groupTypes().forEach(types::add);
                }
                case "mailEnabled" -> node.put(property, group.mailEnabled());
                case "securityEnabled" -> node.put(property, group.securityEnabled());
                case "membershipRule" -> node.put(property, group.membershipRule());
                case "membershipRuleProcessingState" -> node.put(property, group.isDynamic() ? "On" : null);
                case "assignedLicenses" -> {
                    ArrayNode licenses = node.putArray(property);
                    for (LicenseSource license : group.licenses()) {
                        ObjectNode entry = licenses.addObject();
                        entry.set("disabledPlans", planArray(license.disabledPlans()));
                        entry.put("skuId", license.skuId().toString());
                    }
                }
                case "licenseProcessingState" -> {
                    if (group.licenses().isEmpty()) {
                        node.putNull(property);
                    } else {
                        node.putObject(property).put("state", group.processingState());
                    }
                }
                default -> {
                    if (COLLECTIONS.contains(property)) {
                        node.putArray(property);
                    } else {
                        node.putNull(property);
                    }
                }
            }
        }
        return node;
    }

    static ObjectNode sku(TenantState.SkuView view, String tenantId, List<String> properties) {
        TenantFile.Sku sku = view.sku();
        ObjectNode node = NODES.objectNode();
        for (String property : properties) {
            switch (property) {
                case "appliesTo" -> node.put(property, sku.appliesTo());
                case "capabilityStatus" -> node.put(property, sku.capabilityStatus());
                case "consumedUnits" -> node.put(property, view.consumedUnits());
                case "id" -> node.put(property, tenantId + "_" + sku.skuId());
                case "prepaidUnits" -> {
                    ObjectNode units = node.putObject(property);
                    units.put("enabled", sku.prepaidUnits().enabled());
                    units.put("lockedOut", sku.prepaidUnits().lockedOut());
                    units.put("suspended", sku.prepaidUnits().suspended());
                    units.put("warning", sku.prepaidUnits().warning());
                }
                case "servicePlans" -> {
                    ArrayNode plans = node.putArray(property);
                    for (TenantFile.Plan plan : sku.servicePlans()) {
                        ObjectNode entry = plans.addObject();
                        entry.put("servicePlanId", plan.servicePlanId());
                        entry.put("servicePlanName", plan.servicePlanName());
                        entry.put("provisioningStatus", "Success");
                        entry.put("appliesTo", plan.appliesTo());
                    }
                }
                case "skuId" -> node.put(property, sku.skuId());
                case "skuPartNumber" -> node.put(property, sku.skuPartNumber());
                case "subscriptionIds" -> node.putArray(property);
                default -> node.putNull(property);
            }
        }
        return node;
    }

    /**
     * Graph's {@code licenseDetails} of one held SKU: an opaque id (here the user's and the SKU's GUID bytes,
     * base64url, the shape Microsoft's example shows), the SKU, and its plans with {@code provisioningStatus}
     * {@code Success}, or {@code Disabled} for plans the user's sources switch off.
     */
    static ObjectNode licenseDetails(UserRecord user, TenantFile.Sku sku, Set<ServicePlanId> disabledPlans,
                                     Optional<List<String>> select) {
        ObjectNode node = NODES.objectNode();
        List<String> properties = select.filter(names -> !names.isEmpty()).orElse(List.of("id", "skuId", "skuPartNumber", "servicePlans"));
        for (String property : properties) {
            switch (property.toLowerCase(Locale.ROOT)) {
                case "id" -> node.put("id", licenseDetailsId(user.id(), sku.skuId()));
                case "skuid" -> node.put("skuId", sku.skuId());
                case "skupartnumber" -> node.put("skuPartNumber", sku.skuPartNumber());
                case "serviceplans" -> {
                    ArrayNode plans = node.putArray("servicePlans");
                    for (TenantFile.Plan plan : sku.servicePlans()) {
                        ObjectNode entry = plans.addObject();
                        entry.put("servicePlanId", plan.servicePlanId());
                        entry.put("servicePlanName", plan.servicePlanName());
                        entry.put("provisioningStatus", disabledPlans.contains(ServicePlanId.of(plan.servicePlanId())) ? "Disabled" : "Success");
                        entry.put("appliesTo", plan.appliesTo());
                    }
                }
                default -> throw unknownProperty(property, "licenseDetails");
            }
        }
        return node;
    }

    private static String licenseDetailsId(String userId, String skuId) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(32);
        for (String id : List.of(userId, skuId)) {
            try {
                java.util.UUID uuid = java.util.UUID.fromString(id);
                bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            } catch (IllegalArgumentException e) {
                bytes.put(java.util.Arrays.copyOf(id.getBytes(java.nio.charset.StandardCharsets.UTF_8), 16));
            }
        }
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static ArrayNode planArray(Set<ServicePlanId> plans) {
        ArrayNode array = NODES.arrayNode();
        SortedSet<ServicePlanId> sorted = new java.util.TreeSet<>(plans);
        sorted.forEach(plan -> array.add(plan.toString()));
        return array;
    }

    static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static ObjectNode error(String code, String message, String requestId, String clientRequestId, Instant now,
                            Map<String, String> innerExtras) {
        ObjectNode root = NODES.objectNode();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        ObjectNode inner = error.putObject("innerError");
        TreeMap<String, String> extras = new TreeMap<>(innerExtras);
        extras.forEach(inner::put);
        // Graph writes the date without a zone: 2020-08-18T12:51:51
        inner.put("date", now.truncatedTo(ChronoUnit.SECONDS).toString().replace("Z", ""));
        inner.put("request-id", requestId);
        inner.put("client-request-id", clientRequestId);
        return root;
    }
}
