package io.seatwarden.graph;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No logging setting prints the client secret or the token (issue 13 item 2). A child JVM gets a
 * token with a canary client secret from a {@link TestingTokenEndpoint} (the request travels through
 * azure-identity, MSAL and azure-core's HTTP pipeline, logging included; only the socket is
 * replaced) with the Azure SDK's HTTP logging at {@code BODY_AND_HEADERS}, and in the loudest case
 * {@code AZURE_LOG_LEVEL=verbose} and every slf4j logger at trace; its whole output is searched for
 * the canaries. Before the fix, the secret appeared in the logged token request body.
 */
class CredentialLoggingTest {
    @ParameterizedTest
    @ValueSource(strings = {"issue", "loudest"})
    void neitherTheSecretNorTheTokenIsPrintedWhateverTheLoggingSettings(String settings) throws Exception {
        String secret = "canary-secret-" + UUID.randomUUID();
        String token = "canary-token-" + UUID.randomUUID();
        String output = probe(settings, secret, token);

        assertThat(output).as("the probe got its token; output:%n%s", output).contains("token-ok");
        assertThat(output).doesNotContain(secret).doesNotContain(token);
        // the halves too, in case something splits or wraps a long value
        assertThat(output).doesNotContain(secret.substring(14)).doesNotContain(token.substring(13));
    }

    @Test
    void theLoudestSettingsDoLogTheIdentityTrafficSoTheSearchIsMeaningful() throws Exception {
        String output = probe("loudest", "canary-secret-" + UUID.randomUUID(), "canary-token-" + UUID.randomUUID());

        // MSAL and azure-identity speak at these levels: the search above ran over a talkative log
        assertThat(output).containsIgnoringCase("msal").contains("token-ok");
    }

    private static String probe(String settings, String secret, String token) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (settings.equals("loudest")) {
            command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace", "-Dorg.slf4j.simpleLogger.log.com.azure=trace",
                    "-Dorg.slf4j.simpleLogger.log.com.microsoft=trace", "-Dorg.slf4j.simpleLogger.log.okhttp3=trace"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CredentialLogProbe.class.getName(), secret, token));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AZURE_HTTP_LOG_DETAIL_LEVEL", "BODY_AND_HEADERS");
        if (settings.equals("loudest")) {
            builder.environment().put("AZURE_LOG_LEVEL", "verbose");
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }
}
