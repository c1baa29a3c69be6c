package io.seatwarden.cli;

import io.seatwarden.catalog.CatalogException;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.catalog.file.CatalogFiles;
import io.seatwarden.directory.DeltaReading;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.PolicyRevision;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.policy.file.PolicyRevisions;
import io.seatwarden.reconcile.ApplyProgress;
import io.seatwarden.reconcile.Confirmation;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.reconcile.RunOptions;
import io.seatwarden.reconcile.RunRequest;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.TenantConnection;
import io.seatwarden.report.Format;
import io.seatwarden.report.PlanHeader;
import io.seatwarden.report.PlanReports;
import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import jakarta.inject.Inject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden plan}: the dry run of the one reconcile pipeline ({@link ReconcileRun}): the same
 * read scope, ownership, resolution, planning and guard verdict as {@code apply}, rendered. Changes
 * nothing anywhere.
 *
 * <p>Exit codes (DESIGN.md): 0 nothing to change (users only waiting for seats count as nothing),
 * 2 changes pending, 1 error. On an error nothing is written to stdout or {@code --out}; every
 * problem goes to stderr as {@code file:line:column: message}.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Show what the policies would change in the tenant (a dry run; nothing is changed).",
            "Exit code: 0 nothing to change (users only waiting for seats count as nothing), 2 changes pending, 1 error.",
            "The report goes to stdout (or --out FILE); progress and problems go to stderr."
        })
public final class PlanCommand implements Callable<Integer> {
    /** The file behind {@link StateConfig#DEFAULT_URL}. */
    static final Path DEFAULT_STATE_FILE = Path.of(".seatwarden", "state.mv.db");

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Tenant (exactly one):%n")
    TenantOptions tenant;

    @Option(names = "--policies", paramLabel = "DIR",
            description = "Directory of policy files (default: policies, or the jar's bundled copy with --demo).")
    Path policies;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown, json or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A newer download of Microsoft's product and service plan catalog CSV than the bundled one.")
    Path catalog;

    @Option(names = "--exclusive-plans", paramLabel = "FILE",
            description = "A newer list of service plans that cannot be assigned together (CSV family,servicePlanName,servicePlanId) than the bundled one.")
    Path exclusivePlans;

    @Option(names = "--max-removals", paramLabel = "N",
            description = "Plan as apply --max-removals N would run: the removal guard's absolute limit raised to N, its "
                    + "percentage limit lifted. Shows the full plan when the guard would hold removals (and the adds waiting for them).")
    Integer maxRemovals;

    @Option(names = "--state-url", paramLabel = "JDBC_URL",
            description = "State database holding which licenses the engine assigned: without prune, only those are "
                    + "removed when no policy grants them any more, so the plan can list those removals "
                    + "(default: env SEATWARDEN_STATE_URL, else ./.seatwarden/state when it exists; none with --demo).")
    String stateUrl;

    @Option(names = "--as-of", paramLabel = "INSTANT",
            description = "Plan as it would be at INSTANT (2026-12-09T08:00:00Z, or a date: midnight UTC): sign-in ages for "
                    + "reclaim and which pending removals fall due (default: now). apply refuses it.")
    String asOf;

    @Option(names = "--full",
            description = "Read the tenant in full rather than what changed since the last apply (Graph's delta queries,"
                    + " from the snapshot and delta links the state keeps; plan only follows them, it never advances them).")
    boolean full;

    @Option(names = "--strict",
            description = "Treat warnings as errors: exit 1 when the plan has any (a protectedUsers entry that matches "
                    + "no user, a nested-group cycle), after writing the report.")
    boolean strict;

    private final PolicyFiles policyFiles;
    private final DirectoryReaders readers;
    private final StateStores stateStores;
    private final CatalogLoader catalogLoader;
    private final CatalogFiles catalogFiles;
    private final PlanReports reports;
    private final Clock clock;

    @Inject
    public PlanCommand(PolicyFiles policyFiles, DirectoryReaders readers, StateStores stateStores, CatalogLoader catalogLoader,
            CatalogFiles catalogFiles, PlanReports reports, Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
        this.readers = requireNonNull(readers, "readers is null");
        this.catalogLoader = requireNonNull(catalogLoader, "catalogLoader is null");
        this.catalogFiles = requireNonNull(catalogFiles, "catalogFiles is null");
        this.reports = requireNonNull(reports, "reports is null");
        this.stateStores = requireNonNull(stateStores, "stateStores is null");
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        RunOptions options = RunOptions.plan();
        if (asOf != null) {
            options = options.asOf(AsOf.parse(asOf));
        }
        PolicyLoadResult loaded = loadPolicies();
        if (!loaded.isValid()) {
            return problems(loaded.problems(), "in the policies", err);
        }
        PolicySet policySet = loaded.policySet().orElseThrow();
        if (maxRemovals != null) {
            if (maxRemovals < 0) {
                throw new UserFacingException("--max-removals must be 0 or more");
            }
            options = options.withMaxRemovals(maxRemovals);
        }
        if (full) {
            options = options.withFullRead();
        }
        ProductCatalog productCatalog = productCatalog();
        TenantConnection connection = TenantConnection.readOnly(readers.reader(tenant, productCatalog));

        // The dry run of the one pipeline: the same read scope, ownership, resolution, planning and guard as apply.
        RunResult result;
        Optional<StateStore> state = openState();
        try {
            ReconcileRun reconcile = new ReconcileRun(state, productCatalog, clock, ReconcileRun.DEFAULT_LEASE, StateStores.Pause.system());
            result = reconcile.run(new RunRequest(connection, policySet, options, Confirmation.always(), new Progress(err)));
        } finally {
            state.ifPresent(StateStore::close);
        }
        if (result.plan().isEmpty()) {
            if (!result.problems().isEmpty()) {
                return problems(result.problems(), "resolving the policies against the tenant", err);
            }
            throw new UserFacingException(result.message());
        }
        Plan plan = result.plan().get();

        write(plan, PlanHeader.NONE.generatedAt(clock.instant()).policies(policyRevision()));
        if (strict && !plan.warnings().isEmpty()) {
            err.println("plan: " + count(plan.warnings().size(), "warning") + " and --strict (exit code 1)");
            return ExitCode.ERROR.code();
        }
        err.println(plan.hasChanges()
                ? "plan: " + count(plan.summary().usersChanged(), "user") + " to change (exit code 2)"
                : "plan: nothing to change (exit code 0)");
        return result.exitCode();
    }

    /** What the dry run tells the operator on stderr while it reads. */
    private final class Progress implements ApplyProgress {
        private final PrintStream err;

        Progress(PrintStream err) {
            this.err = err;
        }

        @Override
        public void readingTenant() {
            err.println("reading " + tenant.describe() + " ...");
        }

        @Override
        public void tenantRead(TenantSnapshot snapshot) {
            // Only what the run needs is read: say so, or a tenant of 29 users looks like 28.
            err.println("read " + count(snapshot.users().size(), "user") + " and " + count(snapshot.groups().size(), "group")
                    + " in the policies' scope, " + count(snapshot.subscribedSkus().size(), "subscription")
                    + ", of tenant " + snapshot.tenantId());
        }

        @Override
        public void read(DeltaReading.ReadNote note) {
            err.println(note.text());
        }
    }

    /**
     * The state database holding what the engine assigned (rule 5: only those are removed without
     * {@code prune}) and the removals pending since when. A dry run never creates one: without it,
     * nothing is the engine's, and the plan says so.
     */
    private Optional<StateStore> openState() {
        if (tenant.demo() && stateUrl == null) {
            return Optional.empty();
        }
        StateConfig config;
        try {
            config = StateConfig.fromEnvironment(Optional.ofNullable(stateUrl), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--state-url: " + e.getMessage(), e);
        }
        if (config.url().equals(StateConfig.DEFAULT_URL) && !Files.exists(DEFAULT_STATE_FILE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(stateStores.open(config));
        } catch (StateException e) {
            throw new UserFacingException("state database: " + e.getMessage(), e);
        }
    }

    private Optional<PolicyRevision> policyRevision() {
        if (policies == null && tenant.demo()) {
            return Optional.of(PolicyRevisions.ofBundled(policyFiles));
        }
        return PolicyRevisions.of(policies == null ? PolicyFiles.DEFAULT_DIRECTORY : policies);
    }

    private PolicyLoadResult loadPolicies() {
        if (policies == null && tenant.demo()) {
            return policyFiles.loadBundled();
        }
        return policyFiles.load(policies == null ? PolicyFiles.DEFAULT_DIRECTORY : policies);
    }

    private ProductCatalog productCatalog() {
        try {
            ProductCatalog products = catalog == null ? catalogLoader.bundled() : catalogFiles.fromFile(catalog);
            return exclusivePlans == null ? products : products.withConflicts(catalogFiles.conflictsFromFile(exclusivePlans));
        } catch (CatalogException e) {
            throw new UserFacingException(e.getMessage(), e);
        }
    }

    private static String count(int count, String noun) {
        return count + " " + (count == 1 ? noun : noun + "s");
    }

    private static int problems(List<PolicyProblem> problems, String where, PrintStream err) {
        problems.forEach(err::println);
        err.println(PolicyProblem.count(problems.size()) + " " + where + "; nothing was planned");
        return ExitCode.ERROR.code();
    }

    /** Renders to stdout, or to a temporary file moved over {@code --out} once complete (never a half-written report). */
    private void write(Plan plan, PlanHeader header) throws IOException {
        if (out == null) {
            OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
            reports.render(plan, header, format, stdout);
            stdout.flush();
            return;
        }
        Path target = out.toAbsolutePath();
        Path directory = target.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16)) {
                reports.render(plan, header, format, file);
            }
            move(temporary, target);
        } catch (IOException e) {
            throw new UserFacingException("cannot write " + out + ": " + e, e);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
        System.err.println("wrote " + out);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
