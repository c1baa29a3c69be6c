package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.notify.TestingWebhookReceiver;
import io.seatwarden.testing.TestingTenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.seatwarden.testing.TestingTenant.skuId;
import static io.seatwarden.testing.TestingTenant.tenant;
import static io.seatwarden.testing.TestingTenant.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code seatwarden apply} end to end: the command, the real SDK, the emulator, H2 state in a temporary directory. */
class ApplyCommandTest {
    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;
    private GraphEmulator emulator;

    @TempDir
    Path directory;

    @AfterEach
    void restore() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private void serve(TestingTenant tenant) {
        emulator = GraphEmulator.start(TenantFileMapper.toFile(tenant.build()), EmulatorOptions.defaults());
    }

    private Path policies(String yaml) throws IOException {
        Path policies = Files.createDirectories(directory.resolve("policies"));
        Files.writeString(policies.resolve("policies.yaml"), yaml);
        return policies;
    }

    private int apply(Path policies, String... more) {
        out.reset();
        String[] args = new String[8 + more.length];
        String[] base = {"apply", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url",
            "jdbc:h2:file:" + directory.resolve("state") + "", "--yes"};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return Main.run(args);
    }

    private JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private boolean holds(String user, String sku) {
        return emulator.state().snapshot().user(userId(user)).orElseThrow().holds(skuId(sku));
    }

    private static final String SALES_E3 = "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: E3\n";

    @Test
    void appliesThenFindsNothingToChange() throws IOException {
        serve(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales").user("bob").inGroup("Sales"));
        Path policies = policies(SALES_E3);

        assertThat(apply(policies, "--format", "json")).isZero();
        JsonNode result = json();
        assertThat(result.path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(result.path("summary").path("applied").asInt()).isEqualTo(2);
        assertThat(result.path("changes").get(0).path("status").asText()).isEqualTo("APPLIED");
        assertThat(result.path("runId").asText()).isNotEmpty();
        assertThat(holds("alice", "E3")).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("2/2 done");

        assertThat(apply(policies)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NOTHING_TO_DO").contains("nothing to change");
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isEqualTo(2);
    }

    @Test
    void theRemovalGuardExitsThreeSayingWhyAndMaxRemovalsLiftsItForOneRun() throws IOException {
        serve(tenant().sku("E3", 10).group("Sales").group("Ops").user("a").holds("E3").user("b").holds("E3").user("c").holds("E3")
                .user("dave").inGroup("Ops"));
        Path policies = policies("policies:\n  - name: ops\n    group: Ops\n    licenses:\n      - sku: E3\n        prune: true\n"
                + "settings:\n  maxRemovals: 2\n");

        assertThat(apply(policies, "--format", "json")).isEqualTo(3);
        assertThat(json().path("outcome").asText()).isEqualTo("REMOVALS_HELD");
        assertThat(json().path("message").asText()).contains("maxRemovals (2)").contains("--max-removals");
        assertThat(holds("dave", "E3")).isTrue();
        assertThat(holds("a", "E3")).isTrue();

        assertThat(apply(policies, "--max-removals", "3")).isZero();
        assertThat(holds("a", "E3")).isFalse();
    }

    @Test
    void aSavedPlanIsAppliedOnlyWhileTheTenantStillMatchesIt() throws IOException {
        serve(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales"));
        Path policies = policies(SALES_E3);
        Path saved = directory.resolve("plan.json");
        assertThat(Main.run("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--format", "json",
                "--out", saved.toString())).isEqualTo(2);

        assertThat(apply(policies, "--plan", saved.toString())).isZero();
        assertThat(holds("alice", "E3")).isTrue();

        assertThat(apply(policies, "--plan", saved.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the tenant changed since the saved plan").contains("alice");
    }

    @Test
    void oneProblemInThePoliciesIsCountedInTheSingular() throws IOException {
        serve(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales"));

        assertThat(apply(policies(SALES_E3.replace("name: sales", "name: sales\n    prority: 1")))).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\n1 problem in the policies; nothing was applied")
                .doesNotContain("1 problems");
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isZero();
    }

    @Test
    void refusesATenantFileAndAskingWithoutATerminal() throws IOException {
        serve(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales"));
        assertThat(Main.run("apply", "--tenant", directory.resolve("t.json").toString(), "--yes")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("a tenant file is read-only");
        assertThat(Main.run("apply", "--graph-url", emulator.baseUrl(), "--policies", policies(SALES_E3).toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pass --yes");
        assertThat(emulator.requestLog().count("POST /users/{id}/assignLicense")).isZero();
    }

    @Test
    void theDemoAppliesAgainstAnInProcessEmulator() throws IOException {
        int code = Main.run("apply", "--demo", "--yes", "--format", "json");

        JsonNode result = json();
        assertThat(code).isEqualTo(result.path("exitCode").asInt());
        assertThat(result.path("summary").path("applied").asInt()).isPositive();
        assertThat(result.path("summary").path("failed").asInt()).isZero();
    }

    private int cli(String... args) {
        out.reset();
        return Main.run(args);
    }

    @Test
    void undoPutsBackWhatARunChangedFromItsJournal() throws IOException {
        serve(tenant().sku("E3", 10).sku("E5", 10).group("Sales").group("Ops").user("alice").inGroup("Sales").user("carol").holds("E5"));
        Path policies = policies(SALES_E3 + "  - name: ops\n    group: Ops\n    licenses:\n      - sku: E5\n        prune: true\n");
        String state = "jdbc:h2:file:" + directory.resolve("state") + "";
        assertThat(apply(policies, "--format", "json")).isZero();
        String run = json().path("runId").asText();
        assertThat(holds("alice", "E3")).isTrue();
        assertThat(holds("carol", "E5")).isFalse();

        assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state, "--format", "json")).isEqualTo(2);
        JsonNode undo = json();
        assertThat(undo.path("changes")).hasSize(2);
        assertThat(undo.path("changes").get(0).path("userPrincipalName").asText()).isEqualTo("alice@contoso.test");
        assertThat(undo.path("changes").get(0).path("removeLicenses").get(0).path("skuPartNumber").asText()).isEqualTo("E3");
        assertThat(undo.path("changes").get(1).path("addLicenses").get(0).path("skuPartNumber").asText()).isEqualTo("E5");
        assertThat(holds("alice", "E3")).isTrue();

        assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state, "--apply", "--yes")).isZero();
        assertThat(holds("alice", "E3")).isFalse();
        assertThat(holds("carol", "E5")).isTrue();
        assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state)).isZero();
    }

    @Test
    void aSavedUndoPlanIsAppliedWithApplyPlan() throws IOException {
        serve(tenant().sku("E3", 10).group("Sales").user("alice").inGroup("Sales"));
        Path policies = policies(SALES_E3);
        String state = "jdbc:h2:file:" + directory.resolve("state") + "";
        assertThat(apply(policies, "--format", "json")).isZero();
        String run = json().path("runId").asText();
        Path saved = directory.resolve("undo.json");
        assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state, "--format", "json", "--out", saved.toString()))
                .isEqualTo(2);

        assertThat(apply(policies, "--plan", saved.toString(), "--format", "json")).isZero();
        assertThat(holds("alice", "E3")).isFalse();
        assertThat(json().path("changes").get(0).path("removeLicenses").get(0).path("skuPartNumber").asText()).isEqualTo("E3");
    }

    @Test
    void aDeletedPolicysLicensesArePlannedForRemovalExactlyAsApplyRemovesThem() throws IOException {
        // Issue 8: plan said "nothing to change" (exit 0) while apply removed the licenses of a deleted policy,
        // because plan did not read the holders of a SKU no policy names any more (alice is in no group a policy names).
        serve(tenant().sku("E3", 10).sku("VISIO", 10).group("Sales").group("Design").user("alice").inGroup("Design")
                .user("bob").inGroup("Sales"));
        String visio = "  - name: design-visio\n    group: Design\n    licenses:\n      - sku: VISIO\n";
        Path policies = policies(SALES_E3 + visio);
        String state = "jdbc:h2:file:" + directory.resolve("state");
        assertThat(apply(policies)).isZero();
        assertThat(holds("alice", "VISIO")).isTrue();

        policies(SALES_E3); // the Visio policy is deleted
        Path saved = directory.resolve("plan.json");
        assertThat(cli("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", state,
                "--format", "json", "--out", saved.toString())).isEqualTo(2);
        JsonNode plan = new ObjectMapper().readTree(saved.toFile());
        assertThat(plan.path("ownership").path("source").asText()).isEqualTo("state");
        assertThat(plan.path("changes")).singleElement().satisfies(change -> {
            assertThat(change.path("userPrincipalName").asText()).isEqualTo("alice@contoso.test");
            assertThat(change.path("removeLicenses")).singleElement()
                    .satisfies(removal -> assertThat(removal.path("skuPartNumber").asText()).isEqualTo("VISIO"));
            assertThat(change.path("addLicenses")).isEmpty();
        });

        assertThat(apply(policies, "--plan", saved.toString(), "--format", "json")).isZero();
        JsonNode applied = json();
        assertThat(applied.path("changes")).singleElement().satisfies(change -> {
            assertThat(change.path("userPrincipalName").asText()).isEqualTo("alice@contoso.test");
            assertThat(change.path("status").asText()).isEqualTo("APPLIED");
            assertThat(change.path("removeLicenses").get(0).path("skuPartNumber").asText()).isEqualTo("VISIO");
        });
        assertThat(holds("alice", "VISIO")).isFalse();
        assertThat(holds("bob", "E3")).isTrue();
        assertThat(cli("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--state-url", state)).isZero();
    }

    @Test
    void undoFollowsThePoliciesSettingsAndSaysTheNextRunReappliesThem() throws IOException {
        serve(tenant().sku("E3", 10).sku("E5", 2).group("Sales").group("Ops").user("alice").inGroup("Sales").user("carol").holds("E5"));
        Path policies = policies(SALES_E3 + "  - name: ops\n    group: Ops\n    licenses:\n      - sku: E5\n        prune: true\n"
                + "settings:\n  maxRemovals: 0\n  reserve:\n    E5: 2\n");
        String state = "jdbc:h2:file:" + directory.resolve("state");
        assertThat(apply(policies, "--format", "json", "--max-removals", "1")).isZero();
        String run = json().path("runId").asText();
        assertThat(holds("carol", "E5")).isFalse();

        // With the policies' settings: E5's two free seats are reserved, and maxRemovals 0 holds alice's removal.
        assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state, "--policies", policies.toString(),
                "--format", "json")).isEqualTo(2);
        JsonNode undo = json();
        assertThat(undo.path("skipped")).singleElement().satisfies(skip -> {
            assertThat(skip.path("userPrincipalName").asText()).isEqualTo("carol@contoso.test");
            assertThat(skip.path("reason").asText()).isEqualTo("NO_SEATS");
        });
        assertThat(undo.path("skus").findValuesAsText("reserved")).contains("2");
        assertThat(undo.path("summary").path("removalGuard").path("wouldTrip").asBoolean()).isTrue();
        assertThat(undo.path("warnings").toString()).contains(UndoNote.TEXT);
        for (String format : List.of("text", "markdown", "html")) {
            assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state, "--policies", policies.toString(),
                    "--format", format)).isEqualTo(2);
            assertThat(out.toString(StandardCharsets.UTF_8)).as(format).contains(UndoNote.TEXT);
        }

        assertThat(cli("undo", run, "--graph-url", emulator.baseUrl(), "--state-url", state, "--policies", policies.toString(),
                "--apply", "--yes")).isEqualTo(3);
        assertThat(holds("alice", "E3")).as("the guard held the removal").isTrue();
        assertThat(holds("carol", "E5")).as("the reserve kept the seat").isFalse();
    }

    /** The part of the undo plan's note that no format escapes. */
    private static final class UndoNote {
        static final String TEXT = "re-applies what the policies in git still ask for";
    }

    @Test
    void usersLeftWaitingForSeatsAreCountedAndTheReportEndsSayingWhatToDo() throws IOException {
        serve(tenant().sku("ENTERPRISEPACK", 1).group("Sales").user("alice").inGroup("Sales").user("bob").inGroup("Sales")
                .user("carol").inGroup("Sales").user("dave").inGroup("Sales"));
        Path policies = policies("policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: ENTERPRISEPACK\n");
        // A catalog naming the test tenant's SKU id, as Microsoft's names ENTERPRISEPACK's real one.
        Path catalog = directory.resolve("catalog.csv");
        Files.writeString(catalog, "\uFEFFProduct_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,"
                + "Service_Plans_Included_Friendly_Names\r\nOffice 365 E3,ENTERPRISEPACK," + skuId("ENTERPRISEPACK")
                + ",EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)\r\n");
        String advice = "3 users are waiting for seats of ENTERPRISEPACK (Office 365 E3): buy 3 seats or free 3; the next run assigns them";

        assertThat(apply(policies, "--catalog", catalog.toString())).isZero();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("1 applied, 0 failed, 3 waiting for seats").endsWith(advice + "\n");

        // Nothing left to change, the same three still wait: the run says so instead of a bare "nothing to change".
        err.reset();
        assertThat(apply(policies, "--catalog", catalog.toString(), "--format", "json")).isZero();
        assertThat(json().path("message").asText()).isEqualTo("nothing to change; 3 users waiting for seats");
        assertThat(json().path("summary").path("waitingForSeats").asInt()).isEqualTo(3);
        assertThat(json().path("waitingForSeats").get(0).path("productName").asText()).isEqualTo("Office 365 E3");
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).endsWith(advice);
    }

    @Test
    void applyTellsItsWebhooksAndAReceiverThatIsDownChangesNoExitCodeAndShowsNoSecret() throws IOException {
        serve(tenant().sku("E3", 1).group("Sales").user("alice").inGroup("Sales").user("bob").inGroup("Sales"));
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start()) {
            String down;
            try (TestingWebhookReceiver gone = TestingWebhookReceiver.start()) {
                down = gone.url();
            }
            Path policies = policies(SALES_E3 + "settings:\n  notify:\n"
                    + "    - url: " + receiver.url() + "\n      on: [shortage, applied]\n      format: slack\n"
                    + "    - url: " + down + "\n      on: [applied]\n");

            assertThat(apply(policies, "--format", "json")).isZero();

            assertThat(receiver.bodies()).singleElement().satisfies(body -> assertThat(body)
                    .contains("1 user is waiting for a seat", "1 user changed: 1 licenses added, 0 removed", "E3"));
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertThat(stderr).contains("notified http://127.0.0.1/… of shortage, applied")
                    .contains("warning: could not notify http://127.0.0.1/… of applied (");
            assertThat(json().path("exitCode").asInt()).isZero();
            // The secret part of the URL appears nowhere: not on stdout, not on stderr, not in the state database.
            assertThat(out.toString(StandardCharsets.UTF_8) + stderr).doesNotContain(TestingWebhookReceiver.SECRET).doesNotContain("s3cr3t");
            try (var files = Files.walk(directory)) {
                List<Path> state = files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().startsWith("state")).toList();
                assertThat(state).isNotEmpty();
                for (Path file : state) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain("s3cr3t");
                }
            }
        }
    }
}
