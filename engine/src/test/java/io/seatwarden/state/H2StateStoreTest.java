package io.seatwarden.state;

import io.seatwarden.config.EngineInjector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The state store contract on the embedded default, an H2 file opened in-process (no server). */
class H2StateStoreTest extends AbstractStateStoreTest {
    @TempDir
    Path directory;
    private int databases;

    @Test
    void createsTheStateDirectory() {
        Path nested = directory.resolve("work").resolve(".seatwarden").resolve("state");
        try (StateStore state = new StateStores(clock).open(StateConfig.h2File(nested))) {
            assertThat(state.runs().recent(Optional.empty(), 1)).isEmpty();
        }
        assertThat(nested.resolveSibling("state.mv.db")).isRegularFile();
    }

    @Test
    void opensAnInMemoryDatabaseAsTheDemoDoes() {
        StateConfig memory = new StateConfig("jdbc:h2:mem:state-test-" + databases++ + ";DB_CLOSE_DELAY=-1", Optional.empty(),
                Optional.empty());
        try (StateStore state = new StateStores(clock).open(memory)) {
            RunRecord run = state.runs().begin(CONTOSO, RunKind.APPLY, "demo");
            assertThat(state.runs().recent(Optional.of(CONTOSO), 5)).containsExactly(run);
        }
    }

    @Test
    void theEngineInjectorProvidesTheFactory() {
        assertThat(EngineInjector.create().getInstance(StateStores.class)).isNotNull();
    }

    @Override
    StateConfig newDatabase() {
        return StateConfig.h2File(directory.resolve("state-" + databases++));
    }
}
