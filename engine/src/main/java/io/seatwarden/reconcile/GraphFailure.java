package io.seatwarden.reconcile;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Why Graph refused (or may have refused) a write, in the engine's own terms. SDK exceptions are
 * turned into one of these at the adapter ({@code io.seatwarden.graph}) and never leave it.
 *
 * <p>Graph answers the business-logic failures of {@code assignLicense} with a 400 and the code
 * {@code Request_BadRequest} for all of them, so those are told apart by their message
 * (graph-facts.md §3.1); everything else is decided by the status code.
 */
public sealed interface GraphFailure {
    /** One line for reports and the journal. */
    String describe();

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

    /** The SKU has no seat left (someone took it since the plan). */
    record NoSeats(String message) implements GraphFailure {
        @Override
        public String describe() {
            return "no seats left: " + message;
        }
    }

    /** The user has no (valid) usage location. */
    record MissingUsageLocation(String message) implements GraphFailure {
        @Override
        public String describe() {
            return "no valid usage location: " + message;
        }
    }

    /** The SKU (or a service plan in it) is not one the tenant owns. */
    record UnknownSku(String message) implements GraphFailure {
        @Override
        public String describe() {
            return "unknown SKU: " + message;
        }
    }

    /** A removal of a license the user only inherits from a group (Entra's group licensing). */
    record InheritedOnly(String message) implements GraphFailure {
        @Override
        public String describe() {
            return "license is inherited from a group: " + message;
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

}
