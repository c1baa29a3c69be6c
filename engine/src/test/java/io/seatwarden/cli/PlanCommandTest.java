package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.directory.UserId;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.SignInActivityAccess;
import io.seatwarden.plan.Ownership;
import io.seatwarden.report.JsonPlanRenderer;
import io.seatwarden.report.MarkdownPlanRenderer;
import io.seatwarden.state.RunId;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code seatwarden plan} through {@link Main#run}: exit codes, stdout for the report only, stderr for the rest. */
class PlanCommandTest {
    private static final String SKU_ID = "6fd2c87f-b296-42f0-b197-1e91e994b900";
    private static final String YAMMER = "7547a3fe-08ee-4ccb-b430-5077c5041653";

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;

    @TempDir
    Path directory;


    @Test
    void pendingChangesExitTwoWithTheReportOnStdoutAndProgressOnStderr() throws IOException {
        Path policies = policies("    priority: 1\n");
        Path tenant = tenant(10, false);

        int code = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).startsWith("Seatwarden plan for tenant 11111111-2222-4333-8444-555555555555\n")
                .contains("alice@contoso.com  +ENTERPRISEPACK, usage location US  sales")
                .doesNotContain("reading", "exit code");
        assertThat(stderr()).contains("reading " + tenant, "read 1 user and 1 group in the policies' scope, 1 subscription, of tenant", "(exit code 2)")
                .doesNotContain("Seatwarden plan for");
    }

    @Test
    void nothingToChangeExitsZero() throws IOException {
        int code = Main.run("plan", "--tenant", tenant(10, true).toString(), "--policies", policies("").toString());

        assertThat(code).isZero();
        assertThat(stdout()).contains("Nothing to change.").contains("Changes (0 users)");
    }

    @Test
    void usersOnlyWaitingForSeatsCountAsNothingToChange() throws IOException {
        int code = Main.run("plan", "--tenant", tenant(0, false).toString(), "--policies", policies("").toString(),
                "--format", "json");

        assertThat(code).isZero();
        JsonNode plan = new ObjectMapper().readTree(stdout());
        assertThat(plan.get("changes")).isEmpty();
        assertThat(plan.get("skipped").get(0).get("reason").asText()).isEqualTo("NO_SEATS");
        assertThat(plan.get("summary").get("waitingForSeats").asInt()).isEqualTo(1);
    }

    @Test
    void jsonIsOneDocumentValidAgainstTheShippedSchemaAndByteIdenticalAcrossRuns() throws IOException {
        String[] args = {"plan", "--demo", "--format", "json"};
        assertThat(Main.run(args)).isEqualTo(2);
        byte[] first = out.toByteArray();
        out.reset();
        assertThat(Main.run(args)).isEqualTo(2);
        byte[] second = out.toByteArray();

        assertThat(second).isEqualTo(first);
        JsonNode document = new ObjectMapper().readTree(first);
        assertThat(schema().validate(document)).isEmpty();
        assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("{\n").endsWith("}\n");
    }

    @Test
    void theDemoSaysHowManyOfItsUsersAreInScope() throws IOException {
        // README: 29 users, of which the example policies reach or find holding their SKUs 28
        // (adm.jordan is in no policy's group and holds nothing).
        String tenant = new String(PlanCommandTest.class.getResourceAsStream("/seatwarden/demo/tenant.json").readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(new ObjectMapper().readTree(tenant).get("users")).hasSize(29);

        assertThat(Main.run("plan", "--demo")).isEqualTo(2);

        assertThat(stderr()).contains("read 28 users and 5 groups in the policies' scope, 4 subscriptions, of tenant");
        String readme = Files.readString(Path.of(System.getProperty("seatwarden.repoRoot", "..")).resolve("README.md"));
        assertThat(readme).contains("(29 users of a small Contoso; `plan` reads the 28 the policies reach or that hold a SKU they grant)");
    }

    @Test
    void everyFormatRendersTheDemo() {
        for (String format : List.of("text", "markdown", "json", "html")) {
            out.reset();
            assertThat(Main.run("plan", "--demo", "--format", format)).as(format).isEqualTo(2);
            assertThat(stdout()).as(format).isNotBlank();
        }
        out.reset();
        Main.run("plan", "--demo", "--format", "markdown");
        assertThat(stdout()).startsWith(MarkdownPlanRenderer.MARKER + "\n**Seatwarden plan:** 13 users to change");
    }

    @Test
    void theDemoShowsEveryRuleAtWork() throws IOException {
        assertThat(Main.run("plan", "--demo", "--format", "json")).isEqualTo(2);
        JsonNode plan = new ObjectMapper().readTree(stdout());

        assertThat(skipped(plan, "GUEST")).containsExactly("lynne.robbins@fabrikam.com", "megan.bowen@fabrikam.com",
                "pradeep.gupta_northwind.com#EXT#@contoso.onmicrosoft.com", "raul.razo@northwind.com");
        assertThat(skipped(plan, "PROTECTED")).containsExactly("breakglass@contoso.com");
        assertThat(skipped(plan, "DISABLED_ACCOUNT")).containsExactly("henrietta.mueller@contoso.com");
        assertThat(skipped(plan, "NO_USAGE_LOCATION")).containsExactly("patti.fernandez@contoso.com");
        assertThat(skipped(plan, "NO_SEATS")).containsExactly("lidia.holloway@contoso.com",
                "miriam.graham@contoso.com", "zrinka.makovac@contoso.com");
        // Lee Gu's Business Basic SharePoint cannot stack with E3's: E3 is skipped, naming both plans.
        assertThat(skipped(plan, "SERVICE_PLAN_CONFLICT")).containsExactly("lee.gu@contoso.com");
        assertThat(plan.toString()).contains("SHAREPOINTENTERPRISE (ENTERPRISEPACK) cannot be assigned with SHAREPOINTSTANDARD,"
                + " which the user already has through O365_BUSINESS_ESSENTIALS");
        // Zrinka's Power BI Pro from Finance failed (CountViolation): listed, not held, so she waits for a seat of her own.
        JsonNode licenseError = plan.get("licenseErrors").get(0);
        assertThat(plan.get("licenseErrors")).hasSize(1);
        assertThat(licenseError.get("userPrincipalName").asText()).isEqualTo("zrinka.makovac@contoso.com");
        assertThat(licenseError.get("skuPartNumber").asText()).isEqualTo("POWER_BI_PRO");
        assertThat(licenseError.get("error").asText()).isEqualTo("CountViolation");
        // Sales (priority 100) is served before Support (priority 10); the reserve keeps one E3 seat free.
        JsonNode e3 = plan.get("skus").get(0);
        assertThat(e3.get("skuPartNumber").asText()).isEqualTo("ENTERPRISEPACK");
        assertThat(e3.get("reserved").asInt()).isEqualTo(1);
        assertThat(e3.get("availableAfter").asInt()).isEqualTo(1);
        assertThat(change(plan, "joni.sherman@contoso.com").get("policies").toString()).isEqualTo("[\"support-e3\"]");
        // Sales sets a missing usage location.
        assertThat(change(plan, "alex.wilber@contoso.com").get("usageLocation").asText()).isEqualTo("US");
        // A held E3 with other disabled plans converges; policies granting one SKU merge their disabled plans.
        assertThat(change(plan, "diego.siciliani@contoso.com").get("addLicenses").get(0).get("disabledPlans").toString())
                .isEqualTo("[\"" + YAMMER + "\"]");
        assertThat(change(plan, "cameron.white@contoso.com").get("addLicenses").get(0).get("disabledPlans").toString())
                .isEqualTo("[\"" + YAMMER + "\"]");
        // prune: true takes Power BI Pro from a direct holder outside Engineering, and the freed seat is reused.
        assertThat(change(plan, "nestor.wilke@contoso.com").get("removeLicenses").get(0).get("skuPartNumber").asText())
                .isEqualTo("POWER_BI_PRO");
        assertThat(plan.get("skus").get(1).get("freed").asInt()).isEqualTo(1);
        // Nested groups reach Platform and Data members; the Data -> Engineering cycle is a warning.
        assertThat(change(plan, "debra.berger@contoso.com")).isNotNull();
        assertThat(plan.get("warnings").get(0).asText()).contains("cycle", "Data", "Engineering");
        // Entra group-based licensing (Finance) is never touched; users no policy reaches are not mentioned.
        assertThat(stdout()).doesNotContain("kat.larsson", "emily.braun", "sam.taylor");
    }

    @Test
    void outWritesTheReportToAFileAndNothingToStdout() throws IOException {
        Path report = directory.resolve("reports/plan.md");

        int code = Main.run("plan", "--demo", "--format", "markdown", "--out", report.toString());

        assertThat(code).isEqualTo(2);
        assertThat(stdout()).isEmpty();
        assertThat(Files.readString(report)).startsWith(MarkdownPlanRenderer.MARKER);
        try (var files = Files.list(report.getParent())) {
            assertThat(files).as("no temporary file left behind").containsExactly(report);
        }
    }

    @Test
    void aMalformedTenantFileExitsOneNamingTheLineAndColumnAndWritesNothing() throws IOException {
        Path tenant = directory.resolve("tenant.json");
        Files.writeString(tenant, "{\n  \"subscribedSkus\": [\n    {\"skuId\": \"not-a-guid\", \"skuPartNumber\": \"X\"}\n  ]\n}\n");
        Path report = directory.resolve("plan.txt");

        int code = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies("").toString(), "--out", report.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).containsPattern("error: " + java.util.regex.Pattern.quote(tenant.toString()) + ":3:\\d+: ");
        assertThat(stdout()).isEmpty();
        assertThat(report).doesNotExist();
    }

    @Test
    void policyProblemsArePrintedAsFileLineColumnAndExitOne() throws IOException {
        Path policies = directory.resolve("bad");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("a.yaml"), "policies:\n  - name: a\n    grup: Sales\n    licenses: [{sku: X}]\n");

        int code = Main.run("plan", "--tenant", tenant(10, false).toString(), "--policies", policies.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains(policies.resolve("a.yaml") + ":3:5: unknown key 'grup'");
        assertThat(stderr()).doesNotContain("reading");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void unresolvableReferencesArePrintedAndExitOne() throws IOException {
        Path policies = directory.resolve("unresolved");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("a.yaml"),
                "policies:\n  - name: a\n    group: Nobody\n    licenses: [{sku: SPE_E5}]\n");

        int code = Main.run("plan", "--tenant", tenant(10, false).toString(), "--policies", policies.toString());

        assertThat(code).isEqualTo(1);
        List<String> lines = stderr().lines().filter(line -> line.startsWith(policies.toString())).toList();
        assertThat(lines).hasSize(2).allMatch(line -> line.startsWith(policies.resolve("a.yaml") + ":"));
        assertThat(stderr()).contains("group 'Nobody' not found").contains("2 problems resolving the policies against the tenant");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aBadCatalogFileExitsOneNamingIt() throws IOException {
        Path catalog = directory.resolve("catalog.csv");
        Files.writeString(catalog, "not,the,header\n");

        int code = Main.run("plan", "--demo", "--catalog", catalog.toString());

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).contains("error: " + catalog + ":1: expected the header");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aTenantSourceIsRequiredAndOnlyOne() {
        assertThat(Main.run("plan")).isEqualTo(1);
        assertThat(Main.run("plan", "--demo", "--tenant", "x.json")).isEqualTo(1);
        assertThat(stderr()).contains("--tenant").contains("mutually exclusive");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void anUnknownFormatIsAUsageErrorNamingTheChoices() {
        assertThat(Main.run("plan", "--demo", "--format", "pdf")).isEqualTo(1);
        assertThat(stderr()).contains("--format", "pdf", "text", "markdown", "json", "html");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void helpWorks() {
        assertThat(Main.run("plan", "--help")).isZero();
        assertThat(stdout()).contains("--tenant=FILE", "--demo", "--graph-url=URL", "--format=FORMAT", "--out=FILE", "--catalog=FILE");
    }

    private static List<String> skipped(JsonNode plan, String reason) {
        List<String> users = new ArrayList<>();
        plan.get("skipped").forEach(skip -> {
            if (skip.get("reason").asText().equals(reason)) {
                users.add(skip.get("userPrincipalName").asText());
            }
        });
        return users;
    }

    private static JsonNode change(JsonNode plan, String userPrincipalName) {
        for (JsonNode change : plan.get("changes")) {
            if (change.get("userPrincipalName").asText().equals(userPrincipalName)) {
                return change;
            }
        }
        throw new AssertionError("no change for " + userPrincipalName);
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = PlanCommandTest.class.getClassLoader().getResourceAsStream(JsonPlanRenderer.SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
        }
    }

    @Test
    void aProtectedUsersEntryMatchingNoUserIsShownInEveryFormatAndFailsStrict() throws IOException {
        Path policies = policies("");
        Files.writeString(policies.resolve("settings.yaml"), "settings:\n  protectedUsers: [breakglas@contoso.com]\n");
        String tenant = tenant(10, false).toString();
        String warning = "protectedUsers entry 'breakglas@contoso.com' (" + policies + "/settings.yaml:1:1) matches no user";

        for (String format : List.of("text", "markdown", "json", "html")) {
            out.reset();
            assertThat(Main.run("plan", "--tenant", tenant, "--policies", policies.toString(), "--format", format))
                    .as(format).isEqualTo(2);
            assertThat(stdout()).as(format).contains(format.equals("html") ? warning.replace("'", "&#39;") : warning);
        }
        assertThat(Main.run("plan", "--tenant", tenant, "--policies", policies.toString(), "--strict")).isEqualTo(1);
        assertThat(stderr()).contains("plan: 1 warning and --strict (exit code 1)");
    }

    /** One policy: Sales members get E3 without Yammer, US as usage location. */
    @Test
    void licensesTheEngineAssignedAreRemovedWhenNoPolicyGrantsThemAnyMore() throws IOException {
        // bob holds E3 directly and is in no policy's group: the engine assigned it (state says so), so it goes;
        // carol's E3 was assigned by hand, so it stays (rule 5). Without a state database nothing is the engine's.
        Path tenant = directory.resolve("leavers.json");
        Files.writeString(tenant, "{\"tenantId\": \"11111111-2222-4333-8444-555555555555\",\n"
                + " \"subscribedSkus\": [{\"skuId\": \"" + SKU_ID + "\", \"skuPartNumber\": \"ENTERPRISEPACK\", \"prepaidUnits\": {\"enabled\": 5},"
                + " \"servicePlans\": [{\"servicePlanId\": \"" + YAMMER + "\", \"servicePlanName\": \"YAMMER_ENTERPRISE\"}]}],\n"
                + " \"users\": [{\"id\": \"u2\", \"userPrincipalName\": \"bob@contoso.com\", \"usageLocation\": \"US\","
                + " \"assignedLicenses\": [{\"skuId\": \"" + SKU_ID + "\"}]},\n"
                + "  {\"id\": \"u3\", \"userPrincipalName\": \"carol@contoso.com\", \"usageLocation\": \"US\","
                + " \"assignedLicenses\": [{\"skuId\": \"" + SKU_ID + "\"}]}],\n"
                + " \"groups\": [{\"id\": \"g1\", \"displayName\": \"Sales\", \"members\": []}]}\n");
        Path stateFile = directory.resolve("state");
        StateConfig config = StateConfig.h2File(stateFile);
        try (StateStore state = new StateStores(Clock.systemUTC()).open(config)) {
            state.assignments().recordAssigned(new TenantId("11111111-2222-4333-8444-555555555555"),
                    RunId.of("20261123T000000000Z-00000001"), List.of(new Ownership.Key(new UserId("u2"), SkuId.of(SKU_ID))));
        }

        int withState = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies("").toString(),
                "--state-url", config.url(), "--format", "json");
        String plan = stdout();
        int withoutState = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies("").toString(), "--format", "json");

        assertThat(withState).isEqualTo(2);
        assertThat(plan).contains("\"ownership\": {\n    \"source\": \"state\"\n  }");
        assertThat(stdout().substring(plan.length())).contains("\"source\": \"none\"");
        out.reset();
        assertThat(Main.run("plan", "--tenant", tenant.toString(), "--policies", policies("").toString(), "--format", "markdown")).isZero();
        assertThat(stdout()).contains("Planned without the engine's state: licenses the engine assigned which no policy grants any more are not shown");
        assertThat(plan).contains("\"userPrincipalName\": \"bob@contoso.com\"").contains("\"removeLicenses\": [ { \"skuId\": \"" + SKU_ID)
                .doesNotContain("carol@contoso.com");
        assertThat(withoutState).isZero();
    }

    @Test
    void maxRemovalsShowsThePlanApplyWouldRunWithTheLimitRaised() throws IOException {
        // One E3 seat, held by bob whom the pruning policy no longer licenses; alice joined Sales. maxRemovals: 0.
        Path tenant = directory.resolve("swap.json");
        Files.writeString(tenant, "{\"tenantId\": \"11111111-2222-4333-8444-555555555555\",\n"
                + " \"subscribedSkus\": [{\"skuId\": \"" + SKU_ID + "\", \"skuPartNumber\": \"ENTERPRISEPACK\", \"prepaidUnits\": {\"enabled\": 1}}],\n"
                + " \"users\": [{\"id\": \"u1\", \"userPrincipalName\": \"alice@contoso.com\", \"usageLocation\": \"US\"},\n"
                + "  {\"id\": \"u2\", \"userPrincipalName\": \"bob@contoso.com\", \"usageLocation\": \"US\","
                + " \"assignedLicenses\": [{\"skuId\": \"" + SKU_ID + "\"}]}],\n"
                + " \"groups\": [{\"id\": \"g1\", \"displayName\": \"Sales\", \"members\": [\"u1\"]}]}\n");
        Path policies = directory.resolve("pruning");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n"
                + "    licenses:\n      - sku: ENTERPRISEPACK\n        prune: true\nsettings:\n  maxRemovals: 0\n");

        int guarded = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString(), "--format", "json");
        JsonNode held = new ObjectMapper().readTree(stdout());
        out.reset();
        int raised = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString(), "--format", "json",
                "--max-removals", "1");
        JsonNode full = new ObjectMapper().readTree(stdout());
        out.reset();
        int text = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString());

        assertThat(guarded).isEqualTo(2); // bob's removal is still listed (rule 4)
        assertThat(schema().validate(held)).isEmpty();
        assertThat(held.at("/summary/removalGuard/wouldTrip").asBoolean()).isTrue();
        assertThat(held.at("/summary/removalGuard/addsWaiting").asInt()).isEqualTo(1);
        assertThat(held.at("/waitingForHeldRemovals/0/userPrincipalName").asText()).isEqualTo("alice@contoso.com");
        assertThat(change(held, "bob@contoso.com").get("removeLicenses")).hasSize(1);
        assertThat(skipped(held, "NO_SEATS")).containsExactly("alice@contoso.com");
        assertThat(raised).isEqualTo(2);
        assertThat(full.at("/summary/removalGuard/wouldTrip").asBoolean()).isFalse();
        assertThat(full.at("/summary/removalGuard/maxRemovals").asInt()).isEqualTo(1);
        assertThat(full.at("/summary/removalGuard/maxRemovalsPercent").isNull()).isTrue();
        assertThat(full.get("waitingForHeldRemovals")).isEmpty();
        assertThat(change(full, "alice@contoso.com").get("addLicenses")).hasSize(1);
        assertThat(text).isEqualTo(2);
        assertThat(stdout()).contains("Waiting for held removals (1)", "--max-removals 1");
        assertThat(Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString(), "--max-removals", "-1")).isEqualTo(1);
    }

    private Path reclaimingPolicies() throws IOException {
        Path policies = directory.resolve("reclaiming");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n    usageLocation: US\n"
                + "    licenses:\n      - sku: ENTERPRISEPACK\n        reclaim: {inactiveDays: 90}\n");
        return policies;
    }

    @Test
    void reclaimJudgesSignInsFromTheTenantFileAsOfTheGivenInstant() throws IOException {
        Path tenant = tenantWithSignIns();
        Path policies = reclaimingPolicies();

        int later = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString(), "--format", "json",
                "--as-of", "2026-12-01");
        JsonNode idle = new ObjectMapper().readTree(stdout());
        out.reset();
        int sooner = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString(), "--format", "json",
                "--as-of", "2026-07-01T00:00:00Z");
        JsonNode active = new ObjectMapper().readTree(stdout());

        assertThat(later).isZero();
        assertThat(skipped(idle, "INACTIVE")).containsExactly("alice@contoso.com");
        assertThat(sooner).isEqualTo(2);
        assertThat(change(active, "alice@contoso.com").get("addLicenses")).hasSize(1);
    }

    private Path tenantWithSignIns() throws IOException {
        Path tenant = tenant(10, false);
        Files.writeString(tenant, Files.readString(tenant).replace("\"accountEnabled\": true",
                "\"accountEnabled\": true, \"createdDateTime\": \"2019-01-01T00:00:00Z\","
                        + " \"signInActivity\": {\"lastSuccessfulSignInDateTime\": \"2026-06-01T09:00:00Z\"}"));
        return tenant;
    }

    @Test
    void reclaimFromGraphReadsSignInsAsTheTenantFileGivesThem() throws IOException {
        Path tenant = tenantWithSignIns();
        Path policies = reclaimingPolicies();
        try (GraphEmulator emulator = GraphEmulator.start(new TenantFiles().readFile(tenant), EmulatorOptions.defaults())) {
            int fromGraph = Main.run("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(), "--format", "json",
                    "--as-of", "2026-12-01");
            String graphPlan = stdout();
            out.reset();
            int fromFile = Main.run("plan", "--tenant", tenant.toString(), "--policies", policies.toString(), "--format", "json",
                    "--as-of", "2026-12-01");

            assertThat(fromGraph).isZero();
            assertThat(skipped(new ObjectMapper().readTree(graphPlan), "INACTIVE")).containsExactly("alice@contoso.com");
            assertThat(graphPlan).isEqualTo(stdout());
            assertThat(fromFile).isZero();
        }
    }

    @Test
    void aSnapshotCarriesSignInActivityWhenThePoliciesOrTheFlagAskForIt() throws IOException {
        Path policies = reclaimingPolicies();
        Path forPolicies = directory.resolve("reclaim-snapshot.json");
        Path whole = directory.resolve("all.json");
        Path wholeWithSignIns = directory.resolve("all-sign-ins.json");
        try (GraphEmulator emulator = GraphEmulator.start(new TenantFiles().readFile(tenantWithSignIns()), EmulatorOptions.defaults())) {
            assertThat(Main.run("snapshot", "--graph-url", emulator.baseUrl(), "--out", forPolicies.toString(),
                    "--policies", policies.toString())).isZero();
            assertThat(Main.run("snapshot", "--graph-url", emulator.baseUrl(), "--out", whole.toString(), "--all")).isZero();
            assertThat(Main.run("snapshot", "--graph-url", emulator.baseUrl(), "--out", wholeWithSignIns.toString(), "--all",
                    "--sign-in-activity")).isZero();
        }
        out.reset();
        int replayed = Main.run("plan", "--tenant", forPolicies.toString(), "--policies", policies.toString(), "--format", "json",
                "--as-of", "2026-12-01");

        assertThat(Files.readString(forPolicies)).contains("\"lastSuccessfulSignInDateTime\" : \"2026-06-01T09:00:00Z\"",
                "\"createdDateTime\" : \"2019-01-01T00:00:00Z\"");
        assertThat(replayed).isZero();
        assertThat(skipped(new ObjectMapper().readTree(stdout()), "INACTIVE")).containsExactly("alice@contoso.com");
        assertThat(Files.readString(whole)).doesNotContain("signInActivity", "createdDateTime");
        assertThat(Files.readString(wholeWithSignIns)).contains("signInActivity", "createdDateTime");
    }

    @Test
    void reclaimFromGraphWithoutThePermissionOrLicenseFailsNamingThemAndWritesNothing() throws IOException {
        Path policies = reclaimingPolicies();
        Path report = directory.resolve("plan.json");
        try (GraphEmulator emulator = GraphEmulator.start(new TenantFiles().readFile(tenantWithSignIns()), EmulatorOptions.defaults())) {
            emulator.signInActivityAccess(SignInActivityAccess.PERMISSION_MISSING);
            int noPermission = Main.run("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString(),
                    "--format", "json", "--out", report.toString());
            String permissionError = stderr();
            err.reset();
            emulator.signInActivityAccess(SignInActivityAccess.NOT_PREMIUM);
            int noLicense = Main.run("plan", "--graph-url", emulator.baseUrl(), "--policies", policies.toString());

            assertThat(noPermission).isEqualTo(1);
            assertThat(permissionError).contains("error: ", "reclaim.inactiveDays", "AuditLog.Read.All", "403");
            assertThat(report).doesNotExist();
            assertThat(noLicense).isEqualTo(1);
            assertThat(stderr()).contains("Microsoft Entra ID P1 or P2", "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
            assertThat(stdout()).isEmpty();
        }
    }

    @Test
    void badAsOfAndApplyAsOfAreRefused() throws IOException {
        assertThat(Main.run("plan", "--tenant", tenant(10, false).toString(), "--policies", policies("").toString(),
                "--as-of", "next week")).isEqualTo(1);
        assertThat(stderr()).contains("--as-of 'next week'");
        assertThat(Main.run("apply", "--demo", "--yes", "--as-of", "2026-12-09")).isEqualTo(1);
        assertThat(stderr()).contains("apply --as-of", "plan --as-of 2026-12-09");
    }

    private Path policies(String extra) throws IOException {
        Path policies = directory.resolve("policies");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("sales.yaml"), "policies:\n  - name: sales\n    group: Sales\n" + extra
                + "    usageLocation: US\n    licenses:\n      - sku: ENTERPRISEPACK\n        disabledPlans: [YAMMER_ENTERPRISE]\n");
        return policies;
    }

    /** One Sales member, alice, without a usage location; she holds the E3 the policy wants when {@code holds}. */
    private Path tenant(int seats, boolean holds) throws IOException {
        String licenses = holds ? "[{\"skuId\": \"" + SKU_ID + "\", \"disabledPlans\": [\"" + YAMMER + "\"]}]" : "[]";
        String location = holds ? ", \"usageLocation\": \"US\"" : "";
        Path tenant = directory.resolve("tenant.json");
        Files.writeString(tenant, "{\n"
                + "  \"tenantId\": \"11111111-2222-4333-8444-555555555555\",\n"
                + "  \"subscribedSkus\": [{\"skuId\": \"" + SKU_ID + "\", \"skuPartNumber\": \"ENTERPRISEPACK\","
                + " \"prepaidUnits\": {\"enabled\": " + seats + "},"
                + " \"servicePlans\": [{\"servicePlanId\": \"" + YAMMER + "\", \"servicePlanName\": \"YAMMER_ENTERPRISE\"}]}],\n"
                + "  \"users\": [{\"id\": \"u1\", \"userPrincipalName\": \"alice@contoso.com\", \"accountEnabled\": true"
                + location + ", \"assignedLicenses\": " + licenses + "}],\n"
                + "  \"groups\": [{\"id\": \"g1\", \"displayName\": \"Sales\", \"members\": [\"u1\"]}]\n"
                + "}\n");
        return tenant;
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
