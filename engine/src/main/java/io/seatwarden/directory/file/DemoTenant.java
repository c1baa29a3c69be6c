package io.seatwarden.directory.file;

import io.seatwarden.directory.TenantSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The demo tenant bundled in the jar ({@value #RESOURCE}): a small Contoso that, with the
 * repository's example policies, shows every rule at work (guests by each signal, a disabled account,
 * missing usage locations, an E3 shortage decided by priority, nested groups with a cycle, a
 * protected account, converging disabled plans, pruning, Entra group-based licensing left alone).
 */
public final class DemoTenant {
    /** Classpath name of the demo tenant file (the tenant-file format, JSON). */
    public static final String RESOURCE = "seatwarden/demo/tenant.json";
    /** How the file is named in messages. */
    public static final String SOURCE = "classpath:" + RESOURCE;

    private DemoTenant() {}

    /** The demo tenant as written, for the emulator to serve. */
    public static TenantFile file(TenantFiles tenantFiles) {
        InputStream in = DemoTenant.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the demo tenant " + RESOURCE + " is missing from the classpath");
        }
        try (in) {
            return tenantFiles.parse(in, SOURCE, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo tenant", e);
        }
    }

    public static TenantSnapshot snapshot(TenantFiles tenantFiles) {
        return TenantFileMapper.toSnapshot(file(tenantFiles), SOURCE);
    }
}
