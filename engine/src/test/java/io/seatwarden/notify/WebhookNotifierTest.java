package io.seatwarden.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.policy.NotifyEvent;
import io.seatwarden.policy.NotifyFormat;
import io.seatwarden.policy.NotifyTarget;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.policy.WebhookUrl;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.seatwarden.notify.NoticeFixtures.CONTEXT;
import static io.seatwarden.notify.TestingWebhookReceiver.Answer;
import static org.assertj.core.api.Assertions.assertThat;

/** The sender against a real HTTP receiver on a loopback port; its back-off waits go to a testing sleeper. */
class WebhookNotifierTest {
    /** Time-outs generous enough for a loaded machine; waits of 1 s, 2 s, ... never really waited. */
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(3, Duration.ofSeconds(10), Duration.ofSeconds(20),
            Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final TestingSleeper sleeper = new TestingSleeper();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-01-01T02:00:00Z"));
    private final WebhookNotifier notifier = new WebhookNotifier(clock, sleeper, POLICY);

    private static NotifyTarget target(String url, NotifyFormat format, NotifyEvent... on) {
        return new NotifyTarget(WebhookUrl.parse(url).url().orElseThrow(), Set.of(on), format, SourceLocation.unknown("test"));
    }

    private static JsonNode body(String received) throws IOException {
        return new ObjectMapper().readTree(received.substring(received.indexOf('\n') + 1));
    }

    @Test
    void eachEventReachesTheTargetsThatAskedForItInEachFormat() throws IOException {
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start()) {
            List<Delivery> deliveries = notifier.notify(NoticeFixtures.everything(), CONTEXT, List.of(
                    target(receiver.url(), NotifyFormat.JSON, NotifyEvent.values()),
                    target(receiver.url(), NotifyFormat.TEAMS, NotifyEvent.SHORTAGE),
                    target(receiver.url(), NotifyFormat.SLACK, NotifyEvent.GUARD, NotifyEvent.FAILURE),
                    target(receiver.url(), NotifyFormat.JSON, NotifyEvent.APPLIED),
                    target(receiver.url(), NotifyFormat.JSON, NotifyEvent.LICENSE_ERRORS)));

            // The last target hears only licenseErrors, which this run has none of: it is not called.
            assertThat(deliveries).hasSize(4).allMatch(Delivery::delivered);
            assertThat(deliveries.get(2).events()).containsExactly(NotifyEvent.FAILURE, NotifyEvent.GUARD);
            List<String> bodies = receiver.bodies();
            assertThat(bodies).hasSize(4).allMatch(body -> body.startsWith("POST /services/" + TestingWebhookReceiver.SECRET
                    + " application/json; charset=utf-8\n"));
            assertThat(body(bodies.get(0)).path("events")).extracting(event -> event.path("event").asText())
                    .containsExactly("shortage", "failure", "guard", "applied");
            assertThat(body(bodies.get(1)).path("attachments").get(0).path("content").toString())
                    .contains("2 users are waiting for seats").doesNotContain("removal guard");
            assertThat(body(bodies.get(2)).path("blocks").toString()).contains("1 change failed", "the removal guard held back 2 removals")
                    .doesNotContain("waiting for seats*");
            assertThat(body(bodies.get(3)).path("events").get(0).path("counts").path("usersChanged").asInt()).isEqualTo(1);
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedWithBackOffAndRetryAfter() {
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start(Answer.status(503),
                new Answer(429, Map.of("Retry-After", "7"), "", false))) {
            List<Delivery> deliveries = notifier.notify(NoticeFixtures.everything(), CONTEXT,
                    List.of(target(receiver.url(), NotifyFormat.JSON, NotifyEvent.SHORTAGE)));

            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.delivered()).isTrue();
                assertThat(delivery.attempts()).isEqualTo(3);
            });
            assertThat(receiver.bodies()).hasSize(3);
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(7));
        }
    }

    @Test
    void aTeamsConnectorThrottlingInsideA200IsRetried() {
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start(
                new Answer(200, Map.of(), "Microsoft Teams endpoint returned HTTP error 429 with ContextId ...", false))) {
            List<Delivery> deliveries = notifier.notify(NoticeFixtures.everything(), CONTEXT,
                    List.of(target(receiver.url(), NotifyFormat.TEAMS, NotifyEvent.SHORTAGE)));

            assertThat(deliveries).singleElement().satisfies(delivery -> assertThat(delivery.attempts()).isEqualTo(2));
            assertThat(deliveries.get(0).delivered()).isTrue();
        }
    }

    @Test
    void retriesAreBoundedAndARefusalIsNotRetried() {
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start(Answer.status(500), Answer.status(502), Answer.status(504),
                Answer.status(404))) {
            List<Delivery> deliveries = notifier.notify(NoticeFixtures.everything(), CONTEXT, List.of(
                    target(receiver.url(), NotifyFormat.JSON, NotifyEvent.SHORTAGE),
                    target(receiver.url(), NotifyFormat.SLACK, NotifyEvent.SHORTAGE)));

            assertThat(deliveries.get(0).problem()).contains("HTTP 504");
            assertThat(deliveries.get(0).attempts()).isEqualTo(3);
            assertThat(deliveries.get(1).problem()).contains("HTTP 404");
            assertThat(deliveries.get(1).attempts()).isEqualTo(1);
            assertThat(receiver.bodies()).hasSize(4);
            assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndIsRetried() {
        try (TestingWebhookReceiver receiver = TestingWebhookReceiver.start(Answer.never(), Answer.never(), Answer.never())) {
            // A short request time-out, so the test does not wait long for answers that never come.
            WebhookNotifier impatient = new WebhookNotifier(clock, sleeper, new DeliveryPolicy(3, Duration.ofSeconds(10),
                    Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(30)));
            List<Delivery> deliveries = impatient.notify(NoticeFixtures.everything(), CONTEXT,
                    List.of(target(receiver.url(), NotifyFormat.JSON, NotifyEvent.FAILURE)));

            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.problem()).contains("timed out");
                assertThat(delivery.attempts()).isEqualTo(3);
            });
        }
    }

    @Test
    void aReceiverThatIsDownIsAWarningThatNeverShowsTheSecret() {
        TestingWebhookReceiver receiver = TestingWebhookReceiver.start();
        String url = receiver.url();
        receiver.close();

        List<Delivery> deliveries = notifier.notify(NoticeFixtures.everything(), CONTEXT,
                List.of(target(url, NotifyFormat.SLACK, NotifyEvent.SHORTAGE)));

        assertThat(deliveries).singleElement().satisfies(delivery -> {
            assertThat(delivery.delivered()).isFalse();
            assertThat(delivery.attempts()).isEqualTo(3);
            assertThat(delivery.target()).isEqualTo("http://127.0.0.1/…");
            assertThat(delivery.describe()).startsWith("warning: could not notify http://127.0.0.1/… of shortage (")
                    .endsWith("3 attempts); the run's outcome is unchanged")
                    .doesNotContain("s3cr3t").doesNotContain("SECRET");
        });
    }

    @Test
    void exceptionTextsAreScrubbedOfTheUrl() {
        NotifyTarget target = target("https://hooks.example.test/services/" + TestingWebhookReceiver.SECRET + "?sig=abc",
                NotifyFormat.JSON, NotifyEvent.SHORTAGE);

        assertThat(WebhookNotifier.scrub("failed: https://hooks.example.test/services/" + TestingWebhookReceiver.SECRET + "?sig=abc", target))
                .isEqualTo("failed: https://hooks.example.test/…");
        assertThat(WebhookNotifier.scrub("GET /services/" + TestingWebhookReceiver.SECRET + "?sig=abc failed", target))
                .isEqualTo("GET /… failed");
    }
}
