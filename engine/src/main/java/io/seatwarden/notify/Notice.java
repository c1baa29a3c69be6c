package io.seatwarden.notify;

import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.TenantId;
import io.seatwarden.policy.NotifyEvent;
import io.seatwarden.state.RunOutcome;
import io.seatwarden.state.RunId;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What one run has to tell: the tenant, the run, and each event that happened, with its counts and the SKUs
 * concerned. Holds no URL and no user names: counts and SKUs only.
 *
 * @param tenantId empty when the run failed before it could read the tenant
 * @param events in {@link NotifyEvent} order; only those that happened
 */
public record Notice(String tenantName, Optional<TenantId> tenantId, Optional<RunId> runId, RunOutcome outcome, int exitCode,
        String message, Instant at, List<Event> events) {
    public Notice {
        requireNonNull(tenantName, "tenantName is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(message, "message is null");
        requireNonNull(at, "at is null");
        events = List.copyOf(events);
    }

    /** The events a target hears about, in order. */
    public List<Event> heardBy(Set<NotifyEvent> on) {
        return events.stream().filter(event -> on.contains(event.kind())).toList();
    }

    /**
     * One event of the run.
     *
     * @param headline one sentence: "3 users are waiting for seats"
     * @param counts named counts, in a fixed order ({@code usersWaiting}, ...)
     * @param skus the SKUs concerned, by skuPartNumber
     * @param lines more sentences for people: what to do, the guard's reason, ...
     */
    public record Event(NotifyEvent kind, String headline, Map<String, Integer> counts, List<SkuLine> skus, List<String> lines) {
        public Event {
            requireNonNull(kind, "kind is null");
            requireNonNull(headline, "headline is null");
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
            skus = List.copyOf(skus);
            lines = List.copyOf(lines);
        }
    }

    /**
     * One SKU an event concerns.
     *
     * @param productName Microsoft's product name, when the catalog knows the SKU
     * @param counts named counts for this SKU, in a fixed order
     */
    public record SkuLine(SkuId skuId, String skuPartNumber, Optional<String> productName, Map<String, Integer> counts) {
        public SkuLine {
            requireNonNull(skuId, "skuId is null");
            requireNonNull(skuPartNumber, "skuPartNumber is null");
            requireNonNull(productName, "productName is null");
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /** {@code ENTERPRISEPACK (Office 365 E3)}, or the part number alone. */
        public String label() {
            return productName.map(name -> skuPartNumber + " (" + name + ")").orElse(skuPartNumber);
        }
    }
}
