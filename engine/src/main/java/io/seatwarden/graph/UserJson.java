package io.seatwarden.graph;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.DirectoryReadException;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.LicenseAssignment;
import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A Graph {@code user} object read with Jackson's streaming parser, straight from a response body:
 * the fields of {@link GraphDirectoryReader#USER_FIELDS}, mapped to a {@link User} exactly as
 * {@link GraphDirectoryReader#user(com.microsoft.graph.models.User)} maps the SDK's model (which the
 * SDK would build through a whole-body JSON tree and a backing store first). Fields it does not use
 * are skipped; an absent field and a JSON {@code null} read alike, as the SDK reads them.
 */
final class UserJson {
    String id;
    String userPrincipalName;
    String displayName;
    String userType;
    String creationType;
    String externalUserState;
    Boolean accountEnabled;
    String usageLocation;
    Boolean onPremisesSyncEnabled;
    /** {@code assignedLicenses}; null when absent. */
    List<Assigned> assignedLicenses;
    /** {@code licenseAssignmentStates}; null when absent (which is not the same as empty). */
    List<State> licenseAssignmentStates;

    record Assigned(UUID skuId, List<UUID> disabledPlans) {}

    record State(UUID skuId, List<UUID> disabledPlans, String assignedByGroup, String state, String error) {}

    /** Reads the object the parser is at (its START_OBJECT) up to and including its END_OBJECT. */
    static UserJson read(JsonParser parser) throws IOException {
        UserJson user = new UserJson();
        expect(parser.currentToken(), JsonToken.START_OBJECT, "a user");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> user.id = text(parser);
                case "userPrincipalName" -> user.userPrincipalName = text(parser);
                case "displayName" -> user.displayName = text(parser);
                case "userType" -> user.userType = text(parser);
                case "creationType" -> user.creationType = text(parser);
                case "externalUserState" -> user.externalUserState = text(parser);
                case "accountEnabled" -> user.accountEnabled = bool(parser);
                case "usageLocation" -> user.usageLocation = text(parser);
                case "onPremisesSyncEnabled" -> user.onPremisesSyncEnabled = bool(parser);
                case "assignedLicenses" -> user.assignedLicenses = value == JsonToken.VALUE_NULL ? null : assignedLicenses(parser);
                case "licenseAssignmentStates" -> user.licenseAssignmentStates = value == JsonToken.VALUE_NULL ? null : states(parser);
                default -> parser.skipChildren();
            }
        }
        return user;
    }

    /** Whether {@code assignedLicenses} lists the SKU: what Graph's {@code assignedLicenses/any(x:x/skuId eq ...)} matches. */
    boolean assigned(SkuId sku) {
        if (assignedLicenses != null) {
            for (Assigned license : assignedLicenses) {
                if (sku.value().equals(license.skuId())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same checks and mapping as {@link GraphDirectoryReader#user(com.microsoft.graph.models.User)}. */
    User toUser() {
        checkIds();
        List<LicenseAssignment> licenses = new ArrayList<>();
        List<Assigned> assigned = assignedLicenses == null ? List.of() : assignedLicenses;
        List<State> states = licenseAssignmentStates;
        if (states != null && !(states.isEmpty() && !assigned.isEmpty())) {
            Set<SkuId> held = new HashSet<>();
            assigned.stream().filter(license -> license.skuId() != null).forEach(license -> held.add(new SkuId(license.skuId())));
            for (State state : states) {
                if (state.skuId() != null) {
                    SkuId sku = new SkuId(state.skuId());
                    licenses.add(new LicenseAssignment(sku, planIds(state.disabledPlans()),
                            Optional.ofNullable(state.assignedByGroup()).filter(group -> !group.isBlank()).map(GroupId::new),
                            GraphDirectoryReader.assignmentState(state.state(), held.contains(sku)), AssignmentState.errorFromGraph(state.error())));
                }
            }
        } else {
            for (Assigned license : assigned) {
                if (license.skuId() != null) {
                    licenses.add(LicenseAssignment.direct(new SkuId(license.skuId()), planIds(license.disabledPlans())));
                }
            }
        }
        return User.withStates(new UserId(id), userPrincipalName, displayName, userType, creationType, externalUserState,
                // Absent means enabled, as in a tenant file: Graph creates accounts enabled.
                accountEnabled == null || accountEnabled, usageLocation, onPremisesSyncEnabled, licenses);
    }

    /** What every user the reader keeps must have, also the ones it has already read from another list. */
    void checkIds() {
        if (id == null || userPrincipalName == null) {
            throw new DirectoryReadException("Graph returned a user without id or userPrincipalName (id " + id + ")");
        }
    }

    private static List<Assigned> assignedLicenses(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, "assignedLicenses");
        List<Assigned> result = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            expect(parser.currentToken(), JsonToken.START_OBJECT, "an assignedLicense");
            UUID sku = null;
            List<UUID> disabled = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "skuId" -> sku = uuid(parser);
                    case "disabledPlans" -> disabled = uuids(parser);
                    default -> parser.skipChildren();
                }
            }
            result.add(new Assigned(sku, disabled));
        }
        return result;
    }

    private static List<State> states(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, "licenseAssignmentStates");
        List<State> result = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            expect(parser.currentToken(), JsonToken.START_OBJECT, "a licenseAssignmentState");
            UUID sku = null;
            List<UUID> disabled = null;
            String group = null;
            String state = null;
            String error = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "skuId" -> sku = uuid(parser);
                    case "disabledPlans" -> disabled = uuids(parser);
                    case "assignedByGroup" -> group = text(parser);
                    case "state" -> state = text(parser);
                    case "error" -> error = text(parser);
                    default -> parser.skipChildren();
                }
            }
            result.add(new State(sku, disabled, group, state, error));
        }
        return result;
    }

    private static List<UUID> uuids(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY, "a list of ids");
        List<UUID> result = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            UUID id = uuid(parser);
            if (id != null) {
                result.add(id);
            }
        }
        return result;
    }

    private static UUID uuid(JsonParser parser) throws IOException {
        String text = text(parser);
        // As the SDK: a value that is no GUID fails the read (IllegalArgumentException).
        return text == null ? null : UUID.fromString(text);
    }

    static String text(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            parser.skipChildren();
            return null;
        }
        return parser.getText();
    }

    private static Boolean bool(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_STRING -> Boolean.parseBoolean(parser.getText());
            default -> {
                parser.skipChildren();
                yield null;
            }
        };
    }

    static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new DirectoryReadException("Graph returned a page that is not Graph's JSON: " + what + " is " + actual);
        }
    }

    private static SortedSet<ServicePlanId> planIds(List<UUID> ids) {
        SortedSet<ServicePlanId> result = new TreeSet<>();
        if (ids != null) {
            for (UUID id : ids) {
                result.add(new ServicePlanId(id));
            }
        }
        return result;
    }
}
