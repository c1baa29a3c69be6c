package io.seatwarden.policy.file;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.seatwarden.policy.CronSyntax;
import io.seatwarden.policy.PolicyLoader;

/** Policy loading: {@link PolicyLoader} and {@link PolicyFiles}. Needs a {@link CronSyntax} binding. */
public final class PolicyModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(PolicyFiles.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    PolicyLoader policyLoader(CronSyntax cronSyntax) {
        return new PolicyLoader(cronSyntax);
    }
}
