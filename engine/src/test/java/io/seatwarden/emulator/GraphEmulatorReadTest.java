package io.seatwarden.emulator;

import com.microsoft.graph.core.tasks.PageIterator;
import com.microsoft.graph.models.DirectoryObject;
import com.microsoft.graph.models.DirectoryObjectCollectionResponse;
import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.LicenseAssignmentState;
import com.microsoft.graph.models.SubscribedSku;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.seatwarden.directory.file.TenantFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read side through the real Graph SDK: paging, $select, $filter, advanced queries, members, SKUs. */
class GraphEmulatorReadTest {
    private static final UUID E3 = UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final String SALES = "b0000000-0000-4000-8000-000000000001";
    private static final String LICENSED = "b0000000-0000-4000-8000-000000000003";

    private GraphEmulator emulator;
    private GraphServiceClient graph;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), EmulatorOptions.defaults().withPageSize(3));
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void servesAtExactlyV1OnLoopback() {
        assertThat(emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + emulator.port() + "/v1.0");
        assertThat(graph.organization().get().getValue()).extracting(o -> o.getId())
                .containsExactly("5e7a1000-0000-4000-8000-00000000c0de");
    }

    @Test
    void pageIteratorFollowsNextLinksWithTheDefaultPageSize() throws Exception {
        UserCollectionResponse first = graph.users().get(request -> request.queryParameters.select = new String[]{"id", "userPrincipalName"});
        assertThat(first.getValue()).hasSize(3);
        assertThat(first.getOdataNextLink()).startsWith(emulator.baseUrl() + "/users?").contains("$skiptoken=");
        List<String> upns = new ArrayList<>();
        new PageIterator.Builder<User, UserCollectionResponse>().client(graph).collectionPage(first)
                .collectionPageFactory(UserCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(user -> upns.add(user.getUserPrincipalName())).build().iterate();
        assertThat(upns).hasSize(7).doesNotHaveDuplicates().contains("alice@contoso.test", "frank@contoso.test");
        List<RequestLog.Entry> pages = emulator.requestLog().entries("GET /users");
        assertThat(pages).hasSize(3);
        // nextLinks keep the original options
        assertThat(pages.get(2).query()).contains("$select=id,userPrincipalName").contains("$skiptoken=");
        assertThat(pages.get(0).header("Authorization")).contains("Bearer " + TestingGraphClients.TOKEN);
    }

    @Test
    void topOverridesThePageSizeUpTo999() {
        UserCollectionResponse page = graph.users().get(request -> request.queryParameters.top = 999);
        assertThat(page.getValue()).hasSize(7);
        assertThat(page.getOdataNextLink()).isNull();
        assertThatThrownBy(() -> graph.users().get(request -> request.queryParameters.top = 1000))
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(400);
                    assertThat(error.getError().getCode()).isEqualTo("Request_UnsupportedQuery");
                    assertThat(error.getError().getMessage()).contains("Must be between 1 and 999 inclusive");
                });
    }

    @Test
    void withoutSelectOnlyTheDefaultPropertiesComeBack() {
        User alice = graph.users().byUserId("alice@contoso.test").get();
        assertThat(alice.getId()).isEqualTo("a0000000-0000-4000-8000-000000000001");
        assertThat(alice.getDisplayName()).isEqualTo("Alice");
        assertThat(alice.getAssignedLicenses()).isNullOrEmpty();
        assertThat(alice.getUsageLocation()).isNull();
        assertThat(alice.getAccountEnabled()).isNull();
        String body = emulator.requestLog().entries("GET /users/{id}").get(0).responseBody();
        assertThat(body).contains("\"businessPhones\":[]").doesNotContain("assignedLicenses").doesNotContain("usageLocation");
    }

    @Test
    void selectReturnsLicensesAndTheirSources() {
        User frank = graph.users().byUserId("a0000000-0000-4000-8000-000000000007").get(request -> request.queryParameters.select =
                new String[]{"id", "usageLocation", "accountEnabled", "assignedLicenses", "licenseAssignmentStates"});
        assertThat(frank.getUsageLocation()).isEqualTo("US");
        assertThat(frank.getAccountEnabled()).isTrue();
        assertThat(frank.getAssignedLicenses()).singleElement().satisfies(license -> assertThat(license.getSkuId()).isEqualTo(E3));
        assertThat(frank.getLicenseAssignmentStates()).extracting(LicenseAssignmentState::getAssignedByGroup)
                .containsExactly(null, LICENSED);
        assertThat(frank.getDisplayName()).isNull();
    }

    @Test
    void unknownSelectedPropertyIsRefused() {
        assertThatThrownBy(() -> graph.users().get(request -> request.queryParameters.select = new String[]{"id", "noSuchThing"}))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void filtersOnLicensesAccountAndTypeWithoutAdvancedHeaders() {
        assertThat(upns(graph.users().get(request -> {
            request.queryParameters.filter = "assignedLicenses/any(x:x/skuId eq " + E3 + ")";
            request.queryParameters.select = new String[]{"id", "userPrincipalName"};
        }))).containsExactly("alice@contoso.test", "erin@contoso.test", "frank@contoso.test");
        assertThat(upns(graph.users().get(request -> request.queryParameters.filter = "accountEnabled eq false")))
                .containsExactly("carol@contoso.test");
        assertThat(upns(graph.users().get(request -> request.queryParameters.filter = "userType eq 'Guest'")))
                .containsExactly("guest_fabrikam.test#EXT#@contoso.test");
        assertThat(upns(graph.users().get(request -> request.queryParameters.filter =
                "id in ('a0000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000004')")))
                .containsExactly("bob@contoso.test", "dave@contoso.test");
        assertThat(emulator.requestLog().entries("GET /users")).allSatisfy(entry -> assertThat(entry.status()).isEqualTo(200));
    }

    @Test
    void filteredPagingNeedsNoTrailingEmptyPage() throws Exception {
        UserCollectionResponse first = graph.users().get(request -> {
            request.queryParameters.filter = "assignedLicenses/any(x:x/skuId eq " + E3 + ")";
            request.queryParameters.top = 2;
        });
        List<String> upns = new ArrayList<>();
        new PageIterator.Builder<User, UserCollectionResponse>().client(graph).collectionPage(first)
                .collectionPageFactory(UserCollectionResponse::createFromDiscriminatorValue)
                .processPageItemCallback(user -> upns.add(user.getUserPrincipalName())).build().iterate();
        assertThat(upns).containsExactly("alice@contoso.test", "erin@contoso.test", "frank@contoso.test");
        assertThat(emulator.requestLog().count("GET /users")).isEqualTo(2);
    }

    @Test
    void theRequestLogKeepsAtMostItsLimit() {
        try (GraphEmulator small = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"),
                EmulatorOptions.defaults().withRequestLogLimit(2))) {
            GraphServiceClient client = TestingGraphClients.withoutRetries(small.baseUrl());
            client.organization().get();
            client.subscribedSkus().get();
            client.users().get();
            assertThat(small.requestLog().count()).isEqualTo(2);
            assertThat(small.requestLog().entries()).extracting(RequestLog.Entry::endpoint)
                    .containsExactly("GET /subscribedSkus", "GET /users");
        }
    }

    @Test
    void advancedOperatorsNeedConsistencyLevelAndCount() {
        assertThatThrownBy(() -> graph.users().get(request -> request.queryParameters.filter = "userType ne 'Guest'"))
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(400);
                    assertThat(error.getError().getCode()).isEqualTo("Request_UnsupportedQuery");
                });
        assertThatThrownBy(() -> graph.users().get(request -> request.queryParameters.filter = "endsWith(userPrincipalName,'@contoso.test')"))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getError().getCode()).isEqualTo("Request_UnsupportedQuery"));
        assertThatThrownBy(() -> graph.users().count().get())
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getError().getCode()).isEqualTo("Request_BadRequest"));

        UserCollectionResponse members = graph.users().get(request -> {
            request.queryParameters.filter = "userType ne 'Guest'";
            request.queryParameters.count = true;
            request.queryParameters.top = 2;
            request.headers.add("ConsistencyLevel", "eventual");
        });
        assertThat(members.getOdataCount()).isEqualTo(6);
        assertThat(members.getValue()).hasSize(2);
        assertThat(graph.users().count().get(request -> request.headers.add("ConsistencyLevel", "eventual"))).isEqualTo(7);
        assertThat(emulator.requestLog().entries("GET /users").get(2).header("ConsistencyLevel")).contains("eventual");
    }

    @Test
    void groupsByDisplayNameAndTheirMembers() {
        List<Group> groups = graph.groups().get(request -> request.queryParameters.filter = "displayName eq 'Sales'").getValue();
        assertThat(groups).extracting(Group::getId).containsExactly(SALES);
        DirectoryObjectCollectionResponse members = graph.groups().byGroupId(SALES).members().get();
        assertThat(members.getValue()).extracting(DirectoryObject::getOdataType)
                .containsExactly("#microsoft.graph.user", "#microsoft.graph.user", "#microsoft.graph.group");
        assertThat(members.getValue().get(0)).isInstanceOf(User.class);
        assertThat(members.getValue().get(2)).isInstanceOf(Group.class);
    }

    @Test
    void transitiveMembersCastToUsersWithAdvancedQuery() throws Exception {
        var first = graph.groups().byGroupId(SALES).transitiveMembers().graphUser().get(request -> {
            request.queryParameters.select = new String[]{"id", "userPrincipalName", "assignedLicenses"};
            request.queryParameters.count = true;
            request.queryParameters.top = 2;
            request.headers.add("ConsistencyLevel", "eventual");
        });
        assertThat(first.getOdataCount()).isEqualTo(5);
        List<String> upns = new ArrayList<>();
        new PageIterator.Builder<User, UserCollectionResponse>().client(graph).collectionPage(first)
                .collectionPageFactory(UserCollectionResponse::createFromDiscriminatorValue)
                .requestConfigurator(request -> {
                    request.headers.add("ConsistencyLevel", "eventual");
                    return request;
                })
                .processPageItemCallback(user -> upns.add(user.getUserPrincipalName())).build().iterate();
        assertThat(upns).containsExactly("alice@contoso.test", "carol@contoso.test", "bob@contoso.test", "erin@contoso.test",
                "guest_fabrikam.test#EXT#@contoso.test");
        assertThat(emulator.requestLog().count("GET /groups/{id}/transitiveMembers/microsoft.graph.user")).isEqualTo(3);
        assertThat(emulator.requestLog().entries("GET /groups/{id}/transitiveMembers/microsoft.graph.user").get(0).responseBody())
                .contains("\"@odata.type\":\"#microsoft.graph.user\"");

        assertThatThrownBy(() -> graph.groups().byGroupId(SALES).transitiveMembers().graphUser().get())
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getError().getCode()).isEqualTo("Request_UnsupportedQuery"));
    }

    @Test
    void subscribedSkusDeriveConsumedUnitsAndRefuseFilter() {
        List<SubscribedSku> skus = graph.subscribedSkus().get().getValue();
        assertThat(skus).extracting(SubscribedSku::getSkuPartNumber).containsExactly("ENTERPRISEPACK", "SPE_E5", "MCOPSTNC");
        SubscribedSku e3 = skus.get(0);
        assertThat(e3.getId()).isEqualTo("5e7a1000-0000-4000-8000-00000000c0de_" + E3);
        assertThat(e3.getConsumedUnits()).isEqualTo(3); // alice direct, erin via group, frank direct + group = one seat
        assertThat(e3.getPrepaidUnits().getEnabled()).isEqualTo(5);
        assertThat(e3.getPrepaidUnits().getWarning()).isEqualTo(2);
        assertThat(e3.getServicePlans()).hasSize(3);
        assertThat(skus.get(1).getConsumedUnits()).isEqualTo(7); // bob + 6 held outside the file

        List<SubscribedSku> selected = graph.subscribedSkus().get(request -> request.queryParameters.select = new String[]{"skuId", "consumedUnits"}).getValue();
        assertThat(selected.get(0).getSkuPartNumber()).isNull();
        assertThat(selected.get(0).getConsumedUnits()).isEqualTo(3);
        assertThatThrownBy(() -> graph.subscribedSkus().get(request -> request.queryParameters.filter = "skuPartNumber eq 'SPE_E5'"))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void unknownUsersGroupsAndPathsAreGraphErrors() {
        assertThatThrownBy(() -> graph.users().byUserId("nobody@contoso.test").get())
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(404);
                    assertThat(error.getError().getCode()).isEqualTo("Request_ResourceNotFound");
                    assertThat(error.getError().getInnerError().getRequestId()).isNotBlank();
                });
        assertThatThrownBy(() -> graph.groups().byGroupId("b0000000-0000-4000-8000-0000000000ff").members().get())
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(404));
        assertThat(emulator.requestLog().entries()).allSatisfy(entry ->
                assertThat(entry.responseHeader("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json")));
    }

    @Test
    void requestLogCountsByEndpoint() {
        graph.subscribedSkus().get();
        graph.users().get();
        graph.users().byUserId("bob@contoso.test").get();
        assertThat(emulator.requestLog().countsByEndpoint())
                .containsEntry("GET /subscribedSkus", 1).containsEntry("GET /users", 1).containsEntry("GET /users/{id}", 1);
        assertThat(emulator.requestLog().entries().get(2).path()).isEqualTo("/users/bob@contoso.test");
    }

    @Test
    void membershipChangesReachLicensesAtOnce() {
        TenantFile before = emulator.state().toTenantFile();
        assertThat(emulator.state().consumedUnits(io.seatwarden.directory.SkuId.of(E3.toString()))).isEqualTo(3);
        emulator.state().removeMember(new io.seatwarden.directory.GroupId(LICENSED), new io.seatwarden.directory.UserId("a0000000-0000-4000-8000-000000000006"));
        assertThat(emulator.state().consumedUnits(io.seatwarden.directory.SkuId.of(E3.toString()))).isEqualTo(2);
        User erin = graph.users().byUserId("erin@contoso.test").get(request -> request.queryParameters.select = new String[]{"assignedLicenses"});
        assertThat(erin.getAssignedLicenses()).isEmpty();
        assertThat(before.users()).hasSize(7);
    }

    private static List<String> upns(UserCollectionResponse page) {
        List<String> result = new ArrayList<>();
        page.getValue().forEach(user -> result.add(user.getUserPrincipalName()));
        return result;
    }
}
