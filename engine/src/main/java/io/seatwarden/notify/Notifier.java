package io.seatwarden.notify;

import io.seatwarden.policy.NotifyTarget;
import io.seatwarden.reconcile.RunResult;

import java.util.List;

/**
 * Tells the webhooks of {@code settings.notify} what a run did.
 *
 * <pre>{@code
 * List<Delivery> deliveries = notifier.notify(result, new NoticeContext("contoso", catalog), settings.notifications());
 * deliveries.forEach(delivery -> System.err.println(delivery.describe()));
 * }</pre>
 *
 * <p>Each target hears one message per run, holding the events it asked for that happened; a target that
 * hears none of them is not called. Never throws for a receiver's trouble: a notification that could not be
 * delivered is a {@link Delivery} with a problem, and the run's outcome stays what it was. Thread-safe.
 */
public interface Notifier {
    /** @return one entry per target that was called, in the order of {@code targets} */
    List<Delivery> notify(RunResult result, NoticeContext context, List<NotifyTarget> targets);

    /** Tells no one (tests of other areas, runs without a notifier). */
    static Notifier none() {
        return (result, context, targets) -> List.of();
    }
}
