package io.seatwarden.emulator;

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

/** STYLE.md: the emulator imports only the tenant-file model and the directory model from the engine, and no SDK. */
class EmulatorDependencyTest {
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void theEmulatorImportsOnlyTheDirectoryModelAndTheTenantFile() throws IOException {
        Path sources = Path.of(System.getProperty("seatwarden.repoRoot", ".."), "engine/src/main/java/io/seatwarden/emulator");
        List<String> offending = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(path -> path.toString().endsWith(".java")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            Matcher matcher = IMPORT.matcher(Files.readString(file));
            while (matcher.find()) {
                String imported = matcher.group(1);
                boolean project = imported.startsWith("io.seatwarden.");
                boolean allowed = imported.startsWith("io.seatwarden.emulator.")
                        || imported.matches("io\\.seatwarden\\.directory\\.[A-Z]\\w*(\\.\\w+)*")
                        || imported.startsWith("io.seatwarden.directory.file.");
                boolean sdk = imported.startsWith("com.microsoft.") || imported.startsWith("com.azure.") || imported.startsWith("okhttp3.");
                if ((project && !allowed) || sdk) {
                    offending.add(file.getFileName() + ": " + imported);
                }
            }
        }
        assertThat(offending).isEmpty();
    }
}
