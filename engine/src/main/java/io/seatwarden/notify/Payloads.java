package io.seatwarden.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seatwarden.policy.NotifyEvent;
import io.seatwarden.policy.NotifyFormat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Renders a notice's events as the body a webhook takes. Pure; links nothing (no URL, image or action), names
 * no user. The shapes are documented in DESIGN.md (Notifications).
 *
 * <ul>
 *   <li>{@code json}: Seatwarden's own document, for any receiver ({@code source}, {@code tenant}, {@code run},
 *       {@code events[]} with counts and SKUs).</li>
 *   <li>{@code teams}: a message with one Adaptive Card attachment, the format Teams' Workflows webhooks
 *       ("When a Teams webhook request is received") take and Office 365 connector incoming webhooks also
 *       accept; the legacy MessageCard is not used, since Workflows do not take it and connectors are retired.</li>
 *   <li>{@code slack}: a Slack incoming-webhook message: {@code text} (the notification's fallback) and Block Kit
 *       {@code blocks}.</li>
 * </ul>
 */
public final class Payloads {
    /** Slack refuses a section text over 3000 characters and a header over 150. */
    private static final int SLACK_SECTION_LIMIT = 3000;
    private static final int SLACK_HEADER_LIMIT = 150;
    /** SKUs listed per event; a tenant has a few dozen at most, but a message stays readable. */
    private static final int MAX_SKUS = 25;

    private final ObjectMapper json;

    public Payloads(ObjectMapper json) {
        this.json = requireNonNull(json, "json is null");
    }

    public Payloads() {
        this(new ObjectMapper());
    }

    /** The body for a target of this format that hears {@code events} (a non-empty subset of the notice's). */
    public byte[] render(NotifyFormat format, Notice notice, List<Notice.Event> events) {
        ObjectNode body = switch (format) {
            case JSON -> generic(notice, events);
            case TEAMS -> teams(notice, events);
            case SLACK -> slack(notice, events);
        };
        try {
            return json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectNode generic(Notice notice, List<Notice.Event> events) {
        ObjectNode root = json.createObjectNode();
        root.put("source", "seatwarden");
        root.put("version", 1);
        ObjectNode tenant = root.putObject("tenant");
        tenant.put("name", notice.tenantName());
        tenant.put("id", notice.tenantId().map(Object::toString).orElse(null));
        ObjectNode run = root.putObject("run");
        run.put("id", notice.runId().map(Object::toString).orElse(null));
        run.put("outcome", notice.outcome().name());
        run.put("exitCode", notice.exitCode());
        run.put("message", notice.message());
        run.put("at", notice.at().toString());
        ArrayNode list = root.putArray("events");
        for (Notice.Event event : events) {
            ObjectNode node = list.addObject();
            node.put("event", event.kind().key());
            node.put("summary", event.headline());
            ObjectNode counts = node.putObject("counts");
            event.counts().forEach(counts::put);
            ArrayNode skus = node.putArray("skus");
            for (Notice.SkuLine sku : event.skus()) {
                ObjectNode skuNode = skus.addObject();
                skuNode.put("skuId", sku.skuId().toString());
                skuNode.put("skuPartNumber", sku.skuPartNumber());
                skuNode.put("productName", sku.productName().orElse(null));
                ObjectNode skuCounts = skuNode.putObject("counts");
                sku.counts().forEach(skuCounts::put);
            }
            ArrayNode lines = node.putArray("lines");
            event.lines().forEach(lines::add);
        }
        return root;
    }

    private ObjectNode teams(Notice notice, List<Notice.Event> events) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("fallbackText", fallback(notice, events));
        ArrayNode body = card.putArray("body");
        textBlock(body, title(notice), true).put("size", "Medium");
        for (Notice.Event event : events) {
            ObjectNode headline = textBlock(body, event.headline(), true);
            headline.put("color", event.kind() == NotifyEvent.APPLIED ? "Good" : "Attention");
            headline.put("separator", true);
            if (!event.skus().isEmpty()) {
                ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
                for (Notice.SkuLine sku : limited(event.skus())) {
                    facts.addObject().put("title", sku.label()).put("value", counts(sku.counts()));
                }
            }
            for (String line : event.lines()) {
                textBlock(body, line, false).put("isSubtle", true);
            }
        }
        textBlock(body, footer(notice), false).put("isSubtle", true).put("size", "Small");
        return root;
    }

    private ObjectNode slack(Notice notice, List<Notice.Event> events) {
        ObjectNode root = json.createObjectNode();
        root.put("text", fallback(notice, events));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(title(notice), SLACK_HEADER_LIMIT));
        for (Notice.Event event : events) {
            StringBuilder text = new StringBuilder("*").append(slackText(event.headline())).append("*");
            for (Notice.SkuLine sku : limited(event.skus())) {
                text.append("\n• ").append(slackText(sku.label())).append(": ").append(counts(sku.counts()));
            }
            if (event.skus().size() > MAX_SKUS) {
                text.append("\n• and ").append(event.skus().size() - MAX_SKUS).append(" more SKUs");
            }
            for (String line : event.lines()) {
                text.append("\n").append(slackText(line));
            }
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", cut(text.toString(), SLACK_SECTION_LIMIT));
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", cut(slackText(footer(notice)), SLACK_SECTION_LIMIT));
        return root;
    }

    private static ObjectNode textBlock(ArrayNode body, String text, boolean bold) {
        ObjectNode block = body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
        if (bold) {
            block.put("weight", "Bolder");
        }
        return block;
    }

    private static String title(Notice notice) {
        return "Seatwarden: tenant " + notice.tenantName();
    }

    private static String footer(Notice notice) {
        return "run " + notice.runId().map(Object::toString).orElse("(not recorded)") + ", outcome " + notice.outcome()
                + " (exit " + notice.exitCode() + ")" + notice.tenantId().map(id -> ", tenant id " + id).orElse("");
    }

    /** The plain text a notification shows where cards are not drawn (a phone's banner, a screen reader). */
    private static String fallback(Notice notice, List<Notice.Event> events) {
        return title(notice) + ": " + events.stream().map(Notice.Event::headline).collect(Collectors.joining("; "));
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().filter(entry -> entry.getValue() != 0 || counts.size() == 1)
                .map(entry -> entry.getValue() + " " + words(entry.getKey())).collect(Collectors.joining(", "));
    }

    /** {@code usersWaiting} as "users waiting". */
    private static String words(String key) {
        return key.replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT);
    }

    private static List<Notice.SkuLine> limited(List<Notice.SkuLine> skus) {
        return skus.size() <= MAX_SKUS ? skus : skus.subList(0, MAX_SKUS);
    }

    /** Slack reads {@code &}, {@code <} and {@code >} as markup ({@code <!channel>} would ping everyone). */
    static String slackText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
