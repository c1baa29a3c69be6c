package io.seatwarden.state;

import io.seatwarden.directory.TenantId;
import io.seatwarden.testing.TestingClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The default state is neither on the network nor readable by other local users (issue 13 item 1):
 * opening it starts no listening socket (before: H2's AUTO_SERVER listened on every interface, with
 * its key in a world-readable lock file and an empty password), and its directory and files are
 * owner-only, whatever the umask of the process that created them.
 */
class StateFilesTest {
    private static final TenantId TENANT = TenantId.of("44444444-4444-4444-4444-444444444444");

    @TempDir
    Path directory;

    /** The default URL, with its options, for a working directory of the test's own. */
    private StateConfig defaultIn(Path workingDirectory) {
        return new StateConfig(StateConfig.DEFAULT_URL.replace("./", workingDirectory.toAbsolutePath() + "/"),
                Optional.empty(), Optional.empty());
    }

    @Test
    void theDefaultStateOpensNoListeningSocket() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "needs Linux's /proc to list the process's sockets");
        Set<Long> before = listeningSockets();
        try (StateStore store = new StateStores(new TestingClock(Instant.now())).open(defaultIn(directory))) {
            assertThat(store.locks().tryAcquire(TENANT, "test", Duration.ofMinutes(1))).isPresent();
            Set<Long> opened = listeningSockets();
            opened.removeAll(before);
            assertThat(opened).as("TCP sockets this process listens on since the state was opened").isEmpty();
        }
        try (Stream<Path> files = Files.list(directory.resolve(".seatwarden"))) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".lock.db"));
        }
    }

    @Test
    void theDefaultStateDirectoryAndFilesAreOwnerOnly() throws IOException {
        assumePosix();
        try (StateStore store = new StateStores(new TestingClock(Instant.now())).open(defaultIn(directory))) {
            store.locks().tryAcquire(TENANT, "test", Duration.ofMinutes(1));
        }
        assertOwnerOnly(directory.resolve(".seatwarden"));
    }

    @Test
    void ownerOnlyEvenWhenTheProcessUmaskGrantsEveryone() throws Exception {
        assumePosix();
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to set the child's umask");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "umask 000; exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + LeaseHolderProcess.class.getName() + " '" + defaultIn(directory).url() + "' " + TENANT.value() + " ''";
        Process child = new ProcessBuilder("/bin/sh", "-c", command).redirectError(directory.resolve("child.err").toFile()).start();
        try {
            child.getOutputStream().close();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(output).as("stderr: %s", Files.readString(directory.resolve("child.err"))).startsWith("HELD");
        } finally {
            child.destroyForcibly();
        }
        assertOwnerOnly(directory.resolve(".seatwarden"));
    }

    @Test
    void anExistingDefaultDirectoryOfAnEarlierVersionIsTightened() throws IOException {
        assumePosix();
        Path state = Files.createDirectories(directory.resolve(".seatwarden"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxr-xr-x"));
        new StateStores(new TestingClock(Instant.now())).open(defaultIn(directory)).close();
        Files.setPosixFilePermissions(state.resolve("state.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));

        new StateStores(new TestingClock(Instant.now())).open(defaultIn(directory)).close();

        assertOwnerOnly(state);
    }

    @Test
    void aSharedDirectoryKeepsItsModeButTheStateFilesInItAreOwnerOnly() throws IOException {
        assumePosix();
        Path shared = Files.createDirectories(directory.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        new StateStores(new TestingClock(Instant.now())).open(StateConfig.h2File(shared.resolve("state"))).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared.resolve("state.mv.db")))).isEqualTo("rw-------");
    }

    @Test
    void onlyEmbeddedFileUrlsHaveFiles() {
        assertThat(StateFiles.of(StateConfig.h2File(directory.resolve("s"))).orElseThrow().database())
                .isEqualTo(directory.resolve("s").toAbsolutePath());
        assertThat(StateFiles.of(new StateConfig("jdbc:h2:mem:x", Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(StateFiles.of(new StateConfig("jdbc:h2:tcp://localhost/~/x", Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(StateFiles.of(new StateConfig("jdbc:postgresql://db/x", Optional.empty(), Optional.empty()))).isEmpty();
        assertThat(StateConfig.DEFAULT_URL).doesNotContainIgnoringCase("AUTO_SERVER");
    }

    private void assumePosix() {
        assumeTrue(Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null,
                "a file system with POSIX permissions (elsewhere StateFiles sets an owner-only ACL)");
    }

    private static void assertOwnerOnly(Path stateDirectory) throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDirectory))).isEqualTo("rwx------");
        List<String> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(stateDirectory)) {
            listing.forEach(file -> {
                try {
                    files.add(file.getFileName() + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(files).contains("state.mv.db rw-------").allMatch(line -> line.endsWith(" rw-------"));
    }

    /** Inodes of the TCP sockets this process listens on (Linux: /proc/self/fd and /proc/net/tcp{,6}). */
    private static Set<Long> listeningSockets() throws IOException {
        Set<Long> mine = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        mine.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        Set<Long> listening = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            // One read: the table changes while other threads open and close sockets.
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[3].equals("0A") && mine.contains(Long.parseLong(fields[9]))) {
                    listening.add(Long.parseLong(fields[9]));
                }
            }
        }
        return listening;
    }
}
