/**
 * Telling someone: after {@code apply} and each scheduled run, a webhook per {@code settings.notify} entry
 * hears the events of the run it asked for ({@code shortage}, {@code failure}, {@code guard},
 * {@code licenseErrors}, {@code applied}), as Seatwarden's own JSON, a Microsoft Teams Adaptive Card
 * message or a Slack message with blocks.
 *
 * <p>{@link io.seatwarden.notify.Notices} turns a run's result into a {@link io.seatwarden.notify.Notice}
 * (pure); {@link io.seatwarden.notify.Payloads} renders it (pure); {@link io.seatwarden.notify.WebhookNotifier}
 * posts it with {@code java.net.http}, a time-out and bounded retries decided by
 * {@link io.seatwarden.notify.DeliveryPolicy}. A notification never changes a run's outcome or exit code: a
 * failed one comes back as a {@link io.seatwarden.notify.Delivery} the caller prints as a warning. The
 * webhook URL is a credential; only its scheme and host are ever shown.
 */
package io.seatwarden.notify;
