package io.seatwarden.directory;

/** A subscription's {@code capabilityStatus}. */
public enum CapabilityStatus {
    ENABLED("Enabled"),
    WARNING("Warning"),
    SUSPENDED("Suspended"),
    DELETED("Deleted"),
    LOCKED_OUT("LockedOut");

    private final String graphName;

    CapabilityStatus(String graphName) {
        this.graphName = graphName;
    }

    public String graphName() {
        return graphName;
    }

    /** New seats can be handed out only from subscriptions that are enabled or in their grace period. */
    public boolean acceptsNewAssignments() {
        return this == ENABLED || this == WARNING;
    }

    /** Graph's spelling; null (absent) means {@link #ENABLED}. */
    public static CapabilityStatus fromGraph(String value) {
        if (value == null) {
            return ENABLED;
        }
        for (CapabilityStatus status : values()) {
            if (status.graphName.equalsIgnoreCase(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown capabilityStatus '" + value
                + "' (expected Enabled, Warning, Suspended, Deleted or LockedOut)");
    }
}
