package io.seatwarden.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seatwarden.policy.NotifyFormat;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.seatwarden.notify.NoticeFixtures.CONTEXT;
import static org.assertj.core.api.Assertions.assertThat;

class PayloadsTest {
    private static final Notice NOTICE = Notices.of(NoticeFixtures.everything(), CONTEXT, Instant.parse("2026-01-01T02:00:00Z"));

    private static String render(NotifyFormat format) {
        return new String(new Payloads().render(format, NOTICE, NOTICE.events()), StandardCharsets.UTF_8);
    }

    private static JsonNode json(NotifyFormat format) throws IOException {
        return new ObjectMapper().readTree(render(format));
    }

    @Test
    void theGenericDocumentNamesTenantRunAndEachEventWithItsSkus() throws IOException {
        JsonNode document = json(NotifyFormat.JSON);

        assertThat(document.path("source").asText()).isEqualTo("seatwarden");
        assertThat(document.path("tenant").path("name").asText()).isEqualTo("Contoso");
        assertThat(document.path("tenant").path("id").asText()).isNotEmpty();
        assertThat(document.path("run").path("id").asText()).isEqualTo(NoticeFixtures.RUN.toString());
        assertThat(document.path("run").path("exitCode").asInt()).isEqualTo(1);
        assertThat(document.path("run").path("at").asText()).isEqualTo("2026-01-01T02:00:00Z");
        JsonNode shortage = document.path("events").get(0);
        assertThat(shortage.path("event").asText()).isEqualTo("shortage");
        assertThat(shortage.path("counts").path("usersWaiting").asInt()).isEqualTo(2);
        assertThat(shortage.path("skus").get(0).path("skuPartNumber").asText()).isEqualTo("ENTERPRISEPACK");
        assertThat(shortage.path("skus").get(0).path("productName").asText()).isEqualTo("Office 365 E3");
        assertThat(shortage.path("skus").get(0).path("counts").path("usersWaiting").asInt()).isEqualTo(2);
        assertThat(document.path("events")).extracting(event -> event.path("event").asText())
                .containsExactly("shortage", "failure", "guard", "applied");
    }

    @Test
    void teamsGetsAnAdaptiveCardMessageThatLinksNothing() throws IOException {
        JsonNode message = json(NotifyFormat.TEAMS);

        assertThat(message.path("type").asText()).isEqualTo("message");
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.has("contentUrl")).isTrue();
        assertThat(attachment.path("contentUrl").isNull()).isTrue();
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("Seatwarden: tenant Contoso");
        assertThat(card.path("actions").isMissingNode()).isTrue();
        assertThat(card.toString()).contains("2 users are waiting for seats", "ENTERPRISEPACK (Office 365 E3)", "2 users waiting",
                "the removal guard held back 2 removals");
        // Only the card schema's own identifier is a URL: no link, image or action points anywhere.
        assertThat(card.toString().replace("http://adaptivecards.io/schemas/adaptive-card.json", "")).doesNotContain("http");
    }

    @Test
    void slackGetsFallbackTextAndBlocks() throws IOException {
        JsonNode message = json(NotifyFormat.SLACK);

        assertThat(message.path("text").asText()).startsWith("Seatwarden: tenant Contoso: 2 users are waiting for seats; 1 change failed");
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks.get(1).path("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).path("text").path("text").asText())
                .startsWith("*2 users are waiting for seats*\n• ENTERPRISEPACK (Office 365 E3): 2 users waiting");
        assertThat(blocks.get(blocks.size() - 1).path("type").asText()).isEqualTo("context");
        assertThat(message.toString()).doesNotContain("http");
    }

    @Test
    void slackMarkupInNamesIsEscaped() {
        assertThat(Payloads.slackText("<!channel> & co")).isEqualTo("&lt;!channel&gt; &amp; co");
    }
}
