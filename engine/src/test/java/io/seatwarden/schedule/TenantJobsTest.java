package io.seatwarden.schedule;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.StdSchedulerFactory;

import java.time.Instant;
import java.util.Properties;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

class TenantJobsTest {
    @Test
    void createsOnceThenLeavesAnUnchangedScheduleAloneAndReplacesAChangedOne() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "tenant-jobs-test");
        properties.setProperty("org.quartz.threadPool.threadCount", "1");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
        try {
            TenantKey tenant = TenantKey.of("contoso");
            TimeZone utc = TimeZone.getTimeZone("UTC");

            assertThat(TenantJobs.schedule(scheduler, tenant, "0 0 2 * * ?", utc)).isEqualTo(TenantJobs.Result.CREATED);
            assertThat(TenantJobs.schedule(scheduler, tenant, "0 0 2 * * ?", utc)).isEqualTo(TenantJobs.Result.UNCHANGED);
            assertThat(TenantJobs.schedule(scheduler, tenant, "0 0 3 * * ?", utc)).isEqualTo(TenantJobs.Result.RESCHEDULED);
            assertThat(TenantJobs.schedule(scheduler, tenant, "0 0 3 * * ?", TimeZone.getTimeZone("Europe/Berlin")))
                    .isEqualTo(TenantJobs.Result.RESCHEDULED);

            JobDetail job = scheduler.getJobDetail(TenantJobs.jobKey(tenant));
            assertThat(job.getJobClass()).isEqualTo(ReconcileJob.class);
            assertThat(job.requestsRecovery()).isTrue();
            assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
            CronTrigger trigger = (CronTrigger) scheduler.getTrigger(TenantJobs.triggerKey(tenant));
            assertThat(trigger.getCronExpression()).isEqualTo("0 0 3 * * ?");
            assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Berlin");
            assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
            assertThat(scheduler.getTriggersOfJob(TenantJobs.jobKey(tenant))).extracting(Trigger::getKey)
                    .containsExactly(TenantJobs.triggerKey(tenant));

            // A refused run tries again once, however often it is refused meanwhile.
            Instant at = Instant.parse("2030-01-01T02:01:00Z");
            TenantJobs.retryLater(scheduler, tenant, at);
            TenantJobs.retryLater(scheduler, tenant, at.plusSeconds(60));
            assertThat(scheduler.getTriggersOfJob(TenantJobs.jobKey(tenant))).hasSize(2)
                    .filteredOn(found -> !found.getKey().equals(TenantJobs.triggerKey(tenant)))
                    .singleElement().satisfies(retry -> assertThat(retry.getStartTime().toInstant()).isEqualTo(at));
        } finally {
            scheduler.shutdown();
        }
    }
}
