package io.seatwarden.schedule;

import com.google.inject.Injector;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

import static java.util.Objects.requireNonNull;

/** Lets Quartz create jobs through Guice, so that they get their collaborators by constructor injection. */
public final class GuiceJobFactory implements JobFactory {
    private final Injector injector;

    public GuiceJobFactory(Injector injector) {
        this.injector = requireNonNull(injector, "injector is null");
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> jobClass = bundle.getJobDetail().getJobClass();
        try {
            return injector.getInstance(jobClass);
        } catch (RuntimeException e) {
            throw new SchedulerException("cannot create job " + jobClass.getName() + " through Guice", e);
        }
    }
}
