package io.seatwarden.schedule;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the Quartz scheduler runs.
 *
 * @param nodeId the Quartz instance id; {@code AUTO} lets Quartz pick host name + time
 * @param threads how many tenants may run at the same time on this node
 * @param clusterCheckin how often a clustered node checks in; a node silent for longer (plus
 *        a margin) is considered dead and its running jobs are recovered
 * @param misfireThreshold how late a trigger may fire before it counts as missed
 */
public record SchedulerSettings(
        JobStoreMode jobStore,
        String nodeId,
        int threads,
        Duration clusterCheckin,
        Duration misfireThreshold) {
    public static final String INSTANCE_NAME = "seatwarden";

    public SchedulerSettings {
        requireNonNull(jobStore, "jobStore is null");
        requireNonNull(nodeId, "nodeId is null");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        requireNonNull(clusterCheckin, "clusterCheckin is null");
        requireNonNull(misfireThreshold, "misfireThreshold is null");
    }

    public static SchedulerSettings defaults(JobStoreMode jobStore) {
        return new SchedulerSettings(jobStore, "AUTO", 4, Duration.ofSeconds(7), Duration.ofMinutes(1));
    }
}
