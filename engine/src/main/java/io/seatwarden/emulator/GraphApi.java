package io.seatwarden.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatwarden.directory.Guids;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Graph v1.0's directory endpoints over a {@link TenantState}: routing, query options, paging and
 * the JSON shapes. {@code $batch} is handled one level up, in {@link GraphEmulator}.
 */
final class GraphApi {
    static final String USER_CAST = "microsoft.graph.user";
    static final String GROUP_CAST = "microsoft.graph.group";

    private final TenantState state;
    private final ObjectMapper json;
    private final String baseUrl;
    private final int pageSize;
    private final DeltaApi delta;
    private volatile SignInActivityAccess signInActivityAccess = SignInActivityAccess.GRANTED;

    GraphApi(TenantState state, ObjectMapper json, String baseUrl, int pageSize, java.time.Clock clock) {
        this.state = state;
        this.json = json;
        this.baseUrl = baseUrl;
        this.pageSize = pageSize;
        this.delta = new DeltaApi(state, json, baseUrl, Math.min(pageSize, DeltaApi.MAX_PAGE_SIZE), clock);
    }

    /** Graph's delta function on a collection: {@code delta}, as the SDK sends it {@code delta()}, or fully qualified. */
    private static boolean isDelta(String segment) {
        String lower = segment.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("delta") || lower.equals("delta()") || lower.equals("microsoft.graph.delta")
                || lower.equals("microsoft.graph.delta()");
    }

    void signInActivityAccess(SignInActivityAccess access) {
        signInActivityAccess = java.util.Objects.requireNonNull(access, "access is null");
    }

    /** What a request is: its endpoint name for the log and its documented throttling cost. */
    record Route(String endpoint, String resource, List<String> segments, boolean write, int baseCost) {}

    /**
     * Resolves a path to a route.
     *
     * @throws GraphErrorException 400 for a segment Graph does not have, 405 for a wrong method
     */
    static Route route(String method, String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segments.size() == 1 ? segment : canonical(segment));
            }
        }
        if (segments.isEmpty()) {
            throw GraphErrorException.segmentNotFound("v1.0");
        }
        String first = segments.get(0);
        String template;
        int cost;
        boolean write = !method.equals("GET");
        switch (first) {
            case "organization" -> {
                template = segments.size() == 1 ? "/organization" : "/organization/{id}";
                cost = 1;
                requireSegments(segments, 2);
                requireMethod(method, "GET");
            }
            case "subscribedSkus" -> {
                template = segments.size() == 1 ? "/subscribedSkus" : "/subscribedSkus/{id}";
                cost = 3;
                requireSegments(segments, 2);
                requireMethod(method, "GET");
            }
            case "users" -> {
                if (segments.size() == 1) {
                    template = "/users";
                    cost = 2;
                    requireMethod(method, "GET");
                } else if (segments.size() == 2 && isDelta(segments.get(1))) {
                    // not in Graph's cost table: charged as GET users (INFERENCE)
                    template = "/users/delta";
                    cost = 2;
                    requireMethod(method, "GET");
                } else if (segments.get(1).equals("$count")) {
                    template = "/users/$count";
                    cost = 1;
                    requireSegments(segments, 2);
                    requireMethod(method, "GET");
                } else if (segments.size() == 2) {
                    template = "/users/{id}";
                    cost = method.equals("GET") ? 2 : 1;
                    if (!method.equals("GET") && !method.equals("PATCH")) {
                        throw GraphErrorException.methodNotAllowed();
                    }
                } else if (segments.size() == 3 && segments.get(2).equals("assignLicense")) {
                    template = "/users/{id}/assignLicense";
                    cost = 1;
                    requireMethod(method, "POST");
                } else if (segments.size() == 3 && segments.get(2).equals("reprocessLicenseAssignment")) {
                    template = "/users/{id}/reprocessLicenseAssignment";
                    cost = 1;
                    requireMethod(method, "POST");
                } else if (segments.size() == 3 && segments.get(2).equals("licenseDetails")) {
                    template = "/users/{id}/licenseDetails";
                    cost = 2; // graph-facts §7.1: me/licenseDetails costs 2, and users/{id}/... as me/...
                    requireMethod(method, "GET");
                } else {
                    throw GraphErrorException.segmentNotFound(segments.get(2));
                }
            }
            case "groups" -> {
                if (segments.size() == 1) {
                    template = "/groups";
                    cost = 1;
                    requireMethod(method, "GET");
                } else if (segments.size() == 2 && isDelta(segments.get(1))) {
                    template = "/groups/delta";
                    cost = 1; // as GET groups: "any other GET" (INFERENCE)
                    requireMethod(method, "GET");
                } else if (segments.get(1).equals("$count")) {
                    template = "/groups/$count";
                    cost = 1;
                    requireSegments(segments, 2);
                    requireMethod(method, "GET");
                } else if (segments.size() == 2) {
                    template = "/groups/{id}";
                    cost = 1;
                    requireMethod(method, "GET");
                } else if (segments.get(2).equals("assignLicense")) {
                    template = "/groups/{id}/assignLicense";
                    cost = 1;
                    requireSegments(segments, 3);
                    requireMethod(method, "POST");
                } else if (segments.get(2).equals("membersWithLicenseErrors")) {
                    template = "/groups/{id}/membersWithLicenseErrors";
                    cost = 1;
                    requireSegments(segments, 3);
                    requireMethod(method, "GET");
                } else if (segments.get(2).equals("members") && segments.size() == 4 && segments.get(3).equals("$ref")) {
                    // POST adds a member; DELETE ...members/$ref?$id=... removes one (the SDK's second form)
                    template = "/groups/{id}/members/$ref";
                    cost = 1;
                    if (!method.equals("POST") && !method.equals("DELETE")) {
                        throw GraphErrorException.methodNotAllowed();
                    }
                } else if (segments.get(2).equals("members") && segments.size() == 5 && segments.get(4).equals("$ref")) {
                    template = "/groups/{id}/members/{id}/$ref";
                    cost = 1;
                    requireMethod(method, "DELETE");
                } else {
                    String relation = segments.get(2);
                    if (!relation.equals("members") && !relation.equals("transitiveMembers")) {
                        throw GraphErrorException.segmentNotFound(relation);
                    }
                    boolean counting = segments.get(segments.size() - 1).equals("$count") && segments.size() > 3;
                    requireSegments(segments, counting ? 5 : 4);
                    requireMethod(method, "GET");
                    String cast = "";
                    if (segments.size() >= 4 && !segments.get(3).equals("$count")) {
                        // "graph." is the schema's alias of "microsoft.graph."; the Java SDK sends the short form.
                        String type = segments.get(3).startsWith("graph.") ? "microsoft." + segments.get(3) : segments.get(3);
                        if (!type.equals(USER_CAST) && !type.equals(GROUP_CAST)) {
                            throw GraphErrorException.segmentNotFound(segments.get(3));
                        }
                        cast = "/" + type;
                        segments.set(3, type);
                    }
                    template = "/groups/{id}/" + relation + cast + (counting ? "/$count" : "");
                    cost = relation.equals("members") ? 3 : 5;
                }
            }
            default -> throw GraphErrorException.segmentNotFound(first);
        }
        return new Route(template, first, List.copyOf(segments), write, cost);
    }

    /** Graph's names of the segments the emulator serves, by lower-case spelling: path segments ignore case in Graph. */
    private static final Map<String, String> SEGMENTS = UserView.lowerCaseKeys(List.of("organization", "subscribedSkus", "users",
            "groups", "$count", "assignLicense", "licenseDetails", "reprocessLicenseAssignment", "members", "transitiveMembers",
            "membersWithLicenseErrors", USER_CAST, GROUP_CAST, "graph.user", "graph.group", "$ref"));

    private static String canonical(String segment) {
        return SEGMENTS.getOrDefault(segment.toLowerCase(java.util.Locale.ROOT), segment);
    }

    private static void requireSegments(List<String> segments, int max) {
        if (segments.size() > max) {
            throw GraphErrorException.segmentNotFound(segments.get(max));
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw GraphErrorException.methodNotAllowed();
        }
    }

    /**
     * Graph's resource-unit cost of a request (graph-facts §7.1): the base cost, {@code $select} -1,
     * {@code $expand} +1, {@code $top} under 20 -1, at least 1. Writes cost 1.
     */
    static int cost(Route route, QueryOptions query) {
        if (route.write()) {
            return 1;
        }
        int cost = route.baseCost();
        if (query.has("$select")) {
            cost--;
        }
        if (query.has("$expand")) {
            cost++;
        }
        Optional<String> top = query.get("$top");
        if (top.isPresent()) {
            try {
                if (Integer.parseInt(top.get().trim()) < 20) {
                    cost--;
                }
            } catch (NumberFormatException e) {
                // an invalid $top is refused when the request is handled
            }
        }
        return Math.max(1, cost);
    }

    EmulatorResponse handle(Route route, EmulatorRequest request) {
        QueryOptions query = QueryOptions.parse(request.rawQuery());
        refuseUnsupported(route, query);
        state.settle(); // group licensing queued by earlier requests
        List<String> segments = route.segments();
        return switch (route.endpoint()) {
            case "/organization", "/organization/{id}" -> organization(segments);
            case "/subscribedSkus", "/subscribedSkus/{id}" -> subscribedSkus(segments, query);
            case "/users" -> users(request, query);
            case "/users/delta" -> delta.users(request, query);
            case "/groups/delta" -> delta.groups(request, query);
            case "/groups/{id}/members/$ref" -> request.method().equals("POST") ? addMember(segments.get(1), request)
                    : removeMember(segments.get(1), query.get("$id").or(() -> query.get("@id"))
                            .orElseThrow(() -> GraphErrorException.badRequest("The member to remove is missing: give $id or use /members/{id}/$ref.")));
            case "/groups/{id}/members/{id}/$ref" -> removeMember(segments.get(1), segments.get(3));
            case "/users/$count" -> count(request, state.userCount());
            case "/users/{id}" -> request.method().equals("PATCH") ? patchUser(segments.get(1), request) : user(segments.get(1), query);
            case "/users/{id}/assignLicense" -> assignLicense(segments.get(1), request);
            case "/users/{id}/reprocessLicenseAssignment" -> reprocess(segments.get(1));
            case "/users/{id}/licenseDetails" -> licenseDetails(segments.get(1), query);
            case "/groups" -> groups(request, query);
            case "/groups/$count" -> count(request, state.groups(Optional.empty(), 0, 0, true).total().orElse(0));
            case "/groups/{id}" -> group(segments.get(1), query);
            case "/groups/{id}/assignLicense" -> assignGroupLicense(segments.get(1), request);
            case "/groups/{id}/membersWithLicenseErrors" -> membersWithLicenseErrors(segments.get(1), request, query);
            default -> members(route, request, query);
        };
    }

    private static void refuseUnsupported(Route route, QueryOptions query) {
        boolean lists = route.endpoint().equals("/users") || route.endpoint().equals("/groups")
                || route.endpoint().startsWith("/groups/{id}/members") || route.endpoint().startsWith("/groups/{id}/transitiveMembers");
        for (String option : List.of("$orderby", "$expand", "$search", "$skip")) {
            if (query.has(option) && !(lists && (option.equals("$orderby") || option.equals("$search")))) {
                // Not modelled by the emulator (and $skip is not supported by Graph on directory objects).
                throw GraphErrorException.unsupportedQuery("The query option '" + option + "' is not supported by this endpoint.");
            }
        }
    }

    // ---------------------------------------------------------------- organization and SKUs

    private EmulatorResponse organization(List<String> segments) {
        ObjectNode organization = json.createObjectNode();
        organization.put("id", state.tenantId().value());
        if (segments.size() == 2) {
            if (!segments.get(1).equalsIgnoreCase(state.tenantId().value())) {
                throw GraphErrorException.notFound(segments.get(1));
            }
            organization.put("@odata.context", baseUrl + "/$metadata#organization/$entity");
            return ok(organization);
        }
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", baseUrl + "/$metadata#organization");
        body.putArray("value").add(organization);
        return ok(body);
    }

    private EmulatorResponse subscribedSkus(List<String> segments, QueryOptions query) {
        if (query.has("$filter")) {
            throw GraphErrorException.unsupportedQuery("Unsupported query: subscribedSkus does not support $filter.");
        }
        List<String> properties = Representations.skuSelection(query.select());
        String tenantId = state.tenantId().value();
        if (segments.size() == 2) {
            for (TenantState.SkuView sku : state.skus()) {
                if ((tenantId + "_" + sku.sku().skuId()).equalsIgnoreCase(segments.get(1))) {
                    ObjectNode node = Representations.sku(sku, tenantId, properties);
                    node.put("@odata.context", baseUrl + "/$metadata#subscribedSkus/$entity");
                    return ok(node);
                }
            }
            throw GraphErrorException.notFound(segments.get(1));
        }
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", baseUrl + "/$metadata#subscribedSkus" + selectSuffix(query));
        ArrayNode value = body.putArray("value");
        for (TenantState.SkuView sku : state.skus()) {
            value.add(Representations.sku(sku, tenantId, properties));
        }
        return ok(body);
    }

    // ---------------------------------------------------------------- users

    private EmulatorResponse users(EmulatorRequest request, QueryOptions query) {
        List<String> properties = Representations.userSelection(query.select());
        Optional<Filter> parsed = filter(request, query, UserView.FILTERABLE, "User");
        Optional<Predicate<UserView>> filter = parsed.map(f -> f::matches);
        int top = query.top(pageSize);
        if (properties.contains(Representations.SIGN_IN_ACTIVITY)) {
            signInActivityAccess.check();
            // user-list: "Requests with $top set higher than 120 will return pages with up to 120 users."
            top = Math.min(top, Representations.SIGN_IN_ACTIVITY_PAGE);
        }
        Optional<Search> search = search(request, query, List.of("displayName", "userPrincipalName", "mail", "givenName", "surname"));
        Optional<Ordering> order = ordering(request, query, parsed.isPresent(), List.of("displayName", "userPrincipalName"));
        TenantState.Slice<UserView> slice;
        if (search.isPresent() || order.isPresent()) {
            List<UserView> matching = new ArrayList<>();
            for (UserView user : state.allUsers()) {
                if (filter.map(f -> f.test(user)).orElse(true) && search.map(s -> s.matches(user)).orElse(true)) {
                    matching.add(user);
                }
            }
            order.ifPresent(ordering -> matching.sort(ordering.comparator()));
            slice = TenantState.page(matching, position(query), top, counted(request, query));
        } else {
            slice = state.users(filter, parsed.flatMap(Filter::ids), position(query), top, counted(request, query));
        }
        List<ObjectNode> items = new ArrayList<>();
        for (UserView user : slice.items()) {
            items.add(Representations.user(user, properties, false));
        }
        return page(request, query, "users" + selectSuffix(query), items, slice);
    }

    private EmulatorResponse user(String id, QueryOptions query) {
        List<String> properties = Representations.userSelection(query.select());
        UserView user = state.user(id).orElseThrow(() -> GraphErrorException.notFound(id));
        if (properties.contains(Representations.SIGN_IN_ACTIVITY)) {
            signInActivityAccess.check();
            if (!user.user().id().equalsIgnoreCase(id)) {
                // Graph serves signInActivity of a user addressed by object id only (INFERENCE: the message).
                throw GraphErrorException.badRequest("Property 'signInActivity' can be selected only for a user addressed by id, not by"
                        + " userPrincipalName.");
            }
        }
        ObjectNode node = json.createObjectNode();
        node.put("@odata.context", baseUrl + "/$metadata#users" + selectSuffix(query) + "/$entity");
        node.setAll(Representations.user(user, properties, false));
        return ok(node);
    }

    /** Every property a license call's answer carries ("200 OK with the updated user"). */
    private static final List<String> FULL_USER = List.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id", "accountEnabled",
            "userType", "creationType", "externalUserState", "usageLocation", "onPremisesSyncEnabled", "assignedLicenses",
            "licenseAssignmentStates");

    /** The body of an {@code assignLicense} call, users' and groups' alike. */
    private record LicenseChange(List<TenantState.LicenseRequest> add, List<SkuId> remove) {}

    private LicenseChange licenseChange(EmulatorRequest request) {
        JsonNode body = readBody(request);
        List<String> missing = new ArrayList<>();
        for (String parameter : List.of("addLicenses", "removeLicenses")) {
            if (!body.has(parameter) || body.get(parameter).isNull()) {
                missing.add(parameter);
            }
        }
        if (!missing.isEmpty()) {
            throw GraphErrorException.badRequest("One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: "
                    + String.join(", ", missing) + ".");
        }
        if (!body.get("addLicenses").isArray() || !body.get("removeLicenses").isArray()) {
            throw GraphErrorException.badRequest("addLicenses and removeLicenses must be arrays.");
        }
        List<TenantState.LicenseRequest> add = new ArrayList<>();
        for (JsonNode license : body.get("addLicenses")) {
            SkuId sku = guid(license.get("skuId"), "skuId", SkuId::of);
            SortedSet<ServicePlanId> disabled = new TreeSet<>();
            JsonNode plans = license.get("disabledPlans");
            if (plans != null && !plans.isNull()) {
                if (!plans.isArray()) {
                    throw GraphErrorException.badRequest("disabledPlans must be an array of GUIDs.");
                }
                for (JsonNode plan : plans) {
                    disabled.add(guid(plan, "disabledPlans", ServicePlanId::of));
                }
            }
            add.add(new TenantState.LicenseRequest(sku, disabled));
        }
        List<SkuId> remove = new ArrayList<>();
        for (JsonNode sku : body.get("removeLicenses")) {
            remove.add(guid(sku, "removeLicenses", SkuId::of));
        }
        return new LicenseChange(add, remove);
    }

    private EmulatorResponse assignLicense(String id, EmulatorRequest request) {
        LicenseChange change = licenseChange(request);
        return fullUser(state.assignLicense(id, change.add(), change.remove()));
    }

    private EmulatorResponse reprocess(String id) {
        return fullUser(state.reprocessLicenseAssignment(id));
    }

    private EmulatorResponse fullUser(UserView user) {
        ObjectNode node = json.createObjectNode();
        node.put("@odata.context", baseUrl + "/$metadata#users/$entity");
        node.setAll(Representations.user(user, FULL_USER, false));
        return ok(node);
    }

    /** Every property of a group's answer to {@code assignLicense}. */
    private static final List<String> FULL_GROUP = List.of("id", "deletedDateTime", "createdDateTime", "description", "displayName",
            "groupTypes", "mail", "mailEnabled", "mailNickname", "proxyAddresses", "securityEnabled", "visibility",
            "membershipRule", "assignedLicenses", "licenseProcessingState");

    /** graph-facts §3.2: 202 with the group and a location header; members are licensed afterwards. */
    private EmulatorResponse assignGroupLicense(String id, EmulatorRequest request) {
        LicenseChange change = licenseChange(request);
        GroupView group = state.assignGroupLicense(id, change.add(), change.remove());
        ObjectNode node = json.createObjectNode();
        node.put("@odata.context", baseUrl + "/$metadata#groups/$entity");
        node.setAll(Representations.group(group, FULL_GROUP, false));
        try {
            return EmulatorResponse.json(202, json.writeValueAsBytes(node)).withHeaders(Map.of("Location",
                    baseUrl.replace("/v1.0", "/v2/") + state.tenantId().value() + "/directoryObjects/" + group.id()
                            + "/Microsoft.DirectoryServices.Group"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private EmulatorResponse licenseDetails(String id, QueryOptions query) {
        UserView user = state.user(id).orElseThrow(() -> GraphErrorException.notFound(id));
        List<ObjectNode> items = new ArrayList<>();
        for (var license : user.effectiveLicenses().entrySet()) {
            state.sku(license.getKey()).ifPresent(sku -> items.add(Representations.licenseDetails(user.user(), sku.sku(),
                    license.getValue(), query.select())));
        }
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", baseUrl + "/$metadata#users('" + user.user().id() + "')/licenseDetails");
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        return ok(body);
    }

    private EmulatorResponse membersWithLicenseErrors(String id, EmulatorRequest request, QueryOptions query) {
        List<String> selection = Representations.directoryObjectSelection(query.select());
        TenantState.Slice<UserView> slice = state.membersWithLicenseErrors(id, position(query), query.top(pageSize), counted(request, query))
                .orElseThrow(() -> GraphErrorException.notFound(id));
        List<ObjectNode> items = new ArrayList<>();
        for (UserView user : slice.items()) {
            ObjectNode node = json.createObjectNode();
            node.put("@odata.type", "#" + USER_CAST);
            node.setAll(Representations.user(user, selection.isEmpty() ? Representations.USER_DEFAULT : selection, true));
            items.add(node);
        }
        return page(request, query, "directoryObjects" + selectSuffix(query), items, slice);
    }

    private static <T> T guid(JsonNode node, String name, java.util.function.Function<String, T> parse) {
        if (node == null || !node.isTextual() || !Guids.isGuid(node.asText())) {
            throw GraphErrorException.badRequest("Invalid value for '" + name + "': a GUID is expected.");
        }
        return parse.apply(node.asText());
    }

    private EmulatorResponse patchUser(String id, EmulatorRequest request) {
        JsonNode body = readBody(request);
        Optional<Optional<String>> usageLocation = Optional.empty();
        Optional<Boolean> accountEnabled = Optional.empty();
        Optional<String> displayName = Optional.empty();
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (field.getKey().startsWith("@")) {
                continue; // OData annotations such as "@odata.type", which the SDK sends
            }
            switch (field.getKey()) {
                case "usageLocation" -> {
                    if (value.isNull()) {
                        usageLocation = Optional.of(Optional.empty());
                    } else if (value.isTextual() && TenantState.validUsageLocation(value.asText())) {
                        usageLocation = Optional.of(Optional.of(value.asText()));
                    } else {
                        throw GraphErrorException.badRequest("Invalid value specified for property 'usageLocation' of resource 'User'.");
                    }
                }
                case "accountEnabled" -> {
                    if (!value.isBoolean()) {
                        throw GraphErrorException.badRequest("Invalid value specified for property 'accountEnabled' of resource 'User'.");
                    }
                    accountEnabled = Optional.of(value.asBoolean());
                }
                case "displayName" -> {
                    if (!value.isTextual() || value.asText().isBlank()) {
                        throw GraphErrorException.badRequest("Invalid value specified for property 'displayName' of resource 'User'.");
                    }
                    displayName = Optional.of(value.asText());
                }
                case "assignedLicenses", "licenseAssignmentStates", "assignedPlans" ->
                        // Graph: licenses change only through assignLicense.
                        throw GraphErrorException.badRequest("Property '" + field.getKey() + "' is read-only and cannot be set.");
                default -> throw GraphErrorException.badRequest("Property '" + field.getKey()
                        + "' is not supported by the emulator's PATCH /users/{id} (usageLocation, accountEnabled, displayName).");
            }
        }
        state.updateUser(id, new TenantState.UserPatch(usageLocation, accountEnabled, displayName));
        return EmulatorResponse.noContent();
    }

    // ---------------------------------------------------------------- groups

    private EmulatorResponse groups(EmulatorRequest request, QueryOptions query) {
        List<String> properties = Representations.groupSelection(query.select());
        Optional<Filter> filter = filter(request, query, GroupView.FILTERABLE, "Group");
        int top = query.top(pageSize);
        Optional<Search> search = search(request, query, List.of("displayName", "description", "mail"));
        Optional<Ordering> order = ordering(request, query, filter.isPresent(), List.of("displayName"));
        TenantState.Slice<GroupView> slice;
        if (search.isPresent() || order.isPresent()) {
            Set<String> filtered = new HashSet<>();
            if (filter.isPresent()) {
                state.groups(filter, 0, Integer.MAX_VALUE, false).items().forEach(group -> filtered.add(group.id()));
            }
            List<GroupView> matching = new ArrayList<>();
            for (GroupView group : state.allGroups()) {
                if ((filter.isEmpty() || filtered.contains(group.id())) && search.map(s -> s.matches(group.target(false))).orElse(true)) {
                    matching.add(group);
                }
            }
            order.ifPresent(ordering -> matching.sort((a, b) -> ordering.comparator().compare(a.target(false), b.target(false))));
            slice = TenantState.page(matching, position(query), top, counted(request, query));
        } else {
            slice = state.groups(filter, position(query), top, counted(request, query));
        }
        List<ObjectNode> items = new ArrayList<>();
        for (GroupView group : slice.items()) {
            items.add(Representations.group(group, properties, false));
        }
        return page(request, query, "groups" + selectSuffix(query), items, slice);
    }

    private EmulatorResponse group(String id, QueryOptions query) {
        List<String> properties = Representations.groupSelection(query.select());
        GroupView group = state.group(id).orElseThrow(() -> GraphErrorException.notFound(id));
        ObjectNode node = json.createObjectNode();
        node.put("@odata.context", baseUrl + "/$metadata#groups" + selectSuffix(query) + "/$entity");
        node.setAll(Representations.group(group, properties, false));
        return ok(node);
    }

    private EmulatorResponse members(Route route, EmulatorRequest request, QueryOptions query) {
        List<String> segments = route.segments();
        boolean transitive = segments.get(2).equals("transitiveMembers");
        boolean counting = segments.get(segments.size() - 1).equals("$count");
        String cast = segments.size() >= 4 && !segments.get(3).equals("$count") ? segments.get(3) : null; // normalized by route()
        if (cast != null && !counting && !advanced(request, query)) {
            // graph-facts §4: OData casts on member lists need the advanced query parameters.
            throw GraphErrorException.unsupportedQuery("The OData cast '" + cast
                    + "' requires advanced query parameters: add $count=true and the header ConsistencyLevel: eventual.");
        }
        TenantState.MemberKind kind = cast == null ? TenantState.MemberKind.ANY
                : cast.equals(USER_CAST) ? TenantState.MemberKind.USERS : TenantState.MemberKind.GROUPS;
        if (kind == TenantState.MemberKind.GROUPS && state.group(segments.get(1))
                .map(group -> group.groupTypes().stream().anyMatch("Unified"::equalsIgnoreCase)).orElse(false)) {
            // graph-facts §4: a Microsoft 365 group holds no groups, and Graph refuses the cast on one
            throw GraphErrorException.unsupportedQuery("The type cast '" + GROUP_CAST + "' is not supported on a Microsoft 365 group's members.");
        }
        boolean narrowed = query.has("$filter") || query.has("$search") || query.has("$orderby");
        if (narrowed && !advanced(request, query) && !(counting && eventual(request))) {
            throw GraphErrorException.unsupportedQuery("$filter, $search and $orderby on members need advanced query parameters: "
                    + "add $count=true and the header ConsistencyLevel: eventual.");
        }
        if (counting) {
            List<Object> all = narrowedMembers(segments.get(1), transitive, kind, request, query);
            return count(request, all.size());
        }
        List<String> selection = Representations.directoryObjectSelection(query.select());
        int top = query.top(pageSize);
        TenantState.Slice<Object> slice = narrowed
                ? TenantState.page(narrowedMembers(segments.get(1), transitive, kind, request, query), position(query), top, counted(request, query))
                : state.members(segments.get(1), transitive, kind, position(query), top, counted(request, query))
                        .orElseThrow(() -> GraphErrorException.notFound(segments.get(1)));
        List<ObjectNode> items = new ArrayList<>();
        for (Object member : slice.items()) {
            ObjectNode node = json.createObjectNode();
            if (member instanceof UserView user) {
                node.put("@odata.type", "#" + USER_CAST);
                node.setAll(Representations.user(user, selection.isEmpty() ? Representations.USER_DEFAULT : selection, true));
            } else {
                node.put("@odata.type", "#" + GROUP_CAST);
                node.setAll(Representations.group((GroupView) member, selection.isEmpty() ? Representations.GROUP_DEFAULT : selection, true));
            }
            items.add(node);
        }
        String context = cast == null ? "directoryObjects" : cast.equals(USER_CAST) ? "users" : "groups";
        return page(request, query, context + selectSuffix(query), items, slice);
    }

    /** Every member (of the kind) that passes {@code $filter} and {@code $search}, in {@code $orderby} order. */
    private List<Object> narrowedMembers(String groupId, boolean transitive, TenantState.MemberKind kind, EmulatorRequest request,
                                         QueryOptions query) {
        TenantState.Slice<Object> all = state.members(groupId, transitive, kind, 0, Integer.MAX_VALUE, false)
                .orElseThrow(() -> GraphErrorException.notFound(groupId));
        Map<String, String> filterable = new java.util.TreeMap<>(UserView.FILTERABLE);
        GroupView.FILTERABLE.forEach(filterable::putIfAbsent);
        Optional<Filter> filter = query.filter().filter(text -> !text.isBlank()).map(text -> Filter.parse(text, filterable, "DirectoryObject"));
        Optional<Search> search = query.get("$search").map(text -> Search.parse(text, List.of("displayName", "userPrincipalName",
                "mail", "givenName", "surname", "description")));
        Optional<Ordering> order = query.get("$orderby").filter(text -> !text.isBlank())
                .map(text -> Ordering.parse(text, List.of("displayName", "userPrincipalName")));
        List<Object> result = new ArrayList<>();
        for (Object member : all.items()) {
            Filter.Target target = member instanceof UserView user ? user : ((GroupView) member).target(false);
            if (filter.map(f -> f.matches(target)).orElse(true) && search.map(s -> s.matches(target)).orElse(true)) {
                result.add(member);
            }
        }
        order.ifPresent(ordering -> result.sort((a, b) -> ordering.comparator().compare(
                a instanceof UserView user ? user : ((GroupView) a).target(false),
                b instanceof UserView user ? user : ((GroupView) b).target(false))));
        return result;
    }

    /** {@code POST /groups/{id}/members/$ref} with {@code {"@odata.id": ".../directoryObjects/{id}"}}: 204. */
    private EmulatorResponse addMember(String groupId, EmulatorRequest request) {
        JsonNode body = readBody(request);
        JsonNode reference = body.get("@odata.id");
        if (reference == null || !reference.isTextual() || reference.asText().isBlank()) {
            throw GraphErrorException.badRequest("The request body must give the member as \"@odata.id\": \"https://graph.microsoft.com/v1.0/directoryObjects/{id}\".");
        }
        state.addMemberReference(groupId, lastSegment(reference.asText()));
        return EmulatorResponse.noContent();
    }

    private EmulatorResponse removeMember(String groupId, String member) {
        state.removeMemberReference(groupId, lastSegment(member));
        return EmulatorResponse.noContent();
    }

    /** The id at the end of a reference URL ({@code .../directoryObjects/{id}}, {@code .../users/{id}}), or the id itself. */
    private static String lastSegment(String reference) {
        String trimmed = reference.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    // ---------------------------------------------------------------- query helpers

    private static boolean advanced(EmulatorRequest request, QueryOptions query) {
        return request.header("ConsistencyLevel").map(value -> value.trim().equalsIgnoreCase("eventual")).orElse(false)
                && query.countRequested();
    }

    private static Optional<Filter> filter(EmulatorRequest request, QueryOptions query, Map<String, String> properties, String resource) {
        Optional<String> text = query.filter();
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        Filter filter = Filter.parse(text.get(), properties, resource);
        Optional<String> operator = filter.advancedOperator();
        if (operator.isPresent() && !advanced(request, query)) {
            throw GraphErrorException.unsupportedQuery("Operator '" + operator.get()
                    + "' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information");
        }
        return Optional.of(filter);
    }

    private static boolean eventual(EmulatorRequest request) {
        return request.header("ConsistencyLevel").map(value -> value.trim().equalsIgnoreCase("eventual")).orElse(false);
    }

    /** {@code $search} needs {@code ConsistencyLevel: eventual} (graph-facts §2), not {@code $count=true}. */
    private static Optional<Search> search(EmulatorRequest request, QueryOptions query, List<String> properties) {
        Optional<String> text = query.get("$search");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!eventual(request)) {
            throw GraphErrorException.unsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
        }
        return Optional.of(Search.parse(text.get(), properties));
    }

    /**
     * {@code $orderby} on the properties Graph sorts users and groups by; together with {@code $filter} it
     * needs the advanced query parameters (graph-facts §2).
     */
    private static Optional<Ordering> ordering(EmulatorRequest request, QueryOptions query, boolean filtered, List<String> properties) {
        Optional<String> text = query.get("$orderby");
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        if (filtered && !advanced(request, query)) {
            throw GraphErrorException.unsupportedQuery("Sorting not supported for current query.");
        }
        return Optional.of(Ordering.parse(text.get(), properties));
    }

    private EmulatorResponse count(EmulatorRequest request, int total) {
        if (!request.header("ConsistencyLevel").map(value -> value.trim().equalsIgnoreCase("eventual")).orElse(false)) {
            throw GraphErrorException.badRequest("$count is not currently supported.");
        }
        return EmulatorResponse.text(200, Integer.toString(total));
    }

    private static String selectSuffix(QueryOptions query) {
        return query.select().filter(names -> !names.isEmpty()).map(names -> "(" + String.join(",", names) + ")").orElse("");
    }

    private static final String TOKEN_PREFIX = "seatwarden-page:";

    /** {@code @odata.count} comes with the first page of an advanced query that asks for it. */
    private static boolean counted(EmulatorRequest request, QueryOptions query) {
        return query.countRequested() && query.skipToken().isEmpty() && advanced(request, query);
    }

    /** Where a page starts: a position in the underlying list, carried in the opaque skip token. */
    private static int position(QueryOptions query) {
        Optional<String> token = query.skipToken();
        if (token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token.get()), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                int position = Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through: not a token this emulator issued
        }
        throw GraphErrorException.badRequest("Invalid skip token '" + token.get() + "'.");
    }

    private static String token(int position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((TOKEN_PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    private EmulatorResponse page(EmulatorRequest request, QueryOptions query, String context, List<ObjectNode> items,
                                  TenantState.Slice<?> slice) {
        ObjectNode body = json.createObjectNode();
        body.put("@odata.context", baseUrl + "/$metadata#" + context);
        slice.total().ifPresent(total -> body.put("@odata.count", total));
        if (slice.next().isPresent()) {
            String rest = query.encodeWithout("$skiptoken");
            body.put("@odata.nextLink", baseUrl + request.path() + "?" + (rest.isEmpty() ? "" : rest + "&")
                    + "$skiptoken=" + token(slice.next().getAsInt()));
        }
        ArrayNode value = body.putArray("value");
        items.forEach(value::add);
        return ok(body);
    }

    private JsonNode readBody(EmulatorRequest request) {
        if (request.body().length == 0) {
            throw GraphErrorException.badRequest("Empty Payload. JSON content expected.");
        }
        try {
            JsonNode node = json.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw GraphErrorException.badRequest("Invalid JSON payload: an object is expected.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw GraphErrorException.badRequest("Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
        } catch (IOException e) {
            throw GraphErrorException.badRequest("Unable to read JSON request payload.");
        }
    }

    private EmulatorResponse ok(ObjectNode body) {
        try {
            return EmulatorResponse.json(200, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
