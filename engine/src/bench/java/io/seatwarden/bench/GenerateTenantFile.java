package io.seatwarden.bench;

import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.policy.LicenseGrant;
import io.seatwarden.policy.Policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a generated tenant file and matching policy directory, for end-to-end measurements of
 * {@code plan --tenant}: {@code GenerateTenantFile USERS OUT_DIR} writes OUT_DIR/tenant.json and
 * OUT_DIR/policies/bench.yaml.
 */
public final class GenerateTenantFile {
    public static void main(String[] args) throws IOException {
        int users = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        LargeTenants.Generated generated = LargeTenants.generate(users, 10_000, 50, 42);
        Files.createDirectories(out.resolve("policies"));
        new TenantFiles().write(generated.tenant(), out.resolve("tenant.json"));
        StringBuilder yaml = new StringBuilder("policies:\n");
        for (Policy policy : generated.policies().policies()) {
            yaml.append("  - name: ").append(policy.name()).append('\n')
                    .append("    group: ").append(policy.group()).append('\n')
                    .append("    priority: ").append(policy.priority()).append('\n')
                    .append("    usageLocation: US\n")
                    .append("    licenses:\n");
            for (LicenseGrant grant : policy.licenses()) {
                yaml.append("      - sku: ").append(grant.sku()).append('\n')
                        .append("        disabledPlans: ").append(grant.disabledPlans()).append('\n')
                        .append("        prune: ").append(grant.prune()).append('\n');
            }
        }
        yaml.append("settings:\n  maxRemovals: 1000000\n  reserve: {SKU_0: 5}\n");
        Files.writeString(out.resolve("policies/bench.yaml"), yaml.toString());
        System.err.println("wrote " + out.resolve("tenant.json") + " (" + Files.size(out.resolve("tenant.json")) / 1_000_000 + " MB)");
    }
}
