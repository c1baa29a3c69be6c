package io.seatwarden.cli;

import com.google.inject.ConfigurationException;
import com.google.inject.Injector;
import picocli.CommandLine;

/** Lets picocli create commands (and their option classes) through Guice's constructor injection. */
final class GuiceCommandFactory implements CommandLine.IFactory {
    private final Injector injector;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    GuiceCommandFactory(Injector injector) {
        this.injector = injector;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        try {
            return injector.getInstance(type);
        } catch (ConfigurationException notBound) {
            // picocli's own helper types (converters, HelpCommand, ...) have no Guice binding.
            return fallback.create(type);
        }
    }
}
