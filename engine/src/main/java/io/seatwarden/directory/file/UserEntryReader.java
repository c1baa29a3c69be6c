package io.seatwarden.directory.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a user entry of a JSON tenant file straight from the parser: a third of the time Jackson's data binding
 * takes for it, which for a million users is seconds. Only for entries as a tenant file writes them (each value
 * of its own JSON type or null, each property once); for anything else (a number where text belongs, a syntax
 * error, a value the entry refuses) it throws {@link Unusual}, and the file is read again with data binding, which
 * accepts what Jackson accepts and words every error as it always has. Entries are the same records either way:
 * their constructors check them.
 */
final class UserEntryReader {
    /** Distinct values kept of each kind that many users share: beyond it they are read as they come. */
    private static final int MAX_SHARED = 1 << 12;

    /** The entry is not one this reader takes; nothing about the file is known to be wrong. */
    static final class Unusual extends RuntimeException {
        Unusual() {
            super("a user entry for the data-binding reader", null, false, false);
        }
    }

    private static final Unusual UNUSUAL = new Unusual();

    /**
     * Texts many users share (a user type, a country, a SKU or plan id), one string each, found from the parser's
     * buffer without making a string; and license lists many users share, one list each (checked once, and
     * compared by identity downstream).
     */
    private final SharedTexts texts = new SharedTexts();
    private final Map<List<TenantFile.License>, List<TenantFile.License>> licenseLists = new HashMap<>();
    private final Map<LicenseText, TenantFile.License> licenses = new HashMap<>();

    /** A license as read, before its record checks it. */
    private record LicenseText(String skuId, List<String> disabledPlans) {}

    /** The entry starting at the parser's current token; the parser is left at its end. */
    TenantFile.UserEntry read(JsonParser parser) {
        try {
            return entry(parser);
        } catch (Unusual e) {
            throw e;
        } catch (Exception e) { // IOException, a syntax error, or a value the entry's constructor refuses
            throw UNUSUAL;
        }
    }

    private TenantFile.UserEntry entry(JsonParser parser) throws Exception {
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
                case "userType" -> { userType = shared(parser); yield 1 << 3; }
                case "creationType" -> { creationType = shared(parser); yield 1 << 4; }
                case "externalUserState" -> { externalUserState = shared(parser); yield 1 << 5; }
                case "accountEnabled" -> { accountEnabled = bool(parser); yield 1 << 6; }
                case "usageLocation" -> { usageLocation = shared(parser); yield 1 << 7; }
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

    private List<TenantFile.License> licenses(JsonParser parser) throws Exception {
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
                    case "skuId" -> { skuId = shared(parser); yield 1; }
                    case "disabledPlans" -> { disabledPlans = sharedTexts(parser); yield 1 << 1; }
                    default -> {
                        parser.skipChildren();
                        yield 0;
                    }
                };
                seen = once(seen, bit);
            }
            expect(token, JsonToken.END_OBJECT);
            licenses.add(license(skuId, disabledPlans));
        }
        return sharedList(licenses);
    }

    /** One record per distinct license: checked once. */
    private TenantFile.License license(String skuId, List<String> disabledPlans) {
        LicenseText text = new LicenseText(skuId, disabledPlans);
        TenantFile.License known = licenses.get(text);
        if (known != null) {
            return known;
        }
        TenantFile.License license = new TenantFile.License(skuId, disabledPlans);
        if (licenses.size() < MAX_SHARED) {
            licenses.put(text, license);
        }
        return license;
    }

    /** One list per distinct list of licenses (their texts are shared strings: hashing and comparing them is cheap). */
    private List<TenantFile.License> sharedList(List<TenantFile.License> licenses) {
        List<TenantFile.License> known = licenseLists.get(licenses);
        if (known != null) {
            return known;
        }
        List<TenantFile.License> list = List.copyOf(licenses);
        if (licenseLists.size() < MAX_SHARED) {
            licenseLists.put(list, list);
        }
        return list;
    }

    private List<TenantFile.LicenseState> states(JsonParser parser) throws Exception {
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
                    case "skuId" -> { skuId = shared(parser); yield 1; }
                    case "disabledPlans" -> { disabledPlans = sharedTexts(parser); yield 1 << 1; }
                    case "assignedByGroup" -> { assignedByGroup = shared(parser); yield 1 << 2; }
                    case "state" -> { state = shared(parser); yield 1 << 3; }
                    case "error" -> { error = shared(parser); yield 1 << 4; }
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

    /** A list of shared strings, none null. */
    private List<String> sharedTexts(JsonParser parser) throws Exception {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<String> list = new ArrayList<>(2);
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            list.add(texts.of(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength()));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY);
        return list;
    }

    /** A text many users share, as one string. */
    private String shared(JsonParser parser) throws Exception {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING) {
            return texts.of(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
        expect(token, JsonToken.VALUE_NULL);
        return null;
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

    /** Strings by their characters, in a small open-addressing table; full, it makes each string anew. */
    private static final class SharedTexts {
        private static final int SLOTS = 2 * MAX_SHARED;

        private final String[] slots = new String[SLOTS];
        private final int[] hashes = new int[SLOTS];
        private int size;

        String of(char[] text, int offset, int length) {
            int hash = 0;
            for (int i = offset; i < offset + length; i++) {
                hash = 31 * hash + text[i];
            }
            int mixed = hash * 0x9E3779B9;
            for (int slot = (mixed ^ (mixed >>> 16)) & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
                String known = slots[slot];
                if (known == null) {
                    String made = new String(text, offset, length);
                    if (size < MAX_SHARED) {
                        slots[slot] = made;
                        hashes[slot] = hash;
                        size++;
                    }
                    return made;
                }
                if (hashes[slot] == hash && spells(known, text, offset, length)) {
                    return known;
                }
            }
        }

        private static boolean spells(String known, char[] text, int offset, int length) {
            if (known.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (known.charAt(i) != text[offset + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
