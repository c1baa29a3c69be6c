package io.seatwarden.reconcile;

import io.seatwarden.state.StateConfig;
import io.seatwarden.testing.TestingPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

/** The reconcile flow on PostgreSQL 15, as a cluster of engine nodes shares it. */
class PostgresReconcileRunTest extends AbstractReconcileRunTest {
    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @Override
    StateConfig newDatabase() {
        return new StateConfig(POSTGRES.createDatabase("reconcile"), Optional.of(POSTGRES.user()), Optional.empty());
    }
}
