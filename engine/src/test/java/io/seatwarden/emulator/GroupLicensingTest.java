package io.seatwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatwarden.directory.AssignmentState;
import io.seatwarden.directory.GroupId;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.User;
import io.seatwarden.directory.UserId;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entra's group-based licensing as the emulator runs it: states, errors, seats, 202 and processing afterwards. */
class GroupLicensingTest {
    static final String ALICE = "b0000000-0000-4000-8000-000000000001";
    static final String BOB = "b0000000-0000-4000-8000-000000000002";
    static final String DAVE = "b0000000-0000-4000-8000-000000000004";
    static final GroupId E3_GROUP = new GroupId("c0000000-0000-4000-8000-000000000001");
    static final String KIOSK_GROUP = "c0000000-0000-4000-8000-000000000002";
    static final String E3 = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    static final String KIOSK = "80b2d799-d2ba-4d2a-8842-fb0d0f3a4b82";
    static final String SELECT = "?$select=id,assignedLicenses,licenseAssignmentStates";

    private final TestingClock clock = new TestingClock(Instant.parse("2026-03-01T08:00:00Z"));
    private GraphEmulator emulator;
    private TestingHttp http;

    private void start(EmulatorOptions options) {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("licensing.json"), options.withClock(clock));
        http = new TestingHttp(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void aMemberBeyondTheSeatsIsInCountViolationAndHoldsNothing() {
        start(EmulatorOptions.defaults());
        emulator.state().addMember(E3_GROUP, new UserId(BOB));

        JsonNode bob = http.get("/users/" + BOB + SELECT).json();
        assertThat(bob.get("assignedLicenses")).isEmpty();
        JsonNode state = only(bob.get("licenseAssignmentStates"));
        assertThat(state.get("skuId").asText()).isEqualTo(E3);
        assertThat(state.get("assignedByGroup").asText()).isEqualTo(E3_GROUP.value());
        assertThat(state.get("state").asText()).isEqualTo("Error");
        assertThat(state.get("error").asText()).isEqualTo("CountViolation");
        assertThat(emulator.state().consumedUnits(SkuId.of(E3))).isEqualTo(1);
        JsonNode dave = only(http.get("/users/" + DAVE + SELECT).json().get("licenseAssignmentStates"));
        assertThat(dave.get("state").asText()).isEqualTo("Active");
        assertThat(dave.get("error").isNull()).isTrue();

        JsonNode withErrors = http.get("/groups?$filter=hasMembersWithLicenseErrors+eq+true&$select=id").json().get("value");
        assertThat(ids(withErrors)).containsExactly(E3_GROUP.value());
        JsonNode members = http.get("/groups/" + E3_GROUP.value() + "/membersWithLicenseErrors").json().get("value");
        assertThat(ids(members)).containsExactly(BOB);
        assertThat(only(members).get("@odata.type").asText()).isEqualTo("#microsoft.graph.user");

        User snapshotBob = emulator.state().snapshot().user(new UserId(BOB)).orElseThrow();
        assertThat(snapshotBob.licenses()).isEmpty();
        assertThat(snapshotBob.failedLicenses()).singleElement().satisfies(failed -> {
            assertThat(failed.state()).isEqualTo(AssignmentState.ERROR);
            assertThat(failed.error()).contains("CountViolation");
        });
    }

    @Test
    void anErrorStaysUntilTheUserIsReprocessed() {
        start(EmulatorOptions.defaults());
        emulator.state().addMember(E3_GROUP, new UserId(BOB));
        emulator.state().removeMember(E3_GROUP, new UserId(DAVE)); // frees the only seat
        assertThat(only(http.get("/users/" + BOB + SELECT).json().get("licenseAssignmentStates")).get("error").asText())
                .isEqualTo("CountViolation");

        TestingHttp.Answer reprocessed = http.post("/users/" + BOB + "/reprocessLicenseAssignment", null);
        assertThat(reprocessed.status()).isEqualTo(200);
        assertThat(reprocessed.json().get("id").asText()).isEqualTo(BOB);
        JsonNode state = only(reprocessed.json().get("licenseAssignmentStates"));
        assertThat(state.get("state").asText()).isEqualTo("Active");
        assertThat(only(reprocessed.json().get("assignedLicenses")).get("skuId").asText()).isEqualTo(E3);
        assertThat(emulator.state().consumedUnits(SkuId.of(E3))).isEqualTo(1);
        assertThat(http.get("/groups/" + E3_GROUP.value() + "/membersWithLicenseErrors").json().get("value")).isEmpty();
    }

    @Test
    void aGroupsAssignLicenseAnswers202AndItsMembersAreProcessedAfterwards() {
        start(EmulatorOptions.defaults().withLicensingDelay(Duration.ofMinutes(1)));
        TestingHttp.Answer answer = http.post("/groups/" + KIOSK_GROUP + "/assignLicense",
                "{\"addLicenses\":[{\"skuId\":\"" + KIOSK + "\",\"disabledPlans\":[]}],\"removeLicenses\":[]}");
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.header("Location")).endsWith("/directoryObjects/" + KIOSK_GROUP + "/Microsoft.DirectoryServices.Group");
        assertThat(answer.json().get("licenseProcessingState").get("state").asText()).isEqualTo("QueuedForProcessing");
        assertThat(only(answer.json().get("assignedLicenses")).get("skuId").asText()).isEqualTo(KIOSK);
        assertThat(http.get("/users/" + BOB + SELECT).json().get("licenseAssignmentStates")).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        JsonNode group = http.get("/groups/" + KIOSK_GROUP + "?$select=id,licenseProcessingState").json();
        assertThat(group.get("licenseProcessingState").get("state").asText()).isEqualTo("ProcessingComplete");
        JsonNode bob = only(http.get("/users/" + BOB + SELECT).json().get("licenseAssignmentStates"));
        assertThat(bob.get("state").asText()).isEqualTo("Active");
        // Alice holds Exchange Online Plan 1 directly: Exchange Kiosk cannot be added to it
        JsonNode alice = http.get("/users/" + ALICE + SELECT).json();
        assertThat(alice.get("assignedLicenses")).hasSize(1);
        JsonNode aliceKiosk = alice.get("licenseAssignmentStates").get(1);
        assertThat(aliceKiosk.get("skuId").asText()).isEqualTo(KIOSK);
        assertThat(aliceKiosk.get("state").asText()).isEqualTo("Error");
        assertThat(aliceKiosk.get("error").asText()).isEqualTo("MutuallyExclusiveViolation");
        assertThat(emulator.state().consumedUnits(SkuId.of(KIOSK))).isEqualTo(1);
    }

    @Test
    void onlySecurityEnabledGroupsTakeLicenses() {
        start(EmulatorOptions.defaults());
        TestingHttp.Answer answer = http.post("/groups/c0000000-0000-4000-8000-000000000003/assignLicense",
                "{\"addLicenses\":[{\"skuId\":\"" + KIOSK + "\"}],\"removeLicenses\":[]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("Request_BadRequest");
    }

    @Test
    void groupKindsAreServedAsInTheFile() {
        start(EmulatorOptions.defaults());
        JsonNode groups = http.get("/groups?$select=id,displayName,groupTypes,securityEnabled,mailEnabled,membershipRule").json().get("value");
        assertThat(groups.get(0).get("groupTypes")).isEmpty();
        assertThat(groups.get(0).get("securityEnabled").asBoolean()).isTrue();
        assertThat(groups.get(2).get("groupTypes").get(0).asText()).isEqualTo("Unified");
        assertThat(groups.get(2).get("securityEnabled").asBoolean()).isFalse();
        assertThat(groups.get(2).get("mailEnabled").asBoolean()).isTrue();
        assertThat(groups.get(3).get("groupTypes").get(0).asText()).isEqualTo("DynamicMembership");
        assertThat(groups.get(3).get("membershipRule").asText()).isEqualTo("user.department -eq \"Sales\"");
        assertThat(emulator.state().toTenantFile().groups().get(3).membershipRule()).isEqualTo("user.department -eq \"Sales\"");
    }

    @Test
    void theTenantFileKeepsStatesAndErrorsWhenSaved() {
        start(EmulatorOptions.defaults());
        emulator.state().addMember(E3_GROUP, new UserId(BOB));
        var bob = emulator.state().toTenantFile().users().get(1);
        assertThat(bob.assignedLicenses()).isEmpty();
        assertThat(bob.licenseAssignmentStates()).singleElement().satisfies(state -> {
            assertThat(state.state()).isEqualTo("Error");
            assertThat(state.error()).isEqualTo("CountViolation");
            assertThat(state.assignedByGroup()).isEqualTo(E3_GROUP.value());
        });
        GraphEmulator replay = GraphEmulator.start(emulator.state().toTenantFile(), EmulatorOptions.defaults());
        try {
            assertThat(replay.state().consumedUnits(SkuId.of(E3))).isEqualTo(1);
            assertThat(replay.state().snapshot().user(new UserId(BOB)).orElseThrow().failedLicenses()).hasSize(1);
        } finally {
            replay.close();
        }
    }

    static JsonNode only(JsonNode array) {
        assertThat(array).hasSize(1);
        return array.get(0);
    }

    static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
