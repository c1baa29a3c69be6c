package io.seatwarden.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsFileTest {
    @TempDir
    Path directory;

    @Test
    void replacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws IOException {
        Path file = directory.resolve("textfile/seatwarden.prom");
        MetricsFile.write(file, "seatwarden_runs_total{outcome=\"applied\",tenant=\"t\"} 1\n");
        MetricsFile.write(file, "seatwarden_runs_total{outcome=\"applied\",tenant=\"t\"} 2\n");

        assertThat(file).hasContent("seatwarden_runs_total{outcome=\"applied\",tenant=\"t\"} 2");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aReaderOfTheOldFileNeverSeesHalfOfTheNewOne() throws IOException {
        Path file = directory.resolve("seatwarden.prom");
        String old = "old_metric 1\n".repeat(1000);
        MetricsFile.write(file, old);
        try (InputStream reading = Files.newInputStream(file)) {
            // The collector has the file open when the next run writes: a rename swaps the name, the open file stays whole.
            MetricsFile.write(file, "new_metric 2\n");
            assertThat(new String(reading.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(old);
        }
        assertThat(file).hasContent("new_metric 2");
    }
}
