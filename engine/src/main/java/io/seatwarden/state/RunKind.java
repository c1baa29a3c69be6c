package io.seatwarden.state;

/** What started a run. */
public enum RunKind {
    /** A dry run ({@code plan}); recorded only when a command chooses to. */
    PLAN,
    /** {@code apply} from the command line. */
    APPLY,
    /** Applying the plan {@code undo RUN} produced. */
    UNDO,
    /** A reconciliation started by the {@code run} service on its schedule. */
    SCHEDULED
}
