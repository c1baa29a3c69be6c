package io.seatwarden.plan.capacity;

import io.seatwarden.directory.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Decides who gets a scarce seat (rule 3): higher policy priority first, then user principal name
 * (ignoring case), then object id — a stable order, so the same tenant always gives the same answer. Pure.
 */
public final class SeatAllocator {
    /** Highest priority first, then by user principal name (case-insensitive, then exact), then id. */
    public static final Comparator<SeatRequest> ORDER = Comparator
            .comparingInt(SeatRequest::priority).reversed()
            .thenComparing(SeatRequest::orderKey)
            .thenComparing(SeatRequest::userPrincipalName)
            .thenComparing(SeatRequest::user);

    private SeatAllocator() {}

    public static Allocation<SeatRequest> allocate(List<SeatRequest> requests, int capacity) {
        return allocate(requests, Function.identity(), capacity);
    }

    /** Allocates whatever carries a {@link SeatRequest}, so callers keep their own data alongside. */
    public static <T> Allocation<T> allocate(List<T> requests, Function<T, SeatRequest> request, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is negative");
        }
        List<T> ordered = new ArrayList<>(requests);
        ordered.sort(Comparator.comparing(request, ORDER));
        int granted = Math.min(capacity, ordered.size());
        return new Allocation<>(ordered.subList(0, granted), ordered.subList(granted, ordered.size()));
    }

    /**
     * As {@link #allocate(List, Function, int)}, for requests a caller has put in {@link #ORDER} already (the
     * planner ranks its users once for every output): they are not sorted again.
     */
    public static <T> Allocation<T> allocateOrdered(List<T> ordered, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is negative");
        }
        int granted = Math.min(capacity, ordered.size());
        return new Allocation<>(ordered.subList(0, granted), ordered.subList(granted, ordered.size()));
    }

    /**
     * A user asking for a new seat, at the priority of the highest policy that grants it.
     *
     * @param orderKey the lower-cased principal name, computed once rather than on every comparison
     */
    public record SeatRequest(UserId user, String userPrincipalName, int priority, String orderKey) {
        public SeatRequest {
            requireNonNull(user, "user is null");
            requireNonNull(userPrincipalName, "userPrincipalName is null");
            requireNonNull(orderKey, "orderKey is null");
        }

        public SeatRequest(UserId user, String userPrincipalName, int priority) {
            this(user, userPrincipalName, priority, userPrincipalName.toLowerCase(Locale.ROOT));
        }
    }

    /** Who got a seat and who waits, each in allocation order. */
    public record Allocation<T>(List<T> granted, List<T> waiting) {
        public Allocation {
            granted = List.copyOf(granted);
            waiting = List.copyOf(waiting);
        }
    }
}
