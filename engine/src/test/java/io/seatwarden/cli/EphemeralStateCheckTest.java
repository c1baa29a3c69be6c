package io.seatwarden.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The environment is passed in, so these hold whether or not the suite itself runs in CI. */
class EphemeralStateCheckTest {
    @Test
    void inCiTheDefaultStateFileIsRefusedAndTheMessageSaysWhyAndWhatToDo() {
        assertThat(EphemeralStateCheck.refusal("apply", Map.of("GITHUB_ACTIONS", "true"), null, false)).get().asString()
                .contains("apply refused", "GITHUB_ACTIONS", "lost with the runner", "--state-url", "--allow-ephemeral-state");
        assertThat(EphemeralStateCheck.refusal("undo --apply", Map.of("CI", "true"), null, false)).get().asString()
                .startsWith("undo --apply refused").contains("(CI is set)");
    }

    @Test
    void aNamedStateOrAcceptingTheDefaultOnPurposeGoesOn() {
        assertThat(EphemeralStateCheck.refusal("apply", Map.of("CI", "true"), "jdbc:postgresql://db/seatwarden", false)).isEmpty();
        assertThat(EphemeralStateCheck.refusal("apply", Map.of("CI", "true", "SEATWARDEN_STATE_URL", "jdbc:postgresql://db/s"), null, false))
                .isEmpty();
        assertThat(EphemeralStateCheck.refusal("apply", Map.of("CI", "true"), null, true)).isEmpty();
    }

    @Test
    void outsideCiNothingIsRefused() {
        assertThat(EphemeralStateCheck.refusal("apply", Map.of(), null, false)).isEmpty();
        assertThat(EphemeralStateCheck.refusal("apply", Map.of("CI", "false"), null, false)).isEmpty();
        assertThat(EphemeralStateCheck.refusal("apply", Map.of("CI", ""), null, false)).isEmpty();
    }
}
