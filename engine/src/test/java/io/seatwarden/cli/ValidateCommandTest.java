package io.seatwarden.cli;

import io.seatwarden.testing.StandardStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {
    @RegisterExtension
    final StandardStreams streams = new StandardStreams();
    private final ByteArrayOutputStream out = streams.out;
    private final ByteArrayOutputStream err = streams.err;


    @Test
    void theRepositorysPoliciesAreValid() {
        Path policies = Path.of(System.getProperty("seatwarden.repoRoot", "..")).resolve("policies");

        int code = Main.run("validate", "--policies", policies.toString());

        assertThat(code).isZero();
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr.lines()).singleElement().asString()
                .startsWith(policies + ": valid (")
                .contains("files", "policies", "settings from ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void everyProblemIsPrintedAsFileLineColumnAndTheExitCodeIsOne(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("a.yaml"), "policies:\n  - name: a\n    prority: 1\n    group: A\n    licenses: [{sku: X}]\n");
        Files.writeString(directory.resolve("b.yaml"), "settings:\n  maxRemovals: lots\n");

        int code = Main.run("validate", "--policies", directory.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                directory + "/a.yaml:3:5: unknown key 'prority' (did you mean 'priority'?)",
                directory + "/b.yaml:2:16: 'maxRemovals' must be a whole number from 0 to 2147483647, not a string",
                "2 problems in " + directory + "; nothing is valid until all are fixed");
    }

    @Test
    void missingDirectoryExitsOne(@TempDir Path directory) {
        int code = Main.run("validate", "--policies", directory.resolve("absent").toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(directory.resolve("absent") + ": no such directory");
    }

    @Test
    void helpWorks() {
        assertThat(Main.run("validate", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--policies=DIR");
    }
}
