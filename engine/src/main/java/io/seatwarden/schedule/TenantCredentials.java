package io.seatwarden.schedule;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns a tenant's {@link CredentialsReference} into the Graph SDK's authentication, reading the
 * secrets it refers to from the environment. No secret is ever logged or put in a message: errors
 * name the variables, never their values. Building a credential fetches no token.
 */
public final class TenantCredentials {
    static final String TENANT_ID = "AZURE_TENANT_ID";
    static final String CLIENT_ID = "AZURE_CLIENT_ID";
    static final String CLIENT_SECRET = "AZURE_CLIENT_SECRET";
    static final String CLIENT_CERTIFICATE_PATH = "AZURE_CLIENT_CERTIFICATE_PATH";

    private final Map<String, String> environment;

    public TenantCredentials(Map<String, String> environment) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /** The authentication for a tenant's Graph endpoint; anonymous for {@link CredentialsReference.None}. */
    public AuthenticationProvider authentication(TenantTarget tenant) {
        return credential(tenant.credentials())
                .<AuthenticationProvider>map(credential -> new AzureIdentityAuthenticationProvider(credential,
                        new String[] {tenant.graphUrl().getHost()}, scope(tenant.graphUrl())))
                .orElseGet(AnonymousAuthenticationProvider::new);
    }

    /**
     * @throws IllegalArgumentException naming the missing environment variables
     */
    public Optional<TokenCredential> credential(CredentialsReference reference) {
        if (reference instanceof CredentialsReference.None) {
            return Optional.empty();
        }
        if (reference instanceof CredentialsReference.ManagedIdentity identity) {
            ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
            identity.clientId().ifPresent(builder::clientId);
            return Optional.of(builder.build());
        }
        if (reference instanceof CredentialsReference.EnvironmentPrefix prefixed) {
            return Optional.of(fromPrefixedEnvironment(prefixed));
        }
        return Optional.of(new DefaultAzureCredentialBuilder().build());
    }

    private TokenCredential fromPrefixedEnvironment(CredentialsReference.EnvironmentPrefix prefixed) {
        Optional<String> tenantId = variable(prefixed.variable(TENANT_ID));
        Optional<String> clientId = variable(prefixed.variable(CLIENT_ID));
        Optional<String> secret = variable(prefixed.variable(CLIENT_SECRET));
        Optional<String> certificate = variable(prefixed.variable(CLIENT_CERTIFICATE_PATH));
        List<String> missing = new ArrayList<>();
        if (tenantId.isEmpty()) {
            missing.add(prefixed.variable(TENANT_ID));
        }
        if (clientId.isEmpty()) {
            missing.add(prefixed.variable(CLIENT_ID));
        }
        if (secret.isEmpty() && certificate.isEmpty()) {
            missing.add(prefixed.variable(CLIENT_SECRET) + " or " + prefixed.variable(CLIENT_CERTIFICATE_PATH));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("credentials {envPrefix: " + prefixed.prefix() + "}: environment variable"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + (missing.size() > 1 ? " are" : " is") + " not set");
        }
        if (secret.isPresent()) {
            return new ClientSecretCredentialBuilder().tenantId(tenantId.get()).clientId(clientId.get())
                    .clientSecret(secret.get()).build();
        }
        ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder().tenantId(tenantId.get())
                .clientId(clientId.get());
        String path = certificate.get();
        return (path.endsWith(".pfx") || path.endsWith(".p12") ? builder.pfxCertificate(path) : builder.pemCertificate(path)).build();
    }

    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    /** Graph's {@code .default} scope on the endpoint's own cloud (graph.microsoft.com, graph.microsoft.us, ...). */
    static String scope(URI graphUrl) {
        return graphUrl.getScheme() + "://" + graphUrl.getHost() + "/.default";
    }
}
