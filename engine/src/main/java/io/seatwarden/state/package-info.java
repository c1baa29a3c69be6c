/**
 * The state room: the engine's state in one JDBC database, opened once per process as one
 * connection pool and brought up to date by one migrator. What it assigned
 * ({@link io.seatwarden.state.AssignmentStore}, for rule 5), the one history of every run, command-line
 * and scheduled alike, in one outcome vocabulary ({@link io.seatwarden.state.RunHistory},
 * {@link io.seatwarden.state.RunOutcome}), every change
 * with its intent and outcome ({@link io.seatwarden.state.Journal}), and the per-tenant
 * apply lease that keeps two applies apart ({@link io.seatwarden.state.ApplyLocks}).
 *
 * <p>Embedded H2 under {@code ./.seatwarden/} by default, PostgreSQL with {@code --state-url}
 * (the database a Quartz cluster uses). Everything is keyed by {@link io.seatwarden.directory.TenantId}.
 * Commands build a {@link io.seatwarden.state.StateConfig} with
 * {@link io.seatwarden.state.StateConfig#fromEnvironment} and open it with the injected
 * {@link io.seatwarden.state.StateStores}; opening migrates the schema
 * ({@code seatwarden/db/migration/V*__*.sql}, listed in {@code migrations.txt}).
 *
 * <p>Tables: {@code seatwarden_schema_version}, {@code seatwarden_schema_lock},
 * {@code seatwarden_runs}, {@code seatwarden_journal}, {@code seatwarden_assignments},
 * {@code seatwarden_apply_leases}, {@code seatwarden_pending_removals}, {@code seatwarden_seat_history}
 * ({@link io.seatwarden.state.SeatHistory}); the {@code run} service's clustered Quartz tables share the
 * database and the pool. Times are UTC {@code TIMESTAMP WITH TIME ZONE} from the
 * injected clock, kept to the microsecond.
 */
package io.seatwarden.state;
