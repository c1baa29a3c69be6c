package io.seatwarden.policy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The payload shape a webhook takes: Seatwarden's own JSON (the default), or an incoming webhook's. */
public enum NotifyFormat {
    JSON,
    TEAMS,
    SLACK;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NotifyFormat> fromKey(String key) {
        return Arrays.stream(values()).filter(format -> format.key().equals(key)).findFirst();
    }
}
