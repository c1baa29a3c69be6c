package io.seatwarden.policy;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code settings.prices}, {@code settings.currency} and {@code settings.notify}: read, and refused with their place. */
class SignalSettingsLoaderTest {
    private final PolicyLoader loader = new PolicyLoader(expression -> Optional.empty());

    private PolicyLoadResult load(String text) {
        return loader.load(List.of(new PolicySource("p/settings.yaml", text)));
    }

    private List<String> problems(String text) {
        PolicyLoadResult result = load(text);
        assertThat(result.policySet()).isEmpty();
        return result.problems().stream().map(PolicyProblem::toString).toList();
    }

    @Test
    void readsPricesExactlyAsWritten() {
        Settings settings = load("""
                settings:
                  prices: {ENTERPRISEPACK: 23, Microsoft 365 E5: 57.10, FREE: 0, POWER_BI_PRO: 9.9999}
                  currency: EUR
                """).policySet().orElseThrow().settings();

        assertThat(settings.prices()).containsOnlyKeys("ENTERPRISEPACK", "Microsoft 365 E5", "FREE", "POWER_BI_PRO");
        assertThat(settings.prices().get("Microsoft 365 E5")).isEqualTo(new BigDecimal("57.10"));
        assertThat(settings.prices().get("POWER_BI_PRO")).isEqualTo(new BigDecimal("9.9999"));
        assertThat(settings.currency()).contains("EUR");
        assertThat(settings.notifications()).isEmpty();
    }

    @Test
    void pricesNeedACurrencyAndSaneAmounts() {
        assertThat(problems("settings:\n  prices: {X: 10}\n"))
                .containsExactly("p/settings.yaml:2:3: 'prices' needs a 'currency' (an ISO 4217 code such as EUR or USD)"
                        + " so that reports say what the amounts are in");
        assertThat(problems("settings:\n  currency: EUR\n  prices: {X: -1, Y: 1.23456, Z: ten}\n"))
                .containsExactly(
                        "p/settings.yaml:3:15: the price of 'X' must be a number of at least 0 with at most 4 decimals (per seat per month), not -1",
                        "p/settings.yaml:3:22: the price of 'Y' must be a number of at least 0 with at most 4 decimals (per seat per month), not 1.23456",
                        "p/settings.yaml:3:34: the price of 'Z' must be a number of at least 0 with at most 4 decimals (per seat per month), not a string");
        assertThat(problems("settings:\n  currency: XYZ\n"))
                .containsExactly("p/settings.yaml:2:13: currency must be an ISO 4217 code in capitals, such as EUR or USD, not 'XYZ'");
    }

    @Test
    void readsNotifyTargetsWithJsonAsTheDefaultFormat() {
        Settings settings = load("""
                settings:
                  notify:
                    - url: https://contoso.webhook.office.com/webhookb2/secret-path
                      on: [shortage, failure]
                      format: teams
                    - url: http://127.0.0.1:8080/hook
                      on: [guard, licenseErrors, applied]
                """).policySet().orElseThrow().settings();

        assertThat(settings.notifications()).hasSize(2);
        NotifyTarget teams = settings.notifications().get(0);
        assertThat(teams.url().secret()).isEqualTo("https://contoso.webhook.office.com/webhookb2/secret-path");
        assertThat(teams.on()).isEqualTo(Set.of(NotifyEvent.SHORTAGE, NotifyEvent.FAILURE));
        assertThat(teams.format()).isEqualTo(NotifyFormat.TEAMS);
        assertThat(teams.location()).hasToString("p/settings.yaml:3:7");
        assertThat(settings.notifications().get(1).format()).isEqualTo(NotifyFormat.JSON);
        assertThat(settings.notifications().get(1).on())
                .isEqualTo(Set.of(NotifyEvent.GUARD, NotifyEvent.LICENSE_ERRORS, NotifyEvent.APPLIED));
    }

    @Test
    void aWebhookUrlNeverAppearsInToStringOrInAProblem() {
        Settings settings = load("settings:\n  notify: [{url: 'https://hooks.slack.com/services/T0/B0/tok3n', on: [shortage]}]\n")
                .policySet().orElseThrow().settings();
        assertThat(settings.toString()).doesNotContain("tok3n").contains("https://hooks.slack.com/…");

        List<String> refused = problems("settings:\n  notify: [{url: 'http://hooks.example.com/services/tok3n', on: [shortage]}]\n");
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0)).startsWith("p/settings.yaml:2:18: notify url must use https").doesNotContain("tok3n");
    }

    @Test
    void plainHttpOnlyToLoopback() {
        for (String url : List.of("http://127.0.0.1/x", "http://localhost:9000/x", "http://[::1]:80/x", "https://a.example")) {
            assertThat(WebhookUrl.parse(url).url()).as(url).isPresent();
        }
        for (String url : List.of("http://10.0.0.1/x", "http://localhost.example.com/x", "https://user:pw@a.example/x",
                "ftp://127.0.0.1/x", "hooks.slack.com/x", "https://a.example/has space")) {
            assertThat(WebhookUrl.parse(url).url()).as(url).isEmpty();
        }
    }

    @Test
    void notifyEntriesAreCheckedKeyByKey() {
        assertThat(problems("""
                settings:
                  notify:
                    - {url: 'https://a.example/x', on: [shortages], format: email, secret: s}
                    - {on: []}
                """)).containsExactly(
                "p/settings.yaml:3:40: unknown notify event 'shortages' (did you mean 'shortage'?)",
                "p/settings.yaml:3:61: notify format must be one of json, teams, slack, not 'email'",
                "p/settings.yaml:3:68: unknown key 'secret' (expected one of: url, on, format)",
                "p/settings.yaml:4:7: missing required key 'url'",
                "p/settings.yaml:4:12: 'on' is empty: name at least one of shortage, failure, guard, licenseErrors, applied");
    }
}
