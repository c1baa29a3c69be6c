package io.seatwarden.emulator;

import com.microsoft.graph.models.AssignedLicense;
import com.microsoft.graph.models.LicenseAssignmentState;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.assignlicense.AssignLicensePostRequestBody;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** assignLicense and PATCH through the real Graph SDK: success, each documented 400, atomicity. */
class GraphEmulatorWriteTest {
    private static final UUID E3 = UUID.fromString("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static final UUID E5 = UUID.fromString("06ebc4ee-1bb5-47dd-8120-11324bc54e06");
    private static final UUID COMPANY_SKU = UUID.fromString("47794cd0-f0e5-45c5-9033-2eb6b5fc84e0");
    private static final UUID YAMMER = UUID.fromString("7547a3fe-08ee-4ccb-b430-5077c5041653");
    private static final UUID TEAMS = UUID.fromString("57ff2da0-773e-42df-b2af-ffb7a2317929");

    private GraphEmulator emulator;
    private GraphServiceClient graph;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), EmulatorOptions.defaults());
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void assignsALicenseAndAnswersWithTheFullUser() {
        User dave = assign("dave@contoso.test", List.of(), List.of());
        assertThat(dave).isNotNull(); // nothing to do is fine with both arrays present
        graph.users().byUserId("dave@contoso.test").patch(usageLocation("GB"));
        User after = assign("dave@contoso.test", List.of(license(E3, YAMMER)), List.of());
        assertThat(after.getUsageLocation()).isEqualTo("GB");
        assertThat(after.getAssignedLicenses()).singleElement().satisfies(license -> {
            assertThat(license.getSkuId()).isEqualTo(E3);
            assertThat(license.getDisabledPlans()).containsExactly(YAMMER);
        });
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(4);
        assertThat(emulator.state().snapshot().user(new UserId("a0000000-0000-4000-8000-000000000004")).orElseThrow()
                .directLicense(SkuId.of(E3.toString()))).isPresent();
        RequestLog.Entry post = emulator.requestLog().entries("POST /users/{id}/assignLicense").get(1);
        assertThat(post.body()).contains("\"removeLicenses\":[]");
        assertThat(post.status()).isEqualTo(200);
        assertThat(emulator.requestLog().entries("PATCH /users/{id}").get(0).status()).isEqualTo(204);
    }

    @Test
    void reAddingAHeldSkuReplacesItsDisabledPlansWithoutTakingASeat() {
        User alice = assign("alice@contoso.test", List.of(license(E3, TEAMS)), List.of());
        assertThat(alice.getAssignedLicenses()).singleElement()
                .satisfies(license -> assertThat(license.getDisabledPlans()).containsExactly(TEAMS));
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(3);
    }

    @Test
    void bothArraysAreRequired() {
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(List.of(license(E3)));
        assertThatThrownBy(() -> graph.users().byUserId("erin@contoso.test").assignLicense().post(body))
                .isInstanceOfSatisfying(ODataError.class, error -> {
                    assertThat(error.getResponseStatusCode()).isEqualTo(400);
                    assertThat(error.getError().getMessage()).contains("removeLicenses");
                });
        AssignLicensePostRequestBody removeOnly = new AssignLicensePostRequestBody();
        removeOnly.setRemoveLicenses(List.of());
        assertThatThrownBy(() -> graph.users().byUserId("erin@contoso.test").assignLicense().post(removeOnly))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getError().getMessage()).contains("addLicenses"));
    }

    @Test
    void noSeatsLeftIsRefusedAndWarningSeatsDoNotCount() {
        assign("bob@contoso.test", List.of(license(E3)), List.of());
        graph.users().byUserId("dave@contoso.test").patch(usageLocation("US"));
        assign("dave@contoso.test", List.of(license(E3)), List.of()); // 5 of 5 enabled seats now taken
        assertBadRequest(() -> assign("guest_fabrikam.test#EXT#@contoso.test", List.of(license(E3)), List.of()),
                "does not have any available licenses");
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(5);
    }

    @Test
    void warningSeatsCountWhenTheOptionSaysSo() {
        emulator.close();
        emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), EmulatorOptions.defaults().withCountWarningSeats(true));
        graph = TestingGraphClients.withoutRetries(emulator.baseUrl());
        assign("bob@contoso.test", List.of(license(E3)), List.of());
        assign("carol@contoso.test", List.of(license(E3)), List.of());
        assign("guest_fabrikam.test#EXT#@contoso.test", List.of(license(E3)), List.of()); // 6th seat: a warning seat
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(6);
    }

    @Test
    void missingUsageLocationUnknownSkuAndCompanySkuAreRefused() {
        assertBadRequest(() -> assign("dave@contoso.test", List.of(license(E3)), List.of()), "invalid usage location");
        assertBadRequest(() -> assign("bob@contoso.test", List.of(license(UUID.fromString("00000000-1111-2222-3333-444444444444"))), List.of()),
                "does not correspond to a valid company License");
        assertBadRequest(() -> assign("bob@contoso.test", List.of(license(COMPANY_SKU)), List.of()), "cannot be assigned to a user");
    }

    @Test
    void aLicenseHeldOnlyThroughAGroupCannotBeRemoved() {
        assertBadRequest(() -> assign("erin@contoso.test", List.of(), List.of(E3)), "inherited from a group membership");
        // frank holds it directly and through the group: the direct one goes, the seat stays
        User frank = assign("frank@contoso.test", List.of(), List.of(E3));
        assertThat(frank.getLicenseAssignmentStates()).extracting(LicenseAssignmentState::getAssignedByGroup)
                .containsExactly("b0000000-0000-4000-8000-000000000003");
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(3);
    }

    @Test
    void addAndRemoveInOneCallIsAtomic() {
        // alice swaps E3 for E5 in one call: E3 frees a seat, E5 takes one
        User alice = assign("alice@contoso.test", List.of(license(E5)), List.of(E3));
        assertThat(alice.getAssignedLicenses()).extracting(AssignedLicense::getSkuId).containsExactly(E5);
        assertThat(emulator.state().consumedUnits(SkuId.of(E3.toString()))).isEqualTo(2);
        assertThat(emulator.state().consumedUnits(SkuId.of(E5.toString()))).isEqualTo(8);
        // a failing add leaves the removal undone too
        assertBadRequest(() -> assign("frank@contoso.test", List.of(license(COMPANY_SKU)), List.of(E3)), "cannot be assigned");
        assertThat(emulator.state().snapshot().user(new UserId("a0000000-0000-4000-8000-000000000007")).orElseThrow()
                .directLicense(SkuId.of(E3.toString()))).isPresent();
    }

    @Test
    void unknownUserIs404AndBadUsageLocationIs400() {
        assertThatThrownBy(() -> assign("nobody@contoso.test", List.of(), List.of()))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(404));
        assertThatThrownBy(() -> graph.users().byUserId("dave@contoso.test").patch(usageLocation("USA")))
                .isInstanceOfSatisfying(ODataError.class, error -> assertThat(error.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void everyResponseHasAContentTypeAndErrorsHaveGraphsBody() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/users/bob@contoso.test/assignLicense"))
                .header("Content-Type", "application/json").header("client-request-id", "abc-123")
                .POST(HttpRequest.BodyPublishers.ofString("{\"addLicenses\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"code\":\"Request_BadRequest\"").contains("\"innerError\":{")
                .contains("\"client-request-id\":\"abc-123\"").contains("\"request-id\":").contains("\"date\":");
        HttpResponse<String> patch = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/users/bob@contoso.test"))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"usageLocation\":\"NL\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(patch.statusCode()).isEqualTo(204);
        assertThat(patch.headers().firstValue("Content-Type")).isPresent();
        HttpResponse<String> outside = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + emulator.port() + "/beta/users")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(404);
        assertThat(outside.body()).contains("Request_ResourceNotFound");
    }

    private User assign(String user, List<AssignedLicense> add, List<UUID> remove) {
        AssignLicensePostRequestBody body = new AssignLicensePostRequestBody();
        body.setAddLicenses(add);
        body.setRemoveLicenses(remove);
        return graph.users().byUserId(user).assignLicense().post(body);
    }

    private static AssignedLicense license(UUID sku, UUID... disabled) {
        AssignedLicense license = new AssignedLicense();
        license.setSkuId(sku);
        license.setDisabledPlans(List.of(disabled));
        return license;
    }

    private static User usageLocation(String location) {
        User patch = new User();
        patch.setUsageLocation(location);
        return patch;
    }

    private static void assertBadRequest(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ODataError.class, error -> {
            assertThat(error.getResponseStatusCode()).isEqualTo(400);
            assertThat(error.getError().getCode()).isEqualTo("Request_BadRequest");
            assertThat(error.getError().getMessage()).contains(message);
        });
    }
}
