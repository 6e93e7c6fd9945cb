-- cadence: the PostgreSQL journey store, schema version 2: the dispatch outbox.
--
-- Placeholders and statement separators as in schema-v1.sql. Additive only: an instance still on
-- version 1 keeps working (it neither reads nor writes this table).

-- One row per contact offered to a channel adapter, keyed by its idempotency key, written before
-- the adapter is called. state: PENDING (being offered, or its offerer died while offering it),
-- IN_DOUBT (its offerer died and the journey was written since without it), RETRY (answered
-- "unknown" or "deferred": the same key is offered again), SENT (answered for good: result holds
-- the answer, which a later decision reaching the same key reuses instead of offering it again).
-- journey is the journey's id as text (customer/subject/cadence#run), which every key starts with.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}dispatches (
    journey   text        NOT NULL,
    key       text        NOT NULL,
    channel   text        NOT NULL,
    state     text        NOT NULL CHECK (state IN ('PENDING', 'IN_DOUBT', 'RETRY', 'SENT')),
    owner     text        NOT NULL,
    offers    integer     NOT NULL DEFAULT 0,
    began_at  timestamptz NOT NULL,
    done_at   timestamptz,
    result    jsonb,
    PRIMARY KEY (journey, key),
    CONSTRAINT ${prefix}dispatches_result CHECK (state <> 'SENT' OR result IS NOT NULL)
) WITH (fillfactor = 80)
;
-- Forgetting old rows after the retention window.
CREATE INDEX IF NOT EXISTS ${prefix}dispatches_began
    ON ${schema}${prefix}dispatches (began_at)
;
