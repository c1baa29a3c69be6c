package io.seatwarden.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The build's training run for the start-up archive (AppCDS): {@code package} runs it once as
 * {@code java -XX:ArchiveClassesAtExit=seatwarden.jsa -cp seatwarden.jar io.seatwarden.cli.ArchiveTraining
 * seatwarden.jsa.jvm}, so the archive holds the classes {@code --version}, {@code --help} and
 * {@code plan --demo} (every report format) load. Offline: the demo reads an in-process emulator.
 *
 * <p>Writes the real path of the JDK it ran on ({@code java.home}) to the file its argument names;
 * {@code bin/seatwarden} passes the archive only to that JDK. Exits 1 when a command did not answer as the
 * README says (a broken jar fails the build here rather than in a user's hands).
 */
public final class ArchiveTraining {
    private ArchiveTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ArchiveTraining JVM_FILE (the file to record the JDK in)");
            System.exit(1);
        }
        List<String> failures = new ArrayList<>();
        Path reports = Files.createTempDirectory("seatwarden-archive-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8)) {
            System.setOut(discard);
            System.setErr(discard);
            expect(failures, ExitCode.OK, "--version");
            expect(failures, ExitCode.OK, "--help");
            expect(failures, ExitCode.OK, "plan", "--help");
            expect(failures, ExitCode.CHANGES_PENDING, "plan", "--demo");
            for (String format : List.of("markdown", "json", "html")) {
                expect(failures, ExitCode.CHANGES_PENDING, "plan", "--demo", "--format", format,
                        "--out", reports.resolve("plan." + format).toString());
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            try (var files = Files.list(reports)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(reports);
        }
        if (!failures.isEmpty()) {
            failures.forEach(err::println);
            System.exit(1);
        }
        Files.writeString(Path.of(args[0]), Path.of(System.getProperty("java.home")).toRealPath() + "\n", StandardCharsets.UTF_8);
    }

    private static void expect(List<String> failures, ExitCode expected, String... args) {
        int code = Main.run(args);
        if (code != expected.code()) {
            failures.add("archive training: seatwarden " + String.join(" ", args) + " exited " + code + ", expected "
                    + expected.code());
        }
    }
}
