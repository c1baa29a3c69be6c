package io.seatwarden.emulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator turns on the JDK server's TCP no-delay before it creates its server, so that requests
 * on a reused connection are not held back by Nagle's algorithm and delayed ACKs. What that is worth
 * is measured, not asserted here: {@code io.seatwarden.bench.EmulatorRoundTrip} (BENCHMARKS.md).
 */
class GraphEmulatorNoDelayTest {
    @Test
    void tcpNoDelayIsOnOnceAnEmulatorCanBeStarted() {
        try (GraphEmulator emulator = GraphEmulator.start(TestingGraphClients.tenant("emulator-small.json"), EmulatorOptions.defaults())) {
            assertThat(emulator.port()).isPositive();
            assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
        }
    }
}
