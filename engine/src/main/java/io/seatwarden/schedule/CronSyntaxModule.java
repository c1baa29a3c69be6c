package io.seatwarden.schedule;

import com.google.inject.AbstractModule;
import io.seatwarden.policy.CronSyntax;

/** Binds the policy loader's cron check to Quartz, which the policy package does not see. */
public final class CronSyntaxModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CronSyntax.class).toInstance(new QuartzCronSyntax());
    }
}
