package io.seatwarden.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.authentication.AnonymousAuthenticationProvider;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.authentication.AzureIdentityAuthenticationProvider;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantCredentialsTest {
    private static final URI GLOBAL = URI.create("https://graph.microsoft.com/v1.0");

    @Test
    void aTenantWithoutCredentialsSendsNoToken() {
        assertThat(new TenantCredentials(Map.of()).authentication(GLOBAL, new CredentialsReference.None()))
                .isInstanceOf(AnonymousAuthenticationProvider.class);
    }

    @Test
    void anEnvironmentPrefixReadsThePrefixedAzureVariables() {
        TenantCredentials credentials = new TenantCredentials(Map.of("CONTOSO_AZURE_TENANT_ID", "t", "CONTOSO_AZURE_CLIENT_ID", "c",
                "CONTOSO_AZURE_CLIENT_SECRET", "hunter2"));
        assertThat(credentials.authentication(GLOBAL, new CredentialsReference.EnvironmentPrefix("CONTOSO_")))
                .isInstanceOf(AzureIdentityAuthenticationProvider.class);
    }

    @Test
    void missingVariablesAreNamedAndNoValueIsShown() {
        TenantCredentials credentials = new TenantCredentials(Map.of("CONTOSO_AZURE_CLIENT_ID", "secret-looking-value"));
        assertThatThrownBy(() -> credentials.credential(new CredentialsReference.EnvironmentPrefix("CONTOSO_")))
                .hasMessage("credentials {envPrefix: CONTOSO_}: environment variables CONTOSO_AZURE_TENANT_ID,"
                        + " CONTOSO_AZURE_CLIENT_SECRET or CONTOSO_AZURE_CLIENT_CERTIFICATE_PATH or CONTOSO_AZURE_FEDERATED_TOKEN_FILE are not set");
    }

    @Test
    void theTokenIsAskedForTheEndpointsHostSoNationalCloudsWork() {
        List<String> scopes = new ArrayList<>();
        TokenCredential recording = context -> {
            scopes.addAll(context.getScopes());
            return Mono.just(new AccessToken("token-for-test", OffsetDateTime.now().plusHours(1)));
        };
        URI usGovernment = URI.create("https://graph.microsoft.us/v1.0");
        AuthenticationProvider authentication = GraphCredentials.forEndpoint(usGovernment, () -> recording);
        RequestInformation request = new RequestInformation();
        request.setUri(URI.create("https://graph.microsoft.us/v1.0/users"));
        authentication.authenticateRequest(request, null);
        assertThat(scopes).containsExactly("https://graph.microsoft.us/.default");
        assertThat(request.headers.get("Authorization")).containsExactly("Bearer token-for-test");

        RequestInformation elsewhere = new RequestInformation();
        elsewhere.setUri(URI.create("https://graph.microsoft.com/v1.0/users"));
        authentication.authenticateRequest(elsewhere, null);
        assertThat(elsewhere.headers.containsKey("Authorization")).as("the token goes to the endpoint's host only").isFalse();
    }

    @Test
    void withoutConfiguredCredentialsLoopbackNeedsNoneAndGraphUsesAzureIdentity() {
        assertThat(CredentialsReference.defaultFor(URI.create("http://127.0.0.1:8080/v1.0"))).isEqualTo(new CredentialsReference.None());
        assertThat(CredentialsReference.defaultFor(URI.create("https://graph.microsoft.us/v1.0")))
                .isEqualTo(new CredentialsReference.AzureEnvironment());
    }
}
