package io.seatwarden.graph;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a tenant's Graph credentials come from. Never the secret itself: the tenants file names a
 * place, and the secret stays in the environment (or a managed identity needs none).
 */
public sealed interface CredentialsReference {
    /** No credentials: a loopback endpoint such as the emulator. */
    record None() implements CredentialsReference {}

    /** azure-identity's own environment variables: {@code AZURE_TENANT_ID}, {@code AZURE_CLIENT_ID}, ... */
    record AzureEnvironment() implements CredentialsReference {}

    /**
     * The azure-identity variables behind a prefix, for several tenants in one service: prefix
     * {@code CONTOSO_} reads {@code CONTOSO_AZURE_TENANT_ID}, {@code CONTOSO_AZURE_CLIENT_ID} and
     * {@code CONTOSO_AZURE_CLIENT_SECRET} (or {@code CONTOSO_AZURE_CLIENT_CERTIFICATE_PATH}).
     */
    record EnvironmentPrefix(String prefix) implements CredentialsReference {
        public EnvironmentPrefix {
            requireNonNull(prefix, "prefix is null");
        }

        public String variable(String azureName) {
            return prefix + azureName;
        }
    }

    /** A managed identity (system-assigned when no client id is given). */
    record ManagedIdentity(Optional<String> clientId) implements CredentialsReference {
        public ManagedIdentity {
            requireNonNull(clientId, "clientId is null");
        }
    }

    /** What an endpoint gets when nothing is configured: none on loopback (the emulator), azure-identity's chain elsewhere. */
    static CredentialsReference defaultFor(URI graphUrl) {
        return GraphCredentials.isLoopback(graphUrl) ? new None() : new AzureEnvironment();
    }

    /** A short description for logs and {@code runs}; never contains a secret. */
    default String describe() {
        if (this instanceof EnvironmentPrefix environment) {
            return "env:" + environment.prefix() + "AZURE_*";
        }
        if (this instanceof ManagedIdentity identity) {
            return identity.clientId().map(id -> "managed-identity:" + id).orElse("managed-identity");
        }
        return this instanceof AzureEnvironment ? "env:AZURE_*" : "none";
    }
}
