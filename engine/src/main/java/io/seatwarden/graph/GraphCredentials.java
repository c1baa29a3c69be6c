package io.seatwarden.graph;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialBuilderBase;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How the engine authenticates to Graph, the azure-identity way. Building a credential does no I/O:
 * tokens are fetched on the first request. Secrets and tokens are never logged or put in messages.
 *
 * <ul>
 *   <li>A loopback endpoint ({@code http://127.0.0.1}, {@code localhost}, {@code ::1}: the emulator)
 *       needs no credential: a fixed placeholder bearer token is sent, only to loopback hosts.</li>
 *   <li>Otherwise {@link #defaultCredential()}: azure-identity's {@code DefaultAzureCredential}
 *       chain: environment ({@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID} and
 *       {@code AZURE_CLIENT_SECRET} or {@code AZURE_CLIENT_CERTIFICATE_PATH}), workload identity
 *       federation ({@code AZURE_FEDERATED_TOKEN_FILE}: Kubernetes, GitHub Actions OIDC), managed
 *       identity, then developer logins such as the Azure CLI (which {@code azure/login} signs in).</li>
 *   <li>{@link #fromEnvironment} builds one explicit credential from a variable lookup, so several
 *       tenants can each read their own (prefixed) variables.</li>
 * </ul>
 * The token is requested for {@code https://HOST/.default} of the Graph endpoint (application
 * permissions) and is only ever sent to that host.
 */
public final class GraphCredentials {
    /** The placeholder token sent to loopback endpoints; the emulator accepts any. */
    static final String LOOPBACK_TOKEN = "seatwarden-loopback";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private GraphCredentials() {}

    /** The azure-identity credential kind {@link #fromEnvironment} picks for a set of variables. */
    public enum Kind { CLIENT_SECRET, CLIENT_CERTIFICATE, WORKLOAD_IDENTITY, MANAGED_IDENTITY }

    public static boolean isLoopback(URI url) {
        String host = url.getHost();
        return host != null && LOOPBACK_HOSTS.contains(host.toLowerCase(Locale.ROOT));
    }

    /** A loopback endpoint's authentication: a placeholder bearer token, sent to loopback hosts only. */
    public static AuthenticationProvider loopback() {
        return new BaseBearerTokenAuthenticationProvider(new LoopbackTokenProvider());
    }

    /**
     * Authentication for an endpoint: none needed on loopback; otherwise {@code credential}, which
     * gets a token for the endpoint's host only.
     *
     * @throws IllegalArgumentException for plain http to a host that is not loopback
     */
    public static AuthenticationProvider forEndpoint(URI baseUrl, java.util.function.Supplier<TokenCredential> credential) {
        if (isLoopback(baseUrl)) {
            return loopback();
        }
        if (!"https".equalsIgnoreCase(baseUrl.getScheme())) {
            throw new IllegalArgumentException("Graph URL " + baseUrl + " must use https (plain http only on localhost)");
        }
        String host = baseUrl.getHost();
        return new AzureIdentityAuthenticationProvider(credential.get(), new String[] {host}, scope(baseUrl));
    }

    /** The application-permission scope for an endpoint: {@code https://graph.microsoft.com/.default} for Graph's global cloud. */
    public static String scope(URI baseUrl) {
        return "https://" + baseUrl.getHost() + "/.default";
    }

    /** azure-identity's default chain, reading the process environment. */
    public static TokenCredential defaultCredential() {
        return quiet(new DefaultAzureCredentialBuilder(), null).build();
    }

    /** A managed identity: system-assigned, or user-assigned when a client id is given. */
    public static TokenCredential managedIdentity(Optional<String> clientId) {
        ManagedIdentityCredentialBuilder builder = quiet(new ManagedIdentityCredentialBuilder(), null);
        clientId.ifPresent(builder::clientId);
        return builder.build();
    }

    /**
     * One explicit credential from azure-identity's variables looked up through {@code environment}
     * (e.g. {@code name -> System.getenv("CONTOSO_" + name)}); see {@link #kind}.
     */
    public static TokenCredential fromEnvironment(Function<String, String> environment) {
        return fromEnvironment(environment, null);
    }

    /** {@link #fromEnvironment(Function)} over another HTTP client (tests: a local token endpoint); null for the default. */
    static TokenCredential fromEnvironment(Function<String, String> environment, HttpClient httpClient) {
        String tenant = environment.apply("AZURE_TENANT_ID");
        String client = environment.apply("AZURE_CLIENT_ID");
        String authority = environment.apply("AZURE_AUTHORITY_HOST");
        switch (kind(environment)) {
            case CLIENT_SECRET: {
                ClientSecretCredentialBuilder builder = quiet(new ClientSecretCredentialBuilder(), httpClient)
                        .tenantId(required(tenant, "AZURE_TENANT_ID")).clientId(required(client, "AZURE_CLIENT_ID"))
                        .clientSecret(environment.apply("AZURE_CLIENT_SECRET"));
                if (present(authority)) {
                    builder.authorityHost(authority);
                }
                return builder.build();
            }
            case CLIENT_CERTIFICATE: {
                String path = environment.apply("AZURE_CLIENT_CERTIFICATE_PATH");
                ClientCertificateCredentialBuilder builder = quiet(new ClientCertificateCredentialBuilder(), httpClient)
                        .tenantId(required(tenant, "AZURE_TENANT_ID")).clientId(required(client, "AZURE_CLIENT_ID"));
                String lower = path.toLowerCase(Locale.ROOT);
                if (lower.endsWith(".pfx") || lower.endsWith(".p12")) {
                    builder.pfxCertificate(path).clientCertificatePassword(environment.apply("AZURE_CLIENT_CERTIFICATE_PASSWORD"));
                } else {
                    builder.pemCertificate(path);
                }
                if (present(authority)) {
                    builder.authorityHost(authority);
                }
                return builder.build();
            }
            case WORKLOAD_IDENTITY: {
                WorkloadIdentityCredentialBuilder builder = quiet(new WorkloadIdentityCredentialBuilder(), httpClient)
                        .tenantId(required(tenant, "AZURE_TENANT_ID")).clientId(required(client, "AZURE_CLIENT_ID"))
                        .tokenFilePath(environment.apply("AZURE_FEDERATED_TOKEN_FILE"));
                if (present(authority)) {
                    builder.authorityHost(authority);
                }
                return builder.build();
            }
            case MANAGED_IDENTITY:
                return managedIdentity(Optional.ofNullable(client).filter(GraphCredentials::present));
        }
        throw new AssertionError("unreachable");
    }

    /**
     * Which credential {@link #fromEnvironment} builds: a client secret when {@code AZURE_CLIENT_SECRET}
     * is set, else a certificate when {@code AZURE_CLIENT_CERTIFICATE_PATH} is set, else workload
     * identity federation when {@code AZURE_FEDERATED_TOKEN_FILE} is set, else a managed identity
     * (user-assigned when {@code AZURE_CLIENT_ID} is set). The order is EnvironmentCredential's, then
     * DefaultAzureCredential's.
     */
    public static Kind kind(Function<String, String> environment) {
        if (present(environment.apply("AZURE_CLIENT_SECRET"))) {
            return Kind.CLIENT_SECRET;
        }
        if (present(environment.apply("AZURE_CLIENT_CERTIFICATE_PATH"))) {
            return Kind.CLIENT_CERTIFICATE;
        }
        if (present(environment.apply("AZURE_FEDERATED_TOKEN_FILE"))) {
            return Kind.WORKLOAD_IDENTITY;
        }
        return Kind.MANAGED_IDENTITY;
    }

    /**
     * Turns off azure-core's HTTP logging for the identity pipeline, whatever
     * {@code AZURE_HTTP_LOG_DETAIL_LEVEL} says: with {@code BODY_AND_HEADERS} it logs the token
     * request's body (the client secret or client assertion) and the token response (the access
     * token), at a level slf4j-simple's {@code com.azure=warn} does not hold back. Nothing in that
     * traffic is worth a log line that may hold a secret; failures still surface as exceptions.
     */
    private static <T extends CredentialBuilderBase<T>> T quiet(T builder, HttpClient httpClient) {
        builder.httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE));
        if (httpClient != null) {
            builder.httpClient(httpClient);
        }
        return builder;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String required(String value, String name) {
        if (!present(value)) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    /** Sends the placeholder token to loopback hosts, and nothing anywhere else. */
    private static final class LoopbackTokenProvider implements AccessTokenProvider {
        private final AllowedHostsValidator hosts = new AllowedHostsValidator(LOOPBACK_HOSTS.toArray(new String[0]));

        @Override
        public String getAuthorizationToken(URI uri, Map<String, Object> additionalContext) {
            return isLoopback(uri) ? LOOPBACK_TOKEN : "";
        }

        @Override
        public AllowedHostsValidator getAllowedHostsValidator() {
            return hosts;
        }
    }
}
