package io.seatwarden.cli;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.graph.WriteBudget;
import io.seatwarden.plan.Plan;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.Settings;
import io.seatwarden.policy.file.PolicyFiles;
import io.seatwarden.reconcile.ApplyProgress;
import io.seatwarden.reconcile.Confirmation;
import io.seatwarden.reconcile.ReconcileRun;
import io.seatwarden.reconcile.RunOptions;
import io.seatwarden.reconcile.RunResult;
import io.seatwarden.reconcile.TenantConnection;
import io.seatwarden.report.Format;
import io.seatwarden.report.PlanHeader;
import io.seatwarden.report.PlanReports;
import io.seatwarden.state.RunId;
import io.seatwarden.state.RunKind;
import io.seatwarden.state.StateException;
import io.seatwarden.state.StateStore;
import io.seatwarden.state.StateStores;
import jakarta.inject.Inject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden undo RUN}: the plan that puts back what a run changed, from its journal (seats
 * and the removal guard permitting), printed like a plan to review; {@code --apply} applies it (as a
 * run of kind UNDO), or write it with {@code --out FILE --format json} and apply it with
 * {@code apply --plan FILE}.
 */
@Command(name = "undo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Show (or, with --apply, apply) the plan that puts back what run RUN changed, from its journal.",
            "Without --apply: exit 0 nothing to undo, 2 changes pending, 1 error (like plan). With --apply: exit codes of apply."
        })
public final class UndoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run to undo (its id, as `runs` or an apply report shows it).")
    String run;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Tenant (exactly one):%n")
    TenantOptions tenant;

    @Option(names = "--apply", description = "Apply the undo plan (asks on a terminal unless --yes).")
    boolean apply;

    @Option(names = "--yes", description = "With --apply: apply without asking.")
    boolean yes;

    @Option(names = "--max-removals", paramLabel = "N", description = "For this run, raise the removal guard's limit to N.")
    Integer maxRemovals;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown, json (or html for the plan) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE instead of stdout.")
    Path out;

    @Option(names = "--policies", paramLabel = "DIR",
            description = "The policies whose settings the undo plan follows, as every run does: reserve, seats in warning, removal"
                    + " guard (default: policies, when that directory exists; else the default settings).")
    Path policies;

    @Option(names = "--lease-wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --apply: while another run of the tenant holds its lease, wait up to SECONDS, then refuse"
                    + " (default: ${DEFAULT-VALUE}).")
    int leaseWait;

    @Option(names = "--state-url", paramLabel = "JDBC_URL", description = "State database holding the run's journal (as for apply).")
    String stateUrl;

    @Option(names = EphemeralStateCheck.ALLOW_FLAG,
            description = "With --apply in CI (CI or GITHUB_ACTIONS set): accept the default state file, lost with the runner, on purpose.")
    boolean allowEphemeralState;

    @Option(names = "--write-budget", paramLabel = "N/SECONDS", defaultValue = "3000/150s",
            description = "Write quota the writer paces itself to (default: ${DEFAULT-VALUE}).")
    String writeBudget;

    private final PolicyFiles policyFiles;
    private final StateStores stateStores;
    private final TenantConnections connections;
    private final DirectoryReaders readers;
    private final PlanReports planReports;
    private final Clock clock;

    @Inject
    public UndoCommand(PolicyFiles policyFiles, StateStores stateStores, TenantConnections connections, DirectoryReaders readers,
            PlanReports planReports, Clock clock) {
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
        this.stateStores = requireNonNull(stateStores, "stateStores is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.readers = requireNonNull(readers, "readers is null");
        this.planReports = requireNonNull(planReports, "planReports is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        RunId undone;
        try {
            undone = RunId.of(run);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("RUN: " + e.getMessage());
        }
        if (tenant.demo()) {
            throw new UserFacingException("undo --demo: the demo tenant lives only as long as one apply --demo; undo a run of a real endpoint");
        }
        if (apply && tenant.graphUrl == null) {
            throw new UserFacingException("undo --apply needs --graph-url: a tenant file is read-only");
        }
        Console console = System.console();
        if (apply && !yes && console == null) {
            throw new UserFacingException("no terminal to ask for confirmation on: pass --yes to apply without asking");
        }
        Settings settings = settings(err);
        RunOptions options = RunOptions.apply().withKind(RunKind.UNDO).withLeaseWait(ApplyCommand.leaseWait(leaseWait));
        if (maxRemovals != null) {
            options = options.withMaxRemovals(maxRemovals);
        }
        if (!apply) {
            options = options.asDryRun();
        }
        if (apply) {
            Optional<String> refusal = EphemeralStateCheck.refusal("undo --apply", System.getenv(), stateUrl, allowEphemeralState);
            if (refusal.isPresent()) {
                throw new UserFacingException(refusal.get());
            }
        }
        try (StateStore state = ApplyCommand.openState(stateStores, stateUrl, false)) {
            TenantConnection connection = tenant.graphUrl != null ? connections.open(tenant.graphUrl, parse(writeBudget))
                    : TenantConnection.readOnly(readers.reader(tenant, ProductCatalog.empty()));
            Confirmation confirmation = yes ? Confirmation.always() : (plan, guard) -> ApplyCommand.ask(console, planReports, plan, guard);
            ApplyProgress progress = apply ? new ApplyProgressPrinter(err, clock) : ApplyProgress.none();
            RunResult result = new ReconcileRun(state, ProductCatalog.empty(), clock)
                    .undo(undone, connection, settings, options, confirmation, progress);
            if (apply) {
                return ApplyCommand.report(result, format == Format.HTML ? Format.TEXT : format, out, err);
            }
            if (result.plan().isEmpty()) {
                err.println("error: " + result.message());
                return ExitCode.ERROR.code();
            }
            Plan plan = result.plan().get();
            write(plan);
            err.println(plan.hasChanges() ? "undo of run " + undone + ": " + plan.changes().size()
                    + " users to change; apply with: seatwarden undo " + undone + " --apply (exit code 2)"
                    : "undo of run " + undone + ": nothing to put back (exit code 0)");
            return result.exitCode();
        } catch (StateException e) {
            throw new UserFacingException("state database: " + e.getMessage(), e);
        }
    }

    /**
     * The policies' settings, as every run of the pipeline uses them. Undo puts back the tenant, not the
     * policies: the next scheduled run re-applies what they still ask for (the undo plan says so).
     */
    private Settings settings(PrintStream err) {
        Path directory = policies != null ? policies : PolicyFiles.DEFAULT_DIRECTORY;
        if (policies == null && !Files.isDirectory(directory)) {
            err.println("no " + directory + " directory: the undo plan follows the default settings (no reserve, maxRemovals "
                    + Settings.defaults().maxRemovals() + "); name the policies with --policies DIR");
            return Settings.defaults();
        }
        PolicyLoadResult loaded = policyFiles.load(directory);
        if (!loaded.isValid()) {
            loaded.problems().forEach(err::println);
            throw new UserFacingException(PolicyProblem.count(loaded.problems().size()) + " in the policies; nothing was undone");
        }
        return loaded.policySet().orElseThrow().settings();
    }

    private void write(Plan plan) throws IOException {
        PlanHeader header = PlanHeader.NONE.generatedAt(clock.instant());
        if (out == null) {
            OutputStream stdout = new BufferedOutputStream(System.out, 1 << 16);
            planReports.render(plan, header, format, stdout);
            stdout.flush();
            return;
        }
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target))) {
            planReports.render(plan, header, format, file);
        }
        System.err.println("wrote " + out);
    }

    private static WriteBudget parse(String text) {
        try {
            return WriteBudget.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--write-budget: " + e.getMessage());
        }
    }
}
