package io.seatwarden.graph;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;

import java.util.Map;

/**
 * A child process for {@link CredentialLoggingTest}: gets a token with a client secret through
 * {@link GraphCredentials#fromEnvironment} from a {@link TestingTokenEndpoint}, with whatever logging
 * its JVM and environment turn on. Arguments: the secret and the token the endpoint hands out (both
 * canaries, never printed here). Prints {@code token-ok} when the credential returned that token.
 */
public final class CredentialLogProbe {
    private CredentialLogProbe() {}

    public static void main(String[] args) {
        String secret = args[0];
        String token = args[1];
        Map<String, String> environment = Map.of("AZURE_TENANT_ID", "6c4f3a1e-2b1d-4d8e-9f00-0000000000c2",
                "AZURE_CLIENT_ID", "0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b", "AZURE_CLIENT_SECRET", secret);
        TestingTokenEndpoint endpoint = new TestingTokenEndpoint(token);
        TokenCredential credential = GraphCredentials.fromEnvironment(environment::get, endpoint);
        TokenRequestContext scope = new TokenRequestContext().addScopes("https://graph.microsoft.com/.default");
        for (int i = 0; i < 2; i++) {
            AccessToken received = credential.getTokenSync(scope);
            System.out.println(received.getToken().equals(token) ? "token-ok" : "token-mismatch");
        }
        System.out.println("requests " + endpoint.requests().size());
    }
}
