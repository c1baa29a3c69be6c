package io.seatwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatwarden.directory.file.TenantFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Microsoft's documented request/response examples (microsoft-graph-docs-contrib, api-reference/v1.0/api/*.md),
 * replayed against the emulator serving {@code tenants/conformance.json}, a tenant built from the objects the
 * examples show. Requests are sent as the docs write them (only percent-encoding what a URL cannot carry, and
 * {@code +} for spaces as Graph reads it); responses are compared on what the docs promise: status, content
 * type, {@code @odata.context}, {@code @odata.count}, the property set and the objects returned. Examples the
 * emulator answers differently are tested as such at the end, and listed in {@code emulator/package-info.java}.
 */
class GraphConformanceTest {
    private static final String CONSISTENCY = "ConsistencyLevel";
    private static final String EVENTUAL = "eventual";
    private static final List<String> USER_DEFAULT = List.of("businessPhones", "displayName", "givenName", "jobTitle", "mail",
            "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName", "id");

    private GraphEmulator emulator;
    private TestingHttp http;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("conformance.json"), EmulatorOptions.defaults());
        http = new TestingHttp(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    // ------------------------------------------------------------ user-list.md

    @Test
    @DisplayName("user-list example 1: get all users (default properties)")
    void listUsers() {
        TestingHttp.Answer answer = http.get("/users");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#users");
        assertThat(fields(body.get("value").get(0))).containsExactlyInAnyOrderElementsOf(USER_DEFAULT);
        assertThat(body.get("value").get(0).get("businessPhones").isArray()).isTrue();
        assertThat(texts(body.get("value"), "displayName")).contains("Conf Room Adams", "MOD Administrator");
    }

    @Test
    @DisplayName("user-list example 3: get only a count of users")
    void countUsers() {
        TestingHttp.Answer answer = http.get("/users/$count", CONSISTENCY, EVENTUAL);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("7");
    }

    @Test
    @DisplayName("user-list example 4: $filter startswith, $orderby, $count and $top")
    void filterOrderCountTop() {
        JsonNode body = http.get("/users?$filter=startswith(displayName,'a')&$orderby=displayName&$count=true&$top=1",
                CONSISTENCY, EVENTUAL).json();
        assertThat(body.get("@odata.count").asInt()).isEqualTo(1);
        assertThat(texts(body.get("value"), "displayName")).containsExactly("Adele Vance");
    }

    @Test
    @DisplayName("user-list example 6: $search \"displayName:wa\" with $orderby and $count")
    void searchUsers() {
        JsonNode body = http.get("/users?$search=%22displayName:wa%22&$orderby=displayName&$count=true", CONSISTENCY, EVENTUAL).json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#users");
        assertThat(body.get("@odata.count").asInt()).isEqualTo(1);
        assertThat(texts(body.get("value"), "displayName")).containsExactly("Oscar Ward");
    }

    @Test
    @DisplayName("user-list example 7: $search with OR (spaces sent as +)")
    void searchUsersWithOr() {
        JsonNode body = http.get("/users?$search=%22displayName:wa%22+OR+%22displayName:ad%22&$orderbydisplayName&$count=true",
                CONSISTENCY, EVENTUAL).json();
        assertThat(texts(body.get("value"), "displayName")).containsExactlyInAnyOrder("Oscar Ward", "contosoAdmin1", "Conf Room Adams",
                "MOD Administrator", "Adele Vance");
        assertThat(body.get("@odata.count").asInt()).isEqualTo(5);
    }

    @Test
    @DisplayName("user-list example 8: guests by endsWith on userPrincipalName (%23 for #)")
    void guestsByUserPrincipalName() {
        JsonNode body = http.get("/users?$select=id,displayName,mail,identities&$filter=endsWith(userPrincipalName,'%23EXT%23@contoso.com')&$count=true",
                CONSISTENCY, EVENTUAL).json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#users(id,displayName,mail,identities)");
        assertThat(body.get("@odata.count").asInt()).isEqualTo(1);
        JsonNode adele = body.get("value").get(0);
        assertThat(adele.get("id").asText()).isEqualTo("39807bd1-3dde-48f3-8165-81ddd4e46de0");
        assertThat(fields(adele)).containsExactly("id", "displayName", "mail", "identities");
    }

    @Test
    @DisplayName("user-list example 9: users assigned a specific license")
    void usersWithALicense() {
        JsonNode body = http.get("/users?$select=id,mail,assignedLicenses&$filter=assignedLicenses/any(u:u/skuId+eq+cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46)").json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#users(id,mail,assignedLicenses)");
        assertThat(texts(body.get("value"), "id")).containsExactly("4562bcc8-c436-4f95-b7c0-4f8ce89dca5e", "81a133c2-bdf2-4e67-8755-7264366b04ee");
        JsonNode license = body.get("value").get(0).get("assignedLicenses").get(0);
        assertThat(license.get("disabledPlans").isArray()).isTrue();
        assertThat(license.get("skuId").asText()).isEqualTo("cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46");
    }

    @Test
    @DisplayName("user-list example 11: users including their last sign-in time (signInActivity)")
    void usersWithSignInActivity() {
        TestingHttp.Answer answer = http.get("/users?$select=displayName,userPrincipalName,signInActivity");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#users(displayName,userPrincipalName,signInActivity)");
        JsonNode adele = null;
        for (JsonNode user : body.get("value")) {
            if (user.get("displayName").asText().equals("Adele Vance")) {
                adele = user;
            }
        }
        assertThat(adele).isNotNull();
        JsonNode activity = adele.get("signInActivity");
        assertThat(activity.get("lastSignInDateTime").asText()).isEqualTo("2021-06-17T16:41:33Z");
        // the example's "never" for the non-interactive sign-in, replayed as the tenant file gives it
        assertThat(activity.get("lastNonInteractiveSignInDateTime").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(fields(activity)).contains("lastSignInDateTime", "lastSignInRequestId", "lastNonInteractiveSignInDateTime",
                "lastNonInteractiveSignInRequestId", "lastSuccessfulSignInDateTime");
        // a user with no sign-in on record: the property is there, null
        assertThat(body.get("value").get(0).get("signInActivity").isNull()).isTrue();
    }

    @Test
    @DisplayName("user-list example 11 note: with signInActivity selected, $top above 120 gives pages of up to 120 users")
    void signInActivityPagesHoldAtMost120Users() {
        TenantFile tenant = TestingGraphClients.tenant("conformance.json");
        List<TenantFile.UserEntry> users = new ArrayList<>(tenant.users());
        for (int i = 0; i < 250; i++) {
            users.add(new TenantFile.UserEntry(String.format("d0000000-0000-4000-8000-%012d", i),
                    "user" + i + "@contoso.com", "User " + i, "Member", null, null, true, "US", null, List.of(), null));
        }
        try (GraphEmulator many = GraphEmulator.start(new TenantFile(tenant.tenantId(),
                tenant.subscribedSkus(), users, tenant.groups()), EmulatorOptions.defaults())) {
            TestingHttp manyHttp = new TestingHttp(many.baseUrl());
            JsonNode first = manyHttp.get("/users?$select=id,signInActivity&$top=999").json();
            JsonNode plain = manyHttp.get("/users?$select=id&$top=999").json();

            assertThat(first.get("value")).hasSize(120);
            assertThat(first.get("@odata.nextLink").asText()).contains("$top=999");
            assertThat(plain.get("value")).hasSize(257);
        }
    }

    @Test
    @DisplayName("signInActivity without AuditLog.Read.All, or in a tenant without Entra ID P1/P2: 403 as Graph answers")
    void signInActivityNeedsThePermissionAndThePremiumLicense() {
        emulator.signInActivityAccess(SignInActivityAccess.PERMISSION_MISSING);
        TestingHttp.Answer missing = http.get("/users?$select=displayName,userPrincipalName,signInActivity");
        emulator.signInActivityAccess(SignInActivityAccess.NOT_PREMIUM);
        TestingHttp.Answer basic = http.get("/users/39807bd1-3dde-48f3-8165-81ddd4e46de0?$select=signInActivity");
        TestingHttp.Answer without = http.get("/users?$select=displayName,userPrincipalName");

        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("Authentication_MSGraphPermissionMissing");
        assertThat(missing.json().at("/error/message").asText())
                .isEqualTo("Calling principal does not have required MSGraph permissions AuditLog.Read.All");
        assertThat(missing.json().at("/error/innerError/request-id").asText()).isNotEmpty();
        assertThat(basic.status()).isEqualTo(403);
        assertThat(basic.json().at("/error/code").asText()).isEqualTo("Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        assertThat(basic.json().at("/error/message").asText()).isEqualTo("Neither tenant is B2C or tenant doesn't have premium license");
        assertThat(without.status()).isEqualTo(200);
    }

    @Test
    @DisplayName("signInActivity and createdDateTime of one user by id; not by userPrincipalName, not in member lists")
    void signInActivityOfOneUser() {
        JsonNode adele = http.get("/users/39807bd1-3dde-48f3-8165-81ddd4e46de0?$select=id,createdDateTime,signInActivity").json();

        assertThat(adele.get("@odata.context").asText()).endsWith("/$metadata#users(id,createdDateTime,signInActivity)/$entity");
        assertThat(adele.at("/signInActivity/lastSignInDateTime").asText()).isEqualTo("2021-06-17T16:41:33Z");
        assertThat(adele.get("createdDateTime").isNull()).isTrue(); // the tenant file gives none
        assertThat(http.get("/users/meganb@contoso.com?$select=signInActivity").status()).isEqualTo(400);
        assertThat(http.get("/groups/1132b215-826f-42a9-8cfe-1643d19d17fd/members?$select=id,signInActivity").status()).isEqualTo(400);
    }

    // ------------------------------------------------------------ user-get.md, user-update.md

    @Test
    @DisplayName("user-get: a user by id, and by userPrincipalName with $select")
    void getUser() {
        JsonNode byId = http.get("/users/4562bcc8-c436-4f95-b7c0-4f8ce89dca5e").json();
        assertThat(byId.get("@odata.context").asText()).endsWith("/$metadata#users/$entity");
        assertThat(fields(byId)).contains("@odata.context").containsAll(USER_DEFAULT);
        JsonNode selected = http.get("/users/admin@contoso.com?$select=displayName,givenName,postalCode").json();
        assertThat(selected.get("@odata.context").asText()).endsWith("/$metadata#users(displayName,givenName,postalCode)/$entity");
        assertThat(selected.get("displayName").asText()).isEqualTo("MOD Administrator");
        assertThat(selected.has("postalCode")).isTrue();
    }

    // ------------------------------------------------------------ licensing actions

    @Test
    @DisplayName("user-assignlicense: add licenses with a disabled plan, then remove them")
    void assignLicense() {
        TestingHttp.Answer added = http.post("/users/GradyA@contoso.com/assignLicense", """
                {"addLicenses": [
                   {"disabledPlans": ["113feb6c-3fe4-4440-bddc-54d774bf0318", "14ab5db5-e6c4-4b20-b4bc-13e36fd2227f"],
                    "skuId": "b05e124f-c7cc-45a0-a6aa-8cf78c946968"},
                   {"disabledPlans": ["a413a9ff-720c-4822-98ef-2f37c2a21f4c"], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}],
                 "removeLicenses": []}""");
        assertThat(added.status()).isEqualTo(200);
        JsonNode user = added.json();
        assertThat(user.get("accountEnabled").asBoolean()).isTrue();
        assertThat(user.get("assignedLicenses")).hasSize(2);
        TestingHttp.Answer removed = http.post("/users/GradyA@contoso.com/assignLicense", """
                {"addLicenses": [],
                 "removeLicenses": ["c7df2760-2c81-4ef7-b578-5b5392b571df", "b05e124f-c7cc-45a0-a6aa-8cf78c946968"]}""");
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("assignedLicenses")).isEmpty();
    }

    @Test
    @DisplayName("group-assignlicense examples 1 and 2: 202 Accepted with the group and a location header")
    void assignGroupLicense() {
        TestingHttp.Answer added = http.post("/groups/1132b215-826f-42a9-8cfe-1643d19d17fd/assignLicense", """
                {"addLicenses": [
                   {"disabledPlans": ["113feb6c-3fe4-4440-bddc-54d774bf0318", "14ab5db5-e6c4-4b20-b4bc-13e36fd2227f"],
                    "skuId": "b05e124f-c7cc-45a0-a6aa-8cf78c946968"},
                   {"disabledPlans": ["a413a9ff-720c-4822-98ef-2f37c2a21f4c"], "skuId": "c7df2760-2c81-4ef7-b578-5b5392b571df"}],
                 "removeLicenses": []}""");
        assertThat(added.status()).isEqualTo(202);
        assertThat(added.header("Location")).endsWith("/v2/84841066-274d-4ec0-a5c1-276be684bdd3/directoryObjects/"
                + "1132b215-826f-42a9-8cfe-1643d19d17fd/Microsoft.DirectoryServices.Group");
        JsonNode group = added.json();
        assertThat(group.get("id").asText()).isEqualTo("1132b215-826f-42a9-8cfe-1643d19d17fd");
        assertThat(group.get("groupTypes")).isEmpty();
        assertThat(group.get("securityEnabled").asBoolean()).isTrue();
        TestingHttp.Answer removed = http.post("/groups/1132b215-826f-42a9-8cfe-1643d19d17fd/assignLicense", """
                {"addLicenses": [],
                 "removeLicenses": ["c7df2760-2c81-4ef7-b578-5b5392b571df", "b05e124f-c7cc-45a0-a6aa-8cf78c946968"]}""");
        assertThat(removed.status()).isEqualTo(202);
        assertThat(removed.json().get("assignedLicenses")).isEmpty();
    }

    @Test
    @DisplayName("user-reprocesslicenseassignment: 200 with the user")
    void reprocessLicenseAssignment() {
        TestingHttp.Answer answer = http.post("/users/047dd774-f1c4-40f2-82f0-278de79f9b83/reprocessLicenseAssignment", null);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("id").asText()).isEqualTo("047dd774-f1c4-40f2-82f0-278de79f9b83");
        assertThat(answer.json().get("accountEnabled").asBoolean()).isTrue();
        assertThat(answer.json().get("assignedLicenses").isArray()).isTrue();
    }

    @Test
    @DisplayName("user-list-licensedetails: licenseDetails with servicePlans")
    void licenseDetails() {
        JsonNode body = http.get("/users/48d31887-5fad-4d73-a9f5-3c356e68a038/licenseDetails").json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#users('48d31887-5fad-4d73-a9f5-3c356e68a038')/licenseDetails");
        JsonNode detail = body.get("value").get(0);
        assertThat(fields(detail)).containsExactly("id", "skuId", "skuPartNumber", "servicePlans");
        assertThat(detail.get("id").asText()).hasSize(43); // base64url of 32 bytes, as in the example's ids
        assertThat(detail.get("skuPartNumber").asText()).isEqualTo("ENTERPRISEPREMIUM");
        JsonNode plan = detail.get("servicePlans").get(0);
        assertThat(fields(plan)).containsExactly("servicePlanId", "servicePlanName", "provisioningStatus", "appliesTo");
        assertThat(plan.get("provisioningStatus").asText()).isEqualTo("Success");
    }

    // ------------------------------------------------------------ subscribedsku-*.md, organization-list.md

    @Test
    @DisplayName("subscribedsku-list and subscribedsku-get")
    void subscribedSkus() {
        JsonNode list = http.get("/subscribedSkus").json();
        assertThat(list.get("@odata.context").asText()).endsWith("/$metadata#subscribedSkus");
        JsonNode sku = list.get("value").get(0);
        assertThat(fields(sku)).contains("appliesTo", "capabilityStatus", "consumedUnits", "id", "prepaidUnits", "servicePlans",
                "skuId", "skuPartNumber", "subscriptionIds");
        assertThat(fields(sku.get("prepaidUnits"))).containsExactlyInAnyOrder("enabled", "lockedOut", "suspended", "warning");
        assertThat(sku.get("id").asText()).isEqualTo("84841066-274d-4ec0-a5c1-276be684bdd3_c7df2760-2c81-4ef7-b578-5b5392b571df");
        JsonNode one = http.get("/subscribedSkus/" + sku.get("id").asText()).json();
        assertThat(one.get("@odata.context").asText()).endsWith("/$metadata#subscribedSkus/$entity");
        assertThat(one.get("skuPartNumber").asText()).isEqualTo("ENTERPRISEPREMIUM");
    }

    @Test
    @DisplayName("organization-list")
    void organization() {
        JsonNode body = http.get("/organization").json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#organization");
        assertThat(body.get("value").get(0).get("id").asText()).isEqualTo("84841066-274d-4ec0-a5c1-276be684bdd3");
    }

    // ------------------------------------------------------------ group-list.md, group-get.md

    @Test
    @DisplayName("group-list example 1: get a list of groups (default properties)")
    void listGroups() {
        JsonNode body = http.get("/groups").json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#groups");
        JsonNode golfAssist = body.get("value").get(0);
        assertThat(fields(golfAssist)).containsExactlyInAnyOrder("id", "deletedDateTime", "classification", "createdDateTime",
                "description", "displayName", "expirationDateTime", "groupTypes", "isAssignableToRole", "mail", "mailEnabled",
                "mailNickname", "membershipRule", "membershipRuleProcessingState", "onPremisesLastSyncDateTime",
                "onPremisesSecurityIdentifier", "onPremisesSyncEnabled", "preferredDataLocation", "preferredLanguage",
                "proxyAddresses", "renewedDateTime", "resourceBehaviorOptions", "resourceProvisioningOptions", "securityEnabled",
                "theme", "visibility", "onPremisesProvisioningErrors");
        assertThat(golfAssist.get("groupTypes").get(0).asText()).isEqualTo("Unified");
        assertThat(golfAssist.get("mailEnabled").asBoolean()).isTrue();
        assertThat(golfAssist.get("securityEnabled").asBoolean()).isFalse();
        JsonNode golfDiscussion = body.get("value").get(1);
        assertThat(golfDiscussion.get("groupTypes")).isEmpty();
        assertThat(golfDiscussion.get("mailEnabled").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("group-list example 2: groups with members with license errors, with $count")
    void groupsWithLicenseErrors() {
        emulator.state().addMember(new io.seatwarden.directory.GroupId("5caf712c-8483-4b3d-8384-d8da988c0ca4"),
                new io.seatwarden.directory.UserId("81a133c2-bdf2-4e67-8755-7264366b04ee"));
        JsonNode none = http.get("/groups?$count=true&$filter=hasMembersWithLicenseErrors+eq+true&$select=id,displayName",
                CONSISTENCY, EVENTUAL).json();
        assertThat(none.get("@odata.context").asText()).endsWith("/$metadata#groups(id,displayName)");
        assertThat(none.get("@odata.count").asInt()).isZero(); // the guest got a free seat: no error
    }

    @Test
    @DisplayName("group-list example 3: get only a count of groups")
    void countGroups() {
        TestingHttp.Answer answer = http.get("/groups/$count", CONSISTENCY, EVENTUAL);
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(answer.body()).isEqualTo("5");
    }

    @Test
    @DisplayName("group-list example 4: $filter startswith with a space, $count, $top, $orderby")
    void filterGroups() {
        JsonNode body = http.get("/groups?$filter=startswith(displayName,+'g')&$count=true&$top=1&$orderby=displayName",
                CONSISTENCY, EVENTUAL).json();
        assertThat(body.get("@odata.count").asInt()).isEqualTo(3);
        assertThat(texts(body.get("value"), "displayName")).containsExactly("Golf Assist");
        assertThat(body.has("@odata.nextLink")).isTrue();
    }

    @Test
    @DisplayName("group-list example 5: $search on displayName OR description")
    void searchGroups() {
        JsonNode body = http.get("/groups?$search=%22displayName:Video%22+OR+%22description:prod%22&$orderby=displayName&$count=true",
                CONSISTENCY, EVENTUAL).json();
        assertThat(texts(body.get("value"), "displayName")).containsExactly("Video Production");
    }

    @Test
    @DisplayName("group-list example 6: dynamic security groups")
    void dynamicGroups() {
        JsonNode body = http.get("/groups?$filter=mailEnabled+eq+false+and+securityEnabled+eq+true+and+NOT(groupTypes/any(s:s+eq+'Unified'))"
                + "+and+membershipRuleProcessingState+eq+'On'&$count=true&$select=id,membershipRule,membershipRuleProcessingState",
                CONSISTENCY, EVENTUAL).json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#groups(id,membershipRule,membershipRuleProcessingState)");
        assertThat(body.get("@odata.count").asInt()).isEqualTo(1);
        JsonNode dynamic = body.get("value").get(0);
        assertThat(dynamic.get("id").asText()).isEqualTo("e9f4a701-e7b5-4401-a0ca-5bd5f3cdcf4b");
        assertThat(dynamic.get("membershipRuleProcessingState").asText()).isEqualTo("On");
        assertThat(dynamic.get("membershipRule").asText()).startsWith("(user.userType -contains");
    }

    @Test
    @DisplayName("group-get: a group by id")
    void getGroup() {
        JsonNode group = http.get("/groups/45b7d2e7-b882-4a80-ba97-10b7a63b8fa4").json();
        assertThat(group.get("@odata.context").asText()).endsWith("/$metadata#groups/$entity");
        assertThat(group.get("displayName").asText()).isEqualTo("Golf Assist");
    }

    // ------------------------------------------------------------ group-list-members.md, group-list-transitivemembers.md

    @Test
    @DisplayName("group-list-members: members, $count, a cast with $count, $search on a cast")
    void members() {
        JsonNode body = http.get("/groups/d7797254-3084-44d0-99c9-a3b5ab149538/members").json();
        assertThat(body.get("@odata.context").asText()).endsWith("/$metadata#directoryObjects");
        assertThat(texts(body.get("value"), "@odata.type")).containsExactly("#microsoft.graph.group", "#microsoft.graph.user");
        assertThat(http.get("/groups/d7797254-3084-44d0-99c9-a3b5ab149538/members/$count", CONSISTENCY, EVENTUAL).body()).isEqualTo("2");
        assertThat(http.get("/groups/d7797254-3084-44d0-99c9-a3b5ab149538/members/microsoft.graph.user/$count", CONSISTENCY, EVENTUAL)
                .body()).isEqualTo("1");
        JsonNode searched = http.get("/groups/45b7d2e7-b882-4a80-ba97-10b7a63b8fa4/members/microsoft.graph.user"
                + "?$count=true&$orderby=displayName&$search=%22displayName:ad%22&$select=displayName,id", CONSISTENCY, EVENTUAL).json();
        assertThat(searched.get("@odata.context").asText()).endsWith("/$metadata#users(displayName,id)");
        assertThat(texts(searched.get("value"), "displayName")).containsExactly("Conf Room Adams", "MOD Administrator");
        assertThat(searched.get("@odata.count").asInt()).isEqualTo(2);
    }

    @Test
    @DisplayName("group-list-transitivemembers: nested members once, users only with a cast")
    void transitiveMembers() {
        JsonNode body = http.get("/groups/d7797254-3084-44d0-99c9-a3b5ab149538/transitiveMembers/microsoft.graph.user?$count=true",
                CONSISTENCY, EVENTUAL).json();
        assertThat(body.get("@odata.count").asInt()).isEqualTo(3);
    }

    // ------------------------------------------------------------ json-batching.md

    @Test
    @DisplayName("json-batching: ids, dependsOn, per-step status/headers/body, outer 200 (served URLs instead of /me/...)")
    void batch() {
        TestingHttp.Answer answer = http.post("/$batch", """
                {"requests": [
                  {"id": "1", "method": "GET", "url": "/users/admin@contoso.com?$select=id,displayName"},
                  {"id": "2", "dependsOn": ["1"], "method": "POST", "url": "/users/meganb@contoso.com/assignLicense",
                   "headers": {"Content-Type": "application/json"},
                   "body": {"addLicenses": [{"skuId": "cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46", "disabledPlans": []}], "removeLicenses": []}},
                  {"id": "3", "method": "GET", "url": "/groups/00000000-0000-0000-0000-000000000000"}]}""");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode responses = answer.json().get("responses");
        assertThat(texts(responses, "id")).containsExactlyInAnyOrder("1", "2", "3");
        for (JsonNode response : responses) {
            assertThat(fields(response)).contains("id", "status", "headers", "body");
            int expected = switch (response.get("id").asText()) {
                case "1", "2" -> 200;
                default -> 404;
            };
            assertThat(response.get("status").asInt()).isEqualTo(expected);
        }
    }

    // ------------------------------------------------------------ what Graph accepts that the emulator once refused

    @Test
    @DisplayName("path segments ignore case, as in Graph")
    void pathSegmentsIgnoreCase() {
        assertThat(http.get("/Users/admin@contoso.com").status()).isEqualTo(200);
        assertThat(http.get("/GROUPS/45b7d2e7-b882-4a80-ba97-10b7a63b8fa4/Members").status()).isEqualTo(200);
        assertThat(http.post("/users/meganb@contoso.com/assignlicense", "{\"addLicenses\":[],\"removeLicenses\":[]}").status()).isEqualTo(200);
    }

    @Test
    @DisplayName("an unsupported method on a known resource is 405")
    void methodNotAllowed() {
        TestingHttp.Answer answer = http.send("DELETE", "/subscribedSkus", null);
        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("Request_BadRequest");
        assertThat(http.send("PUT", "/users/admin@contoso.com", "{}").status()).isEqualTo(405);
    }

    @Test
    @DisplayName("$search without ConsistencyLevel is refused as Graph refuses it")
    void searchNeedsConsistencyLevel() {
        TestingHttp.Answer answer = http.get("/users?$search=%22displayName:wa%22");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("Request_UnsupportedQuery");
    }

    // ------------------------------------------------------------ examples the emulator answers differently

    @Test
    @DisplayName("differs: user-list example 2 and 5 (identities and mail are not in tenant files)")
    void identitiesAndMailAreNotModelled() {
        assertThat(http.get("/users?$select=displayName,id&$filter=identities/any(c:c/issuerAssignedId+eq+'j.smith@yahoo.com'+and+c/issuer+eq+'My+B2C+tenant')")
                .status()).isEqualTo(400);
        JsonNode mail = http.get("/users?$filter=endswith(mail,'a@contoso.com')&$orderby=userPrincipalName&$count=true", CONSISTENCY, EVENTUAL).json();
        assertThat(mail.get("value")).isEmpty(); // Graph's example finds Grady Archie by his mail
    }

    @Test
    @DisplayName("differs: group-list example 7 ($expand=members) and user-update (other properties than the emulator's three)")
    void expandAndOtherUpdatesAreRefused() {
        assertThat(http.get("/groups?$select=id,assignedLicenses&$filter=assignedLicenses/any()&$expand=members($select=id,displayName)")
                .status()).isEqualTo(400);
        assertThat(http.get("/groups?$select=id,assignedLicenses&$filter=assignedLicenses/any()").json().get("value")).hasSize(1);
        assertThat(http.send("PATCH", "/users/admin@contoso.com", "{\"businessPhones\":[\"+1 425 555 0109\"],\"officeLocation\":\"18/2111\"}")
                .status()).isEqualTo(400);
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }
}
