package io.seatwarden.state;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a journal entry ends: its final state, how that became known, why (for failures), and
 * what it changes in the engine's ownership (applied in the same transaction).
 */
public record JournalOutcome(JournalState state, Settlement settlement, Optional<String> detail, OwnershipDelta ownership) {
    public JournalOutcome {
        requireNonNull(state, "state is null");
        requireNonNull(settlement, "settlement is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(ownership, "ownership is null");
        if (!state.isFinal()) {
            throw new IllegalArgumentException("an outcome must be a final state, not " + state);
        }
        boolean tookEffect = state == JournalState.SUCCEEDED || state == JournalState.FAILED || state == JournalState.WAITING_FOR_SEATS;
        if (!tookEffect && !ownership.isEmpty()) {
            throw new IllegalArgumentException("only a change that (partly) took effect alters ownership");
        }
    }

    public static JournalOutcome succeeded(Settlement settlement, OwnershipDelta ownership) {
        return new JournalOutcome(JournalState.SUCCEEDED, settlement, Optional.empty(), ownership);
    }

    public static JournalOutcome failed(Settlement settlement, String reason) {
        return new JournalOutcome(JournalState.FAILED, settlement, Optional.of(reason), OwnershipDelta.none());
    }

    /** Graph refused part of the change and the rest took effect: {@code ownership} is that rest's. */
    public static JournalOutcome partlyFailed(Settlement settlement, String reason, OwnershipDelta ownership) {
        return new JournalOutcome(JournalState.FAILED, settlement, Optional.of(reason), ownership);
    }

    /** Some SKUs wait for seats, the rest took effect ({@code ownership}). */
    public static JournalOutcome waitingForSeats(Settlement settlement, String reason, OwnershipDelta ownership) {
        return new JournalOutcome(JournalState.WAITING_FOR_SEATS, settlement, Optional.of(reason), ownership);
    }

    public static JournalOutcome waitingForSeats(Settlement settlement, String reason) {
        return new JournalOutcome(JournalState.WAITING_FOR_SEATS, settlement, Optional.of(reason), OwnershipDelta.none());
    }

    public static JournalOutcome held(String reason) {
        return new JournalOutcome(JournalState.HELD, Settlement.NOT_SENT, Optional.of(reason), OwnershipDelta.none());
    }

    public static JournalOutcome superseded(RunId by) {
        return new JournalOutcome(JournalState.SUPERSEDED, Settlement.NOT_SENT, Optional.of("never sent; left to run " + by),
                OwnershipDelta.none());
    }
}
