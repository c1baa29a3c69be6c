package io.seatwarden.policy.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.PolicySource;
import io.seatwarden.schedule.QuartzCronSyntax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * policies/policy.schema.json (what editors check) and the loader (what the engine checks) agree:
 * the examples pass both, bad samples fail both, and they know the same keys.
 */
class PolicySchemaTest {
    private static final Path POLICIES = PolicyFilesTest.repositoryPolicies();
    // Read YAML as editors do (YAML 1.2): "NO" is a string, an empty value is null.
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyLoader loader = new PolicyLoader(new QuartzCronSyntax());
    private final JsonNode schemaNode = readSchema();
    private final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);

    private static JsonNode readSchema() {
        try {
            return JSON.readTree(POLICIES.resolve("policy.schema.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read policy.schema.json", e);
        }
    }

    private Set<ValidationMessage> schemaErrors(String yaml) throws IOException {
        JsonNode instance = YAML.readTree(yaml);
        return schema.validate(instance == null || instance.isMissingNode() ? NullNode.getInstance() : instance);
    }

    private PolicyLoadResult load(String yaml) {
        return loader.load(List.of(new PolicySource("sample.yaml", yaml)));
    }

    @Test
    void everyExamplePolicyFileValidatesAgainstTheSchema() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(POLICIES)) {
            examples = files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList();
        }

        assertThat(examples).isNotEmpty();
        for (Path example : examples) {
            String text = Files.readString(example, StandardCharsets.UTF_8);
            assertThat(text).as(example + " names the schema for editors")
                    .startsWith("# yaml-language-server: $schema=./policy.schema.json\n");
            assertThat(schemaErrors(text)).as(example.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "policies:\n  - {name: a, group: 2024, licenses: [{sku: 6fd2c87f-b296-42f0-b197-1e91e994b900}]}\n",
        "policies:\n  - {name: a, group: A, usageLocation: NO, priority: -5, licenses: [{sku: X, enabledPlans: [], prune: true}]}\n",
        "policies: []\n",
        "settings: {}\n",
        "settings:\n  reserve: {X: 0}\n  maxRemovals: 0\n  maxRemovalsPercent: 100\n  protectedUsers: []\n"
                + "  includeDisabledAccounts: true\n  countWarningSeats: true\n  schedule: \"0 15 10 ? * MON-FRI\"\n",
        "settings:\n  prices: {ENTERPRISEPACK: 23, SPE_E5: 57.0, X: 0, Y: 10.1234}\n  currency: EUR\n",
        "settings:\n  notify:\n    - {url: 'https://contoso.webhook.office.com/webhookb2/x', on: [shortage, failure], format: teams}\n"
                + "    - {url: 'http://127.0.0.1:8080/hook', on: [guard, licenseErrors, applied]}\n"
                + "    - {url: 'HTTPS://hooks.slack.com/services/T/B/X', on: [shortage], format: slack}\n",
    })
    void goodSamplesPassBoth(String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).isEmpty();
        assertThat(load(yaml).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{}\n",
        "- name: a\n",
        "policy: []\n",
        "policies: {name: a}\n",
        "policies:\n  - {name: a, group: A, prority: 1, licenses: [{sku: X}]}\n",
        "policies:\n  - {group: A, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: A}\n",
        "policies:\n  - {name: a, group: A, licenses: []}\n",
        "policies:\n  - {name: a, group: , licenses: [{sku: X}]}\n",
        "policies:\n  - {name: '', group: A, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: [A], licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: A, priority: high, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: A, priority: 1.5, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: A, usageLocation: us, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: A, usageLocation: USA, licenses: [{sku: X}]}\n",
        "policies:\n  - {name: a, group: A, licenses: [{disabledPlans: [P]}]}\n",
        "policies:\n  - {name: a, group: A, licenses: [{sku: X, disabledPlan: [P]}]}\n",
        "policies:\n  - {name: a, group: A, licenses: [{sku: X, disabledPlans: [P], enabledPlans: [Q]}]}\n",
        "policies:\n  - {name: a, group: A, licenses: [{sku: X, disabledPlans: P}]}\n",
        "policies:\n  - {name: a, group: A, licenses: [{sku: X, prune: 'yes'}]}\n",
        "policies:\n  - {name: a, group: A, licenses: [X]}\n",
        "settings: []\n",
        "settings:\n",
        "settings: {colour: blue}\n",
        "settings: {maxRemovals: -1}\n",
        "settings: {maxRemovals: lots}\n",
        "settings: {maxRemovalsPercent: 101}\n",
        "settings: {reserve: {X: -1}}\n",
        "settings: {reserve: [X]}\n",
        "settings: {protectedUsers: a@contoso.com}\n",
        "settings: {protectedUsers: [true]}\n",
        "settings: {includeDisabledAccounts: 'true'}\n",
        "settings: {countWarningSeats: 1}\n",
        "settings: {prices: {X: 10}}\n",
        "settings: {prices: {X: -1}, currency: EUR}\n",
        "settings: {prices: {X: 1.23456}, currency: EUR}\n",
        "settings: {prices: {X: '10'}, currency: EUR}\n",
        "settings: {prices: [X], currency: EUR}\n",
        "settings: {currency: eur}\n",
        "settings: {currency: EURO}\n",
        "settings: {notify: {url: 'https://a.example/x', on: [shortage]}}\n",
        "settings: {notify: [{url: 'http://hooks.example.com/x', on: [shortage]}]}\n",
        "settings: {notify: [{url: 'ftp://127.0.0.1/x', on: [shortage]}]}\n",
        "settings: {notify: [{url: 'https://a.example/x'}]}\n",
        "settings: {notify: [{on: [shortage]}]}\n",
        "settings: {notify: [{url: 'https://a.example/x', on: []}]}\n",
        "settings: {notify: [{url: 'https://a.example/x', on: [shortages]}]}\n",
        "settings: {notify: [{url: 'https://a.example/x', on: [shortage], format: email}]}\n",
        "settings: {notify: [{url: 'https://a.example/x', on: [shortage], secret: s}]}\n",
    })
    void badSamplesFailBoth(String yaml) throws IOException {
        assertThat(schemaErrors(yaml)).as("schema errors").isNotEmpty();
        assertThat(load(yaml).problems()).as("loader problems").isNotEmpty();
    }

    @Test
    void schemaAndLoaderKnowTheSameKeys() {
        assertThat(propertyNames(schemaNode)).containsExactlyInAnyOrderElementsOf(PolicyLoader.FILE_KEYS);
        assertThat(propertyNames(schemaNode.at("/$defs/policy"))).containsExactlyInAnyOrderElementsOf(PolicyLoader.POLICY_KEYS);
        assertThat(propertyNames(schemaNode.at("/$defs/license"))).containsExactlyInAnyOrderElementsOf(PolicyLoader.LICENSE_KEYS);
        assertThat(propertyNames(schemaNode.at("/$defs/settings"))).containsExactlyInAnyOrderElementsOf(PolicyLoader.SETTINGS_KEYS);
        assertThat(propertyNames(schemaNode.at("/$defs/notify"))).containsExactlyInAnyOrderElementsOf(PolicyLoader.NOTIFY_KEYS);
    }

    @Test
    void everyPropertyHasADescriptionAndEveryObjectRefusesUnknownKeys() {
        List<String> missing = new ArrayList<>();
        walk(schemaNode, "#", missing);

        assertThat(missing).isEmpty();
    }

    @Test
    void theJarShipsTheSameSchema() throws IOException {
        try (InputStream in = PolicySchemaTest.class.getClassLoader().getResourceAsStream(PolicyFiles.BUNDLED_FOLDER + "policy.schema.json")) {
            assertThat(in).isNotNull();
            assertThat(JSON.readTree(in)).isEqualTo(schemaNode);
        }
    }

    private static List<String> propertyNames(JsonNode objectSchema) {
        List<String> names = new ArrayList<>();
        objectSchema.path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void walk(JsonNode node, String path, List<String> missing) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("properties")) {
            if (!node.path("additionalProperties").isBoolean() || node.path("additionalProperties").asBoolean()) {
                missing.add(path + ": additionalProperties is not false");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.get("properties").fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> property = fields.next();
                JsonNode definition = property.getValue();
                boolean described = definition.hasNonNull("description")
                        || definition.has("$ref") && refDescribed(definition.get("$ref").asText());
                if (!described) {
                    missing.add(path + "/properties/" + property.getKey() + ": no description");
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> child = fields.next();
            walk(child.getValue(), path + "/" + child.getKey(), missing);
        }
    }

    private static boolean refDescribed(String reference) {
        // "settings" refers to a definition that carries the description editors show.
        return reference.startsWith("#/$defs/") && !reference.equals("#/$defs/text");
    }
}
