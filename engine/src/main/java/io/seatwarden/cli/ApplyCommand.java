package io.seatwarden.cli;

import io.seatwarden.state.RunOutcome;
import io.seatwarden.catalog.CatalogException;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.catalog.file.CatalogFiles;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.notify.NoticeContext;
import io.seatwarden.notify.Notifier;
import io.seatwarden.plan.Plan;
import io.seatwarden.plan.RemovalGuardVerdict;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.reconcile.Confirmation;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.reconcile.RunOptions;
import io.seatwarden.reconcile.RunRequest;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.SavedPlan;
import io.seatwarden.reconcile.SeatShortage;
import io.seatwarden.reconcile.TenantConnection;
import io.seatwarden.report.Format;
import io.seatwarden.report.PlanReports;
import io.seatwarden.report.ResultReports;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import jakarta.inject.Inject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden apply}: plans against the tenant and applies the changes through Graph, journaled
 * in the state database. Asks for confirmation on a terminal unless {@code --yes}.
 *
 * <p>Exit codes (DESIGN.md): 0 all applied (users Graph left waiting for seats included), 1 an error or a
 * change that failed (or nothing applied: declined, refused), 3 the removal guard held removals back
 * (the rest was applied).
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Apply the policies to the tenant through Microsoft Graph: plan, confirm, write, journal.",
            "Exit code: 0 all applied, 1 error or a change failed, 3 the removal guard held removals back (the rest was applied).",
            "The result report goes to stdout (or --out FILE); progress and problems go to stderr."
        })
public final class ApplyCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Tenant (exactly one):%n")
    TenantOptions tenant;

    @Option(names = "--policies", paramLabel = "DIR",
            description = "Directory of policy files (default: policies, or the jar's bundled copy with --demo).")
    Path policies;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "Apply a saved plan (plan --format json): refused unless planning now gives the same changes.")
    Path savedPlan;

    @Option(names = "--yes", description = "Apply without asking (scheduled runs, CI). Without it, apply asks on a terminal.")
    boolean yes;

    @Option(names = "--max-removals", paramLabel = "N",
            description = "For this run, raise the removal guard's absolute limit to N and lift its percentage limit.")
    Integer maxRemovals;

    @Option(names = "--lease-wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "While another run of the tenant holds its lease, wait up to SECONDS for it, then refuse"
                    + " (default: ${DEFAULT-VALUE}; 0 refuses at once). The tenant is read only once the lease is held.")
    int leaseWait;

    @Option(names = "--full",
            description = "Read the tenant in full rather than what changed since the last apply (Graph's delta queries); "
                    + "the snapshot and delta links kept in the state start afresh from this read.")
    boolean full;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Result report: text, markdown or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the result report to FILE instead of stdout.")
    Path out;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Also write the run's metrics to FILE in the Prometheus"
            + " text format, atomically (temporary file, then rename), for node_exporter's textfile collector (name it *.prom).")
    Path metricsFile;

    @Option(names = "--state-url", paramLabel = "JDBC_URL",
            description = "State database (default: env SEATWARDEN_STATE_URL, else " + StateConfig.DEFAULT_URL
                    + "; --demo alone uses a private in-memory one). User and password from SEATWARDEN_STATE_USER/_PASSWORD.")
    String stateUrl;

    @Option(names = EphemeralStateCheck.ALLOW_FLAG,
            description = "In CI (CI or GITHUB_ACTIONS set), apply refuses the default state file, lost with the runner;"
                    + " this accepts it on purpose.")
    boolean allowEphemeralState;

    @Option(names = "--write-budget", paramLabel = "N/SECONDS", defaultValue = "3000/150s",
            description = "Graph's directory write quota per app and tenant that the writer paces itself to (default: ${DEFAULT-VALUE}).")
    String writeBudget;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A newer download of Microsoft's product and service plan catalog CSV than the bundled one.")
    Path catalog;

    /** Taken only to refuse it with a clear message: an apply changes the tenant now. */
    @Option(names = "--as-of", paramLabel = "INSTANT", hidden = true)
    String asOf;

    @Option(names = "--exclusive-plans", paramLabel = "FILE",
            description = "A newer list of service plans that cannot be assigned together (CSV family,servicePlanName,servicePlanId) than the bundled one.")
    Path exclusivePlans;

    private final PolicyFiles policyFiles;
    private final CatalogLoader catalogLoader;
    private final CatalogFiles catalogFiles;
    private final StateStores stateStores;
    private final TenantConnections connections;
    private final PlanReports planReports;
    private final Clock clock;
    private final Notifier notifier;

    @Inject
    public ApplyCommand(PolicyFiles policyFiles, CatalogLoader catalogLoader, CatalogFiles catalogFiles, StateStores stateStores,
            TenantConnections connections, PlanReports planReports, Clock clock, Notifier notifier) {
        this.notifier = requireNonNull(notifier, "notifier is null");
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
        this.catalogLoader = requireNonNull(catalogLoader, "catalogLoader is null");
        this.catalogFiles = requireNonNull(catalogFiles, "catalogFiles is null");
        this.stateStores = requireNonNull(stateStores, "stateStores is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.planReports = requireNonNull(planReports, "planReports is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        if (asOf != null) {
            throw new UserFacingException("apply --as-of: an apply changes the tenant now, so it plans as of now; use plan --as-of "
                    + asOf + " to see what the plan would be then");
        }
        if (tenant.tenantFile != null) {
            throw new UserFacingException("apply --tenant " + tenant.tenantFile + ": a tenant file is read-only; apply to a Graph endpoint"
                    + " with --graph-url URL (an emulator serving the file: seatwarden emulator --tenant FILE), or try --demo");
        }
        if (format == Format.HTML) {
            throw new UserFacingException("--format html is for plans; apply reports in text, markdown or json");
        }
        Console console = System.console();
        if (!yes && console == null) {
            throw new UserFacingException("no terminal to ask for confirmation on: pass --yes to apply without asking");
        }
        WriteBudget budget;
        try {
            budget = WriteBudget.parse(writeBudget);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--write-budget: " + e.getMessage());
        }
        Optional<SavedPlan> expected = savedPlan == null ? Optional.empty() : Optional.of(readSavedPlan(savedPlan));
        PolicyLoadResult loaded = policies == null && tenant.demo() ? policyFiles.loadBundled()
                : policyFiles.load(policies == null ? PolicyFiles.DEFAULT_DIRECTORY : policies);
        if (!loaded.isValid()) {
            loaded.problems().forEach(err::println);
            err.println(PolicyProblem.count(loaded.problems().size()) + " in the policies; nothing was applied");
            if (metricsFile != null) {
                RunMetricsFile.writeFailed(metricsFile, clock.instant());
            }
            return ExitCode.ERROR.code();
        }
        PolicySet policySet = loaded.policySet().orElseThrow();
        ProductCatalog productCatalog = productCatalog();

        RunOptions options = RunOptions.apply().withLeaseWait(leaseWait(leaseWait));
        if (maxRemovals != null) {
            if (maxRemovals < 0) {
                throw new UserFacingException("--max-removals must be 0 or more");
            }
            options = options.withMaxRemovals(maxRemovals);
        }
        if (expected.isPresent()) {
            options = options.withExpectedPlan(expected.get());
        }
        if (full) {
            options = options.withFullRead();
        }
        Confirmation confirmation = yes ? Confirmation.always() : (plan, guard) -> ask(console, planReports, plan, guard);

        if (!tenant.demo()) {
            Optional<String> refusal = EphemeralStateCheck.refusal("apply", System.getenv(), stateUrl, allowEphemeralState);
            if (refusal.isPresent()) {
                throw new UserFacingException(refusal.get());
            }
        }
        GraphEmulator demo = tenant.demo() ? connections.startDemo() : null;
        try (StateStore state = openState()) {
            URI graphUrl = demo != null ? URI.create(demo.baseUrl()) : tenant.graphUrl;
            err.println("reading " + (demo != null ? "the demo tenant (served at " + graphUrl + ")" : graphUrl) + " ...");
            TenantConnection connection = connections.open(graphUrl, budget);
            ReconcileRun reconcile = new ReconcileRun(state, productCatalog, clock);
            ApplyProgressPrinter progress = new ApplyProgressPrinter(err, clock);
            Instant startedAt = clock.instant();
            RunResult result = expected.flatMap(SavedPlan::undoes).isPresent()
                    // A saved undo plan (undo RUN --out FILE): re-derived from that run's journal, checked, applied.
                    ? reconcile.undo(expected.get().undoes().get(), connection, policySet.settings(), options.withKind(RunKind.UNDO),
                            confirmation, progress)
                    : reconcile.run(new RunRequest(connection, policySet, options, confirmation, progress));
            if (metricsFile != null) {
                RunMetricsFile.write(metricsFile, result, startedAt, clock.instant());
            }
            int exitCode = report(result, format, out, err, productCatalog);
            // After the report: a slow or absent receiver delays nothing the operator reads, and changes no exit code.
            String tenantName = result.plan().map(plan -> plan.tenantId().toString()).orElse(graphUrl.getHost());
            notifier.notify(result, new NoticeContext(tenantName, productCatalog), policySet.settings().notifications())
                    .forEach(delivery -> err.println(delivery.describe()));
            return exitCode;
        } catch (StateException e) {
            throw new UserFacingException("state database: " + e.getMessage(), e);
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    static Duration leaseWait(int seconds) {
        if (seconds < 0) {
            throw new UserFacingException("--lease-wait must be 0 or more");
        }
        return Duration.ofSeconds(seconds);
    }

    static int report(RunResult result, Format format, Path out, PrintStream err) throws IOException {
        return report(result, format, out, err, ProductCatalog.empty());
    }

    /** @param catalog names the SKUs users are left waiting for */
    static int report(RunResult result, Format format, Path out, PrintStream err, ProductCatalog catalog) throws IOException {
        for (PolicyProblem problem : result.problems()) {
            err.println(problem);
        }
        if (result.outcome() == RunOutcome.FAILED && result.plan().isEmpty() && result.applied().isEmpty()
                && format != Format.JSON) {
            err.println("error: " + result.message());
            return result.exitCode();
        }
        for (String detail : result.details()) {
            err.println("  " + detail);
        }
        ResultReports reports = new ResultReports(catalog);
        if (out == null) {
            reports.render(result, format, System.out);
            System.out.flush();
        } else {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            reports.render(result, format, buffer);
            try {
                Path target = out.toAbsolutePath();
                Files.createDirectories(target.getParent());
                Files.write(target, buffer.toByteArray());
            } catch (IOException e) {
                throw new UserFacingException("cannot write " + out + ": " + e, e);
            }
            err.println("wrote " + out);
        }
        err.println("apply: " + result.message() + " (exit code " + result.exitCode() + ")");
        if (format == Format.JSON || out != null) {
            // The text on stdout already ends with these lines; JSON and a report file do not show them to the operator.
            SeatShortage.of(result, catalog).advice().forEach(err::println);
        }
        return result.exitCode();
    }

    /** Shows the plan on stderr and asks; anything but y or yes is no. */
    static boolean ask(Console console, PlanReports planReports, Plan plan, RemovalGuardVerdict guard) {
        try {
            OutputStream err = System.err;
            planReports.render(plan, Format.TEXT, err);
            err.flush();
        } catch (IOException e) {
            throw new UserFacingException("cannot show the plan: " + e.getMessage(), e);
        }
        if (guard.wouldTrip()) {
            System.err.println("The removal guard trips: " + guard.reason() + ". Every removal will be held back; the rest is applied.");
        }
        String answer = console.readLine("Apply %d changes to tenant %s? [y/N] ", plan.changes().size(), plan.tenantId());
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    private StateStore openState() {
        return openState(stateStores, stateUrl, tenant.demo());
    }

    static StateStore openState(StateStores stateStores, String stateUrl, boolean demo) {
        StateConfig config;
        try {
            if (demo && stateUrl == null && System.getenv(StateConfig.URL_VARIABLE) == null) {
                // The demo tenant lives as long as this process: so does its state.
                config = new StateConfig("jdbc:h2:mem:seatwarden-demo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", Optional.empty(),
                        Optional.empty());
            } else {
                config = StateConfig.fromEnvironment(Optional.ofNullable(stateUrl), System.getenv());
            }
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--state-url: " + e.getMessage(), e);
        }
        return stateStores.open(config);
    }

    private ProductCatalog productCatalog() {
        try {
            ProductCatalog products = catalog == null ? catalogLoader.bundled() : catalogFiles.fromFile(catalog);
            return exclusivePlans == null ? products : products.withConflicts(catalogFiles.conflictsFromFile(exclusivePlans));
        } catch (CatalogException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
    }

    static SavedPlan readSavedPlan(Path file) {
        try {
            return SavedPlan.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            throw new UserFacingException("--plan " + file + ": no such file");
        } catch (IOException e) {
            throw new UserFacingException("--plan " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
    }
}
