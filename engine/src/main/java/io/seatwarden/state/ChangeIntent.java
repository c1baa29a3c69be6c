package io.seatwarden.state;

import io.seatwarden.directory.UserId;

import static java.util.Objects.requireNonNull;

/**
 * A change about to be sent: becomes a {@link JournalState#PENDING} journal entry.
 *
 * @param sequence the change's number within its run (unique per run, e.g. its index in the plan)
 */
public record ChangeIntent(int sequence, UserId user, String userPrincipalName, ChangeRequest request) {
    public ChangeIntent {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence is negative");
        }
        requireNonNull(user, "user is null");
        requireNonNull(userPrincipalName, "userPrincipalName is null");
        requireNonNull(request, "request is null");
    }
}
