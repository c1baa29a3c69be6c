package io.seatwarden.directory.file;

import io.seatwarden.directory.CapabilityStatus;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantFilesTest {
    private static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String YAMMER = "7547a3fe-08ee-4ccb-b430-5077c5041653";

    @TempDir
    Path dir;

    private final TenantFiles files = new TenantFiles();

    private Path write(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    @Test
    void readsGraphShapedJson() throws IOException {
        Path path = write("tenant.json", """
                {"tenantId": "t-1",
                 "subscribedSkus": [{"skuId": "%s", "skuPartNumber": "ENTERPRISEPACK", "capabilityStatus": "Warning",
                   "prepaidUnits": {"enabled": 10, "warning": 2},
                   "servicePlans": [{"servicePlanId": "%s", "servicePlanName": "YAMMER_ENTERPRISE"}],
                   "accountName": "ignored: Graph has more properties than the engine uses"}],
                 "users": [
                   {"id": "u1", "userPrincipalName": "alice@contoso.com", "usageLocation": "US",
                    "assignedLicenses": [{"skuId": "%s", "disabledPlans": ["%s"]}]},
                   {"id": "u2", "userPrincipalName": "bob@contoso.com", "accountEnabled": false}],
                 "groups": [{"id": "g1", "displayName": "Sales", "members": ["u1", "g2"]},
                            {"id": "g2", "displayName": "Inner", "members": ["u2"]}]}
                """.formatted(E3, YAMMER, E3, YAMMER));

        TenantSnapshot tenant = files.read(path);

        assertThat(tenant.tenantId()).isEqualTo(new TenantId("t-1"));
        assertThat(tenant.subscribedSkus()).singleElement().satisfies(sku -> {
            assertThat(sku.capabilityStatus()).isEqualTo(CapabilityStatus.WARNING);
            assertThat(sku.prepaidUnits().warning()).isEqualTo(2);
            assertThat(sku.consumedUnits()).isEqualTo(1); // derived: alice holds it
        });
        User alice = tenant.user(new UserId("u1")).orElseThrow();
        assertThat(alice.accountEnabled()).isTrue(); // absent means enabled
        assertThat(alice.directLicense(SkuId.of(E3))).isPresent();
        assertThat(tenant.user(new UserId("u2")).orElseThrow().accountEnabled()).isFalse();
        assertThat(tenant.group(new GroupId("g1")).orElseThrow().memberGroups()).containsExactly(new GroupId("g2"));
    }

    @Test
    void groupLicensesBecomeInheritedSourcesWithOneSeatPerUser() throws IOException {
        Path path = write("tenant.yaml", """
                subscribedSkus:
                  - {skuId: %s, skuPartNumber: ENTERPRISEPACK, prepaidUnits: {enabled: 5}}
                users:
                  - {id: u1, userPrincipalName: a@contoso.com, assignedLicenses: [{skuId: %s}]}
                  - {id: u2, userPrincipalName: b@contoso.com}
                groups:
                  - {id: g1, displayName: Licensed, members: [u1, u2], assignedLicenses: [{skuId: %s}]}
                """.formatted(E3, E3, E3));

        TenantSnapshot tenant = files.read(path);

        User a = tenant.user(new UserId("u1")).orElseThrow();
        assertThat(a.licenses()).hasSize(2);
        assertThat(a.inheritsFromGroup(SkuId.of(E3))).isTrue();
        assertThat(a.directLicense(SkuId.of(E3))).isPresent();
        assertThat(tenant.user(new UserId("u2")).orElseThrow().licenses()).singleElement()
                .satisfies(license -> assertThat(license.assignedByGroup()).isEqualTo(Optional.of(new GroupId("g1"))));
        assertThat(tenant.subscribedSkus().get(0).consumedUnits()).isEqualTo(2);
        assertThat(tenant.tenantId()).isEqualTo(TenantId.DEFAULT);
    }

    @Test
    void aWrittenSnapshotReplaysAsIs() throws IOException {
        Path original = write("tenant.yaml", """
                tenantId: t-2
                subscribedSkus:
                  - {skuId: %s, skuPartNumber: ENTERPRISEPACK, prepaidUnits: {enabled: 5}, consumedUnits: 4}
                users:
                  - {id: u1, userPrincipalName: a@contoso.com, usageLocation: DE, assignedLicenses: [{skuId: %s, disabledPlans: [%s]}]}
                  - {id: u2, userPrincipalName: b@contoso.com, userType: Guest}
                groups:
                  - {id: g1, displayName: Licensed, members: [u1, u2], assignedLicenses: [{skuId: %s}]}
                """.formatted(E3, E3, YAMMER, E3));
        TenantSnapshot first = files.read(original);

        Path copy = dir.resolve("copy.json");
        files.write(first, copy);
        TenantSnapshot replayed = files.read(copy);

        assertThat(replayed.tenantId()).isEqualTo(first.tenantId());
        assertThat(replayed.subscribedSkus()).isEqualTo(first.subscribedSkus());
        assertThat(replayed.users()).isEqualTo(first.users());
        assertThat(replayed.groups()).isEqualTo(first.groups());
    }

    @Test
    void licenseStatesAndErrorsAndGroupKindsRoundTrip() throws IOException {
        Path original = write("states.yaml", """
                subscribedSkus:
                  - {skuId: %s, skuPartNumber: ENTERPRISEPACK, prepaidUnits: {enabled: 1}}
                users:
                  - id: u1
                    userPrincipalName: a@contoso.com
                    licenseAssignmentStates:
                      - {skuId: %s, assignedByGroup: g1, state: Active, error: null}
                  - id: u2
                    userPrincipalName: b@contoso.com
                    licenseAssignmentStates:
                      - {skuId: %s, assignedByGroup: g1, state: Error, error: CountViolation}
                groups:
                  - {id: g1, displayName: Licensed, members: [u1, u2], assignedLicenses: [{skuId: %s}]}
                  - {id: g2, displayName: Sales 365, groupTypes: [Unified], members: [u1]}
                  - {id: g3, displayName: Dynamic, groupTypes: [DynamicMembership], membershipRule: 'user.department -eq "Sales"', members: [u2]}
                """.formatted(E3, E3, E3, E3));
        TenantSnapshot first = files.read(original);

        User b = first.user(new UserId("u2")).orElseThrow();
        assertThat(b.holds(SkuId.of(E3))).isFalse();
        assertThat(b.licenses()).isEmpty();
        assertThat(b.failedLicenses()).singleElement().satisfies(failed -> {
            assertThat(failed.state()).isEqualTo(io.seatwarden.directory.AssignmentState.ERROR);
            assertThat(failed.error()).contains("CountViolation");
        });
        assertThat(b.licenseErrors()).hasSize(1);
        assertThat(first.subscribedSkus().get(0).consumedUnits()).isEqualTo(1); // the error holds no seat
        assertThat(first.group(new GroupId("g2")).orElseThrow().isMicrosoft365()).isTrue();
        assertThat(first.group(new GroupId("g3")).orElseThrow().isDynamic()).isTrue();
        assertThat(first.group(new GroupId("g3")).orElseThrow().membershipRule()).contains("user.department -eq \"Sales\"");

        Path copy = dir.resolve("states.json");
        files.write(first, copy);
        assertThat(Files.readString(copy)).contains("\"state\" : \"Error\"", "\"error\" : \"CountViolation\"", "\"Unified\"");
        TenantSnapshot replayed = files.read(copy);
        assertThat(replayed.users()).isEqualTo(first.users());
        assertThat(replayed.groups()).isEqualTo(first.groups());
    }

    @Test
    void anUndocumentedStateIsAnErrorAtItsPlace() throws IOException {
        Path path = write("bad-state.yaml", """
                users:
                  - id: u1
                    userPrincipalName: a@contoso.com
                    licenseAssignmentStates:
                      - {skuId: %s, state: Pending}
                """.formatted(E3));
        assertThatThrownBy(() -> files.read(path)).isInstanceOf(TenantFileException.class)
                .hasMessageContaining("bad-state.yaml:5:").hasMessageContaining("Pending");
    }

    @Test
    void syntaxErrorsNameFileLineAndColumn() throws IOException {
        Path path = write("broken.json", "{\"users\": [\n  {\"id\": \"u1\",, }\n]}");

        assertThatThrownBy(() -> files.read(path)).isInstanceOf(TenantFileException.class)
                .hasMessageStartingWith(path + ":2:");
    }

    @Test
    void missingRequiredFieldsNameTheirPlace() throws IOException {
        Path path = write("tenant.yaml", """
                users:
                  - {id: u1, userPrincipalName: a@contoso.com}
                  - {id: u2}
                """);

        assertThatThrownBy(() -> files.read(path)).isInstanceOf(TenantFileException.class)
                .hasMessageStartingWith(path + ":3:")
                .hasMessageContaining("users[1]")
                .hasMessageContaining("userPrincipalName is required");
    }

    @Test
    void membersResolveToTheSameUsersAndGroupsWhicheverOrderTheFileListsThem() throws IOException {
        String skus = "\"subscribedSkus\": []";
        String users = """
                "users": [{"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "userPrincipalName": "alice@contoso.com"},
                          {"id": "bob", "userPrincipalName": "bob@contoso.com"},
                          {"id": "0F8FAD5B-D9CB-469F-A165-70867728950F", "userPrincipalName": "carol@contoso.com"}]""";
        // a member before the group it names, a group in itself, a user listed twice, ids of every kind
        String groups = """
                "groups": [{"id": "g1", "displayName": "Sales", "members": ["g2", "bob", "0f8fad5b-d9cb-469f-a165-70867728950e", "g1", "bob"]},
                           {"id": "g2", "displayName": "Inner", "members": ["0F8FAD5B-D9CB-469F-A165-70867728950F", 7]}]""";
        String seven = "{\"id\": \"7\", \"userPrincipalName\": \"dave@contoso.com\"}]";
        TenantSnapshot usersFirst = files.read(write("users-first.json",
                "{" + skus + ",\n" + users.replace("}]", "}, " + seven) + ",\n" + groups + "}"));
        TenantSnapshot groupsFirst = files.read(write("groups-first.json",
                "{" + skus + ",\n" + groups + ",\n" + users.replace("}]", "}, " + seven) + "}"));

        for (TenantSnapshot tenant : java.util.List.of(usersFirst, groupsFirst)) {
            io.seatwarden.directory.Group sales = tenant.group(new GroupId("g1")).orElseThrow();
            assertThat(sales.memberUsers()).containsExactly(new UserId("bob"), new UserId("0f8fad5b-d9cb-469f-a165-70867728950e"),
                    new UserId("bob"));
            assertThat(sales.memberGroups()).containsExactly(new GroupId("g2"), new GroupId("g1"));
            assertThat(tenant.memberIndexes(new GroupId("g1")).asList()).containsExactly(1, 0, 1);
            assertThat(tenant.group(new GroupId("g2")).orElseThrow().memberUsers())
                    .containsExactly(new UserId("0F8FAD5B-D9CB-469F-A165-70867728950F"), new UserId("7"));
            assertThat(tenant.memberIndexes(new GroupId("g2")).asList()).containsExactly(2, 3);
        }
        assertThat(groupsFirst.groups()).isEqualTo(usersFirst.groups());
    }

    @Test
    void theFirstMemberThatNamesNothingIsReportedWhicheverOrderTheFileListsThem() throws IOException {
        String users = "\"users\": [{\"id\": \"u1\", \"userPrincipalName\": \"a@contoso.com\"}]";
        String groups = """
                "groups": [{"id": "g1", "displayName": "G", "members": ["u1", "g2", "0f8fad5b-d9cb-469f-a165-70867728950e"]},
                           {"id": "g2", "displayName": "H", "members": ["nobody", ""]}]""";
        Path usersFirst = write("users-first.json", "{" + users + ",\n" + groups + "}");
        assertThatThrownBy(() -> files.read(usersFirst)).isInstanceOf(TenantFileException.class).hasMessage(usersFirst
                + ":2:12: groups[0].members[2]: no user or group has id '0f8fad5b-d9cb-469f-a165-70867728950e'");
        Path groupsFirst = write("groups-first.json", "{" + groups + ",\n" + users + "}");
        assertThatThrownBy(() -> files.read(groupsFirst)).isInstanceOf(TenantFileException.class).hasMessage(groupsFirst
                + ":1:13: groups[0].members[2]: no user or group has id '0f8fad5b-d9cb-469f-a165-70867728950e'");
        Path blank = write("blank.json", "{" + users + ",\n\"groups\": [{\"id\": \"g1\", \"displayName\": \"G\", \"members\": [\"u1\", \"\"]}]}");
        assertThatThrownBy(() -> files.read(blank)).isInstanceOf(TenantFileException.class)
                .hasMessage(blank + ":2:12: groups[0].members[1]: no user or group has id ''");
    }

    @Test
    void aDuplicateUserIsTheFirstErrorEvenWhenALaterEntryIsBadToo() throws IOException {
        Path laterBadEntry = write("bad-entry.yaml", """
                users:
                  - {id: u1, userPrincipalName: a@contoso.com}
                  - {id: u1, userPrincipalName: b@contoso.com}
                  - {id: u3, userPrincipalName: c@contoso.com, usageLocation: usa}
                """);
        assertThatThrownBy(() -> files.read(laterBadEntry))
                .hasMessage(laterBadEntry + ":3:5: users[1]: duplicate user id 'u1' (also users[0])");
        Path laterSyntaxError = write("bad-syntax.json", """
                {"users": [{"id": "u1", "userPrincipalName": "a@contoso.com"},
                  {"id": "u1", "userPrincipalName": "b@contoso.com"}],
                 "groups": [{"id": "g1", "displayName": "G", "members": ["u1"]} {]}
                """);
        assertThatThrownBy(() -> files.read(laterSyntaxError))
                .hasMessage(laterSyntaxError + ":2:3: users[1]: duplicate user id 'u1' (also users[0])");
        Path manyThenDuplicate = dir.resolve("many.json");
        StringBuilder json = new StringBuilder("{\"users\": [");
        for (int i = 0; i < 2_500; i++) {
            json.append(i == 0 ? "" : ",\n").append("{\"id\": \"u").append(i % 2_400).append("\", \"userPrincipalName\": \"u")
                    .append(i).append("@contoso.com\"}");
        }
        Files.writeString(manyThenDuplicate, json.append("]}").toString());
        assertThatThrownBy(() -> files.read(manyThenDuplicate))
                .hasMessage(manyThenDuplicate + ":2401:1: users[2400]: duplicate user id 'u0' (also users[0])");
    }

    @Test
    void membersThatAreNotIdsAreRefusedAtTheirIndex() throws IOException {
        String users = "\"users\": [{\"id\": \"u1\", \"userPrincipalName\": \"a@contoso.com\"}]";
        Path object = write("object.json", "{" + users + ",\n\"groups\": [{\"id\": \"g1\", \"displayName\": \"G\", \"members\": [\"u1\", {\"id\": \"u1\"}]}]}");
        assertThatThrownBy(() -> files.read(object)).isInstanceOf(TenantFileException.class)
                .hasMessageStartingWith(object + ":2:63: groups[0].members[1]: Cannot deserialize value of type `java.lang.String` from Object value");
        Path syntax = write("syntax.json", "{" + users + ",\n\"groups\": [{\"id\": \"g1\", \"displayName\": \"G\", \"members\": [\"u1\" \"u2\"]}]}");
        assertThatThrownBy(() -> files.read(syntax)).isInstanceOf(TenantFileException.class)
                .hasMessageStartingWith(syntax + ":2:62: groups[0].members[1]: Unexpected character");
        Path hole = write("null.json", "{" + users + ",\n\"groups\": [{\"id\": \"g1\", \"displayName\": \"G\", \"members\": [\"u1\", null]}]}");
        assertThatThrownBy(() -> files.read(hole)).isInstanceOf(TenantFileException.class).hasMessageContaining("groups[0]");
    }

    @Test
    void badGuidsAndUnknownMembersAreErrors() throws IOException {
        Path badGuid = write("guid.yaml", """
                subscribedSkus:
                  - {skuId: not-a-guid, skuPartNumber: X, prepaidUnits: {enabled: 1}}
                """);
        assertThatThrownBy(() -> files.read(badGuid)).hasMessageStartingWith(badGuid + ":2:")
                .hasMessageContaining("skuId 'not-a-guid' is not a GUID");

        Path unknownMember = write("member.yaml", """
                groups:
                  - {id: g1, displayName: G, members: [nobody]}
                """);
        assertThatThrownBy(() -> files.read(unknownMember)).hasMessageContaining("groups[0].members[0]")
                .hasMessageContaining("'nobody'");

        Path missingUnits = write("units.yaml", """
                subscribedSkus:
                  - {skuId: %s, skuPartNumber: X}
                """.formatted(E3));
        assertThatThrownBy(() -> files.read(missingUnits)).hasMessageContaining("prepaidUnits.enabled is required");
    }

    @Test
    void consistencyErrorsNameTheLineAndColumnOfTheEntry() throws IOException {
        Path duplicateUser = write("users.yaml", """
                users:
                  - {id: u1, userPrincipalName: a@contoso.com}
                  - {id: u1, userPrincipalName: b@contoso.com}
                """);
        assertThatThrownBy(() -> files.read(duplicateUser))
                .hasMessage(duplicateUser + ":3:5: users[1]: duplicate user id 'u1' (also users[0])");

        Path unknownMember = write("member.yaml", """
                users: []
                groups:
                  - {id: g0, displayName: F, members: []}
                  - {id: g1, displayName: G, members: [nobody]}
                """);
        assertThatThrownBy(() -> files.read(unknownMember))
                .hasMessage(unknownMember + ":4:5: groups[1].members[0]: no user or group has id 'nobody'");

        Path duplicateSku = write("skus.json", """
                {"subscribedSkus": [
                  {"skuId": "%s", "skuPartNumber": "A", "prepaidUnits": {"enabled": 1}},
                  {"skuId": "%s", "skuPartNumber": "B", "prepaidUnits": {"enabled": 1}}]}
                """.formatted(E3, E3));
        assertThatThrownBy(() -> files.read(duplicateSku)).hasMessage(duplicateSku + ":3:3: subscribedSkus[1]: duplicate skuId '"
                + E3 + "' (also subscribedSkus[0] at " + duplicateSku + ":2:3)");

        Path duplicateGroup = write("groups.yaml", """
                groups:
                  - {id: g1, displayName: G}
                  - {id: g1, displayName: H}
                """);
        assertThatThrownBy(() -> files.read(duplicateGroup)).hasMessage(duplicateGroup
                + ":3:5: groups[1]: duplicate group id 'g1' (also groups[0] at " + duplicateGroup + ":2:5)");

        Path licenseTwice = write("licenses.yaml", """
                users:
                  - {id: u1, userPrincipalName: a@contoso.com, assignedLicenses: [{skuId: %s}, {skuId: %s}]}
                """.formatted(E3, E3));
        assertThatThrownBy(() -> files.read(licenseTwice))
                .hasMessage(licenseTwice + ":2:5: users[0].assignedLicenses[1]: SKU " + E3 + " is listed twice");
    }

    @Test
    void anUnknownCapabilityStatusNamesItsPlace() throws IOException {
        Path path = write("status.yaml", """
                subscribedSkus:
                  - skuId: %s
                    skuPartNumber: X
                    capabilityStatus: Lapsed
                    prepaidUnits: {enabled: 1}
                """.formatted(E3));

        assertThatThrownBy(() -> files.read(path)).message()
                .matches(java.util.regex.Pattern.quote(path.toString()) + ":\\d+:\\d+: subscribedSkus\\[0\\]: .*")
                .contains("unknown capabilityStatus 'Lapsed' (expected Enabled, Warning, Suspended, Deleted or LockedOut)");
    }

    @Test
    void valuesGraphNeverSendsAreRefused() throws IOException {
        Path fractionalSeats = write("seats.yaml", """
                subscribedSkus:
                  - {skuId: %s, skuPartNumber: X, prepaidUnits: {enabled: 1.5}}
                """.formatted(E3));
        assertThatThrownBy(() -> files.read(fractionalSeats)).hasMessageStartingWith(fractionalSeats + ":2:")
                .hasMessageContaining("subscribedSkus[0].prepaidUnits.enabled: must be a whole number, not 1.5");

        Path numericLocation = write("location.yaml", """
                users:
                  - {id: u1, userPrincipalName: a@contoso.com, usageLocation: 42}
                """);
        assertThatThrownBy(() -> files.read(numericLocation)).hasMessageStartingWith(numericLocation + ":2:")
                .hasMessageContaining("usageLocation '42' is not a two-letter country code in capitals");

        String arabicIndicDigit = "\u0661"; // Character.digit takes it for 1
        Path foreignDigits = write("guid.json", """
                {"subscribedSkus": [{"skuId": "%s", "skuPartNumber": "X", "prepaidUnits": {"enabled": 1}}]}
                """.formatted(arabicIndicDigit + E3.substring(1)));
        assertThatThrownBy(() -> files.read(foreignDigits)).hasMessageStartingWith(foreignDigits + ":1:")
                .hasMessageContaining("is not a GUID");
    }

    @Test
    void aYamlValueTooLongToParseInReasonableTimeIsRefusedAtItsPlace() throws IOException {
        Path path = write("long.yaml", "users:\n  - {id: u1, userPrincipalName: " + "a".repeat(2 * 1024 * 1024) + "}\n");

        assertThatThrownBy(() -> files.read(path)).isInstanceOf(TenantFileException.class).hasMessage(path
                + ":2:33: more than 262144 characters without a space or line break; no value in a tenant file is"
                + " that long (a minified file? write it as JSON)");
    }

    @Test
    void aYamlTenantFileLargerThanSnakeYamlsDefaultLimitReads() throws IOException {
        // SnakeYAML stops at 3 MiB by default; a snapshot of a large tenant is larger.
        String description = "word ".repeat(200_000);
        StringBuilder text = new StringBuilder("users:\n");
        for (int i = 1; i <= 4; i++) {
            text.append("  - {id: u").append(i).append(", userPrincipalName: u").append(i)
                    .append("@contoso.com, displayName: \"").append(description).append("\"}\n");
        }
        Path path = write("large.yaml", text.toString());
        assertThat(Files.size(path)).isGreaterThan(3L * 1024 * 1024);

        assertThat(files.read(path).users()).hasSize(4);
    }

    @Test
    void aMissingFileSaysSo() {
        Path path = dir.resolve("nope.json");

        assertThatThrownBy(() -> files.read(path)).isInstanceOf(TenantFileException.class).hasMessage(path + ": no such file");
    }
}
