package io.seatwarden.directory.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a user entry of a JSON tenant file straight from the parser: a third of the time Jackson's data binding
 * takes for it, which for a million users is seconds. Only for entries as a tenant file writes them (each value
 * of its own JSON type or null, each property once); for anything else (a number where text belongs, a syntax
 * error, a value the entry refuses) it throws {@link Unusual}, and the file is read again with data binding, which
 * accepts what Jackson accepts and words every error as it always has. Entries are the same records either way:
 * their constructors check them.
 */
final class UserEntryReader {
    /** The entry is not one this reader takes; nothing about the file is known to be wrong. */
    static final class Unusual extends RuntimeException {
        Unusual() {
            super("a user entry for the data-binding reader", null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    private UserEntryReader() {}

    /** The entry starting at the parser's current token; the parser is left at its end. */
    static TenantFile.UserEntry read(JsonParser parser) {
        try {
            return entry(parser);
        } catch (Unusual e) {
            throw e;
        } catch (Exception e) { // IOException, a syntax error, or a value the entry's constructor refuses
            throw UNUSUAL;
        }
    }

    private static TenantFile.UserEntry entry(JsonParser parser) throws Exception {
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        String id = null;
        String userPrincipalName = null;
        String displayName = null;
        String userType = null;
        String creationType = null;
        String externalUserState = null;
        Boolean accountEnabled = null;
        String usageLocation = null;
        Boolean onPremisesSyncEnabled = null;
        List<TenantFile.License> assignedLicenses = null;
        List<TenantFile.LicenseState> licenseAssignmentStates = null;
        String createdDateTime = null;
        TenantFile.SignIns signInActivity = null;
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            int bit = switch (name) {
                case "id" -> { id = text(parser); yield 1; }
                case "userPrincipalName" -> { userPrincipalName = text(parser); yield 1 << 1; }
                case "displayName" -> { displayName = text(parser); yield 1 << 2; }
                case "userType" -> { userType = text(parser); yield 1 << 3; }
                case "creationType" -> { creationType = text(parser); yield 1 << 4; }
                case "externalUserState" -> { externalUserState = text(parser); yield 1 << 5; }
                case "accountEnabled" -> { accountEnabled = bool(parser); yield 1 << 6; }
                case "usageLocation" -> { usageLocation = text(parser); yield 1 << 7; }
                case "onPremisesSyncEnabled" -> { onPremisesSyncEnabled = bool(parser); yield 1 << 8; }
                case "assignedLicenses" -> { assignedLicenses = licenses(parser); yield 1 << 9; }
                case "licenseAssignmentStates" -> { licenseAssignmentStates = states(parser); yield 1 << 10; }
                case "createdDateTime" -> { createdDateTime = text(parser); yield 1 << 11; }
                case "signInActivity" -> { signInActivity = signIns(parser); yield 1 << 12; }
                default -> {
                    parser.skipChildren(); // a property Graph has and the engine does not use
                    yield 0;
                }
            };
            if ((seen & bit) != 0) {
                throw UNUSUAL; // a property given twice: data binding decides which counts
            }
            seen |= bit;
        }
        expect(token, JsonToken.END_OBJECT);
        return new TenantFile.UserEntry(id, userPrincipalName, displayName, userType, creationType, externalUserState,
                accountEnabled, usageLocation, onPremisesSyncEnabled, assignedLicenses, licenseAssignmentStates, createdDateTime,
                signInActivity);
    }

    private static List<TenantFile.License> licenses(JsonParser parser) throws Exception {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<TenantFile.License> licenses = new ArrayList<>(1);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser.currentToken(), JsonToken.START_OBJECT);
            String skuId = null;
            List<String> disabledPlans = null;
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                int bit = switch (name) {
                    case "skuId" -> { skuId = text(parser); yield 1; }
                    case "disabledPlans" -> { disabledPlans = texts(parser); yield 1 << 1; }
                    default -> {
                        parser.skipChildren();
                        yield 0;
                    }
                };
                seen = once(seen, bit);
            }
            expect(token, JsonToken.END_OBJECT);
            licenses.add(new TenantFile.License(skuId, disabledPlans));
        }
        return licenses;
    }

    private static List<TenantFile.LicenseState> states(JsonParser parser) throws Exception {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<TenantFile.LicenseState> states = new ArrayList<>(1);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser.currentToken(), JsonToken.START_OBJECT);
            String skuId = null;
            List<String> disabledPlans = null;
            String assignedByGroup = null;
            String state = null;
            String error = null;
            int seen = 0;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                int bit = switch (name) {
                    case "skuId" -> { skuId = text(parser); yield 1; }
                    case "disabledPlans" -> { disabledPlans = texts(parser); yield 1 << 1; }
                    case "assignedByGroup" -> { assignedByGroup = text(parser); yield 1 << 2; }
                    case "state" -> { state = text(parser); yield 1 << 3; }
                    case "error" -> { error = text(parser); yield 1 << 4; }
                    default -> {
                        parser.skipChildren();
                        yield 0;
                    }
                };
                seen = once(seen, bit);
            }
            expect(token, JsonToken.END_OBJECT);
            states.add(new TenantFile.LicenseState(skuId, disabledPlans, assignedByGroup, state, error));
        }
        return states;
    }

    private static TenantFile.SignIns signIns(JsonParser parser) throws Exception {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        String successful = null;
        String nonInteractive = null;
        String interactive = null;
        int seen = 0;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            int bit = switch (name) {
                case "lastSuccessfulSignInDateTime" -> { successful = text(parser); yield 1; }
                case "lastNonInteractiveSignInDateTime" -> { nonInteractive = text(parser); yield 1 << 1; }
                case "lastSignInDateTime" -> { interactive = text(parser); yield 1 << 2; }
                default -> {
                    parser.skipChildren();
                    yield 0;
                }
            };
            seen = once(seen, bit);
        }
        expect(token, JsonToken.END_OBJECT);
        return new TenantFile.SignIns(successful, nonInteractive, interactive);
    }

    /** A list of strings, none null. */
    private static List<String> texts(JsonParser parser) throws Exception {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<String> texts = new ArrayList<>(2);
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            texts.add(parser.getText());
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY);
        return texts;
    }

    private static String text(JsonParser parser) throws Exception {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        expect(token, JsonToken.VALUE_NULL);
        return null;
    }

    private static Boolean bool(JsonParser parser) {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw UNUSUAL;
        };
    }

    private static int once(int seen, int bit) {
        if ((seen & bit) != 0) {
            throw UNUSUAL;
        }
        return seen | bit;
    }

    private static void expect(JsonToken token, JsonToken expected) {
        if (token != expected) {
            throw UNUSUAL;
        }
    }
}
