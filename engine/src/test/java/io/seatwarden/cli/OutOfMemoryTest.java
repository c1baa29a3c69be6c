package io.seatwarden.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real command line in a JVM with a small heap and a tenant file that does not fit in it. */
class OutOfMemoryTest {
    @TempDir
    Path directory;

    @Test
    void runningOutOfHeapSaysHowToGiveTheJvmMoreAndExitsOne() throws IOException, InterruptedException {
        Path tenant = directory.resolve("tenant.json");
        try (Writer out = Files.newBufferedWriter(tenant, StandardCharsets.UTF_8)) {
            out.write("{\"users\": [\n");
            for (int i = 0; i < 400_000; i++) {
                out.write((i == 0 ? "" : ",\n") + "{\"id\": \"user-" + i + "\", \"userPrincipalName\": \"user" + i
                        + "@contoso.com\", \"displayName\": \"User number " + i + "\"}");
            }
            out.write("]}\n");
        }
        Path policies = directory.resolve("policies");
        Files.createDirectories(policies);
        Files.writeString(policies.resolve("p.yaml"), "policies:\n  - {name: p, group: G, licenses: [{sku: X}]}\n");
        Path stderr = directory.resolve("stderr.txt");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx48m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "plan", "--tenant", tenant.toString(), "--policies", policies.toString())
                .redirectOutput(directory.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the child finished").isTrue();

        String errors = Files.readString(stderr);
        assertThat(process.exitValue()).as(errors).isEqualTo(1);
        assertThat(errors).contains("error: the JVM ran out of memory (Java heap space) with a maximum heap of",
                "Give it more: java -Xmx4g -jar seatwarden.jar ..., or set JAVA_TOOL_OPTIONS=-Xmx4g")
                .doesNotContain("\tat ", "Exception in thread");
    }
}
