package io.seatwarden.schedule;

import io.seatwarden.state.RunOutcome;
import jakarta.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

import static java.util.Objects.requireNonNull;

/**
 * The Quartz job of one tenant (job key = tenant key). Thin on purpose: it hands the tenant to
 * {@link TenantRunner}. One run per tenant at a time, on one node or across a cluster.
 */
@DisallowConcurrentExecution
public final class ReconcileJob implements InterruptableJob {
    private final TenantRunner runner;
    private final Cancellation cancellation = new Cancellation();

    @Inject
    public ReconcileJob(TenantRunner runner) {
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        TenantKey tenant = TenantKey.of(context.getJobDetail().getKey().getName());
        RunSummary summary = runner.run(tenant, context.getScheduledFireTime().toInstant(), context.isRecovering(), cancellation);
        try {
            if (summary.outcome() == RunOutcome.INTERRUPTED && context.getScheduler().getMetaData().isJobStoreClustered()) {
                // This node is shutting down: let another node of the cluster finish the tenant now.
                context.getScheduler().triggerJob(context.getJobDetail().getKey());
            } else if (summary.outcome() == RunOutcome.REFUSED) {
                TenantJobs.retryLater(context.getScheduler(), tenant, context.getFireTime().toInstant().plus(TenantJobs.RETRY_DELAY));
            }
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot schedule the next attempt of " + tenant, e);
        }
    }

    /** Asks the run to stop between two users; Quartz calls it on {@code Scheduler.interrupt}. */
    @Override
    public void interrupt() {
        cancellation.request();
    }
}
