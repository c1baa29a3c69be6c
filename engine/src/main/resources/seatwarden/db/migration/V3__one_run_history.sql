-- Seatwarden state, version 3: one run history. The run service's scheduled runs become rows of
-- seatwarden_runs (they were also kept in seatwarden_scheduled_runs, a table the service created by
-- hand, outside this migrator), those that stopped before reading the tenant included; and every
-- outcome is named in the one vocabulary of apply JSON (state.RunOutcome).

-- A scheduled run is known by its job (the service's name for the tenant) before its tenant id.
ALTER TABLE seatwarden_runs ALTER COLUMN tenant_id DROP NOT NULL;
ALTER TABLE seatwarden_runs ADD COLUMN IF NOT EXISTS job VARCHAR(64);
ALTER TABLE seatwarden_runs ADD COLUMN IF NOT EXISTS scheduled_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE seatwarden_runs ADD COLUMN IF NOT EXISTS recovering BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE seatwarden_runs ADD COLUMN IF NOT EXISTS graph_requests BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE seatwarden_runs ADD COLUMN IF NOT EXISTS throttle_wait_ms BIGINT DEFAULT 0 NOT NULL;
CREATE INDEX IF NOT EXISTS seatwarden_runs_job ON seatwarden_runs (job, started_at);

-- Outcomes of version 1 in the one vocabulary: SUCCEEDED, PARTIAL and ABORTED are gone.
UPDATE seatwarden_runs SET outcome = 'CHANGES_FAILED' WHERE outcome = 'PARTIAL' AND failed > 0;
UPDATE seatwarden_runs SET outcome = 'APPLIED' WHERE outcome = 'PARTIAL';
UPDATE seatwarden_runs SET outcome = 'NOTHING_TO_DO' WHERE outcome = 'SUCCEEDED' AND changes = 0;
UPDATE seatwarden_runs SET outcome = 'APPLIED' WHERE outcome = 'SUCCEEDED';
UPDATE seatwarden_runs SET outcome = 'DECLINED' WHERE outcome = 'ABORTED' AND message = 'not confirmed';
UPDATE seatwarden_runs SET outcome = 'REFUSED' WHERE outcome = 'ABORTED' AND message LIKE 'the tenant changed since the saved plan%';
UPDATE seatwarden_runs SET outcome = 'FAILED' WHERE outcome = 'ABORTED';

-- The service's old table, as it created it; created empty here when it never ran, so that what
-- follows reads the same on every database.
CREATE TABLE IF NOT EXISTS seatwarden_scheduled_runs (
    run_id VARCHAR(64) NOT NULL PRIMARY KEY,
    tenant VARCHAR(64) NOT NULL,
    node VARCHAR(200) NOT NULL,
    outcome VARCHAR(32) NOT NULL,
    scheduled_at BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    recovering BOOLEAN NOT NULL,
    message VARCHAR(2000) NOT NULL,
    changes VARCHAR(2000) NOT NULL,
    seats_free VARCHAR(4000) NOT NULL,
    graph_requests BIGINT NOT NULL,
    throttle_wait_ms BIGINT NOT NULL,
    run_directory VARCHAR(1000) NOT NULL
);

-- A scheduled run that reached the tenant's lease is in both tables, under one id: keep the
-- history's row (its counts and outcome), add what only the service knew.
UPDATE seatwarden_runs SET
    job = (SELECT s.tenant FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id),
    scheduled_at = (SELECT TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00' + (s.scheduled_at / 1000) * INTERVAL '1' SECOND
        + MOD(s.scheduled_at, 1000) * INTERVAL '0.001' SECOND FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id),
    recovering = (SELECT s.recovering FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id),
    graph_requests = (SELECT s.graph_requests FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id),
    throttle_wait_ms = (SELECT s.throttle_wait_ms FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id),
    report_directory = COALESCE(report_directory,
        (SELECT s.run_directory FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id))
    WHERE EXISTS (SELECT 1 FROM seatwarden_scheduled_runs s WHERE s.run_id = seatwarden_runs.run_id);

-- The others stopped before the lease (invalid policies, an unreachable tenant, the lease held
-- elsewhere): they join the history with their job and no tenant id. Counts were not kept then.
INSERT INTO seatwarden_runs (run_id, tenant_id, kind, node, started_at, finished_at, outcome, changes, succeeded, failed,
        waiting_for_seats, removals_held, skipped, message, report_directory, job, scheduled_at, recovering, graph_requests,
        throttle_wait_ms)
    SELECT s.run_id, NULL, 'SCHEDULED', s.node,
        TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00' + (s.started_at / 1000) * INTERVAL '1' SECOND
            + MOD(s.started_at, 1000) * INTERVAL '0.001' SECOND,
        CASE WHEN s.ended_at IS NULL THEN NULL
            ELSE TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00' + (s.ended_at / 1000) * INTERVAL '1' SECOND
                + MOD(s.ended_at, 1000) * INTERVAL '0.001' SECOND END,
        CASE s.outcome WHEN 'SUCCEEDED' THEN 'APPLIED' ELSE s.outcome END,
        0, 0, 0, 0, 0, 0, s.message, s.run_directory, s.tenant,
        TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00:00' + (s.scheduled_at / 1000) * INTERVAL '1' SECOND
            + MOD(s.scheduled_at, 1000) * INTERVAL '0.001' SECOND,
        s.recovering, s.graph_requests, s.throttle_wait_ms
    FROM seatwarden_scheduled_runs s
    WHERE NOT EXISTS (SELECT 1 FROM seatwarden_runs r WHERE r.run_id = s.run_id);

DROP TABLE seatwarden_scheduled_runs;
