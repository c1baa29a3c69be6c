package io.seatwarden.schedule;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/** Healthy when the scheduler is running and the state database answers. */
public final class HealthCheck {
    /** The answer of /healthz. */
    public record Status(boolean schedulerRunning, boolean databaseReachable, String node) {
        public boolean healthy() {
            return schedulerRunning && databaseReachable;
        }

        public String describe() {
            return (healthy() ? "ok" : "unhealthy") + " scheduler=" + (schedulerRunning ? "running" : "stopped")
                    + " database=" + (databaseReachable ? "reachable" : "unreachable") + " node=" + node;
        }
    }

    private final Scheduler scheduler;
    private final BooleanSupplier databaseReachable;

    public HealthCheck(Scheduler scheduler, BooleanSupplier databaseReachable) {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.databaseReachable = requireNonNull(databaseReachable, "databaseReachable is null");
    }

    public Status check() {
        boolean running;
        String node;
        try {
            running = scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
            node = scheduler.getSchedulerInstanceId();
        } catch (SchedulerException e) {
            running = false;
            node = "unknown";
        }
        return new Status(running, databaseReachable.getAsBoolean(), node);
    }
}
