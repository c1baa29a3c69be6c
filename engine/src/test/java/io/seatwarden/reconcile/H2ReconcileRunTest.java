package io.seatwarden.reconcile;

import io.seatwarden.state.StateConfig;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The reconcile flow on the embedded default: an H2 file. */
class H2ReconcileRunTest extends AbstractReconcileRunTest {
    @TempDir
    Path directory;

    @Override
    StateConfig newDatabase() {
        return StateConfig.h2File(directory.resolve("state"));
    }
}
