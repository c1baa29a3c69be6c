package io.seatwarden.state;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * How the {@code run} service started a scheduled run.
 *
 * @param job the service's name for the tenant (its tenants-file id and Quartz job key, {@code contoso});
 *        known before the run reads the tenant, unlike the tenant's directory id
 * @param scheduledAt when the trigger was due (not when the run started)
 * @param recovering true when it took over a run that a dead node left unfinished
 */
@JsonPropertyOrder({"job", "scheduledAt", "recovering"})
public record ScheduledStart(String job, Instant scheduledAt, boolean recovering) {
    public ScheduledStart {
        requireNonNull(job, "job is null");
        requireNonNull(scheduledAt, "scheduledAt is null");
        if (job.isBlank() || job.length() > 64) {
            throw new IllegalArgumentException("job must be 1-64 characters");
        }
    }
}
