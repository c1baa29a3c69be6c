package io.seatwarden.cli;

import io.seatwarden.directory.file.TenantFile;
import io.seatwarden.directory.file.TenantFileMapper;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.emulator.RequestLog;
import io.seatwarden.emulator.SignInActivityAccess;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden emulator}: serves a tenant file as a local Microsoft Graph v1.0 endpoint. Prints
 * {@code http://127.0.0.1:PORT/v1.0} on a line of its own on stdout once it accepts requests, then
 * serves until stopped: SIGTERM or Ctrl-C saves the tenant (with {@code --save}) and exits 0.
 */
@Command(name = "emulator", mixinStandardHelpOptions = true,
        description = {
            "Serve a tenant file as a local Microsoft Graph v1.0 endpoint (for tests, demos and CI).",
            "Prints http://127.0.0.1:PORT/v1.0 on its own line once ready; runs until stopped (SIGTERM or Ctrl-C)."
        })
public final class EmulatorCommand implements Callable<Integer> {
    @Option(names = "--tenant", paramLabel = "FILE", required = true, description = "Tenant file to serve (JSON or YAML).")
    Path tenant;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port on 127.0.0.1 (default: 0, any free port).")
    int port;

    @Option(names = "--page-size", paramLabel = "N", defaultValue = "100",
            description = "Items per page when the client gives no $top (default: ${DEFAULT-VALUE}, as Graph).")
    int pageSize;

    @Option(names = "--throttle", paramLabel = "N", defaultValue = "0",
            description = "Read budget of N resource units per 10 s, each request charged Graph's documented cost"
                    + " (writes 1); past it 429 with Retry-After (default: 0, no throttling).")
    int throttle;

    @Option(names = "--write-budget", paramLabel = "N/SECONDS",
            description = "Directory write quota as a token bucket, e.g. 3000/150 (Graph's per app and tenant); off by default.")
    String writeBudget;

    @Option(names = "--latency", paramLabel = "MS", defaultValue = "0",
            description = "Milliseconds added to every HTTP request (once per $batch).")
    long latency;

    @Option(names = "--fail-rate", paramLabel = "P", defaultValue = "0",
            description = "Share of requests (0..1) that fail: half 503 before anything happens, half 504 after it took effect.")
    double failRate;

    @Option(names = "--replication-lag", paramLabel = "MS", defaultValue = "0",
            description = "Milliseconds after a write during which reads still see the previous state (Graph replicates with a lag).")
    long replicationLag;

    @Option(names = "--licensing-delay", paramLabel = "MS", defaultValue = "0",
            description = "Milliseconds before a group's assignLicense reaches its members (Entra processes it in the background).")
    long licensingDelay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the --fail-rate draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count-warning-seats",
            description = "Let assignLicense use seats in prepaidUnits.warning too (Graph's behaviour is undocumented).")
    boolean countWarningSeats;

    @Option(names = "--sign-in-activity", paramLabel = "ACCESS", defaultValue = "granted",
            description = "Whether users' signInActivity is served: granted (default), permission-missing (403 as for an app"
                    + " without AuditLog.Read.All) or not-premium (403 as for a tenant without Microsoft Entra ID P1/P2).")
    String signInActivity;

    @Option(names = "--save", paramLabel = "FILE", description = "Write the tenant back out (tenant-file format) on shutdown.")
    Path save;

    @Option(names = "--verbose", description = "Log every request to stderr.")
    boolean verbose;

    /** A long-running emulator keeps only its latest requests (nothing reads them but --verbose). */
    private static final int REQUEST_LOG_LIMIT = 1000;

    private final TenantFiles tenantFiles;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private PrintStream out = System.out;
    private boolean handleSignals = true;

    @Inject
    public EmulatorCommand(TenantFiles tenantFiles, Clock clock) {
        this.tenantFiles = requireNonNull(tenantFiles, "tenantFiles is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A port already in use is the user's to fix: one line naming it, not a stack trace. */
    private GraphEmulator start(TenantFile file, EmulatorOptions options) {
        try {
            return GraphEmulator.start(file, options);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException) {
                throw new UserFacingException("cannot listen on 127.0.0.1:" + port + ": the port is in use (another"
                        + " emulator?); choose another with --port N, or --port 0 for any free port", e);
            }
            throw e;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        EmulatorOptions options = options();
        SignInActivityAccess access = signInActivityAccess();
        TenantFile file = tenantFiles.readFile(tenant);
        TenantFileMapper.toSnapshot(file, tenant.toString()); // inconsistencies reported with the file's name
        GraphEmulator emulator = start(file, options);
        emulator.signInActivityAccess(access);
        Thread hook = new Thread(emulator::close, "emulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook); // saves even when stopped some other way
        try {
            if (verbose) {
                emulator.requestLog().addListener(EmulatorCommand::logRequest);
            }
            if (handleSignals) {
                handleStopSignals();
            }
            out.println(emulator.baseUrl());
            out.flush();
            System.err.println("seatwarden emulator: serving " + tenant + " at " + emulator.baseUrl() + " (stop with Ctrl-C)");
            stopped.await();
        } finally {
            emulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs and finds the emulator closed
            }
        }
        return ExitCode.OK.code();
    }

    private EmulatorOptions options() {
        try {
            EmulatorOptions options = EmulatorOptions.defaults().withPort(port).withPageSize(pageSize).withThrottle(throttle)
                    .withLatency(Duration.ofMillis(latency)).withFailRate(failRate, seed).withCountWarningSeats(countWarningSeats)
                    .withClock(clock).withRequestLogLimit(REQUEST_LOG_LIMIT)
                    .withReplicationLag(Duration.ofMillis(replicationLag)).withLicensingDelay(Duration.ofMillis(licensingDelay));
            if (writeBudget != null) {
                options = options.withWriteBudget(EmulatorOptions.WriteBudget.parse(writeBudget));
            }
            if (save != null) {
                options = options.withSave(save);
            }
            return options;
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    private SignInActivityAccess signInActivityAccess() {
        try {
            return SignInActivityAccess.parse(signInActivity);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage());
        }
    }

    /** SIGTERM and Ctrl-C end the wait, so that the command saves and exits 0 rather than 143/130. */
    private void handleStopSignals() {
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> stop());
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform: the shutdown hook still saves
            }
        }
    }

    /** Stops serving; {@link #call()} then saves and returns. */
    void stop() {
        stopped.countDown();
    }

    /** For tests: where the URL line goes, and no signal handlers in the test JVM. */
    void embedded(PrintStream stream) {
        this.out = requireNonNull(stream, "stream is null");
        this.handleSignals = false;
    }

    private static void logRequest(RequestLog.Entry entry) {
        System.err.println("emulator: " + entry.method() + " " + entry.target() + (entry.batchItem() ? " (batch step)" : "")
                + " -> " + entry.status());
    }
}
