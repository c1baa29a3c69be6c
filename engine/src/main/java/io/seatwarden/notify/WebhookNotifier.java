package io.seatwarden.notify;

import io.seatwarden.graph.Sleeper;
import io.seatwarden.policy.NotifyEvent;
import io.seatwarden.policy.NotifyTarget;
import io.seatwarden.reconcile.RunResult;
import jakarta.inject.Inject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Posts notices to webhooks with {@code java.net.http}: one POST of {@code application/json} per target, a
 * connect and a request time-out, and the retries {@link DeliveryPolicy} decides (the {@link Sleeper} waits,
 * so tests never do). Redirects are not followed (a webhook that redirects is misconfigured, and following
 * could leave https). Nothing it reports holds the URL: exception texts are scrubbed of it.
 */
public final class WebhookNotifier implements Notifier {
    private static final int BODY_PEEK = 512;

    private final Clock clock;
    private final Sleeper sleeper;
    private final DeliveryPolicy policy;
    private final Payloads payloads = new Payloads();
    private HttpClient client;

    @Inject
    public WebhookNotifier(Clock clock) {
        this(clock, Sleeper.system(), DeliveryPolicy.defaults());
    }

    public WebhookNotifier(Clock clock, Sleeper sleeper, DeliveryPolicy policy) {
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    @Override
    public List<Delivery> notify(RunResult result, NoticeContext context, List<NotifyTarget> targets) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Notice notice = Notices.of(result, context, clock.instant());
        List<Delivery> deliveries = new ArrayList<>();
        for (NotifyTarget target : targets) {
            List<Notice.Event> events = notice.heardBy(target.on());
            if (!events.isEmpty()) {
                deliveries.add(deliver(target, payloads.render(target.format(), notice, events),
                        events.stream().map(Notice.Event::kind).toList()));
            }
        }
        return deliveries;
    }

    private Delivery deliver(NotifyTarget target, byte[] body, List<NotifyEvent> events) {
        String shown = target.url().toString();
        URI uri;
        try {
            uri = URI.create(target.url().secret());
        } catch (IllegalArgumentException e) {
            return new Delivery(shown, events, 0, Optional.of("the URL is not a valid URI"));
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(policy.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "seatwarden")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int attempt = 0;
        while (true) {
            attempt++;
            DeliveryPolicy.Attempt outcome = post(request, target);
            if (outcome instanceof DeliveryPolicy.Answered answered && answered.delivered()) {
                return new Delivery(shown, events, attempt, Optional.empty());
            }
            Optional<Duration> delay = policy.nextDelay(attempt, outcome);
            if (delay.isEmpty()) {
                return new Delivery(shown, events, attempt, Optional.of(describe(outcome)));
            }
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Delivery(shown, events, attempt, Optional.of("interrupted while waiting to retry after " + describe(outcome)));
            }
        }
    }

    private DeliveryPolicy.Attempt post(HttpRequest request, NotifyTarget target) {
        try {
            HttpResponse<String> response = client().send(request, HttpResponse.BodyHandlers.ofString());
            String peek = response.body() == null ? "" : response.body().substring(0, Math.min(BODY_PEEK, response.body().length()));
            return new DeliveryPolicy.Answered(response.statusCode(), retryAfter(response), peek.contains("HTTP error 429"));
        } catch (HttpTimeoutException e) {
            return new DeliveryPolicy.NoAnswer("timed out");
        } catch (IOException e) {
            return new DeliveryPolicy.NoAnswer(scrub(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), target));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryPolicy.NoAnswer("interrupted");
        }
    }

    private synchronized HttpClient client() {
        // Built on first use, not at injection: a client starts a selector thread.
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(policy.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    /** {@code Retry-After} in seconds; the HTTP-date form is left to the back-off. */
    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static String describe(DeliveryPolicy.Attempt outcome) {
        if (outcome instanceof DeliveryPolicy.Answered answered) {
            return answered.throttledInBody() ? "throttled (HTTP " + answered.status() + " saying HTTP error 429)"
                    : "HTTP " + answered.status();
        }
        return ((DeliveryPolicy.NoAnswer) outcome).reason();
    }

    /** An exception's text may quote the address it failed on: keep only what {@code WebhookUrl} shows. */
    static String scrub(String text, NotifyTarget target) {
        String secret = target.url().secret();
        String scrubbed = text.replace(secret, target.url().toString());
        int schemeEnd = secret.indexOf("://");
        int pathStart = schemeEnd < 0 ? -1 : indexOfAny(secret, schemeEnd + 3);
        if (pathStart > 0 && pathStart < secret.length() - 1) {
            scrubbed = scrubbed.replace(secret.substring(pathStart), "/…");
        }
        return scrubbed.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)) ? "(details withheld: they quote the URL)" : scrubbed;
    }

    private static int indexOfAny(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return -1;
    }
}
