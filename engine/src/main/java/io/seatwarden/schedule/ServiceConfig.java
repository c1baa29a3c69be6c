package io.seatwarden.schedule;

import io.seatwarden.state.StateDatabase;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a {@code run} service is set up.
 *
 * @param runsDirectory where run directories go ({@code <runsDirectory>/<tenant>/<run-id>/})
 * @param http where /healthz and /metrics are served; empty for nowhere
 * @param runNow run every tenant once as soon as the service starts, besides its schedule
 */
public record ServiceConfig(
        StateDatabase database,
        SchedulerSettings scheduler,
        Path runsDirectory,
        Optional<InetSocketAddress> http,
        boolean runNow) {
    public ServiceConfig {
        requireNonNull(database, "database is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(runsDirectory, "runsDirectory is null");
        requireNonNull(http, "http is null");
    }
}
