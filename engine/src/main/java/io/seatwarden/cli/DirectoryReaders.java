package io.seatwarden.cli;

import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.SkuId;
import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFileDirectoryReader;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import io.seatwarden.graph.GraphReaders;
import io.seatwarden.graph.ProgressListener;
import io.seatwarden.graph.TerminalProgress;
import jakarta.inject.Inject;

import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Makes the {@link DirectoryReader} a command's {@link TenantOptions} ask for: a tenant file, the
 * bundled demo tenant, or a Graph endpoint. Every reader returns the same subset of a tenant for the
 * same scope, so plans from a file and from Graph agree. Opening does no I/O; the first read does.
 */
public final class DirectoryReaders {
    private final TenantFiles tenantFiles;
    private final GraphReaders graphReaders;
    private final Clock clock;

    @Inject
    public DirectoryReaders(TenantFiles tenantFiles, GraphReaders graphReaders, Clock clock) {
        this.tenantFiles = requireNonNull(tenantFiles, "tenantFiles is null");
        this.graphReaders = requireNonNull(graphReaders, "graphReaders is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @param catalog resolves SKUs the policies name by product display name, to know whose holders to read */
    public DirectoryReader reader(TenantOptions options, ProductCatalog catalog) {
        Function<String, Collection<SkuId>> productNames = GraphReaders.productNames(catalog);
        if (options.demo) {
            return demo();
        }
        if (options.tenantFile != null) {
            return new TenantFileDirectoryReader(() -> tenantFiles.read(options.tenantFile), productNames);
        }
        URI graphUrl = requireNonNull(options.graphUrl, "no tenant source chosen");
        try {
            return graphReaders.open(graphUrl, productNames, TerminalProgress.forStderr(false, clock));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--graph-url " + graphUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bundled demo tenant, read the production way: the real Graph SDK reader against an
     * in-process emulator serving the demo tenant on a loopback port, stopped after the read.
     */
    private DirectoryReader demo() {
        return scope -> {
            try (GraphEmulator emulator = GraphEmulator.start(DemoTenant.file(tenantFiles), EmulatorOptions.defaults())) {
                return graphReaders.open(URI.create(emulator.baseUrl()), ProgressListener.NONE).read(scope);
            }
        };
    }
}
