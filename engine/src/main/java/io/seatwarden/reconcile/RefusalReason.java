package io.seatwarden.reconcile;

/** The engine's names for Graph's business refusals of {@code assignLicense} (one per {@link GraphFailure.Refusal}). */
public enum RefusalReason {
    NO_SEATS,
    NO_USAGE_LOCATION,
    /** The SKU is not sold in the user's usage location: not retried, and not a missing location. */
    USAGE_LOCATION_UNAVAILABLE,
    UNKNOWN_SKU,
    INHERITED_FROM_GROUP,
    NOT_HELD,
    SERVICE_PLAN_CONFLICT,
    SERVICE_PLAN_DEPENDENCY,
    /** Not one of Graph's business refusals the engine knows: the failure's own description says what. */
    OTHER
}
