package io.seatwarden.graph;

import com.azure.core.credential.TokenCredential;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import io.seatwarden.graph.GraphCredentials;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Turns a tenant's {@link CredentialsReference} into the Graph SDK's authentication (through
 * {@link GraphCredentials}: one rule for the reader and the writer, the commands and the scheduler), reading the secrets it refers to from the
 * environment. No secret is ever logged or put in a message: errors name the variables, never
 * their values. Building a credential fetches no token.
 */
public final class TenantCredentials {
    private static final String TENANT_ID = "AZURE_TENANT_ID";
    private static final String CLIENT_ID = "AZURE_CLIENT_ID";
    private static final List<String> SECRET_SOURCES = List.of("AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH",
            "AZURE_FEDERATED_TOKEN_FILE");

    private final Map<String, String> environment;

    public TenantCredentials(Map<String, String> environment) {
        this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    }

    /**
     * The authentication for a tenant's Graph endpoint: none needed on loopback (the emulator);
     * otherwise a token for the endpoint's host only.
     *
     * @throws IllegalArgumentException naming missing environment variables, or for plain http off loopback
     */
    public AuthenticationProvider authentication(URI graphUrl, CredentialsReference reference) {
        Optional<TokenCredential> credential = credential(reference);
        if (credential.isEmpty()) {
            return GraphCredentials.isLoopback(graphUrl) ? GraphCredentials.loopback() : new AnonymousAuthenticationProvider();
        }
        return GraphCredentials.forEndpoint(graphUrl, credential::get);
    }

    /**
     * @throws IllegalArgumentException naming the missing environment variables
     */
    public Optional<TokenCredential> credential(CredentialsReference reference) {
        if (reference instanceof CredentialsReference.None) {
            return Optional.empty();
        }
        if (reference instanceof CredentialsReference.ManagedIdentity identity) {
            return Optional.of(GraphCredentials.managedIdentity(identity.clientId()));
        }
        if (reference instanceof CredentialsReference.EnvironmentPrefix prefixed) {
            requireVariables(prefixed);
            return Optional.of(GraphCredentials.fromEnvironment(name -> environment.get(prefixed.variable(name))));
        }
        return Optional.of(GraphCredentials.defaultCredential());
    }

    /** A prefix names explicit credentials: a typo must not fall back to some other identity. */
    private void requireVariables(CredentialsReference.EnvironmentPrefix prefixed) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of(TENANT_ID, CLIENT_ID)) {
            if (!isSet(prefixed.variable(name))) {
                missing.add(prefixed.variable(name));
            }
        }
        if (SECRET_SOURCES.stream().noneMatch(name -> isSet(prefixed.variable(name)))) {
            missing.add(String.join(" or ", SECRET_SOURCES.stream().map(prefixed::variable).toList()));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("credentials {envPrefix: " + prefixed.prefix() + "}: environment variable"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + (missing.size() > 1 ? " are" : " is") + " not set");
        }
    }

    private boolean isSet(String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }
}
