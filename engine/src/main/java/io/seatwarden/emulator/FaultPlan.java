package io.seatwarden.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * Scripted faults for tests. Each rule matches requests (top-level requests and batch steps alike,
 * see {@link RequestInfo}) and fires a given number of times; the first matching rule wins.
 * <pre>{@code
 * emulator.faults().onRequest(3, Fault.throttle(Duration.ofSeconds(2)));          // the 3rd request gets a 429
 * emulator.faults().onNext("POST", "/users/{id}/assignLicense", Fault.timeoutAfterWrite()); // 504 after the write
 * emulator.faults().onNext("GET", "/users", 2, Fault.unavailable());              // the next two user pages fail
 * emulator.faults().onNext("GET", "/groups/{id}/members/microsoft.graph.user", Fault.dropNextLink()); // a chain ends early
 * }</pre>
 * Thread-safe.
 */
public final class FaultPlan {
    /** What a rule sees of a request: its arrival number, method, endpoint template and path. */
    public record RequestInfo(long sequence, String method, String endpoint, String path, boolean batchItem) {}

    /** A fault to inject. */
    public record Fault(Kind kind, Optional<Duration> retryAfter) {
        public Fault {
            requireNonNull(kind, "kind is null");
            requireNonNull(retryAfter, "retryAfter is null");
        }

        /** 429 TooManyRequests with {@code Retry-After} (in whole seconds, at least 1). */
        public static Fault throttle(Duration retryAfter) {
            return new Fault(Kind.THROTTLE, Optional.of(retryAfter));
        }

        /** 503 ServiceUnavailable before anything happens (no Retry-After). */
        public static Fault unavailable() {
            return new Fault(Kind.UNAVAILABLE, Optional.empty());
        }

        /** 503 ServiceUnavailable with a Retry-After header. */
        public static Fault unavailable(Duration retryAfter) {
            return new Fault(Kind.UNAVAILABLE, Optional.of(retryAfter));
        }

        /** 504 GatewayTimeout after the request took effect (a write is done, the client does not know). */
        public static Fault timeoutAfterWrite() {
            return new Fault(Kind.TIMEOUT_AFTER, Optional.empty());
        }

        /**
         * The connection is closed without an answer, before the request takes effect. On a batch
         * step, the whole batch's connection is closed (steps before it took effect).
         */
        public static Fault connectionReset() {
            return new Fault(Kind.CONNECTION_RESET, Optional.empty());
        }

        /**
         * A page answered as usual but without its {@code @odata.nextLink}: the page chain ends early
         * and silently, as a truncated or mis-built response would end it. {@code @odata.count} (when
         * asked for) still counts the whole collection. On a last page (no nextLink) it changes nothing.
         */
        public static Fault dropNextLink() {
            return new Fault(Kind.DROP_NEXT_LINK, Optional.empty());
        }
    }

    public enum Kind { THROTTLE, UNAVAILABLE, TIMEOUT_AFTER, CONNECTION_RESET, DROP_NEXT_LINK }

    private static final class Rule {
        final Predicate<RequestInfo> matcher;
        final Fault fault;
        int remaining;

        Rule(Predicate<RequestInfo> matcher, Fault fault, int remaining) {
            this.matcher = matcher;
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    /** The request with this arrival number (from 1, as in {@link RequestLog.Entry#sequence()}). */
    public FaultPlan onRequest(long sequence, Fault fault) {
        return on(request -> request.sequence() == sequence, 1, fault);
    }

    /** The next request for an endpoint template, e.g. {@code ("POST", "/users/{id}/assignLicense")}. */
    public FaultPlan onNext(String method, String endpoint, Fault fault) {
        return onNext(method, endpoint, 1, fault);
    }

    public FaultPlan onNext(String method, String endpoint, int times, Fault fault) {
        return on(request -> request.method().equals(method) && request.endpoint().equals(endpoint), times, fault);
    }

    /** The next {@code times} requests that match. */
    public synchronized FaultPlan on(Predicate<RequestInfo> matcher, int times, Fault fault) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        rules.add(new Rule(requireNonNull(matcher, "matcher is null"), requireNonNull(fault, "fault is null"), times));
        return this;
    }

    /** Removes every rule not yet used up. */
    public synchronized void clear() {
        rules.clear();
    }

    synchronized Optional<Fault> take(RequestInfo request) {
        Iterator<Rule> iterator = rules.iterator();
        while (iterator.hasNext()) {
            Rule rule = iterator.next();
            if (rule.matcher.test(request)) {
                rule.remaining--;
                if (rule.remaining == 0) {
                    iterator.remove();
                }
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }
}
