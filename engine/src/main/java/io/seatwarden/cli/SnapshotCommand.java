package io.seatwarden.cli;

import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.ReadScope;
import io.seatwarden.directory.TenantSnapshot;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.TerminalProgress;
import io.seatwarden.plan.ReadScopes;
import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicyProblem;
import io.seatwarden.policy.file.PolicyFiles;
import jakarta.inject.Inject;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden snapshot}: reads a tenant through Graph and writes it as a tenant file that
 * replays as is ({@code plan --tenant FILE}, {@code emulator --tenant FILE}). By default only what
 * the policies need is read (the same subset {@code plan} reads); {@code --all} reads everything.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = {
            "Export a tenant read through Microsoft Graph to a tenant file (JSON, or YAML for .yaml/.yml).",
            "Reads what the policies need (their groups, nested groups, members, the holders of their SKUs,",
            "all subscriptions), or the whole tenant with --all. Nothing is written when the read fails (exit 1)."
        })
public final class SnapshotCommand implements Callable<Integer> {
    @Option(names = "--graph-url", paramLabel = "URL", defaultValue = "https://graph.microsoft.com/v1.0",
            description = "Graph endpoint (default: ${DEFAULT-VALUE}); a loopback URL (the emulator) needs no credentials.")
    URI graphUrl;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Tenant file to write (.json, .yaml or .yml).")
    Path out;

    @ArgGroup(exclusive = true)
    Scope scope = new Scope();

    @Option(names = "--progress", description = "Show read progress on stderr even when it is not a terminal.")
    boolean progress;

    @Option(names = "--sign-in-activity",
            description = "Also read users' createdDateTime and signInActivity (Graph permission AuditLog.Read.All and"
                    + " Microsoft Entra ID P1/P2). Read anyway when a policy uses reclaim.inactiveDays.")
    boolean signInActivity;

    static final class Scope {
        @Option(names = "--policies", paramLabel = "DIR", description = "Read what the policies in DIR need (default: policies).")
        Path policies;

        @Option(names = "--all", description = "Read the whole tenant: every user, group and membership.")
        boolean all;
    }

    private final PolicyFiles policyFiles;
    private final GraphReaders graphReaders;
    private final Clock clock;

    @Inject
    public SnapshotCommand(PolicyFiles policyFiles, GraphReaders graphReaders, Clock clock) {
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
        this.graphReaders = requireNonNull(graphReaders, "graphReaders is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Integer call() throws IOException {
        ReadScope readScope;
        if (scope.all) {
            readScope = ReadScope.all();
        } else {
            Path directory = scope.policies == null ? PolicyFiles.DEFAULT_DIRECTORY : scope.policies;
            PolicyLoadResult policies = policyFiles.load(directory);
            if (!policies.isValid()) {
                policies.problems().forEach(System.err::println);
                throw new UserFacingException(PolicyProblem.count(policies.problems().size()) + " in " + directory + "; nothing was read");
            }
            readScope = ReadScopes.of(policies.policySet().orElseThrow());
        }
        if (signInActivity) {
            readScope = readScope.withSignInActivity(true);
        }
        DirectoryReader reader;
        try {
            reader = graphReaders.open(graphUrl, TerminalProgress.forStderr(progress, clock));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--graph-url: " + e.getMessage(), e);
        }
        TenantSnapshot snapshot = reader.read(readScope);
        write(snapshot);
        System.err.println("wrote " + out + ": " + snapshot.subscribedSkus().size() + " subscriptions, "
                + snapshot.users().size() + " users, " + snapshot.groups().size() + " groups (tenant " + snapshot.tenantId() + ")");
        return ExitCode.OK.code();
    }

    /** Writes next to the target, then moves it in place, so a failed write leaves no half file. */
    private void write(TenantSnapshot snapshot) throws IOException {
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        String name = target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String suffix = dot < 0 ? ".json" : name.substring(dot);
        Path temporary = Files.createTempFile(target.getParent(), ".snapshot-", suffix);
        try {
            new TenantFiles().write(snapshot, temporary);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
