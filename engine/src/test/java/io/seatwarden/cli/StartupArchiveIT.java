package io.seatwarden.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The packaged jar, the start-up archive the {@code package} phase made beside it (ArchiveTraining) and
 * {@code bin/seatwarden}. Runs after {@code package} (surefire's {@code start-up-archive} execution, in
 * {@code integration-test}), on the JDK that ran the build, which is the JDK the archive is for.
 */
class StartupArchiveIT {
    private static final Path REPO = Path.of(System.getProperty("seatwarden.repoRoot", "..")).toAbsolutePath().normalize();
    private static final Path TARGET = REPO.resolve("engine/target");
    private static final Path JAR = TARGET.resolve("seatwarden.jar");
    private static final Path ARCHIVE = TARGET.resolve("seatwarden.jsa");
    private static final Path LAUNCHER = REPO.resolve("bin/seatwarden");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** What -Xlog:class+load says of a class the JVM took from the application archive. */
    private static final String FROM_ARCHIVE = "io.seatwarden.cli.Main source: shared objects file (top)";

    @TempDir
    Path directory;

    @BeforeAll
    static void packaged() {
        assumeFalse(Boolean.getBoolean("seatwarden.cdsSkipped"), "packaged with -Dcds.skip: no archive");
        assertThat(JAR).as("the packaged jar").isRegularFile();
        assertThat(ARCHIVE).as("the start-up archive").isRegularFile();
    }

    @Test
    void theArchiveIsForTheJdkThatBuiltItAndThatJdkMapsIt() throws Exception {
        assertThat(Files.readString(Path.of(ARCHIVE + ".jvm")).trim())
                .isEqualTo(Path.of(System.getProperty("java.home")).toRealPath().toString());

        // -Xshare:on: a JVM that cannot use the archive stops with an error instead of falling back.
        Run run = run(List.of(JAVA, "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:class+load=info",
                "-jar", JAR.toString(), "--version"), Map.of());
        assertThat(run.exitCode).as(run.stderr).isZero();
        assertThat(run.stdout).contains(FROM_ARCHIVE).contains("seatwarden " + System.getProperty("seatwarden.projectVersion"));
    }

    @Test
    void theLauncherPassesArgumentsOutputAndExitCodesThroughAndUsesTheArchive() throws Exception {
        Path classLoads = directory.resolve("class-load.log");
        Run plan = run(List.of(LAUNCHER.toString(), "plan", "--demo"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLoads));
        assertThat(plan.exitCode).as(plan.stderr).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(Files.readString(classLoads)).contains(FROM_ARCHIVE);
        Run direct = run(List.of(JAVA, "-jar", JAR.toString(), "plan", "--demo"), Map.of());
        assertThat(withoutTimestamps(plan.stdout)).isEqualTo(withoutTimestamps(direct.stdout)).contains("licenses");
        assertThat(plan.stderr).endsWith("plan: 13 users to change (exit code 2)\n".replace("\n", System.lineSeparator()))
                .doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("shared archive");

        Path missing = directory.resolve("a folder with spaces").resolve("tenant.json");
        Run bad = run(List.of(LAUNCHER.toString(), "plan", "--tenant", missing.toString(), "--policies",
                REPO.resolve("policies").toString()), Map.of());
        assertThat(bad.exitCode).isEqualTo(ExitCode.ERROR.code());
        assertThat(bad.stderr).contains("error: " + missing + ": no such file");

        Run version = run(List.of(LAUNCHER.toString(), "--version"), Map.of());
        assertThat(version.exitCode).isZero();
        assertThat(version.stdout).isEqualTo(run(List.of(JAVA, "-jar", JAR.toString(), "--version"), Map.of()).stdout);
    }

    @Test
    void anArchiveThatDoesNotMatchIsNeitherUsedNorMentioned() throws Exception {
        // A copy beside the launcher: the JVM refuses an archive made for a jar at another path, silently.
        Path copy = Files.createDirectories(directory.resolve("elsewhere"));
        for (Path file : List.of(LAUNCHER, JAR, ARCHIVE, Path.of(ARCHIVE + ".jvm"))) {
            Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path classLoads = directory.resolve("moved.log");
        Run moved = run(List.of(copy.resolve("seatwarden").toString(), "plan", "--demo"),
                Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLoads));
        assertThat(moved.exitCode).as(moved.stderr).isEqualTo(ExitCode.CHANGES_PENDING.code());
        assertThat(Files.readString(classLoads)).doesNotContain(FROM_ARCHIVE).contains("io.seatwarden.cli.Main source: file:");
        assertThat(moved.stderr).doesNotContainIgnoringCase("cds").doesNotContainIgnoringCase("shared archive")
                .doesNotContainIgnoringCase("warning");

        // An archive recorded for another JDK: the launcher does not even offer it.
        Files.writeString(copy.resolve("seatwarden.jsa.jvm"), "/opt/some-other-jdk\n");
        Run otherJdk = run(List.of(copy.resolve("seatwarden").toString(), "--version"), Map.of("JAVA_TOOL_OPTIONS",
                "-XX:+PrintCommandLineFlags"));
        assertThat(otherJdk.exitCode).isZero();
        assertThat(otherJdk.stdout).doesNotContain("SharedArchiveFile").contains("seatwarden ");
    }

    private static String withoutTimestamps(String report) {
        return report.lines().filter(line -> !line.toLowerCase().contains("generated")).reduce("", (a, b) -> a + b + "\n");
    }

    private Run run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path out = Files.createTempFile(directory, "stdout", ".txt");
        Path err = Files.createTempFile(directory, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // The launcher's JDK is JAVA_HOME's: this one, which made the archive.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("SEATWARDEN_CDS");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        String stderr = Files.readString(err).lines()
                .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .reduce("", (a, b) -> a + b + System.lineSeparator());
        return new Run(process.exitValue(), Files.readString(out), stderr);
    }

    private record Run(int exitCode, String stdout, String stderr) {}
}
