package io.seatwarden.notify;

import com.google.inject.AbstractModule;

/** Notifications: webhooks over {@code java.net.http}. Binds only; the HTTP client is built on first use. */
public final class NotifyModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(Notifier.class).to(WebhookNotifier.class);
        bind(WebhookNotifier.class);
    }
}
