package io.seatwarden.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --version} names the Maven build's version (issue 13 item 13: it printed "development
 * build"). The expected version comes from the pom through surefire's {@code seatwarden.projectVersion}.
 */
class VersionTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream originalOut;

    @BeforeEach
    void captureStdout() {
        originalOut = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStdout() {
        System.setOut(originalOut);
    }

    @Test
    void versionPrintsTheBuildsVersionAndTheJavaRuntime() {
        String expected = System.getProperty("seatwarden.projectVersion");
        assertThat(expected).as("surefire passes the pom's version").isNotBlank().doesNotContain("${");

        int code = Main.run("--version");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "seatwarden " + expected,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
