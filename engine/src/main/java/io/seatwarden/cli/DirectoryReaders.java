package io.seatwarden.cli;

import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFiles;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Makes the {@link DirectoryReader} a command's {@link TenantOptions} ask for. The one place that
 * knows how each kind of tenant source is read; the Graph reader plugs in at {@link #graph(URI)}.
 * Reading happens on {@link DirectoryReader#read}, never here.
 */
public final class DirectoryReaders {
    private final TenantFiles tenantFiles;

    @Inject
    public DirectoryReaders(TenantFiles tenantFiles) {
        this.tenantFiles = requireNonNull(tenantFiles, "tenantFiles is null");
    }

    public DirectoryReader reader(TenantOptions options) {
        if (options.demo) {
            return demo();
        }
        if (options.tenantFile != null) {
            return tenantFile(options.tenantFile);
        }
        return graph(requireNonNull(options.graphUrl, "no tenant source chosen"));
    }

    public DirectoryReader tenantFile(Path file) {
        return scope -> tenantFiles.read(file);
    }

    public DirectoryReader demo() {
        return scope -> DemoTenant.snapshot(tenantFiles);
    }

    /** The tenant behind a Graph endpoint. */
    public DirectoryReader graph(URI graphUrl) {
        // Seam for the Graph reader (directory/graph): until it is wired in, say so rather than fail obscurely.
        throw new UserFacingException("--graph-url " + graphUrl + ": reading a tenant through Microsoft Graph is not"
                + " available in this build yet; use --tenant FILE or --demo");
    }
}
