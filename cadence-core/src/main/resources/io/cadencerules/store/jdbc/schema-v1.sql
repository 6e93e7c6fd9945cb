-- cadence: the PostgreSQL journey store, schema version 1.
--
-- Placeholders (JdbcJourneyStore.createSchema() fills them in; with Flyway, define the same two
-- placeholders): ${schema} is empty or a schema name followed by a dot, e.g. "cadence.";
-- ${prefix} starts every table and index name, "cadence_" by default.
-- Statements are separated by a line holding only ";".

-- One row per journey (every run of a key). The payload holds the whole journey as JSON; the other
-- columns are copies of what the queries need (id, status, due time, version) plus the lease.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}journeys (
    jid          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  text        NOT NULL,
    subject_key  text        NOT NULL,
    cadence_id   text        NOT NULL,
    run          integer     NOT NULL CHECK (run >= 1),
    status       text        NOT NULL,
    live         boolean     NOT NULL,
    due_at       timestamptz,
    version      bigint      NOT NULL CHECK (version >= 1),
    lease_owner  text,
    lease_until  timestamptz,
    -- When a claim may take the journey: its due time, or the end of its lease if that is later.
    -- Leased journeys thus leave the head of the claim index, and come back when the lease expires.
    claim_at     timestamptz GENERATED ALWAYS AS (CASE WHEN due_at IS NULL THEN NULL
                                                       ELSE greatest(due_at, lease_until) END) STORED,
    payload      jsonb       NOT NULL,
    CONSTRAINT ${prefix}journeys_id UNIQUE (customer_id, subject_key, cadence_id, run),
    CONSTRAINT ${prefix}journeys_lease CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
) WITH (fillfactor = 85)
;
-- At most one live journey per key (customer, subject, cadence): concurrent enrolments cannot both win.
CREATE UNIQUE INDEX IF NOT EXISTS ${prefix}journeys_one_live
    ON ${schema}${prefix}journeys (customer_id, subject_key, cadence_id) WHERE live
;
-- The claim: earliest first, only journeys with a due time.
CREATE INDEX IF NOT EXISTS ${prefix}journeys_claim
    ON ${schema}${prefix}journeys (claim_at) WHERE claim_at IS NOT NULL
;
-- Queries by cadence (and status). Queries by customer and key use the journeys_id constraint's index.
CREATE INDEX IF NOT EXISTS ${prefix}journeys_cadence
    ON ${schema}${prefix}journeys (cadence_id, status)
;
CREATE TABLE IF NOT EXISTS ${schema}${prefix}customers (
    id       text  PRIMARY KEY,
    payload  jsonb NOT NULL
)
;
-- Event ids already handled (idempotency), forgotten after the retention window.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}seen_events (
    event_id  text        PRIMARY KEY,
    seen_at   timestamptz NOT NULL
)
;
CREATE INDEX IF NOT EXISTS ${prefix}seen_events_at
    ON ${schema}${prefix}seen_events (seen_at)
;
-- Manual pauses: scope is CADENCE or CUSTOMER.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}pauses (
    scope  text NOT NULL,
    id     text NOT NULL,
    PRIMARY KEY (scope, id)
)
;
-- Rejected inputs, oldest first by id; only the most recent are kept.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}rejections (
    id        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        timestamptz NOT NULL,
    event_id  text        NOT NULL,
    reason    text        NOT NULL,
    detail    text        NOT NULL,
    input     text        NOT NULL
)
;
