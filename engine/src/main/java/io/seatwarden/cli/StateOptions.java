package io.seatwarden.cli;

import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateDatabase;
import picocli.CommandLine.Option;

import java.util.Optional;

/** The state database options shared by {@code run} and {@code runs}; the password only ever comes from the environment. */
public final class StateOptions {
    @Option(names = "--state-url", paramLabel = "JDBC_URL",
            defaultValue = "${env:SEATWARDEN_STATE_URL:-" + StateConfig.DEFAULT_URL + "}",
            description = "State database: jdbc:postgresql://host:port/db for a cluster, or an H2 file"
                    + " (default: ${DEFAULT-VALUE}; env SEATWARDEN_STATE_URL). Password from SEATWARDEN_STATE_PASSWORD.")
    String url;

    @Option(names = "--state-user", paramLabel = "USER", defaultValue = "${env:SEATWARDEN_STATE_USER}",
            description = "State database user (env SEATWARDEN_STATE_USER).")
    String user;

    /** The same database, as the engine's state ({@link io.seatwarden.state.StateStores#open}) names it. */
    StateConfig config() {
        return database().config();
    }

    StateDatabase database() {
        try {
            return new StateDatabase(url, Optional.ofNullable(user).filter(value -> !value.isBlank()),
                    Optional.ofNullable(System.getenv(StateConfig.PASSWORD_VARIABLE)).filter(value -> !value.isEmpty()));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
    }
}
