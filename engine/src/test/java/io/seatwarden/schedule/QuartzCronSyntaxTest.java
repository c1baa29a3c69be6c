package io.seatwarden.schedule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuartzCronSyntaxTest {
    private final QuartzCronSyntax syntax = new QuartzCronSyntax();

    @Test
    void acceptsQuartzExpressions() {
        assertThat(syntax.problem("0 0 2 * * ?")).isEmpty();
        assertThat(syntax.problem("0 15 10 ? * MON-FRI")).isEmpty();
    }

    @Test
    void refusesUnixFiveFieldAndNonsense() {
        assertThat(syntax.problem("0 2 * * *")).isPresent();
        assertThat(syntax.problem("every night")).isPresent();
        assertThat(syntax.problem("0 0 2 * * *")).hasValueSatisfying(message -> assertThat(message).isNotBlank());
    }
}
