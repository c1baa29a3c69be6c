package io.seatwarden.schedule;

import io.seatwarden.state.RunId;

import java.nio.file.Path;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What a reconciler gets besides its tenant.
 *
 * @param runDirectory an existing directory for this run's reports ({@code runs/<tenant>/<run-id>/})
 * @param scheduledAt when the trigger was due (not when the run started)
 * @param recovering true when this run takes over one that a dead node left unfinished
 * @param cancellation checked between users; see {@link Cancellation}
 */
public record RunContext(
        RunId runId,
        Path runDirectory,
        Instant scheduledAt,
        boolean recovering,
        Cancellation cancellation) {
    public RunContext {
        requireNonNull(runId, "runId is null");
        requireNonNull(runDirectory, "runDirectory is null");
        requireNonNull(scheduledAt, "scheduledAt is null");
        requireNonNull(cancellation, "cancellation is null");
    }
}
