package io.seatwarden.cli;

import io.seatwarden.state.StateConfig;

import java.util.Map;
import java.util.Optional;

/**
 * A wet run in CI with the default embedded state loses its ownership records with the runner: the
 * next run would not know which licenses the engine assigned (rule 5) and never remove them. So
 * {@code apply} and {@code undo} refuse it unless the state is named ({@code --state-url} or
 * {@code SEATWARDEN_STATE_URL}) or the default is accepted on purpose ({@code --allow-ephemeral-state}).
 * Pure: the caller passes the environment, so tests decide what it says.
 */
final class EphemeralStateCheck {
    static final String ALLOW_FLAG = "--allow-ephemeral-state";

    private EphemeralStateCheck() {}

    /** The reason to refuse, or empty to go on. */
    static Optional<String> refusal(String command, Map<String, String> environment, String stateUrlFlag, boolean allowEphemeral) {
        if (allowEphemeral || !isCi(environment)) {
            return Optional.empty();
        }
        String configured = stateUrlFlag != null ? stateUrlFlag : environment.get(StateConfig.URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(command + " refused: this looks like CI (" + ciVariable(environment) + " is set) and the state database is the"
                + " default file " + StateConfig.DEFAULT_URL + ", which is lost with the runner. The next run would not know which"
                + " licenses the engine assigned, so it could never remove them. Give the shared state with --state-url"
                + " JDBC_URL (or " + StateConfig.URL_VARIABLE + "), or pass " + ALLOW_FLAG + " to accept the ephemeral default on purpose.");
    }

    static boolean isCi(Map<String, String> environment) {
        return set(environment, "GITHUB_ACTIONS") || set(environment, "CI");
    }

    private static String ciVariable(Map<String, String> environment) {
        return set(environment, "GITHUB_ACTIONS") ? "GITHUB_ACTIONS" : "CI";
    }

    private static boolean set(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank() && !value.equalsIgnoreCase("false") && !value.equals("0");
    }
}
