package io.seatwarden.apply.state;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The state store contract on the embedded default, an H2 file shared through AUTO_SERVER. */
class H2StateStoreTest extends AbstractStateStoreTest {
    @TempDir
    Path directory;
    private int databases;

    @Override
    StateConfig newDatabase() {
        return StateConfig.h2File(directory.resolve("state-" + databases++));
    }
}
