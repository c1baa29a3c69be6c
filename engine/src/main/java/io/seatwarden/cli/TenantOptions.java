package io.seatwarden.cli;

import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where a command reads the tenant from: exactly one of {@code --tenant FILE}, {@code --demo} or
 * {@code --graph-url URL}. Used as an exclusive {@code @ArgGroup(multiplicity = "1")} by
 * {@code plan} (and {@code apply}).
 */
public final class TenantOptions {
    @Option(names = "--tenant", paramLabel = "FILE",
            description = "Plan from a tenant file (JSON or YAML, Graph's property names; see README).")
    Path tenantFile;

    @Option(names = "--demo",
            description = "Use the bundled demo tenant and the jar's copy of the example policies (works from any directory).")
    boolean demo;

    @Option(names = "--graph-url", paramLabel = "URL",
            description = "Read the tenant from a Graph endpoint, e.g. https://graph.microsoft.com/v1.0 (credentials the"
                    + " azure-identity way: AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, ...; none for loopback URLs).")
    URI graphUrl;

    public boolean demo() {
        return demo;
    }

    /** Says where the tenant comes from, for progress lines. */
    public String describe() {
        if (demo) {
            return "the demo tenant";
        }
        return tenantFile != null ? tenantFile.toString() : String.valueOf(graphUrl);
    }
}
