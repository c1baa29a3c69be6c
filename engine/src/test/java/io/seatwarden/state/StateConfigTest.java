package io.seatwarden.state;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateConfigTest {
    @Test
    void defaultsToTheEmbeddedFileUnderTheWorkingDirectory() {
        StateConfig config = StateConfig.fromEnvironment(Optional.empty(), Map.of());
        assertThat(config).isEqualTo(StateConfig.defaults());
        assertThat(config.url()).isEqualTo("jdbc:h2:file:./.seatwarden/state");
        assertThat(config.kind()).isEqualTo(StateConfig.Kind.H2);
        assertThat(config.user()).isEmpty();
        assertThat(config.password()).isEmpty();
    }

    @Test
    void theCommandLineBeatsTheEnvironment() {
        Map<String, String> environment = Map.of(
                "SEATWARDEN_STATE_URL", "jdbc:postgresql://db-from-env:5432/state",
                "SEATWARDEN_STATE_USER", "seatwarden",
                "SEATWARDEN_STATE_PASSWORD", "pa55word");
        StateConfig fromFlag = StateConfig.fromEnvironment(Optional.of("jdbc:postgresql://db:5432/state"), environment);
        assertThat(fromFlag.url()).isEqualTo("jdbc:postgresql://db:5432/state");
        assertThat(fromFlag.kind()).isEqualTo(StateConfig.Kind.POSTGRESQL);
        assertThat(fromFlag.user()).contains("seatwarden");
        assertThat(fromFlag.password()).contains("pa55word");
        assertThat(StateConfig.fromEnvironment(Optional.empty(), environment).url()).isEqualTo("jdbc:postgresql://db-from-env:5432/state");
    }

    @Test
    void neverShowsThePassword() {
        StateConfig config = new StateConfig("jdbc:postgresql://db:5432/state?user=seatwarden&password=url-secret&ssl=true",
                Optional.of("seatwarden"), Optional.of("env-secret"));
        assertThat(config.toString()).doesNotContain("url-secret").doesNotContain("env-secret").contains("password=***");
        assertThat(config.redactedUrl()).isEqualTo("jdbc:postgresql://db:5432/state?user=seatwarden&password=***&ssl=true");
        assertThat(new StateConfig("jdbc:h2:file:/x;USER=sa;PASSWORD=h2-secret", Optional.empty(), Optional.empty()).redactedUrl())
                .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=***");
    }

    @Test
    void refusesOtherDatabasesWithoutEchoingAPassword() {
        assertThatThrownBy(() -> StateConfig.fromEnvironment(Optional.of("jdbc:mysql://db/state?password=my-secret"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://HOST:PORT/DATABASE")
                .hasMessageNotContaining("my-secret");
    }
}
