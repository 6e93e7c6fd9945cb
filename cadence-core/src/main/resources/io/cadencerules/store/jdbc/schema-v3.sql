-- cadence: the PostgreSQL journey store, schema version 3: the contact policy's and the budget's
-- ledgers (JdbcContactLedger, JdbcSpendLedger), shared by every instance on the database.
--
-- Placeholders and statement separators as in schema-v1.sql. Additive only: an instance still on
-- version 2 keeps working (it neither reads nor writes these tables).
--
-- Instants are timestamptz (microseconds) plus at_nanos, the nanoseconds below the microsecond,
-- so that an entry reads back equal to the one written.

-- The contact ledger: one row per entry of a person (kind ATTEMPT, CONVERSATION, OPT_OUT or
-- NOTICE), in the columns of its kind; seq orders entries written at the same instant.
-- Writers of one customer take a transaction-scoped advisory lock on the customer's id first.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}contact_entries (
    seq          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  text        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('ATTEMPT', 'CONVERSATION', 'OPT_OUT', 'NOTICE')),
    at           timestamptz NOT NULL,
    at_nanos     integer     NOT NULL DEFAULT 0 CHECK (at_nanos BETWEEN 0 AND 999),
    -- ATTEMPT: required; OPT_OUT: null for every channel / every purpose
    channel      text,
    purpose      text,
    -- ATTEMPT: required (may be empty); CONVERSATION, NOTICE: null when not known
    subject_key  text,
    -- ATTEMPT: the journey and step it belongs to
    reference    text,
    -- OPT_OUT: what said it
    source       text,
    -- CONVERSATION, NOTICE: the event that reported it
    event_id     text,
    -- NOTICE: what it says (AccountNotice.Kind)
    notice_kind  text,
    CONSTRAINT ${prefix}contact_entries_attempt CHECK (kind <> 'ATTEMPT'
        OR (channel IS NOT NULL AND purpose IS NOT NULL AND subject_key IS NOT NULL AND reference IS NOT NULL)),
    CONSTRAINT ${prefix}contact_entries_opt_out CHECK (kind <> 'OPT_OUT' OR source IS NOT NULL),
    CONSTRAINT ${prefix}contact_entries_notice CHECK (kind <> 'NOTICE' OR notice_kind IS NOT NULL)
)
;
-- A person's entries, oldest first.
CREATE INDEX IF NOT EXISTS ${prefix}contact_entries_customer
    ON ${schema}${prefix}contact_entries (customer_id, at, at_nanos, seq)
;
-- Forgetting attempts and conversations older than the retention.
CREATE INDEX IF NOT EXISTS ${prefix}contact_entries_expiring
    ON ${schema}${prefix}contact_entries (at) WHERE kind IN ('ATTEMPT', 'CONVERSATION')
;
-- The spend ledger: one row per contact's reservation; the entry id is 'spend-' || id.
-- counted = estimated while RESERVED or UNCERTAIN, actual when BOOKED, nothing when RELEASED.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}spend_entries (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  text        NOT NULL,
    subject_key  text        NOT NULL,
    cadence_id   text        NOT NULL,
    run          integer     NOT NULL CHECK (run >= 1),
    step_id      text        NOT NULL,
    channel      text        NOT NULL,
    contact_key  text        NOT NULL,
    at           timestamptz NOT NULL,
    at_nanos     integer     NOT NULL DEFAULT 0 CHECK (at_nanos BETWEEN 0 AND 999),
    day          date        NOT NULL,
    currency     text        NOT NULL,
    estimated    numeric     NOT NULL CHECK (estimated >= 0),
    actual       numeric     NOT NULL CHECK (actual >= 0),
    status       text        NOT NULL CHECK (status IN ('RESERVED', 'BOOKED', 'UNCERTAIN', 'RELEASED')),
    note         text        NOT NULL
)
;
-- open(contactKey): the contact's entries still holding their estimate.
CREATE INDEX IF NOT EXISTS ${prefix}spend_entries_open
    ON ${schema}${prefix}spend_entries (contact_key) WHERE status IN ('RESERVED', 'UNCERTAIN')
;
-- Queries by journey and account, by cadence and day, by day.
CREATE INDEX IF NOT EXISTS ${prefix}spend_entries_journey
    ON ${schema}${prefix}spend_entries (customer_id, subject_key, cadence_id, run)
;
CREATE INDEX IF NOT EXISTS ${prefix}spend_entries_cadence_day
    ON ${schema}${prefix}spend_entries (cadence_id, day)
;
CREATE INDEX IF NOT EXISTS ${prefix}spend_entries_day
    ON ${schema}${prefix}spend_entries (day)
;
-- What counts against caps, per cap scope: ACCOUNT (key1 customer, key2 subject), CADENCE_DAY
-- (cadence, ISO day), CADENCE_MONTH (cadence, ISO month), GLOBAL_DAY (ISO day, empty). A reservation
-- locks its four rows (ordered by scope, key1, key2), checks its caps, inserts its entry and adds
-- its estimate, in one transaction; settling an entry adds the difference to the same rows.
CREATE TABLE IF NOT EXISTS ${schema}${prefix}spend_totals (
    currency  text    NOT NULL,
    scope     text    NOT NULL CHECK (scope IN ('ACCOUNT', 'CADENCE_DAY', 'CADENCE_MONTH', 'GLOBAL_DAY')),
    key1      text    NOT NULL,
    key2      text    NOT NULL,
    amount    numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (currency, scope, key1, key2)
) WITH (fillfactor = 70)
;
