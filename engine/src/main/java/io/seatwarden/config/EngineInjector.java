package io.seatwarden.config;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.seatwarden.catalog.file.CatalogModule;
import io.seatwarden.graph.GraphDirectoryModule;
import io.seatwarden.notify.NotifyModule;
import io.seatwarden.policy.file.PolicyModule;
import io.seatwarden.report.ReportModule;
import io.seatwarden.schedule.CronSyntaxModule;
import io.seatwarden.schedule.ScheduleModule;
import io.seatwarden.state.StateModule;

import java.time.Clock;
import java.util.List;

/**
 * The one place the Guice injector is created. Each area contributes one module; add yours to
 * {@link #modules()}. Modules only bind: no I/O, network or threads in {@code configure()}.
 */
public final class EngineInjector {
    /** Guice's switch for generating classes at run time (read once, when Guice first loads). */
    static final String BYTECODE_GEN_OPTION = "guice_bytecode_gen_option";

    private EngineInjector() {}

    public static Injector create() {
        return create(Stage.DEVELOPMENT);
    }

    public static Injector create(Stage stage) {
        // Guice would define a "fast class" for every constructor it calls (about 30 for one command): start-up
        // time spent generating classes an AppCDS archive cannot keep, for calls made once. Nothing here uses
        // what needs it (method interception); reflection does the same job. A -D on the command line wins.
        if (System.getProperty(BYTECODE_GEN_OPTION) == null) {
            System.setProperty(BYTECODE_GEN_OPTION, "DISABLED");
        }
        return Guice.createInjector(stage, modules());
    }

    static List<Module> modules() {
        return List.of(new CoreModule(), new CronSyntaxModule(), new PolicyModule(), new CatalogModule(), new ReportModule(), new ScheduleModule(),
                new StateModule(), new GraphDirectoryModule(), new NotifyModule());
    }

    /** Bindings every area shares. */
    static final class CoreModule extends AbstractModule {
        @Override
        protected void configure() {
            binder().disableCircularProxies();
            binder().requireExactBindingAnnotations();
            bind(Clock.class).toInstance(Clock.systemUTC());
        }
    }
}
