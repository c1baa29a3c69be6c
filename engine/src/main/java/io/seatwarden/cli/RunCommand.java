package io.seatwarden.cli;

import io.seatwarden.graph.CredentialsReference;
import io.seatwarden.policy.SourceLocation;
import io.seatwarden.schedule.JobStoreMode;
import io.seatwarden.schedule.ScheduleService;
import io.seatwarden.schedule.ScheduleServiceFactory;
import io.seatwarden.schedule.SchedulerSettings;
import io.seatwarden.schedule.ServiceConfig;
import io.seatwarden.schedule.TenantKey;
import io.seatwarden.schedule.TenantTarget;
import io.seatwarden.schedule.Tenants;
import io.seatwarden.schedule.TenantsFile;
import io.seatwarden.schedule.TenantsFileException;
import io.seatwarden.state.StateDatabase;
import io.seatwarden.state.StateException;
import jakarta.inject.Inject;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code seatwarden run}: the scheduled service. Every option has a {@code SEATWARDEN_*}
 * environment variable (the option name, upper-cased, dashes as underscores).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run as a service: reconcile each tenant on its Quartz cron (settings.schedule by default), one run at a"
                + " time per tenant, on one node or a cluster of nodes sharing a PostgreSQL state database. Stops gracefully"
                + " on SIGTERM: the batch of changes in flight finishes and the run is recorded.",
                "Every option has an environment variable: SEATWARDEN_ and the option name in capitals, '_' for '-'"
                + " (--state-url: SEATWARDEN_STATE_URL)."})
public final class RunCommand implements Callable<Integer> {
    /** What Quartz keeps its jobs in. */
    enum JobStoreChoice {
        auto,
        memory,
        cluster
    }

    private final ScheduleServiceFactory factory;

    @Option(names = "--tenants", paramLabel = "FILE", defaultValue = "${env:SEATWARDEN_TENANTS}",
            description = "Tenants file (YAML) for several tenants; see README. Env SEATWARDEN_TENANTS.")
    Path tenantsFile;

    @Option(names = "--graph-url", paramLabel = "URL", defaultValue = "${env:SEATWARDEN_GRAPH_URL}",
            description = "Without --tenants: the one tenant's Graph endpoint (default " + "https://graph.microsoft.com/v1.0"
                    + "; credentials the azure-identity way, none for loopback URLs).")
    URI graphUrl;

    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "${env:SEATWARDEN_POLICIES:-policies}",
            description = "Without --tenants: the policy directory (default: ${DEFAULT-VALUE}).")
    Path policies;

    @Option(names = "--tenant-name", paramLabel = "NAME", defaultValue = "${env:SEATWARDEN_TENANT_NAME:-default}",
            description = "Without --tenants: the tenant's short name in run directories and metrics (default: ${DEFAULT-VALUE}).")
    String tenantName;

    @Option(names = "--schedule", paramLabel = "CRON", defaultValue = "${env:SEATWARDEN_SCHEDULE}",
            description = "Without --tenants: a Quartz cron overriding settings.schedule, e.g. \"0 0 2 * * ?\".")
    String schedule;

    @Mixin
    StateOptions state;

    @Option(names = "--job-store", paramLabel = "auto|memory|cluster", defaultValue = "${env:SEATWARDEN_JOB_STORE:-auto}",
            description = "Where Quartz keeps jobs: memory (one node), cluster (Quartz tables in the state database;"
                    + " several nodes). auto = cluster on PostgreSQL, memory otherwise.")
    JobStoreChoice jobStore;

    @Option(names = "--node-id", paramLabel = "ID", defaultValue = "${env:SEATWARDEN_NODE_ID:-AUTO}",
            description = "This node's id in the cluster (default: host name and start time).")
    String nodeId;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "${env:SEATWARDEN_THREADS:-4}",
            description = "Tenants this node may reconcile at the same time (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--cluster-checkin", paramLabel = "MILLIS", defaultValue = "${env:SEATWARDEN_CLUSTER_CHECKIN:-7000}",
            description = "Cluster check-in interval in ms; a dead node's run is recovered after about this plus a margin"
                    + " (default: ${DEFAULT-VALUE}).")
    long clusterCheckinMillis;

    @Option(names = "--runs-dir", paramLabel = "DIR", defaultValue = "${env:SEATWARDEN_RUNS_DIR:-.seatwarden/runs}",
            description = "Where each run's reports go, as DIR/<tenant>/<run-id>/ (default: ${DEFAULT-VALUE}).")
    Path runsDirectory;

    @Option(names = "--run-now", defaultValue = "${env:SEATWARDEN_RUN_NOW:-false}",
            description = "Also run every tenant once right after starting (e.g. after a deployment).")
    boolean runNow;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:SEATWARDEN_HTTP_PORT:-9464}",
            description = "Port for /healthz and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port, -1 = off).")
    int httpPort;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "${env:SEATWARDEN_HTTP_HOST:-127.0.0.1}",
            description = "Address for /healthz and /metrics (default: ${DEFAULT-VALUE}; 0.0.0.0 in containers).")
    String httpHost;

    @Inject
    public RunCommand(ScheduleServiceFactory factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws SchedulerException {
        Tenants tenants = tenants();
        StateDatabase database = state.database();
        JobStoreMode mode = switch (jobStore) {
            case auto -> JobStoreMode.auto(database);
            case memory -> JobStoreMode.MEMORY;
            case cluster -> JobStoreMode.CLUSTER;
        };
        if (threads < 1) {
            throw new UserFacingException("--threads must be at least 1");
        }
        SchedulerSettings settings = new SchedulerSettings(mode, nodeId, threads, Duration.ofMillis(clusterCheckinMillis),
                SchedulerSettings.defaults(mode).misfireThreshold());
        Optional<InetSocketAddress> http = httpPort < 0 ? Optional.empty() : Optional.of(new InetSocketAddress(httpHost, httpPort));
        ScheduleService service;
        try {
            service = factory.start(new ServiceConfig(database, settings, runsDirectory, http, runNow), tenants);
        } catch (TenantsFileException | StateException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
        service.httpAddress().ifPresent(address ->
                System.err.println("serving http://" + address.getHostString() + ":" + address.getPort() + "/metrics and /healthz"));
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "seatwarden-shutdown"));
        service.awaitStop();
        return ExitCode.OK.code();
    }

    private Tenants tenants() {
        try {
            if (tenantsFile != null) {
                if (graphUrl != null || schedule != null) {
                    throw new UserFacingException("--tenants names every tenant's graphUrl and schedule; drop --graph-url and --schedule");
                }
                return Tenants.of(TenantsFile.load(tenantsFile));
            }
            if (!TenantKey.isValid(tenantName)) {
                throw new UserFacingException("--tenant-name '" + tenantName + "' must be lower-case letters, digits, '.', '_' or '-'");
            }
            if (!Files.isDirectory(policies)) {
                throw new UserFacingException("policy directory " + policies + " does not exist (--policies DIR)");
            }
            if (schedule != null) {
                TenantsFile.cronProblem(schedule).ifPresent(problem -> {
                    throw new UserFacingException("--schedule " + problem);
                });
            }
            URI url = graphUrl == null ? TenantTarget.DEFAULT_GRAPH_URL : graphUrl;
            CredentialsReference credentials = CredentialsReference.defaultFor(url);
            TenantKey key = TenantKey.of(tenantName);
            return Tenants.of(List.of(new TenantTarget(key, key.value(), url, credentials, policies.toAbsolutePath().normalize(),
                    Optional.ofNullable(schedule), Optional.empty(), SourceLocation.unknown("(command line)"))));
        } catch (TenantsFileException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
    }
}
