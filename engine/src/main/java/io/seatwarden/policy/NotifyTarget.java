package io.seatwarden.policy;

import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One entry of {@code settings.notify}: a webhook told about some events of {@code apply} and {@code run}.
 *
 * @param url where to post; a secret (its {@code toString} hides it)
 * @param on the events it hears about
 * @param format the payload's shape
 */
public record NotifyTarget(WebhookUrl url, Set<NotifyEvent> on, NotifyFormat format, SourceLocation location) {
    public NotifyTarget {
        requireNonNull(url, "url is null");
        on = Set.copyOf(on);
        requireNonNull(format, "format is null");
        requireNonNull(location, "location is null");
    }

    public boolean hears(NotifyEvent event) {
        return on.contains(event);
    }

    /** The events a target may name, as written in policy files. */
    public static List<String> eventNames() {
        return java.util.Arrays.stream(NotifyEvent.values()).map(NotifyEvent::key).toList();
    }
}
