package io.seatwarden.policy.file;

import com.google.inject.Injector;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.file.CatalogFiles;
import io.seatwarden.config.EngineInjector;
import io.seatwarden.policy.PolicyLoader;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicySource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's injector hands out the policy and catalog services, with Quartz checking schedules. */
class PolicyModuleTest {
    private final Injector injector = EngineInjector.create();

    @Test
    void injectorProvidesPolicyFilesThatLoadTheBundledCopy() {
        PolicyFiles policyFiles = injector.getInstance(PolicyFiles.class);

        assertThat(policyFiles.loadBundled().isValid()).isTrue();
        assertThat(injector.getInstance(PolicyFiles.class)).isSameAs(policyFiles);
    }

    @Test
    void injectedLoaderChecksSchedulesWithQuartz() {
        PolicyLoader loader = injector.getInstance(PolicyLoader.class);

        assertThat(loader.load(List.of(new PolicySource("s.yaml", "settings: {schedule: \"0 2 * * *\"}\n"))).problems())
                .extracting(PolicyProblem::message)
                .singleElement().asString().startsWith("schedule '0 2 * * *' is not a valid Quartz cron expression: ");
        assertThat(loader.load(List.of(new PolicySource("s.yaml", "settings: {schedule: \"0 0 2 * * ?\"}\n"))).isValid()).isTrue();
    }

    @Test
    void injectorProvidesTheCatalogServices() {
        assertThat(injector.getInstance(CatalogLoader.class).bundled().byPartNumber("ENTERPRISEPACK")).isPresent();
        assertThat(injector.getInstance(CatalogFiles.class)).isSameAs(injector.getInstance(CatalogFiles.class));
    }
}
