package io.seatwarden.schedule;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test class: initdb + pg_ctl on a free loopback port, run as
 * the {@code postgres} OS user when the tests run as root (PostgreSQL refuses root). Needs the
 * Debian {@code postgresql} package (binaries under /usr/lib/postgresql/N/bin, or {@code PG_BIN}).
 */
final class TestingPostgresServer implements AutoCloseable {
    static final String DATABASE = "seatwarden";
    static final String USER = "postgres";

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;

    private TestingPostgresServer(Path binaries, Path directory, int port, boolean asPostgresUser) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Where initdb and pg_ctl are, if PostgreSQL is installed. */
    static Optional<Path> binaries() {
        String configured = System.getenv("PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) {
            return Optional.of(Path.of(configured));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin -> Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static TestingPostgresServer start(Path directory) throws IOException, InterruptedException, SQLException {
        Path binaries = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed (apt-get install postgresql, or set PG_BIN)"));
        boolean asPostgresUser = "root".equals(System.getProperty("user.name"));
        if (asPostgresUser) {
            UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
            Files.setOwner(directory, postgres);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestingPostgresServer server = new TestingPostgresServer(binaries, directory, port, asPostgresUser);
        server.command("initdb", "-D", directory.resolve("data").toString(), "--auth=trust", "-U", USER, "-E", "UTF8", "--no-sync");
        server.command("pg_ctl", "-D", directory.resolve("data").toString(), "-l", directory.resolve("postgres.log").toString(),
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "-w", "start");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        }
        return server;
    }

    String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A fresh, empty database on this server; its JDBC URL. */
    String createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    StateDatabase database() {
        return new StateDatabase(jdbcUrl(), Optional.of(USER), Optional.empty());
    }

    private void command(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(program + ".out").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(program + " failed: " + Files.readString(directory.resolve(program + ".out")));
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        command("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }
}
