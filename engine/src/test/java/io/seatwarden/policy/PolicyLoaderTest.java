package io.seatwarden.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyLoaderTest {
    private static final CronSyntax FIVE_FIELDS_ARE_WRONG = expression -> expression.trim().split("\\s+").length < 6
            ? Optional.of("Unexpected end of expression.")
            : Optional.empty();

    private final PolicyLoader loader = new PolicyLoader(FIVE_FIELDS_ARE_WRONG);

    private PolicyLoadResult load(String... namesAndTexts) {
        List<PolicySource> sources = new ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            sources.add(new PolicySource(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        return loader.load(sources);
    }

    private List<String> problems(String... namesAndTexts) {
        PolicyLoadResult result = load(namesAndTexts);
        assertThat(result.policySet()).isEmpty();
        return result.problems().stream().map(PolicyProblem::toString).toList();
    }

    @Test
    void readsEveryKeyOfAPolicyAndItsLicenses() {
        PolicyLoadResult result = load("p/sales.yaml", """
                # yaml-language-server: $schema=./policy.schema.json
                policies:
                  - name: sales-e3
                    group: Sales
                    priority: 100
                    usageLocation: NO
                    licenses:
                      - sku: ENTERPRISEPACK
                        disabledPlans: [YAMMER_ENTERPRISE, SWAY]
                        prune: true
                      - sku: Office 365 E5
                        enabledPlans:
                          - TEAMS1
                  - name: support
                    group: 2024
                    licenses:
                      - sku: 6fd2c87f-b296-42f0-b197-1e91e994b900
                """);

        assertThat(result.problems()).isEmpty();
        PolicySet set = result.policySet().orElseThrow();
        assertThat(set.policies()).hasSize(2);
        Policy sales = set.policies().get(0);
        assertThat(sales.name()).isEqualTo("sales-e3");
        assertThat(sales.group()).isEqualTo("Sales");
        assertThat(sales.priority()).isEqualTo(100);
        assertThat(sales.usageLocation()).contains("NO");
        assertThat(sales.location()).isEqualTo(new SourceLocation("p/sales.yaml", 3, 5));
        assertThat(sales.licenses()).containsExactly(
                new LicenseGrant("ENTERPRISEPACK", List.of("YAMMER_ENTERPRISE", "SWAY"), Optional.empty(), true,
                        new SourceLocation("p/sales.yaml", 8, 9)),
                new LicenseGrant("Office 365 E5", List.of(), Optional.of(List.of("TEAMS1")), false,
                        new SourceLocation("p/sales.yaml", 11, 9)));
        Policy support = set.policies().get(1);
        assertThat(support.group()).isEqualTo("2024");
        assertThat(support.priority()).isZero();
        assertThat(support.usageLocation()).isEmpty();
        assertThat(support.licenses().get(0).sku()).isEqualTo("6fd2c87f-b296-42f0-b197-1e91e994b900");
        assertThat(set.settings()).isEqualTo(Settings.defaults());
        assertThat(result.files()).containsExactly("p/sales.yaml");
    }

    @Test
    void readsEverySetting() {
        PolicyLoadResult result = load("p/settings.yml", """
                settings:
                  reserve: {ENTERPRISEPACK: 2, Office 365 E5: 0}
                  maxRemovals: 10
                  maxRemovalsPercent: 25
                  protectedUsers: [breakglass@contoso.com, 00000000-0000-0000-0000-000000000001]
                  includeDisabledAccounts: true
                  countWarningSeats: true
                  schedule: "0 0 2 * * ?"
                """);

        Settings settings = result.policySet().orElseThrow().settings();
        assertThat(settings).isEqualTo(new Settings(Map.of("ENTERPRISEPACK", 2, "Office 365 E5", 0), 10, OptionalInt.of(25),
                List.of("breakglass@contoso.com", "00000000-0000-0000-0000-000000000001"), true, true,
                Optional.of("0 0 2 * * ?"), new SourceLocation("p/settings.yml", 1, 1)));
    }

    @Test
    void settingsLeftOutTakeTheirDefaults() {
        Settings settings = load("a.yaml", "settings: {protectedUsers: [a@contoso.com]}\n").policySet().orElseThrow().settings();

        assertThat(settings.maxRemovals()).isEqualTo(Settings.DEFAULT_MAX_REMOVALS);
        assertThat(settings.maxRemovalsPercent()).isEmpty();
        assertThat(settings.reserve()).isEmpty();
        assertThat(settings.includeDisabledAccounts()).isFalse();
        assertThat(settings.countWarningSeats()).isFalse();
        assertThat(settings.schedule()).isEmpty();
        assertThat(settings.protectedUsers()).containsExactly("a@contoso.com");
    }

    @Test
    void policiesFromSeveralFilesComeInOrderOfFileName() {
        PolicyLoadResult result = load(
                "p/b.yaml", "policies:\n  - {name: b, group: B, licenses: [{sku: X}]}\n",
                "p/a.yaml", "policies:\n  - {name: a2, group: A, licenses: [{sku: X}]}\n  - {name: a1, group: A, licenses: [{sku: X}]}\n");

        assertThat(result.policySet().orElseThrow().policies()).extracting(Policy::name).containsExactly("a2", "a1", "b");
        assertThat(result.files()).containsExactly("p/a.yaml", "p/b.yaml");
    }

    @Test
    void unknownKeyIsReportedAtTheKeyWithASuggestion() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: sales
                    group: Sales
                    prority: 100
                    licenses:
                      - sku: X
                        disabledplans: [A]
                """)).containsExactly(
                "p.yaml:4:5: unknown key 'prority' (did you mean 'priority'?)",
                "p.yaml:7:9: unknown key 'disabledplans' (did you mean 'disabledPlans'?)");
    }

    @Test
    void unknownKeyFarFromAnyKnownOneListsTheKnownKeys() {
        assertThat(problems("p.yaml", "settings:\n  colour: blue\n")).containsExactly(
                "p.yaml:2:3: unknown key 'colour' (expected one of: reserve, maxRemovals, maxRemovalsPercent,"
                        + " protectedUsers, includeDisabledAccounts, countWarningSeats, schedule, removalGraceDays, prices, currency, notify)");
    }

    @Test
    void lifecycleKeysAreRead() {
        PolicyLoadResult result = load("p.yaml", """
                policies:
                  - name: sales
                    group: Sales
                    licenses:
                      - sku: E3
                        adopt: true
                        reclaim: {inactiveDays: 90, disabledAccounts: true}
                      - sku: E5
                        reclaim: {disabledAccounts: true}
                settings:
                  removalGraceDays: 30
                """);

        assertThat(result.problems()).isEmpty();
        PolicySet set = result.policySet().orElseThrow();
        LicenseGrant e3 = set.policies().get(0).licenses().get(0);
        assertThat(e3.adopt()).isTrue();
        assertThat(e3.reclaim()).contains(new Reclaim(java.util.OptionalInt.of(90), true));
        assertThat(set.policies().get(0).licenses().get(1).reclaim()).contains(new Reclaim(java.util.OptionalInt.empty(), true));
        assertThat(set.policies().get(0).licenses().get(1).adopt()).isFalse();
        assertThat(set.settings().removalGraceDays()).isEqualTo(30);
    }

    @Test
    void badLifecycleValuesAreReportedAtTheirPlace() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: sales
                    group: Sales
                    licenses:
                      - sku: E3
                        adopt: "yes"
                        reclaim: {inactiveDays: 0, disabledAcounts: true}
                      - sku: E5
                        reclaim: {}
                settings:
                  removalGraceDays: -1
                """)).containsExactly(
                "p.yaml:6:16: 'adopt' must be true or false, not a string",
                "p.yaml:7:33: 'inactiveDays' must be a whole number from 1 to 3650, not 0",
                "p.yaml:7:36: unknown key 'disabledAcounts' (did you mean 'disabledAccounts'?)",
                "p.yaml:9:9: 'reclaim' reclaims nothing: give inactiveDays, or disabledAccounts: true",
                "p.yaml:11:21: 'removalGraceDays' must be a whole number from 0 to 3650, not -1");
    }

    @Test
    void unknownTopLevelKeyIsSuggested() {
        assertThat(problems("p.yaml", "policy:\n  - name: a\n")).containsExactly(
                "p.yaml:1:1: unknown key 'policy' (did you mean 'policies'?)");
    }

    @Test
    void missingRequiredKeysAreReportedAtTheirMap() {
        assertThat(problems("p.yaml", """
                policies:
                  - group: Sales
                    licenses:
                      - disabledPlans: [A]
                  - name: b
                """)).containsExactly(
                "p.yaml:2:5: missing required key 'name'",
                "p.yaml:4:9: missing required key 'sku'",
                "p.yaml:5:5: missing required key 'group'",
                "p.yaml:5:5: missing required key 'licenses'");
    }

    @Test
    void wrongTypesAreReportedAtTheValue() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: a
                    group: [Sales]
                    priority: high
                    licenses:
                      - sku: X
                        prune: yes
                        disabledPlans: A
                      - just-a-string
                settings:
                  maxRemovals: -1
                  maxRemovalsPercent: 101
                  reserve: {X: 1.5}
                  includeDisabledAccounts: "true"
                  protectedUsers: [true]
                """)).containsExactly(
                "p.yaml:3:12: 'group' must be a string, not a list",
                "p.yaml:4:15: 'priority' must be a whole number from -2147483648 to 2147483647, not a string",
                "p.yaml:7:16: 'prune' must be true or false, not a string",
                "p.yaml:8:24: 'disabledPlans' must be a list, not a string",
                "p.yaml:9:9: a license is a map with sku (and optionally disabledPlans, enabledPlans, prune, adopt, reclaim), not a string",
                "p.yaml:11:16: 'maxRemovals' must be a whole number from 0 to 2147483647, not -1",
                "p.yaml:12:23: 'maxRemovalsPercent' must be a whole number from 0 to 100, not 101",
                "p.yaml:13:16: 'X' must be a whole number from 0 to 2147483647, not a decimal number",
                "p.yaml:14:28: 'includeDisabledAccounts' must be true or false, not a string",
                "p.yaml:15:20: an entry of 'protectedUsers' must be a string, not a boolean (quote it if you mean the text)");
    }

    @Test
    void keyWithoutValueIsReported() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: a
                    group:
                    licenses:
                """)).containsExactly(
                "p.yaml:3:5: 'group' has no value",
                "p.yaml:4:5: 'licenses' has no value");
    }

    @Test
    void policyWithoutLicensesIsReported() {
        assertThat(problems("p.yaml", "policies:\n  - {name: a, group: A, licenses: []}\n")).containsExactly(
                "p.yaml:2:35: 'licenses' is empty: a policy grants at least one license");
    }

    @Test
    void usageLocationMustBeATwoLetterCapitalCountryCode() {
        assertThat(problems("p.yaml", """
                policies:
                  - {name: a, group: A, usageLocation: us, licenses: [{sku: X}]}
                  - {name: b, group: A, usageLocation: USA, licenses: [{sku: X}]}
                """)).containsExactly(
                "p.yaml:2:40: usageLocation must be a two-letter ISO 3166 country code in capitals, such as US or DE, not 'us'",
                "p.yaml:3:40: usageLocation must be a two-letter ISO 3166 country code in capitals, such as US or DE, not 'USA'");
    }

    @Test
    void disabledAndEnabledPlansTogetherAreRefused() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: a
                    group: A
                    licenses:
                      - sku: X
                        disabledPlans: [A]
                        enabledPlans: [B]
                """)).containsExactly("p.yaml:7:9: use either disabledPlans or enabledPlans (an allow-list), not both");
    }

    @Test
    void sameSkuTwiceInOnePolicyIsReported() {
        assertThat(problems("p.yaml", "policies:\n  - {name: a, group: A, licenses: [{sku: X}, {sku: X}]}\n"))
                .containsExactly("p.yaml:2:46: sku 'X' is granted twice by this policy (first at p.yaml:2:36)");
    }

    @Test
    void duplicatePolicyNameSaysWhereTheFirstOneIs() {
        assertThat(problems(
                "p/a.yaml", "policies:\n  - {name: sales, group: A, licenses: [{sku: X}]}\n",
                "p/b.yaml", "policies:\n  - {name: other, group: A, licenses: [{sku: X}]}\n  - {name: sales, group: B, licenses: [{sku: Y}]}\n"))
                .containsExactly("p/b.yaml:3:12: duplicate policy name 'sales' (first defined at p/a.yaml:2:12)");
    }

    @Test
    void duplicateKeyInOneMapIsReported() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: a
                    group: A
                    group: B
                    licenses: [{sku: X}]
                """)).containsExactly("p.yaml:4:5: duplicate key 'group' (first written at p.yaml:3:5)");
    }

    @Test
    void twoFilesWithSettingsAreRefused() {
        assertThat(problems(
                "p/a.yaml", "settings:\n  maxRemovals: 5\n",
                "p/b.yaml", "policies: []\nsettings:\n  maxRemovals: 6\n"))
                .containsExactly("p/b.yaml:2:1: settings are already defined at p/a.yaml:1:1;"
                        + " at most one policy file may hold 'settings:'");
    }

    @Test
    void emptyFilesAreReported() {
        assertThat(problems(
                "p/blank.yaml", "",
                "p/comments.yaml", "# nothing here yet\n",
                "p/braces.yaml", "{}\n")).containsExactly(
                "p/blank.yaml:1:1: the file is empty",
                "p/braces.yaml:1:1: the file is empty",
                "p/comments.yaml:1:1: the file is empty");
    }

    @Test
    void fileThatIsNotAMapIsReported() {
        assertThat(problems("p.yaml", "- name: a\n")).containsExactly(
                "p.yaml:1:1: a policy file is a map with 'policies:' and/or 'settings:', not a list");
    }

    @Test
    void yamlSyntaxErrorIsReportedWhereTheParserStopped() {
        List<String> problems = problems("p.yaml", """
                policies:
                  - name: a
                    group: "Sales
                    licenses: [{sku: X}]
                """);

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("p.yaml:").contains("YAML syntax error");
    }

    @Test
    void secondYamlDocumentIsRefused() {
        assertThat(problems("p.yaml", "policies: []\n---\npolicies: []\n"))
                .containsExactly("p.yaml:3:1: a policy file holds one YAML document; remove the second one");
    }

    @Test
    void invalidScheduleIsReportedWithTheCronParsersMessage() {
        assertThat(problems("p.yaml", "settings:\n  schedule: \"0 2 * * *\"\n")).containsExactly(
                "p.yaml:2:13: schedule '0 2 * * *' is not a valid Quartz cron expression: Unexpected end of expression.");
    }

    @Test
    void noFilesAtAllIsAProblem() {
        assertThat(loader.load(List.of()).problems()).extracting(PolicyProblem::message)
                .containsExactly("no policy files (*.yaml, *.yml) to load");
    }

    @Test
    void allProblemsInAllFilesAreReportedTogetherSorted() {
        assertThat(problems(
                "p/z.yaml", "policies:\n  - name: z\n    grop: A\n    licenses: [{sku: X}]\n",
                "p/a.yaml", "policies:\n  - {name: a, group: A, priority: 1.5, licenses: [{sku: X}]}\n",
                "p/m.yaml", "policies: [\n",
                "p/s1.yaml", "settings: {maxRemovals: x}\n",
                "p/s2.yaml", "settings: {}\n"))
                .hasSize(6)
                .satisfies(problems -> {
                    assertThat(problems.get(0)).isEqualTo("p/a.yaml:2:35: 'priority' must be a whole number from -2147483648 to 2147483647, not a decimal number");
                    assertThat(problems.get(1)).startsWith("p/m.yaml:").contains("YAML syntax error");
                    assertThat(problems.get(2)).isEqualTo("p/s1.yaml:1:25: 'maxRemovals' must be a whole number from 0 to 2147483647, not a string");
                    assertThat(problems.get(3)).isEqualTo("p/s2.yaml:1:1: settings are already defined at p/s1.yaml:1:1;"
                            + " at most one policy file may hold 'settings:'");
                    assertThat(problems.get(4)).isEqualTo("p/z.yaml:2:5: missing required key 'group'");
                    assertThat(problems.get(5)).isEqualTo("p/z.yaml:3:5: unknown key 'grop' (did you mean 'group'?)");
                });
    }

    @Test
    void yamlAliasesAreRefusedClearly() {
        assertThat(problems("p.yaml", """
                policies:
                  - name: a
                    group: A
                    licenses: &e3
                      - sku: X
                  - name: b
                    group: B
                    licenses: *e3
                """)).containsExactly("p.yaml:8:15: 'licenses' must be a list, not a YAML alias"
                + " (policy files do not support anchors and aliases; repeat the value)");
    }

    @Test
    void windowsLineEndingsKeepLinesAndColumns() {
        assertThat(problems("p.yaml", "policies:\r\n  - name: a\r\n    prority: 1\r\n    group: A\r\n    licenses: [{sku: X}]\r\n"))
                .containsExactly("p.yaml:3:5: unknown key 'prority' (did you mean 'priority'?)");
    }

    @Test
    void tabIndentationIsASyntaxErrorAtTheTab() {
        assertThat(problems("p.yaml", "policies:\n\t- name: a\n")).singleElement().asString()
                .startsWith("p.yaml:2:1: YAML syntax error:").contains("TAB");
    }

    @Test
    void keySuggestionsCatchTyposButNotUnrelatedWords() {
        assertThat(KeySuggestions.closest("prority", PolicyLoader.POLICY_KEYS)).contains("priority");
        assertThat(KeySuggestions.closest("UsageLocation", PolicyLoader.POLICY_KEYS)).contains("usageLocation");
        assertThat(KeySuggestions.closest("license", PolicyLoader.POLICY_KEYS)).contains("licenses");
        assertThat(KeySuggestions.closest("policy", PolicyLoader.FILE_KEYS)).contains("policies");
        assertThat(KeySuggestions.closest("colour", PolicyLoader.SETTINGS_KEYS)).isEmpty();
        assertThat(KeySuggestions.closest("id", PolicyLoader.POLICY_KEYS)).isEmpty();
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedBeforeParsing() {
        String huge = "policies: " + "a".repeat(PolicyLimits.MAX_FILE_BYTES) + "\n";

        assertThat(problems("p/huge.yaml", huge)).containsExactly("p/huge.yaml:1:1: the file is too large ("
                + huge.length() + " characters); a policy file may be at most 1024 KiB: split the policies over several files");
    }

    @Test
    void aLongRunWithoutSpacesIsRefusedAtItsStartBeforeParsing() {
        // Below the file limit, but the parser's time grows with the square of such a run.
        String text = "policies:\n  - name: " + "x".repeat(PolicyLimits.MAX_UNBROKEN_RUN + 1) + "\n";

        assertThat(problems("p.yaml", text)).containsExactly("p.yaml:2:11: more than 65536 characters without a space"
                + " or line break; no policy key or value is longer than 4096 characters");
    }

    @Test
    void aValueOrKeyLongerThanTheLimitIsAProblemAtItsPlace() {
        String longName = "n ".repeat(3000);
        String longKey = "k ".repeat(3000).strip();

        assertThat(problems("p.yaml", "policies:\n  - name: \"" + longName + "\"\n    group: A\n    licenses: [{sku: X}]\n"
                + "settings:\n  ? \"" + longKey + "\"\n  : 1\n")).containsExactly(
                "p.yaml:2:11: 'name' must be a string, not a value longer than 4096 characters",
                "p.yaml:6:5: a key of 5999 characters; policy files hold at most 4096 characters in one key or value");
    }

    @Test
    void deepNestingIsAProblemWhereItGoesTooDeep() {
        String text = "policies:\n  - name: " + "[".repeat(200) + "]".repeat(200) + "\n";

        assertThat(problems("p.yaml", text)).singleElement().isEqualTo("p.yaml:2:" + (11 + PolicyLimits.MAX_NESTING_DEPTH - 2)
                + ": maps and lists are nested more than 32 levels deep; a policy file needs at most six");
    }

    @Test
    void aControlCharacterIsReportedAtItsLineAndColumn() {
        assertThat(problems("p.yaml", "policies:\n  - name: a\u0000b\n")).containsExactly(
                "p.yaml:2:12: the character U+0000 is not allowed in a YAML file (a control character or a broken encoding)");
    }

    @Test
    void binaryValuesAreRefused() {
        assertThat(problems("p.yaml", "policies:\n  - name: !!binary aGVsbG8=\n    group: A\n    licenses: [{sku: X}]\n"))
                .containsExactly("p.yaml:2:11: 'name' must be a string, not a !!binary value (write the value as text)");
    }

    @Test
    void everyWholeNumberProblemStatesTheRange() {
        assertThat(problems("p.yaml", "settings:\n  maxRemovals: 99999999999\n")).containsExactly(
                "p.yaml:2:16: 'maxRemovals' must be a whole number from 0 to 2147483647, not 99999999999");
    }
}
