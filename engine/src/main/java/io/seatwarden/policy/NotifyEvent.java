package io.seatwarden.policy;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told about, named as in {@code settings.notify[].on}. */
public enum NotifyEvent {
    /** Users are waiting for seats. */
    SHORTAGE("shortage"),
    /** A change or the whole run failed. */
    FAILURE("failure"),
    /** The removal guard held removals back. */
    GUARD("guard"),
    /** Entra's own group licensing reports errors for users in scope. */
    LICENSE_ERRORS("licenseErrors"),
    /** A summary of what a run changed. */
    APPLIED("applied");

    private final String key;

    NotifyEvent(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<NotifyEvent> fromKey(String key) {
        return Arrays.stream(values()).filter(event -> event.key.equals(key)).findFirst();
    }
}
