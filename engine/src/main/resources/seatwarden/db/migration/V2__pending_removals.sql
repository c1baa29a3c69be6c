-- Removals waiting out settings.removalGraceDays: first recorded by a wet run, carried out once due,
-- dropped when the user qualifies again (or the removal went out).
CREATE TABLE IF NOT EXISTS seatwarden_pending_removals (
    tenant_id VARCHAR(200) NOT NULL,
    user_id VARCHAR(200) NOT NULL,
    sku_id VARCHAR(36) NOT NULL,
    first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, user_id, sku_id)
);
