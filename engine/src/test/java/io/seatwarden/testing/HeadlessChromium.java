package io.seatwarden.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium, to see a report the way a reader does: a screenshot ({@code --screenshot}) and the DOM
 * after parsing ({@code --dump-dom}). Found as {@code $CHROMIUM}, or {@code chromium}, {@code chromium-browser} or
 * {@code google-chrome} on the PATH. Without one, {@link #require()} fails in CI ({@code CI} set) and skips the
 * test elsewhere, with a message saying how to install it; it never passes silently.
 */
public final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    /** A guard against a hung browser, not a speed requirement. */
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final Path profile;

    private HeadlessChromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** Chromium with its own profile directory under {@code work}, or the test is failed (CI) or skipped (locally). */
    public static HeadlessChromium require(Path work) throws IOException {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "headless Chromium is needed to check the HTML page as a reader sees it: install it"
                    + " (apt-get install -y chromium, as .ci/run does) or set CHROMIUM to its path";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message + " (CI is set, so a missing Chromium fails the build)");
            }
            Assumptions.assumeTrue(false, message + "; skipped outside CI");
        }
        return new HeadlessChromium(found.get(), Files.createDirectories(work.resolve("chromium-profile")));
    }

    private static Optional<Path> find() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        for (String name : NAMES) {
            for (String directory : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(directory, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Renders {@code page} in a {@code width} x {@code height} window and writes the viewport to {@code png}. */
    public void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, page.toUri().toString()));
        assertThat(png).as("the screenshot Chromium was asked for").exists();
    }

    /** The page's DOM as Chromium parsed it, serialised. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", page.toUri().toString()));
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(), "--force-device-scale-factor=1"));
        command.addAll(arguments);
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        String output = Files.readString(stdout, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("Chromium exited with " + process.exitValue() + ": " + command + "\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return output;
    }
}
