package io.seatwarden.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.seatwarden.directory.SkuId;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct assignLicense refused as Graph refuses it: mutually exclusive plans (the bundled list), dependencies
 * (the tenant file's emulator-only dependsOn), a SKU not offered in the usage location; and replication lag.
 */
class LicenseRulesTest {
    private static final String ALICE = GroupLicensingTest.ALICE;
    private static final String BOB = GroupLicensingTest.BOB;
    private static final String CAROL = "b0000000-0000-4000-8000-000000000003";
    private static final String DAVE = GroupLicensingTest.DAVE;
    private static final String KIOSK = GroupLicensingTest.KIOSK;
    private static final String EXCHANGE_STANDARD = "4b9405b0-7788-4568-add1-99614e613b69";
    private static final String PHONE = "e43b5b99-8dfb-405f-9987-dc307f34bcbd";
    private static final String TEAMS = "57ff2da0-773e-42df-b2af-ffb7a2317929";

    private final TestingClock clock = new TestingClock(Instant.parse("2026-03-01T08:00:00Z"));
    private GraphEmulator emulator;
    private TestingHttp http;

    @BeforeEach
    void start() {
        emulator = GraphEmulator.start(TestingGraphClients.tenant("licensing.json"),
                EmulatorOptions.defaults().withClock(clock).withReplicationLag(Duration.ofSeconds(10)));
        http = new TestingHttp(emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private TestingHttp.Answer add(String user, String sku, String... remove) {
        String removals = remove.length == 0 ? "" : "\"" + String.join("\",\"", remove) + "\"";
        return http.post("/users/" + user + "/assignLicense",
                "{\"addLicenses\":[" + (sku == null ? "" : "{\"skuId\":\"" + sku + "\",\"disabledPlans\":[]}") + "],\"removeLicenses\":[" + removals + "]}");
    }

    @Test
    void mutuallyExclusivePlansAreRefusedWithBothPlansNamed() {
        TestingHttp.Answer answer = add(ALICE, KIOSK);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo("Request_BadRequest");
        assertThat(answer.json().get("error").get("message").asText())
                .contains("mutually exclusive").contains("4a82b400-a79f-41a4-b4e2-e94f5787b113").contains("9aaf7827-d63c-4b61-89c3-182f06f82e5c");
        assertThat(emulator.state().consumedUnits(SkuId.of(KIOSK))).isZero();
        // swapping one for the other in one call is fine: the removal goes with the addition
        assertThat(add(ALICE, KIOSK, EXCHANGE_STANDARD).status()).isEqualTo(200);
    }

    @Test
    void aPlanWithoutThePlanItDependsOnIsRefused() {
        TestingHttp.Answer answer = add(BOB, PHONE);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("message").asText())
                .isEqualTo("License assignment failed because service plan 4828c8ec-dc2e-4779-b502-87ac9ce28ab7 depends on the service plan(s) "
                        + TEAMS + ".");
        // Dave has Teams through his E3 group
        assertThat(add(DAVE, PHONE).status()).isEqualTo(200);
    }

    @Test
    void removingWhatAnotherPlanDependsOnIsRefused() {
        assertThat(add(BOB, GroupLicensingTest.E3).status()).isEqualTo(400); // no E3 seat left: Dave holds it
        emulator.state().removeMember(GroupLicensingTest.E3_GROUP, new io.seatwarden.directory.UserId(DAVE));
        assertThat(add(BOB, GroupLicensingTest.E3).status()).isEqualTo(200);
        assertThat(add(BOB, PHONE).status()).isEqualTo(200);
        TestingHttp.Answer answer = add(BOB, null, GroupLicensingTest.E3);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("message").asText()).contains("depends on the service plan(s) " + TEAMS);
    }

    @Test
    void aSkuNotOfferedInTheUsageLocationIsRefused() {
        TestingHttp.Answer answer = add(CAROL, PHONE);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error").get("message").asText()).contains("not available in the usage location CN");
    }

    @Test
    void readsSeeAWriteOnlyOnceTheReplicationLagHasPassed() {
        TestingHttp.Answer written = add(BOB, KIOSK);
        assertThat(written.status()).isEqualTo(200);
        assertThat(written.json().get("assignedLicenses")).hasSize(1); // the write's own answer is current
        String select = "?$select=id,assignedLicenses";
        assertThat(http.get("/users/" + BOB + select).json().get("assignedLicenses")).isEmpty();
        assertThat(consumed(KIOSK)).isZero();
        JsonNode listed = http.get("/users?$filter=assignedLicenses/any(x:x/skuId+eq+" + KIOSK + ")&$select=id").json().get("value");
        assertThat(listed).isEmpty();

        clock.advance(Duration.ofSeconds(10));
        assertThat(http.get("/users/" + BOB + select).json().get("assignedLicenses")).hasSize(1);
        assertThat(consumed(KIOSK)).isEqualTo(1);
        assertThat(emulator.state().consumedUnits(SkuId.of(KIOSK))).isEqualTo(1);
    }

    private int consumed(String sku) {
        for (JsonNode entry : http.get("/subscribedSkus").json().get("value")) {
            if (entry.get("skuId").asText().equals(sku)) {
                return entry.get("consumedUnits").asInt();
            }
        }
        throw new AssertionError("no SKU " + sku);
    }
}
