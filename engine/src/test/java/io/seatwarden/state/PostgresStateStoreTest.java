package io.seatwarden.state;

import io.seatwarden.testing.TestingPostgres;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Optional;

/** The state store contract on a real PostgreSQL 15, as a cluster of engine nodes shares it. */
class PostgresStateStoreTest extends AbstractStateStoreTest {
    @RegisterExtension
    static final TestingPostgres POSTGRES = new TestingPostgres();

    @Override
    StateConfig newDatabase() {
        return new StateConfig(POSTGRES.createDatabase("state"), Optional.of(POSTGRES.user()), Optional.empty());
    }
}
