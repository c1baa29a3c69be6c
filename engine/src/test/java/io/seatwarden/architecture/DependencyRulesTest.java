package io.seatwarden.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule of STYLE.md, checked by scanning imports: the planning core (policy model,
 * directory model, plan) does no I/O and knows no SDK, container, scheduler or command line; and
 * nothing imports the shell (cli, schedule, config).
 */
class DependencyRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/seatwarden");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> FORBIDDEN_IN_CORE = List.of(
            "com.microsoft.", "com.azure.", "com.google.inject.", "jakarta.inject.", "org.quartz.", "picocli.",
            "java.net.", "java.nio.file.", "java.sql.", "okhttp3.", "java.time.Clock", "java.util.Random");

    @Test
    void theCoreImportsNoInputOutputAndNoFramework() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            boolean core = pkg.equals("io.seatwarden.plan") || pkg.startsWith("io.seatwarden.plan.")
                    || pkg.equals("io.seatwarden.policy") || pkg.equals("io.seatwarden.directory")
                    || pkg.equals("io.seatwarden.catalog");
            if (!core) {
                continue;
            }
            for (String imported : imports(file)) {
                for (String forbidden : FORBIDDEN_IN_CORE) {
                    if (imported.startsWith(forbidden)) {
                        violations.add(SOURCES.relativize(file) + " imports " + imported);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void nothingBelowTheShellImportsIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            String pkg = packageOf(file);
            if (pkg.startsWith("io.seatwarden.cli") || pkg.startsWith("io.seatwarden.config") || pkg.startsWith("io.seatwarden.schedule")) {
                continue;
            }
            for (String imported : imports(file)) {
                if (imported.startsWith("io.seatwarden.cli.") || imported.startsWith("io.seatwarden.config.")) {
                    violations.add(SOURCES.relativize(file) + " imports " + imported);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void thePlannerSeesOnlyThePolicyAndDirectoryModels() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : sources()) {
            if (!packageOf(file).startsWith("io.seatwarden.plan")) {
                continue;
            }
            for (String imported : imports(file)) {
                if (imported.startsWith("io.seatwarden.") && !imported.startsWith("io.seatwarden.plan")
                        && !imported.startsWith("io.seatwarden.policy.") && !imported.startsWith("io.seatwarden.catalog.")
                        && !(imported.startsWith("io.seatwarden.directory.") && imported.split("\\.").length == 4)) {
                    violations.add(SOURCES.relativize(file) + " imports " + imported);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path file) {
        return SOURCES.getParent().getParent().relativize(file.getParent()).toString().replace('/', '.');
    }

    private static List<String> imports(Path file) throws IOException {
        Matcher matcher = IMPORT.matcher(Files.readString(file));
        List<String> result = new ArrayList<>();
        while (matcher.find()) {
            result.add(matcher.group(1));
        }
        return result;
    }
}
