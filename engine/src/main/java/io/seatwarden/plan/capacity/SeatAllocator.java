package io.seatwarden.plan.capacity;

import io.seatwarden.directory.UserId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Decides who gets a scarce seat (rule 3): higher policy priority first, then user principal name,
 * then object id — a stable order, so the same tenant always gives the same answer. Pure.
 */
public final class SeatAllocator {
    /** Highest priority first, then by user principal name (case-insensitive), then id. */
    public static final Comparator<SeatRequest> ORDER = Comparator
            .comparingInt(SeatRequest::priority).reversed()
            .thenComparing(SeatRequest::userPrincipalName, String.CASE_INSENSITIVE_ORDER)
            .thenComparing(SeatRequest::userPrincipalName)
            .thenComparing(SeatRequest::user);

    private SeatAllocator() {}

    public static Allocation allocate(List<SeatRequest> requests, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is negative");
        }
        List<SeatRequest> ordered = new ArrayList<>(requests);
        ordered.sort(ORDER);
        int granted = Math.min(capacity, ordered.size());
        return new Allocation(ordered.subList(0, granted), ordered.subList(granted, ordered.size()));
    }

    /** A user asking for a new seat, at the priority of the highest policy that grants it. */
    public record SeatRequest(UserId user, String userPrincipalName, int priority) {
        public SeatRequest {
            requireNonNull(user, "user is null");
            requireNonNull(userPrincipalName, "userPrincipalName is null");
        }
    }

    /** Who got a seat and who waits, each in allocation order. */
    public record Allocation(List<SeatRequest> granted, List<SeatRequest> waiting) {
        public Allocation {
            granted = List.copyOf(granted);
            waiting = List.copyOf(waiting);
        }
    }
}
