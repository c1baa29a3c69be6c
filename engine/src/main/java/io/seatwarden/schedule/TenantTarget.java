package io.seatwarden.schedule;

import io.seatwarden.graph.CredentialsReference;

import io.seatwarden.policy.SourceLocation;

import java.net.URI;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One tenant the service reconciles: where its Graph endpoint is, how to authenticate, which
 * policies apply and when.
 *
 * @param displayName for reports; the key when none is given
 * @param schedule a Quartz cron expression; when empty, {@code settings.schedule} of the policies
 *        (or {@link io.seatwarden.policy.Settings#DEFAULT_SCHEDULE})
 * @param timeZone the zone the cron is read in; when empty, the service's default zone
 * @param location where the tenant was declared, for messages
 */
public record TenantTarget(
        TenantKey key,
        String displayName,
        URI graphUrl,
        CredentialsReference credentials,
        Path policies,
        Optional<String> schedule,
        Optional<ZoneId> timeZone,
        SourceLocation location) {
    public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.microsoft.com/v1.0");

    public TenantTarget {
        requireNonNull(key, "key is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(graphUrl, "graphUrl is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(policies, "policies is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(location, "location is null");
    }
}
