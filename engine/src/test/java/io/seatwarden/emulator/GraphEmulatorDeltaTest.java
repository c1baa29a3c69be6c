package io.seatwarden.emulator;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.kiota.serialization.UntypedArray;
import com.microsoft.kiota.serialization.UntypedNode;
import com.microsoft.kiota.serialization.UntypedObject;
import com.microsoft.kiota.serialization.UntypedString;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code /users/delta}, {@code /groups/delta} and the membership writes, through the real Graph SDK. */
class GraphEmulatorDeltaTest {
    private static final String ALICE = "a0000000-0000-4000-8000-000000000001";
    private static final String BOB = "a0000000-0000-4000-8000-000000000002";
    private static final String CAROL = "a0000000-0000-4000-8000-000000000003";
    private static final String DAVE = "a0000000-0000-4000-8000-000000000004";
    private static final String ERIN = "a0000000-0000-4000-8000-000000000006";
    private static final String SALES = "b0000000-0000-4000-8000-000000000001";
    private static final String SALES_EMEA = "b0000000-0000-4000-8000-000000000002";
    private static final String E3_LICENSED = "b0000000-0000-4000-8000-000000000003";
    private static final UUID E3 = UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final String[] USER_SELECT = {"id", "userPrincipalName", "usageLocation", "accountEnabled", "assignedLicenses"};

    private final TestingClock clock = new TestingClock(Instant.parse("2026-03-01T00:00:00Z"));
    private GraphEmulator emulator;
    private GraphServiceClient graph;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"),
                EmulatorOptions.defaults().withPageSize(3).withClock(clock));
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    /** A round of user delta pages: the users returned, the pages read, and the delta link it ended with. */
    private record UserRound(List<User> users, int pages, String deltaLink) {}

    private UserRound userRound(Optional<String> link) {
        var page = link.isPresent() ? graph.users().delta().withUrl(link.get()).get()
                : graph.users().delta().get(request -> request.queryParameters.select = USER_SELECT);
        List<User> users = new ArrayList<>();
        int pages = 1;
        while (true) {
            users.addAll(page.getValue());
            if (page.getOdataNextLink() == null) {
                assertThat(page.getOdataDeltaLink()).as("the last page carries the delta link").isNotNull();
                return new UserRound(users, pages, page.getOdataDeltaLink());
            }
            assertThat(page.getOdataDeltaLink()).as("a page has a nextLink or a deltaLink, never both").isNull();
            page = graph.users().delta().withUrl(page.getOdataNextLink()).get();
            pages++;
        }
    }

    private record GroupRound(List<Group> entries, String deltaLink) {}

    private GroupRound groupRound(Optional<String> link, String... select) {
        var page = link.isPresent() ? graph.groups().delta().withUrl(link.get()).get()
                : graph.groups().delta().get(request -> {
                    if (select.length > 0) {
                        request.queryParameters.select = select;
                    }
                });
        List<Group> entries = new ArrayList<>();
        while (true) {
            entries.addAll(page.getValue());
            if (page.getOdataNextLink() == null) {
                return new GroupRound(entries, page.getOdataDeltaLink());
            }
            page = graph.groups().delta().withUrl(page.getOdataNextLink()).get();
        }
    }

    @Test
    void deltaPagesHoldAtMostTwoHundredObjectsWhateverTheListPageSize() {
        emulator.close();
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"),
                EmulatorOptions.defaults().withPageSize(999).withClock(clock));
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        String link = graph.users().delta().withUrl(emulator.baseUrl() + "/users/delta?$deltatoken=latest&$select="
                + String.join(",", USER_SELECT)).get().getOdataDeltaLink();
        for (int i = 0; i < 450; i++) {
            emulator.state().createUser(new TenantFile.UserEntry(String.format("c%07d-0000-4000-8000-000000000000", i),
                    "new" + i + "@contoso.test", "New " + i, null, null, null, true, "US", null, List.of(), null));
        }
        UserRound round = userRound(Optional.of(link));
        assertThat(round.users()).hasSize(450).extracting(User::getId).doesNotHaveDuplicates();
        assertThat(round.pages()).as("200 + 200 + 50").isEqualTo(3);
    }

    @Test
    void aFirstRoundPagesThroughEveryUserThenALaterRoundReturnsOnlyWhatChanged() {
        UserRound first = userRound(Optional.empty());
        assertThat(first.users()).hasSize(7);
        assertThat(first.pages()).isEqualTo(3); // 7 users, 3 a page
        assertThat(first.users()).extracting(User::getId).doesNotHaveDuplicates();
        assertThat(first.users().get(0).getAssignedLicenses()).extracting(AssignedLicense::getSkuId).containsExactly(E3);
        assertThat(first.users().get(0).getDisplayName()).as("not selected, not returned").isNull();

        UserRound quiet = userRound(Optional.of(first.deltaLink()));
        assertThat(quiet.users()).isEmpty();
        assertThat(quiet.pages()).isEqualTo(1);

        patch(DAVE, "{\"usageLocation\":\"GB\"}");
        assign(CAROL);
        patch(ERIN, "{\"displayName\":\"Erin renamed\"}"); // not selected: not tracked
        UserRound changes = userRound(Optional.of(quiet.deltaLink()));
        assertThat(changes.users()).extracting(User::getId).containsExactly(DAVE, CAROL);
        assertThat(changes.users().get(0).getUsageLocation()).isEqualTo("GB");
        assertThat(changes.users().get(0).getUserPrincipalName()).as("unchanged selected properties are returned too")
                .isEqualTo("dave@contoso.test");
        assertThat(changes.users().get(1).getAssignedLicenses()).extracting(AssignedLicense::getSkuId).containsExactly(E3);
    }

    @Test
    void newAndDeletedUsersAppearInTheNextRound() {
        String link = userRound(Optional.empty()).deltaLink();
        emulator.state().createUser(new TenantFile.UserEntry("a0000000-0000-4000-8000-0000000000aa", "new@contoso.test", "New",
                null, null, null, true, "US", null, List.of(), null));
        emulator.state().deleteUser(new UserId(BOB));
        UserRound round = userRound(Optional.of(link));
        assertThat(round.users()).extracting(User::getId).containsExactly("a0000000-0000-4000-8000-0000000000aa", BOB);
        assertThat(round.users().get(0).getUserPrincipalName()).isEqualTo("new@contoso.test");
        assertThat(reason(round.users().get(1).getAdditionalData().get("@removed"))).isEqualTo("changed");
        assertThat(emulator.state().snapshot().group(new GroupId(SALES_EMEA)).orElseThrow().memberUsers())
                .as("a deleted user leaves its groups").doesNotContain(new UserId(BOB));
    }

    @Test
    void deltaTokenLatestSyncsFromNowAndPreferMinimalReturnsOnlyChangedProperties() {
        var latest = graph.users().delta().withUrl(emulator.baseUrl() + "/users/delta?$deltatoken=latest&$select="
                + String.join(",", USER_SELECT)).get();
        assertThat(latest.getValue()).isEmpty();
        assertThat(latest.getOdataNextLink()).isNull();
        String link = latest.getOdataDeltaLink();
        assertThat(link).isNotNull();
        patch(DAVE, "{\"usageLocation\":\"GB\"}");
        var minimal = graph.users().delta().withUrl(link).get(request -> request.headers.add("Prefer", "return=minimal"));
        assertThat(minimal.getValue()).singleElement().satisfies(user -> {
            assertThat(user.getId()).isEqualTo(DAVE);
            assertThat(user.getUsageLocation()).isEqualTo("GB");
            assertThat(user.getUserPrincipalName()).as("unchanged: left out").isNull();
        });
    }

    @Test
    void groupsDeltaListsMembersInSlicesThenMembershipChangesWithRemovals() {
        GroupRound first = groupRound(Optional.empty(), "id", "displayName", "members");
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (Group group : first.entries()) {
            List<String> ids = members.computeIfAbsent(group.getId(), ignored -> new ArrayList<>());
            for (MemberDelta member : membersDelta(group)) {
                assertThat(member.removed()).isFalse();
                ids.add(member.id());
            }
        }
        assertThat(members.get(SALES)).containsExactlyInAnyOrder(ALICE, CAROL, SALES_EMEA);
        assertThat(members.keySet()).containsExactly(SALES, SALES_EMEA, E3_LICENSED);
        assertThat(membersDelta(first.entries().get(0))).filteredOn(member -> member.id().equals(SALES_EMEA))
                .singleElement().satisfies(member -> assertThat(member.type()).isEqualTo("#microsoft.graph.group"));

        addMember(SALES, DAVE);
        graph.groups().byGroupId(SALES).members().byDirectoryObjectId(CAROL).ref().delete();
        GroupRound changes = groupRound(Optional.of(first.deltaLink()));
        assertThat(changes.entries()).singleElement().satisfies(group -> {
            assertThat(group.getId()).isEqualTo(SALES);
            assertThat(membersDelta(group)).containsExactly(new MemberDelta(DAVE, "#microsoft.graph.user", false),
                    new MemberDelta(CAROL, "#microsoft.graph.user", true));
        });
        assertThat(emulator.state().snapshot().group(new GroupId(SALES)).orElseThrow().memberUsers())
                .containsExactlyInAnyOrder(new UserId(ALICE), new UserId(DAVE));
    }

    @Test
    void aBigGroupRepeatsAcrossPagesWithASliceOfItsMembersEach() {
        addMember(SALES, DAVE);
        addMember(SALES, ERIN);
        GroupRound first = groupRound(Optional.empty(), "id", "members");
        List<Group> sales = first.entries().stream().filter(group -> group.getId().equals(SALES)).toList();
        assertThat(sales).hasSize(2); // 5 members, 3 a slice
        assertThat(sales.stream().mapToInt(group -> membersDelta(group).size()).sum()).isEqualTo(5);
    }

    @Test
    void aSelectWithoutMembersDoesNotTrackMembership() {
        String link = groupRound(Optional.empty(), "id", "displayName").deltaLink();
        addMember(SALES, DAVE);
        assertThat(groupRound(Optional.of(link)).entries()).isEmpty();
    }

    @Test
    void membershipWritesAnswerAsGraphDoes() {
        addMember(E3_LICENSED, DAVE);
        assertThat(emulator.state().snapshot().user(new UserId(DAVE)).orElseThrow().licenses())
                .as("the licensed group's license reaches the new member").isNotEmpty();
        assertThat(emulator.requestLog().entries("POST /groups/{id}/members/$ref").get(0).status()).isEqualTo(204);
        assertThatThrownBy(() -> addMember(E3_LICENSED, DAVE)).isInstanceOfSatisfying(ODataError.class, error -> {
            assertThat(error.getResponseStatusCode()).isEqualTo(400);
            assertThat(error.getMessage()).contains("already exist");
        });
        assertThatThrownBy(() -> addMember(E3_LICENSED, "a0000000-0000-4000-8000-0000000000ff"))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> graph.groups().byGroupId(SALES).members().byDirectoryObjectId(DAVE).ref().delete())
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(404));
        graph.groups().byGroupId(E3_LICENSED).members().byDirectoryObjectId(DAVE).ref().delete();
        assertThat(emulator.state().snapshot().user(new UserId(DAVE)).orElseThrow().licenses()).isEmpty();
    }

    @Test
    void aDeltaLinkOlderThanSevenDaysIsSyncStateNotFound() {
        String link = userRound(Optional.empty()).deltaLink();
        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThatThrownBy(() -> graph.users().delta().withUrl(link).get()).isInstanceOfSatisfying(ODataError.class, error -> {
            assertThat(error.getResponseStatusCode()).isEqualTo(400);
            assertThat(error.getError().getCode()).isEqualTo("syncStateNotFound");
        });
    }

    @Test
    void aResetTokenIsGoneWithWhereToStartAgainAndAForeignTokenIsABadRequest() throws Exception {
        String link = userRound(Optional.empty()).deltaLink();
        emulator.state().resetDeltaTokens();
        HttpResponse<String> gone = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Location")).hasValue(emulator.baseUrl() + "/users/delta");
        assertThat(gone.body()).contains("resyncRequired");
        assertThatThrownBy(() -> graph.users().delta().withUrl(emulator.baseUrl() + "/users/delta?$deltatoken=bm90LW91cnM").get())
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(400));
        assertThat(userRound(Optional.empty()).users()).as("a first round works again").hasSize(7);
    }

    @Test
    void filterByIdIsTheOnlyFilterDeltaTakes() {
        var page = graph.users().delta().get(request -> request.queryParameters.filter = "id eq '" + ALICE + "' or id eq '" + DAVE + "'");
        assertThat(page.getValue()).extracting(User::getId).containsExactly(ALICE, DAVE);
        String link = page.getOdataDeltaLink();
        patch(ERIN, "{\"displayName\":\"Erin renamed\"}");
        patch(DAVE, "{\"displayName\":\"Dave renamed\"}");
        assertThat(graph.users().delta().withUrl(link).get().getValue()).extracting(User::getId).containsExactly(DAVE);
        assertThatThrownBy(() -> graph.users().delta().get(request -> request.queryParameters.filter = "accountEnabled eq true"))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(400));
    }

    private record MemberDelta(String id, String type, boolean removed) {}

    private static List<MemberDelta> membersDelta(Group group) {
        Object raw = group.getAdditionalData().get("members@delta");
        List<MemberDelta> result = new ArrayList<>();
        if (raw == null) {
            return result;
        }
        for (UntypedNode node : ((UntypedArray) raw).getValue()) {
            Map<String, UntypedNode> fields = ((UntypedObject) node).getValue();
            result.add(new MemberDelta(((UntypedString) fields.get("id")).getValue(), ((UntypedString) fields.get("@odata.type")).getValue(),
                    fields.containsKey("@removed")));
        }
        return result;
    }

    private static String reason(Object removed) {
        return ((UntypedString) ((UntypedObject) removed).getValue().get("reason")).getValue();
    }

    private void addMember(String group, String member) {
        ReferenceCreate reference = new ReferenceCreate();
        reference.setOdataId("https://graph.microsoft.com/v1.0/directoryObjects/" + member);
        graph.groups().byGroupId(group).members().ref().post(reference);
    }

    private void patch(String user, String json) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/users/" + user))
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void assign(String user) {
        patch(user, "{\"usageLocation\":\"US\"}");
        AssignedLicense license = new AssignedLicense();
        license.setSkuId(E3);
        license.setDisabledPlans(List.of());
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(List.of(license));
        body.setRemoveLicenses(List.of());
        graph.users().byUserId(user).assignLicense().post(body);
    }
}
