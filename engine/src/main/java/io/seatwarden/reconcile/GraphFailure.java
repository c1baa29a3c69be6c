package io.seatwarden.reconcile;

import io.seatwarden.directory.ServicePlanId;
import io.seatwarden.directory.SkuId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Why Graph refused (or may have refused) a write, in the engine's own terms. SDK exceptions are
 * turned into one of these at the adapter ({@code io.seatwarden.graph}, its error table
 * {@code GraphErrors}) and never leave it.
 *
 * <p>Graph answers the business-logic failures of {@code assignLicense} with a 400 and the code
 * {@code Request_BadRequest} for all of them, so those ({@link Refusal}s) are told apart by their
 * message (graph-facts.md §3.1); everything else is decided by the status code.
 */
public sealed interface GraphFailure {
    /** One line for reports and the journal. */
    String describe();

    /** The same line with SKUs and service plans named rather than given as GUIDs. */
    default String describe(Naming names) {
        return describe();
    }

    /** Names for the GUIDs Graph puts in its messages (the tenant's subscribedSkus). */
    interface Naming {
        String sku(SkuId sku);

        String plan(ServicePlanId plan);

        /** Leaves every GUID as it is. */
        static Naming none() {
            return new Naming() {
                @Override
                public String sku(SkuId sku) {
                    return sku.toString();
                }

                @Override
                public String plan(ServicePlanId plan) {
                    return plan.toString();
                }
            };
        }
    }

    /** 429: come back after {@code retryAfter}. */
    record Throttled(Duration retryAfter) implements GraphFailure {
        public Throttled {
            requireNonNull(retryAfter, "retryAfter is null");
        }

        @Override
        public String describe() {
            return "throttled (429), Retry-After " + retryAfter.toMillis() + " ms";
        }
    }

    /**
     * A server or network failure worth retrying.
     *
     * @param status the HTTP status, or 0 when no response came back
     * @param mayHaveApplied true when the write may have taken effect before the failure (a gateway
     *        time-out, a lost connection): the outcome is settled by reading the user back, never guessed
     */
    record Transient(int status, Optional<Duration> retryAfter, boolean mayHaveApplied, String message) implements GraphFailure {
        public Transient {
            requireNonNull(retryAfter, "retryAfter is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public String describe() {
            return (status == 0 ? "no response" : "HTTP " + status) + (mayHaveApplied ? " (outcome unknown)" : "") + ": " + message;
        }
    }

    /** The user does not exist (any more). */
    record NotFound(String message) implements GraphFailure {
        @Override
        public String describe() {
            return "not found: " + message;
        }
    }

    /** Anything else: not retried. */
    record Other(int status, String code, String message) implements GraphFailure {
        @Override
        public String describe() {
            return "HTTP " + status + (code == null || code.isEmpty() ? "" : " " + code) + ": " + message;
        }
    }

    /**
     * Graph's refusal of an {@code assignLicense} on business grounds (HTTP 400): final for the SKUs it
     * concerns, never retried with back-off (a missing usage location right after the engine set it
     * aside), but the user's other SKUs can still land without them.
     */
    sealed interface Refusal extends GraphFailure {
        /** Graph's own message, GUIDs and all. */
        String message();

        /** The engine's name for the refusal (stable; reports and the journal show it). */
        RefusalReason reason();

        /** What a person reads, SKUs and plans by name. */
        String explain(Naming names);

        @Override
        default String describe() {
            return describe(Naming.none());
        }

        @Override
        default String describe(Naming names) {
            return explain(names) + " (Graph: HTTP 400 Request_BadRequest)";
        }
    }

    /** The SKU has no seat left (someone took it since the plan); {@code sku} when Graph's message names it. */
    record NoSeats(Optional<SkuId> sku, String message) implements Refusal {
        public NoSeats {
            requireNonNull(sku, "sku is null");
            requireNonNull(message, "message is null");
        }

        public NoSeats(String message) {
            this(Optional.empty(), message);
        }

        @Override
        public RefusalReason reason() {
            return RefusalReason.NO_SEATS;
        }

        @Override
        public String explain(Naming names) {
            return "no seats left" + sku.map(id -> " in " + names.sku(id)).orElse(": " + message);
        }
    }

    /** The user has no (valid) usage location: every add of the call is refused, its removals are not. */
    record MissingUsageLocation(String message) implements Refusal {
        @Override
        public RefusalReason reason() {
            return RefusalReason.NO_USAGE_LOCATION;
        }

        @Override
        public String explain(Naming names) {
            return "no valid usage location: " + message;
        }
    }

    /**
     * The SKU is not offered in the user's usage location ({@code ProhibitedInUsageLocationViolation}): the
     * location is set, just not one the product is sold in, so waiting does not help.
     */
    record UnavailableInUsageLocation(Optional<SkuId> sku, String message) implements Refusal {
        public UnavailableInUsageLocation {
            requireNonNull(sku, "sku is null");
            requireNonNull(message, "message is null");
        }

        @Override
        public RefusalReason reason() {
            return RefusalReason.USAGE_LOCATION_UNAVAILABLE;
        }

        @Override
        public String explain(Naming names) {
            return sku.map(id -> names.sku(id) + " is").orElse("the license is") + " not available in the user's usage location";
        }
    }

    /** The SKU is not one the tenant owns, or not one a user can hold. */
    record UnknownSku(Optional<SkuId> sku, String message) implements Refusal {
        public UnknownSku {
            requireNonNull(sku, "sku is null");
            requireNonNull(message, "message is null");
        }

        public UnknownSku(String message) {
            this(Optional.empty(), message);
        }

        @Override
        public RefusalReason reason() {
            return RefusalReason.UNKNOWN_SKU;
        }

        @Override
        public String explain(Naming names) {
            return "unknown SKU" + sku.map(id -> " " + names.sku(id)).orElse("") + ": " + message;
        }
    }

    /** A removal of a license the user only inherits from a group (Entra's group licensing): no direct one is left. */
    record InheritedOnly(String message) implements Refusal {
        @Override
        public RefusalReason reason() {
            return RefusalReason.INHERITED_FROM_GROUP;
        }

        @Override
        public String explain(Naming names) {
            return "the license is inherited from a group, not held directly";
        }
    }

    /** A removal of a license the user does not hold: someone else removed it since the read. */
    record LicenseNotHeld(String message) implements Refusal {
        @Override
        public RefusalReason reason() {
            return RefusalReason.NOT_HELD;
        }

        @Override
        public String explain(Naming names) {
            return "the user does not hold the license";
        }
    }

    /** Service plans Graph will not enable together on one user ({@code MutuallyExclusiveViolation}). */
    record ServicePlanConflict(List<ServicePlanId> plans, String message) implements Refusal {
        public ServicePlanConflict {
            plans = List.copyOf(plans);
            requireNonNull(message, "message is null");
        }

        @Override
        public RefusalReason reason() {
            return RefusalReason.SERVICE_PLAN_CONFLICT;
        }

        @Override
        public String explain(Naming names) {
            if (plans.isEmpty()) {
                return "service plans that cannot be assigned together: " + message;
            }
            return "service plans " + String.join(" and ", plans.stream().map(names::plan).toList()) + " cannot be assigned together";
        }
    }

    /**
     * A service plan needs another the user would not have ({@code DependencyViolation}): {@code plan}
     * depends on one of {@code requires} (Graph's "depends on the service plan(s) A,B").
     */
    record DependencyMissing(Optional<ServicePlanId> plan, List<ServicePlanId> requires, String message) implements Refusal {
        public DependencyMissing {
            requireNonNull(plan, "plan is null");
            requires = List.copyOf(requires);
            requireNonNull(message, "message is null");
        }

        @Override
        public RefusalReason reason() {
            return RefusalReason.SERVICE_PLAN_DEPENDENCY;
        }

        @Override
        public String explain(Naming names) {
            if (plan.isEmpty()) {
                return "a service plan lacks one it depends on: " + message;
            }
            return "service plan " + names.plan(plan.get()) + " depends on "
                    + String.join(", ", requires.stream().map(names::plan).toList()) + ", which the user would not have";
        }
    }
}
