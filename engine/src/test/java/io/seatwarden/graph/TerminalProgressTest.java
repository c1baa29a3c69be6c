package io.seatwarden.graph;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void redrawsOneLineAtMostEveryFewHundredMillisecondsAndEndsIt() {
        Clock frozen = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        TerminalProgress progress = new TerminalProgress(out, frozen);
        progress.requestSent();
        progress.pageRead("users", 999);
        progress.usersRead(999);
        String afterFirst = bytes.toString(StandardCharsets.UTF_8);
        assertThat(afterFirst).contains("\rreading tenant: 0 users, 0 pages, 1 requests");
        assertThat(afterFirst.split("\r")).hasSize(2); // the clock did not move: one redraw only

        progress.waiting(429, Duration.ofSeconds(3));
        progress.finished();
        String all = bytes.toString(StandardCharsets.UTF_8);
        assertThat(all).contains("reading tenant: 999 users, 1 pages, 1 requests, throttled 1x for 3.0 s (HTTP 429, waiting 3.0 s)")
                .endsWith("\u001b[K" + System.lineSeparator());
    }

    @Test
    void saysNothingWhenNothingHappened() {
        new TerminalProgress(out, Clock.systemUTC());
        assertThat(bytes.size()).isZero();
        assertThat(TerminalProgress.forStderr(false, Clock.systemUTC()))
                .as("tests run without a console").isSameAs(ProgressListener.NONE);
    }
}
