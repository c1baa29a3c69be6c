package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatwarden.policy.file.PolicyRevisions;
import io.seatwarden.report.JsonPlanRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every plan report says when it was made and from which policies (issue 13 item 13: the HTML report
 * had no time, tenant or policy revision): the text, Markdown and HTML headers show the time, the
 * tenant and the revision (git commit of the work tree, SHA-256 of the policy files); the JSON carries
 * the revision (in the schema) and no time.
 */
class PlanReportHeaderTest {
    private static final String TENANT_ID = "11111111-2222-4333-8444-555555555555";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final String POLICY = "policies:\n  - name: sales\n    group: Sales\n    licenses:\n      - sku: ENTERPRISEPACK\n";
    private static final Pattern GENERATED = Pattern.compile("(?i)generated (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ)");

    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;

    @TempDir
    Path directory;


    @Test
    void everyHumanFormatShowsTheTimeTheTenantAndThePolicyRevisionAndJsonTheRevisionWithoutATime() throws Exception {
        Path policies = policiesInAGitWorkTree();
        String tenant = tenantFile().toString();
        String sha256 = sha256Of(List.of("sales.yaml"), List.of(POLICY));
        Instant before = Instant.now().minusSeconds(1);

        for (String format : List.of("text", "markdown", "html")) {
            out.reset();
            assertThat(Main.run("plan", "--tenant", tenant, "--policies", policies.toString(), "--format", format)).as(format).isEqualTo(2);
            String report = out.toString(StandardCharsets.UTF_8);
            String header = report.substring(0, report.indexOf(format.equals("html") ? "class=\"headline\"" : "Seats"));
            assertThat(header).as(format).contains(TENANT_ID).contains(COMMIT.substring(0, 12)).contains(sha256.substring(0, 12));
            Matcher generated = GENERATED.matcher(header.replaceAll("<[^>]*>", ""));
            assertThat(generated.find()).as("%s says when it was generated:%n%s", format, header).isTrue();
            assertThat(Instant.parse(generated.group(1))).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                    .isBeforeOrEqualTo(Instant.now());
        }

        out.reset();
        assertThat(Main.run("plan", "--tenant", tenant, "--policies", policies.toString(), "--format", "json")).isEqualTo(2);
        JsonNode plan = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.path("policyRevision").path("gitCommit").asText()).isEqualTo(COMMIT);
        assertThat(plan.path("policyRevision").path("sha256").asText()).isEqualTo(sha256);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("generated").doesNotContainPattern("\\d\\d:\\d\\d:\\d\\d");
        assertThat(schema().validate(plan)).isEmpty();
    }

    @Test
    void outsideAGitWorkTreeTheRevisionIsTheContentHashAlone() throws Exception {
        Path policies = Files.createDirectories(directory.resolve("plain"));
        Files.writeString(policies.resolve("sales.yaml"), POLICY);

        assertThat(Main.run("plan", "--tenant", tenantFile().toString(), "--policies", policies.toString())).isEqualTo(2);

        // TempDir may itself sit inside some git work tree on a developer's machine; only assert where it is not.
        if (PolicyRevisions.gitCommit(policies).isEmpty()) {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("policies sha256 "
                    + sha256Of(List.of("sales.yaml"), List.of(POLICY)).substring(0, 12) + " (not in a git work tree)");
        } else {
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("policies git ");
        }
    }

    /** A repository whose HEAD is branch main at {@link #COMMIT}, the policies one directory down. */
    private Path policiesInAGitWorkTree() throws IOException {
        Path repository = Files.createDirectories(directory.resolve("repo"));
        Files.createDirectories(repository.resolve(".git/refs/heads"));
        Files.writeString(repository.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.writeString(repository.resolve(".git/refs/heads/main"), COMMIT + "\n");
        Path policies = Files.createDirectories(repository.resolve("policies"));
        Files.writeString(policies.resolve("sales.yaml"), POLICY);
        Files.writeString(policies.resolve("README.md"), "not a policy file: not in the hash\n");
        return policies;
    }

    private Path tenantFile() throws IOException {
        Path tenant = directory.resolve("tenant.json");
        Files.writeString(tenant, "{\"tenantId\": \"" + TENANT_ID + "\",\n"
                + " \"subscribedSkus\": [{\"skuId\": \"6fd2c87f-b296-42f0-b197-1e91e994b900\", \"skuPartNumber\": \"ENTERPRISEPACK\","
                + " \"prepaidUnits\": {\"enabled\": 5}}],\n"
                + " \"users\": [{\"id\": \"u1\", \"userPrincipalName\": \"adele@contoso.com\", \"usageLocation\": \"US\"}],\n"
                + " \"groups\": [{\"id\": \"g1\", \"displayName\": \"Sales\", \"members\": [\"u1\"]}]}\n");
        return tenant;
    }

    /** The schema's definition, implemented again here: path, NUL, length, NUL, bytes, per file in path order. */
    private static String sha256Of(List<String> paths, List<String> contents) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < paths.size(); i++) {
            byte[] bytes = contents.get(i).getBytes(StandardCharsets.UTF_8);
            digest.update((paths.get(i) + "\0" + bytes.length + "\0").getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static JsonSchema schema() throws IOException {
        try (InputStream in = PlanReportHeaderTest.class.getClassLoader().getResourceAsStream(JsonPlanRenderer.SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
        }
    }
}
