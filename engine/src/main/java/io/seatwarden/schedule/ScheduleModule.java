package io.seatwarden.schedule;

import com.google.inject.AbstractModule;

/** Scheduling: the reconciler the jobs call, how schedules are found, and the service factory. */
public final class ScheduleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(TenantReconciler.class).to(UnavailableTenantReconciler.class);
        bind(UnavailableTenantReconciler.class);
        bind(PolicySchedules.class).to(PolicyFilesSchedules.class);
        bind(PolicyFilesSchedules.class);
        bind(TenantCredentials.class).toInstance(new TenantCredentials(System.getenv()));
        bind(ScheduleServiceFactory.class);
    }
}
