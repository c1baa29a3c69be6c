package io.seatwarden.graph;

import com.google.inject.Inject;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import io.seatwarden.catalog.CatalogLoader;
import io.seatwarden.catalog.ProductCatalog;
import io.seatwarden.directory.DirectoryReader;
import io.seatwarden.directory.SkuId;

import java.net.URI;
import java.util.Collection;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Opens {@link GraphDirectoryReader}s for the commands and the scheduler: {@code --graph-url URL}
 * becomes a reader with the right authentication (none on loopback, azure-identity's default chain
 * otherwise; see {@link GraphCredentials}). Opening does no I/O; the first read does.
 *
 * <pre>{@code
 * DirectoryReader reader = graphReaders.open(URI.create("https://graph.microsoft.com/v1.0"), ProgressListener.NONE);
 * TenantSnapshot snapshot = reader.read(ReadScopes.of(policySet));
 * }</pre>
 */
public final class GraphReaders {
    /** Graph's global endpoint, the default of {@code --graph-url}. */
    public static final URI DEFAULT_GRAPH_URL = URI.create("https://graph.microsoft.com/v1.0");

    private final CatalogLoader catalogs;
    private final GraphClientOptions options;

    @Inject
    public GraphReaders(CatalogLoader catalogs) {
        this(catalogs, GraphClientOptions.defaults());
    }

    public GraphReaders(CatalogLoader catalogs, GraphClientOptions options) {
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.options = requireNonNull(options, "options is null");
    }

    /**
     * A reader for {@code graphUrl}, authenticating the default way.
     *
     * @throws IllegalArgumentException for plain http to a host that is not loopback
     */
    public DirectoryReader open(URI graphUrl, ProgressListener progress) {
        return open(graphUrl, GraphCredentials.forEndpoint(graphUrl, GraphCredentials::defaultCredential), progress);
    }

    /**
     * A reader for {@code graphUrl}, authenticating the default way, resolving product names in SKU
     * references through {@code productNames} (e.g. {@code plan --catalog FILE}).
     */
    public DirectoryReader open(URI graphUrl, Function<String, Collection<SkuId>> productNames, ProgressListener progress) {
        return reader(GraphClientFactory.create(graphUrl, GraphCredentials.forEndpoint(graphUrl, GraphCredentials::defaultCredential),
                options, progress), productNames, progress);
    }

    /** A reader for {@code graphUrl} with the given authentication (the scheduler's per-tenant credentials). */
    public DirectoryReader open(URI graphUrl, AuthenticationProvider authentication, ProgressListener progress) {
        return reader(GraphClientFactory.create(graphUrl, authentication, options, progress), productNames(catalogs.bundled()), progress);
    }

    /** A full reader that a run can turn into an incremental one ({@link io.seatwarden.directory.DeltaReading}). */
    private static DirectoryReader reader(com.microsoft.graph.serviceclient.GraphServiceClient client,
            Function<String, Collection<SkuId>> productNames, ProgressListener progress) {
        return new GraphTenantReader(client, new GraphDirectoryReader(client, productNames, progress), productNames);
    }

    /** Product display name to the SKU ids Microsoft's catalog gives it. */
    public static Function<String, Collection<SkuId>> productNames(ProductCatalog catalog) {
        return name -> catalog.byDisplayName(name).stream().map(ProductCatalog.Product::skuId).collect(Collectors.toList());
    }
}
