package io.seatwarden.cli;

import io.seatwarden.policy.PolicyLoadResult;
import io.seatwarden.policy.PolicySet;
import io.seatwarden.policy.file.PolicyFiles;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code seatwarden validate}: checks the policy files alone, without a tenant. References (SKUs,
 * groups, service plans) are checked by {@code plan}, which sees the tenant.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {
            "Check the policy files without a tenant: syntax, keys, types, duplicate names, settings.",
            "Prints every problem as file:line:column: message on stderr and exits 1; exits 0 when all is well."
        })
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--policies", paramLabel = "DIR", defaultValue = "policies",
            description = "Directory of policy files (*.yaml, *.yml, recursively; default: ${DEFAULT-VALUE}).")
    Path policies;

    private final PolicyFiles policyFiles;

    @Inject
    public ValidateCommand(PolicyFiles policyFiles) {
        this.policyFiles = requireNonNull(policyFiles, "policyFiles is null");
    }

    @Override
    public Integer call() {
        PolicyLoadResult result = policyFiles.load(policies);
        PrintStream err = System.err;
        if (!result.isValid()) {
            result.problems().forEach(err::println);
            err.println(count(result.problems().size(), "problem") + " in " + policies + "; nothing is valid until all are fixed");
            return ExitCode.ERROR.code();
        }
        PolicySet set = result.policySet().orElseThrow();
        String settings = set.settings().location().line() > 0
                ? "settings from " + set.settings().location().file()
                : "default settings";
        err.println(policies + ": valid (" + count(result.files().size(), "file") + ", "
                + count(set.policies().size(), "policy") + ", " + settings + ")");
        return ExitCode.OK.code();
    }

    private static String count(int count, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return count + " " + (count == 1 ? noun : plural);
    }
}
