package io.seatwarden.cli;

import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.file.DemoTenant;
import io.seatwarden.directory.file.TenantFileDirectoryReader;
import io.seatwarden.directory.file.TenantFiles;
import io.seatwarden.directory.graph.GraphReaders;
import io.seatwarden.directory.graph.ProgressListener;
import io.seatwarden.directory.graph.TerminalProgress;
import io.seatwarden.emulator.EmulatorOptions;
import io.seatwarden.emulator.GraphEmulator;
import jakarta.inject.Inject;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/**
 * Makes the {@link DirectoryReader} a command's {@link TenantOptions} ask for. The one place that
 * knows how each kind of tenant source is read. Every source returns the same subset of a tenant
 * for the same scope (the directory reader contract), so a plan does not depend on where the tenant
 * was read from. Reading happens on {@link DirectoryReader#read}, never here.
 */
public final class DirectoryReaders {
    private final TenantFiles tenantFiles;
    private final GraphReaders graphReaders;
    private final CatalogLoader catalogs;
    private final Clock clock;

    @Inject
    public DirectoryReaders(TenantFiles tenantFiles, GraphReaders graphReaders, CatalogLoader catalogs, Clock clock) {
        this.tenantFiles = requireNonNull(tenantFiles, "tenantFiles is null");
        this.graphReaders = requireNonNull(graphReaders, "graphReaders is null");
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.clock = requireNonNull(clock, "clock is null");
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

    /** A tenant file, scoped like a Graph read. */
    public DirectoryReader tenantFile(Path file) {
        return scope -> TenantFileDirectoryReader.of(tenantFiles.read(file), GraphReaders.productNames(catalogs.bundled())).read(scope);
    }

    /**
     * The bundled demo tenant, read the production way: the real Graph SDK reader against an
     * in-process emulator serving the demo tenant on a loopback port, stopped after the read.
     */
    public DirectoryReader demo() {
        return scope -> {
            try (GraphEmulator emulator = GraphEmulator.start(DemoTenant.file(tenantFiles), EmulatorOptions.defaults())) {
                return graphReaders.open(URI.create(emulator.baseUrl()), ProgressListener.NONE).read(scope);
            }
        };
    }

    /** The tenant behind a Graph endpoint; progress on stderr when it is a terminal. */
    public DirectoryReader graph(URI graphUrl) {
        try {
            return graphReaders.open(graphUrl, TerminalProgress.forStderr(false, clock));
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--graph-url " + graphUrl + ": " + e.getMessage(), e);
        }
    }
}
