package io.seatwarden.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code seatwarden --version}: the Maven project version, from {@code seatwarden/build.properties}
 * (filled in by resource filtering, so it is right in the jar, on a test class path and in an IDE
 * that ran the build), else the jar manifest's {@code Implementation-Version}; and the Java runtime,
 * which a bug report needs too.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    static final String RESOURCE = "seatwarden/build.properties";

    @Override
    public String[] getVersion() {
        return new String[] {"seatwarden " + version().orElse("(version unknown: built without Maven's resource filtering)"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }

    /** The build's version, if the build recorded one. */
    static Optional<String> version() {
        return fromBuildProperties().or(() -> Optional.ofNullable(Main.class.getPackage().getImplementationVersion()));
    }

    private static Optional<String> fromBuildProperties() {
        try (InputStream in = VersionProvider.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            // An unfiltered copy (a build that skipped Maven's resources phase) still says ${project.version}.
            return version.isEmpty() || version.contains("${") ? Optional.empty() : Optional.of(version);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
    }
}
