package io.seatwarden.schedule;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;

/**
 * Puts one tenant's job and cron trigger into Quartz. On a cluster the job usually exists already
 * (another node created it): then the trigger is replaced only when the schedule changed, so that
 * nodes starting or restarting do not disturb the next fire time.
 */
public final class TenantJobs {
    public static final String GROUP = "tenants";
    /** How long a refused run waits before it tries again. */
    public static final Duration RETRY_DELAY = Duration.ofMinutes(1);

    /** What {@link #schedule} did. */
    public enum Result {
        CREATED,
        UNCHANGED,
        RESCHEDULED
    }

    private TenantJobs() {}

    public static JobKey jobKey(TenantKey tenant) {
        return JobKey.jobKey(tenant.value(), GROUP);
    }

    public static TriggerKey triggerKey(TenantKey tenant) {
        return TriggerKey.triggerKey(tenant.value(), GROUP);
    }

    public static Result schedule(Scheduler scheduler, TenantKey tenant, String cron, TimeZone timeZone) throws SchedulerException {
        JobDetail job = JobBuilder.newJob(ReconcileJob.class)
                .withIdentity(jobKey(tenant))
                .withDescription("reconcile tenant " + tenant)
                .storeDurably()
                // A run whose node dies is run again by another node (the reconciler converges).
                .requestRecovery()
                .build();
        CronTrigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(triggerKey(tenant))
                .forJob(job)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(timeZone)
                        // A missed night (all nodes down) runs once when a node is back, not once per missed night.
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        try {
            scheduler.scheduleJob(job, trigger);
            return Result.CREATED;
        } catch (ObjectAlreadyExistsException exists) {
            return update(scheduler, job, trigger);
        }
    }

    /** One extra run of the tenant at {@code at}, unless one is already waiting. */
    public static void retryLater(Scheduler scheduler, TenantKey tenant, Instant at) throws SchedulerException {
        Trigger retry = TriggerBuilder.newTrigger()
                .withIdentity(TriggerKey.triggerKey(tenant.value() + "-retry", GROUP))
                .forJob(jobKey(tenant))
                .startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        try {
            scheduler.scheduleJob(retry);
        } catch (ObjectAlreadyExistsException waiting) {
            // A retry is already due; one is enough.
        }
    }

    private static Result update(Scheduler scheduler, JobDetail job, CronTrigger wanted) throws SchedulerException {
        Trigger existing = scheduler.getTrigger(wanted.getKey());
        if (existing instanceof CronTrigger cron
                && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().getID().equals(wanted.getTimeZone().getID())
                && existing.getJobKey().equals(job.getKey())) {
            return Result.UNCHANGED;
        }
        scheduler.addJob(job, true, true);
        if (existing == null) {
            try {
                scheduler.scheduleJob(wanted);
            } catch (ObjectAlreadyExistsException raced) {
                // Another node added the same trigger a moment ago.
                return Result.UNCHANGED;
            }
        } else {
            scheduler.rescheduleJob(wanted.getKey(), wanted);
        }
        return Result.RESCHEDULED;
    }
}
