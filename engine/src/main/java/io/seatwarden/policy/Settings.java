package io.seatwarden.policy;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The {@code settings:} map (at most one file holds it).
 *
 * @param reserve seats per SKU (skuPartNumber, skuId or product name) the engine leaves free
 * @param maxRemovals the removal guard trips above this many removals in a run
 * @param maxRemovalsPercent ... or above this percentage of a SKU's current holders
 * @param protectedUsers user principal names or object ids that are never changed
 * @param includeDisabledAccounts when false (default) disabled accounts get no new licenses
 * @param countWarningSeats when true, seats in a lapsed subscription's grace period count as available
 * @param schedule Quartz cron expression for {@code run}
 * @param removalGraceDays a removal is first recorded as pending and carried out only once it has been due this
 *     many days (0, the default: at once)
 * @param location where the settings were written, or the policy directory when absent
 * @param prices price per seat per month, per SKU (skuPartNumber, skuId or product name)
 * @param currency ISO 4217 code of those prices; present whenever prices are
 * @param notifications ({@code notify:}) webhooks told about shortages, failures, held removals, license errors and applied runs
 */
public record Settings(
        Map<String, Integer> reserve,
        int maxRemovals,
        OptionalInt maxRemovalsPercent,
        List<String> protectedUsers,
        boolean includeDisabledAccounts,
        boolean countWarningSeats,
        Optional<String> schedule,
        int removalGraceDays,
        SourceLocation location,
        Map<String, BigDecimal> prices,
        Optional<String> currency,
        List<NotifyTarget> notifications) {
    public static final int DEFAULT_MAX_REMOVALS = 50;
    public static final String DEFAULT_SCHEDULE = "0 0 2 * * ?";

    public Settings {
        reserve = Collections.unmodifiableMap(new TreeMap<>(reserve));
        protectedUsers = List.copyOf(protectedUsers);
        requireNonNull(maxRemovalsPercent, "maxRemovalsPercent is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(location, "location is null");
        if (removalGraceDays < 0) {
            throw new IllegalArgumentException("removalGraceDays is negative");
        }
        prices = Collections.unmodifiableMap(new TreeMap<>(prices));
        requireNonNull(currency, "currency is null");
        notifications = List.copyOf(notifications);
    }

    /** Settings without prices or notifications. */
    public Settings(Map<String, Integer> reserve, int maxRemovals, OptionalInt maxRemovalsPercent, List<String> protectedUsers,
            boolean includeDisabledAccounts, boolean countWarningSeats, Optional<String> schedule, int removalGraceDays,
            SourceLocation location) {
        this(reserve, maxRemovals, maxRemovalsPercent, protectedUsers, includeDisabledAccounts, countWarningSeats, schedule,
                removalGraceDays, location, Map.of(), Optional.empty(), List.of());
    }

    /** Settings without a removal grace period. */
    public Settings(Map<String, Integer> reserve, int maxRemovals, OptionalInt maxRemovalsPercent, List<String> protectedUsers,
            boolean includeDisabledAccounts, boolean countWarningSeats, Optional<String> schedule, SourceLocation location) {
        this(reserve, maxRemovals, maxRemovalsPercent, protectedUsers, includeDisabledAccounts, countWarningSeats, schedule, 0,
                location);
    }

    public static Settings defaults() {
        return new Settings(Map.of(), DEFAULT_MAX_REMOVALS, OptionalInt.empty(), List.of(), false, false,
                Optional.empty(), SourceLocation.unknown("(defaults)"));
    }
}
