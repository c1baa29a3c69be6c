package io.seatwarden.directory;

import java.util.Locale;

/**
 * Graph's {@code licenseAssignmentState.state}: {@code Active}, {@code ActiveWithError}, {@code Disabled}
 * or {@code Error} (the only values Microsoft documents). Only an assigned state counts as a held license
 * (DESIGN rule 10): {@code Active}, and {@code ActiveWithError}, whose name says the license is active
 * although something about it failed. {@code Error} (e.g. an Entra {@code CountViolation}) and
 * {@code Disabled} are intentions, not licenses. Microsoft does not document the meaning of each value
 * beyond its name; this reading is the engine's decision.
 */
public enum AssignmentState {
    ACTIVE("Active"),
    ACTIVE_WITH_ERROR("ActiveWithError"),
    DISABLED("Disabled"),
    ERROR("Error");

    private final String graphName;

    AssignmentState(String graphName) {
        this.graphName = graphName;
    }

    public String graphName() {
        return graphName;
    }

    /** True when the license is in effect (and holds a seat). */
    public boolean isAssigned() {
        return this == ACTIVE || this == ACTIVE_WITH_ERROR;
    }

    /**
     * Graph's spelling, case-insensitive; absent means {@code Active} (tenant files written before states
     * existed, and direct assignments, which Graph refuses synchronously rather than record in error).
     *
     * @throws IllegalArgumentException for a value Graph does not document
     */
    public static AssignmentState fromGraph(String value) {
        if (value == null || value.isBlank()) {
            return ACTIVE;
        }
        for (AssignmentState state : values()) {
            if (state.graphName.toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown license assignment state '" + value
                + "' (Graph documents Active, ActiveWithError, Disabled, Error)");
    }

    /** Graph's {@code error}: null and {@code "None"} (seen in Microsoft's PowerShell examples) both mean no error. */
    public static java.util.Optional<String> errorFromGraph(String error) {
        if (error == null || error.isBlank() || error.trim().equalsIgnoreCase("None")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(error.trim());
    }
}
