package io.seatwarden.schedule;


import com.google.inject.AbstractModule;

/** Scheduling: the engine flow the jobs call, how schedules and credentials are found, and the service factory. */
public final class ScheduleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(TenantReconcilers.class).to(EngineTenantReconcilers.class);
        bind(EngineTenantReconcilers.class);
        bind(PolicySchedules.class).to(PolicyFilesSchedules.class);
        bind(PolicyFilesSchedules.class);
        bind(ScheduleServiceFactory.class);
    }
}
