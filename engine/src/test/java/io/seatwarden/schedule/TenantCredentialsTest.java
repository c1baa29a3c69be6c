package io.seatwarden.schedule;

import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import io.seatwarden.policy.SourceLocation;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantCredentialsTest {
    @Test
    void aTenantWithoutCredentialsSendsNoToken() {
        assertThat(new TenantCredentials(Map.of()).authentication(tenant(new CredentialsReference.None())))
                .isInstanceOf(AnonymousAuthenticationProvider.class);
    }

    @Test
    void anEnvironmentPrefixReadsThePrefixedAzureVariables() {
        TenantCredentials credentials = new TenantCredentials(Map.of("CONTOSO_AZURE_TENANT_ID", "t", "CONTOSO_AZURE_CLIENT_ID", "c",
                "CONTOSO_AZURE_CLIENT_SECRET", "hunter2"));
        assertThat(credentials.authentication(tenant(new CredentialsReference.EnvironmentPrefix("CONTOSO_"))))
                .isInstanceOf(AzureIdentityAuthenticationProvider.class);
    }

    @Test
    void missingVariablesAreNamedAndNoValueIsShown() {
        TenantCredentials credentials = new TenantCredentials(Map.of("CONTOSO_AZURE_CLIENT_ID", "secret-looking-value"));
        assertThatThrownBy(() -> credentials.credential(new CredentialsReference.EnvironmentPrefix("CONTOSO_")))
                .hasMessage("credentials {envPrefix: CONTOSO_}: environment variables CONTOSO_AZURE_TENANT_ID,"
                        + " CONTOSO_AZURE_CLIENT_SECRET or CONTOSO_AZURE_CLIENT_CERTIFICATE_PATH or CONTOSO_AZURE_FEDERATED_TOKEN_FILE are not set");
    }

    private static TenantTarget tenant(CredentialsReference credentials) {
        return new TenantTarget(TenantKey.of("contoso"), "Contoso", URI.create("https://graph.microsoft.com/v1.0"), credentials,
                Path.of("policies"), Optional.empty(), Optional.empty(), SourceLocation.unknown("test"));
    }
}
