package io.seatwarden.notify;

import io.seatwarden.policy.NotifyEvent;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What became of one webhook's notification. Safe to print: the target is shown by scheme and host only.
 *
 * @param target the webhook, redacted ({@code https://hooks.slack.com/…})
 * @param events what it was told
 * @param attempts how many times it was posted
 * @param problem why it was not delivered; empty when it was
 */
public record Delivery(String target, List<NotifyEvent> events, int attempts, Optional<String> problem) {
    public Delivery {
        requireNonNull(target, "target is null");
        events = List.copyOf(events);
        requireNonNull(problem, "problem is null");
    }

    public boolean delivered() {
        return problem.isEmpty();
    }

    /** One line for stderr or the log. */
    public String describe() {
        String told = events.stream().map(NotifyEvent::key).collect(Collectors.joining(", "));
        return problem.map(reason -> "warning: could not notify " + target + " of " + told + " (" + reason + ", " + attempts
                        + (attempts == 1 ? " attempt" : " attempts") + "); the run's outcome is unchanged")
                .orElse("notified " + target + " of " + told);
    }
}
