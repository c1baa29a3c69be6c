package io.seatwarden.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.seatwarden.plan.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renderers against golden files in {@code engine/src/test/resources/golden/}, byte for byte.
 *
 * <p>After an intended change to a report, regenerate the golden files and review the diff:
 * <pre>
 * ./mvnw -B test -pl engine -Dtest=PlanRenderersTest -Dseatwarden.updateGolden=true
 * git diff engine/src/test/resources/golden/
 * </pre>
 */
class PlanRenderersTest {
    private static final Path GOLDEN = Path.of(System.getProperty("seatwarden.repoRoot", ".."))
            .resolve("engine/src/test/resources/golden");
    private static final boolean UPDATE = Boolean.getBoolean("seatwarden.updateGolden");

    private final Map<Format, PlanRenderer> renderers = Guice.createInjector(new ReportModule())
            .getInstance(Key.get(new TypeLiteral<Map<Format, PlanRenderer>>() {}));

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatMatchesItsGoldenFile(Format format) throws IOException {
        String rendered = render(SamplePlans.everything(), format);

        Path golden = GOLDEN.resolve("plan." + format.fileExtension());
        if (UPDATE) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, rendered, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("golden file (regenerate with -Dseatwarden.updateGolden=true)").exists();
        assertThat(rendered).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void renderingIsByteIdenticalAndUsesOnlyLineFeeds(Format format) throws IOException {
        byte[] first = bytes(SamplePlans.everything(), format);
        byte[] second = bytes(SamplePlans.everything(), format);

        assertThat(second).isEqualTo(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("\r").endsWith("\n");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void writerAndStreamGiveTheSameText(Format format) throws IOException {
        assertThat(renderers.get(format).renderToString(SamplePlans.everything()))
                .isEqualTo(render(SamplePlans.everything(), format));
    }

    @Test
    void jsonPutsEachListEntryOnALineOfItsOwn() throws IOException {
        String json = render(SamplePlans.everything(), Format.JSON);

        assertThat(json.lines().filter(line -> line.startsWith("    { \"userId\": ") && (line.endsWith(" }") || line.endsWith(" },"))).count()).isEqualTo(3 + 10 + 1 + 1 + 1 + 1);
        assertThat(json).contains("\n  \"summary\": {\n    \"usersChanged\": 3,\n");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatSaysPlainlyWhatAPlanWithoutStateCannotShow(Format format) throws IOException {
        String withoutState = render(SamplePlans.everything(), format);
        String withState = render(SamplePlans.nothingToChange(), format);

        assertThat(SamplePlans.everything().ownership().source()).isEqualTo(io.seatwarden.plan.OwnershipSource.NONE);
        if (format == Format.JSON) {
            assertThat(new ObjectMapper().readTree(withoutState).at("/ownership/source").asText()).isEqualTo("none");
            assertThat(new ObjectMapper().readTree(withState).at("/ownership/source").asText()).isEqualTo("state");
        } else {
            assertThat(withoutState).contains("licenses the engine assigned which no policy grants any more are not shown");
            assertThat(withState).doesNotContain("are not shown");
        }
    }

    @Test
    void everyFormatHasARenderer() {
        assertThat(renderers).containsOnlyKeys(Format.values());
        assertThat(renderers.get(Format.JSON)).isInstanceOf(JsonPlanRenderer.class);
    }

    @Test
    void jsonValidatesAgainstTheSchemaInTheJar() throws IOException {
        JsonSchema schema;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(JsonPlanRenderer.SCHEMA_RESOURCE)) {
            assertThat(in).as(JsonPlanRenderer.SCHEMA_RESOURCE + " on the classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
        }
        for (Plan plan : new Plan[] {SamplePlans.everything(), SamplePlans.nothingToChange(), SamplePlans.manyUsers(3, 3)}) {
            JsonNode document = new ObjectMapper().readTree(render(plan, Format.JSON));
            assertThat(schema.validate(document)).as(document.toString()).isEmpty();
        }
        JsonNode broken = new ObjectMapper().readTree(render(SamplePlans.everything(), Format.JSON));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("skipped").get(0)).put("reason", "BORED");
        assertThat(schema.validate(broken)).as("an unknown skip reason is refused").isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyFormatMarksPendingRemovalsThatPutDataAtStake(Format format) throws IOException {
        Plan sample = SamplePlans.everything();
        java.util.List<io.seatwarden.plan.PendingRemoval> marked = new java.util.ArrayList<>();
        sample.pendingRemovals().forEach(pending -> marked.add(pending.withDataAtStake(java.util.List.of(io.seatwarden.plan.DataAtStake.MAILBOX))));
        Plan plan = new Plan(sample.tenantId(), sample.ownership(), sample.summary(), sample.skus(), sample.changes(), sample.skipped(),
                sample.waitingForHeldRemovals(), sample.warnings(), sample.adopted(), marked);

        String rendered = render(plan, format);
        String unmarked = render(sample, format);

        if (format == Format.JSON) {
            JsonNode pending = new ObjectMapper().readTree(rendered).get("pendingRemovals").get(0);
            assertThat(pending.get("dataAtStake").get(0).asText()).isEqualTo("MAILBOX");
            assertThat(new ObjectMapper().readTree(unmarked).get("pendingRemovals").get(0).has("dataAtStake")).isFalse();
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(JsonPlanRenderer.SCHEMA_RESOURCE)) {
                JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(new ObjectMapper().readTree(in));
                assertThat(schema.validate(new ObjectMapper().readTree(rendered))).isEmpty();
            }
        } else {
            assertThat(rendered).contains("not entitled; MAILBOX AT STAKE");
            assertThat(unmarked).doesNotContain("not entitled; MAILBOX AT STAKE");
        }
    }

    @Test
    void jsonKeepsNullsTheContractNames() throws IOException {
        JsonNode document = new ObjectMapper().readTree(render(SamplePlans.nothingToChange(), Format.JSON));

        assertThat(document.get("summary").get("removalGuard").get("maxRemovalsPercent").isNull()).isTrue();
        assertThat(document.get("summary").get("removalGuard").get("reason").isNull()).isTrue();
        JsonNode bob = new ObjectMapper().readTree(render(SamplePlans.everything(), Format.JSON)).get("changes").get(1);
        assertThat(bob.get("userPrincipalName").asText()).isEqualTo("bob@contoso.com");
        assertThat(bob.has("usageLocation")).isTrue();
        assertThat(bob.get("usageLocation").isNull()).isTrue();
        assertThat(bob.has("updatedSkus")).as("internal field stays out of the contract").isFalse();
    }

    @Test
    void textCutsLongListsButJsonListsEverything() throws IOException {
        Plan plan = SamplePlans.manyUsers(TextPlanRenderer.SKIPS_SHOWN + 5, TextPlanRenderer.CHANGES_SHOWN + 7);

        String text = render(plan, Format.TEXT);
        assertThat(text).contains("GUEST (15): B2B guest accounts are never licensed")
                .contains("    … and 5 more (--format json lists all)\n")
                .contains("  … and 7 more (--format json lists all)\n")
                .contains("guest0009@fabrikam.com")
                .doesNotContain("guest0010@fabrikam.com");
        JsonNode json = new ObjectMapper().readTree(render(plan, Format.JSON));
        assertThat(json.get("skipped")).hasSize(15);
        assertThat(json.get("changes")).hasSize(57);
    }

    @Test
    void markdownFoldsLongListsAndStartsWithTheHeadline() throws IOException {
        String markdown = render(SamplePlans.manyUsers(2, MarkdownPlanRenderer.SHOWN_OPEN + 1), Format.MARKDOWN);

        assertThat(markdown.lines().limit(2)).containsExactly(MarkdownPlanRenderer.MARKER,
                "**Seatwarden plan:** 11 users to change: 11 licenses added, 0 removed; 2 skipped.");
        assertThat(markdown).contains("<details><summary>11 users to change</summary>");
    }

    @Test
    void markdownOfAHugePlanFitsInAGitHubComment() throws IOException {
        String markdown = render(SamplePlans.manyUsers(50_000, 100_000), Format.MARKDOWN);

        assertThat(markdown.length()).isLessThan(65_536);
        assertThat(markdown).contains("… and 99850 more (the JSON plan lists all)", "… and 49960 more (the JSON plan lists all)");
    }

    @Test
    void nothingToChangeSaysSo() throws IOException {
        String text = render(SamplePlans.nothingToChange(), Format.TEXT);

        assertThat(text).contains("Nothing to change; 1 skipped; 1 user waiting for seats.")
                .contains("Changes (0 users)\n  none\n")
                .contains("Removal guard: would not trip (0 removals; limit 50)");
    }

    @Test
    void markdownAndHtmlEscapeWhatTheyQuote() {
        assertThat(MarkdownPlanRenderer.escape("a|b_c *d* <x> [l](u) #1")).isEqualTo("a\\|b\\_c \\*d\\* &lt;x&gt; \\[l\\](u) \\#1");
        assertThat(MarkdownPlanRenderer.code("x|y")).isEqualTo("`x\\|y`");
        assertThat(MarkdownPlanRenderer.code("a`b")).isEqualTo("`` a`b ``");
        assertThat(HtmlPlanRenderer.escape("<script>\"&'")).isEqualTo("&lt;script&gt;&quot;&amp;&#39;");
    }

    @Test
    void htmlIsSelfContained() throws IOException {
        String html = render(SamplePlans.everything(), Format.HTML);

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>")
                .doesNotContain("<script", "<link", "src=", "http://", "https://", "@import");
        assertThat(html).contains("class=\"bar over\"").contains("class=\"assigned\" style=\"width:");
    }

    private String render(Plan plan, Format format) throws IOException {
        return new String(bytes(plan, format), StandardCharsets.UTF_8);
    }

    private byte[] bytes(Plan plan, Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderers.get(format).render(plan, out);
        return out.toByteArray();
    }
}
