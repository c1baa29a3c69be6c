package io.seatwarden.schedule;

import io.seatwarden.state.StateConfig;
import io.seatwarden.state.StateDatabase;

/** Where Quartz keeps its jobs and triggers. */
public enum JobStoreMode {
    /** In memory: one node. Runs are still recorded in the state database. */
    MEMORY,
    /** Quartz's clustered JDBC store in the state database: several nodes, each run once, recovery. */
    CLUSTER;

    /** Clustered on PostgreSQL, in memory on the embedded database. */
    public static JobStoreMode auto(StateDatabase database) {
        return database.kind() == StateConfig.Kind.POSTGRESQL ? CLUSTER : MEMORY;
    }
}
