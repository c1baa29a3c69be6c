package io.seatwarden.apply;

/** The kind of Graph write a journal entry stands for. */
public enum WriteKind {
    /** {@code PATCH /users/{id}} setting {@code usageLocation}. */
    USAGE_LOCATION,
    /** {@code POST /users/{id}/assignLicense} with all of a user's adds and removals. */
    ASSIGN_LICENSE
}
