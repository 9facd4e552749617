"""The PostgreSQL schema, as numbered migrations of plain SQL; ``schema_migrations`` records
those applied. The tables and columns are SQLite's (``sqlite_schema``) in PostgreSQL's types,
so that the same queries run on both, plus what only many workers need (feed claims). Text
compares byte by byte (``COLLATE "C"``), as in SQLite, so that both sort alike."""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

_INITIAL = """
CREATE TABLE feeds (
    feed_id text COLLATE "C" PRIMARY KEY,
    etag text COLLATE "C",
    last_modified text COLLATE "C",
    last_polled double precision,
    last_success double precision,
    last_error text COLLATE "C",
    last_error_at double precision,
    consecutive_errors integer NOT NULL DEFAULT 0,
    next_poll double precision,
    body_hash text COLLATE "C",
    item_digests bytea,
    house bytea,
    took double precision
);
CREATE TABLE entries (
    feed_id text COLLATE "C" NOT NULL,
    entry_id text COLLATE "C" NOT NULL,
    link text COLLATE "C",
    title text COLLATE "C",
    seen_at double precision,
    PRIMARY KEY (feed_id, entry_id)
);
CREATE TABLE subscriptions (
    channel text COLLATE "C" NOT NULL,
    topic text COLLATE "C" NOT NULL,
    created_by text COLLATE "C",
    created_at double precision,
    PRIMARY KEY (channel, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions (topic);
CREATE TABLE alerts (
    id bigserial PRIMARY KEY,
    feed_id text COLLATE "C",
    entry_id text COLLATE "C",
    created_at double precision,
    payload text COLLATE "C"
);
CREATE TABLE deliveries (
    id bigserial PRIMARY KEY,
    alert_id bigint REFERENCES alerts (id),
    channel text COLLATE "C",
    status text COLLATE "C" DEFAULT 'pending',
    attempts integer DEFAULT 0,
    next_attempt double precision,
    last_error text COLLATE "C",
    message_ref text COLLATE "C",
    created_at double precision,
    sent_at double precision,
    kind text COLLATE "C" DEFAULT 'alert',
    thread_ref text COLLATE "C",
    parent_id bigint REFERENCES deliveries (id),
    alert_payload text COLLATE "C"
);
CREATE UNIQUE INDEX deliveries_alert_channel ON deliveries (alert_id, channel);
CREATE INDEX deliveries_status_next_attempt ON deliveries (status, next_attempt);
CREATE INDEX deliveries_channel_kind_created ON deliveries (channel, kind, created_at);
CREATE INDEX deliveries_parent ON deliveries (parent_id);
CREATE TABLE digest_alerts (
    delivery_id bigint NOT NULL REFERENCES deliveries (id),
    alert_id bigint NOT NULL REFERENCES alerts (id),
    position integer,
    PRIMARY KEY (delivery_id, alert_id)
);
CREATE TABLE stories (
    id bigserial PRIMARY KEY,
    first_alert_id bigint,
    created_at double precision,
    updated_at double precision
);
CREATE TABLE story_articles (
    id bigserial PRIMARY KEY,
    story_id bigint REFERENCES stories (id),
    alert_id bigint,
    seen_at double precision,
    sketch bytea,
    size integer
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_seen ON story_articles (seen_at);
CREATE TABLE story_keys (
    key text COLLATE "C" PRIMARY KEY,
    story_id bigint,
    seen_at double precision
);
CREATE INDEX story_keys_seen ON story_keys (seen_at);
CREATE TABLE story_channels (
    story_id bigint NOT NULL,
    channel text COLLATE "C" NOT NULL,
    delivery_id bigint,
    PRIMARY KEY (story_id, channel)
);
CREATE INDEX story_channels_delivery ON story_channels (delivery_id);
"""

_CLAIMS = """
-- A worker polling a feed holds it until claimed_until; a worker that dies lets it lapse.
ALTER TABLE feeds ADD COLUMN claimed_by text;
ALTER TABLE feeds ADD COLUMN claimed_until double precision;
CREATE INDEX feeds_next_poll ON feeds (next_poll);
"""

_FEED_HEALTH = """
-- Per feed, since when it fails and whether it is paused for it (bot.feedhealth).
ALTER TABLE feeds ADD COLUMN failing_since double precision;
ALTER TABLE feeds ADD COLUMN paused_at double precision;
"""

_EVENT_TERMS = """
-- Story articles keep their event terms (space-separated stems) and when the event happened;
-- articles stored before have no terms, so nothing joins them.
ALTER TABLE story_articles ADD COLUMN terms text COLLATE "C";
ALTER TABLE story_articles ADD COLUMN happened_at double precision;
"""

_FEEDBACK = """
-- What the desk tells the bot: each alert's text (to match stored articles again and to search
-- them), the alerts marked not relevant, and the stories muted per channel.
CREATE TABLE alert_texts (
    alert_id bigint PRIMARY KEY REFERENCES alerts (id),
    text text COLLATE "C"
);
CREATE TABLE feedback (
    id bigserial PRIMARY KEY,
    alert_id bigint REFERENCES alerts (id),
    channel text COLLATE "C",
    topic text COLLATE "C",
    kind text COLLATE "C",
    story_id bigint,
    mentions text COLLATE "C",
    by_user text COLLATE "C",
    at double precision
);
CREATE UNIQUE INDEX feedback_once ON feedback (kind, alert_id, channel, topic);
CREATE INDEX feedback_at ON feedback (at);
CREATE TABLE story_mutes (
    story_id bigint NOT NULL,
    channel text COLLATE "C" NOT NULL,
    muted_by text COLLATE "C",
    muted_at double precision,
    PRIMARY KEY (story_id, channel)
);
CREATE INDEX story_articles_alert ON story_articles (alert_id);
"""


def _search_refresh(config: str) -> str:
    """The function that (re)indexes one alert in ``alert_search``, its words parsed with the
    text search configuration ``config``."""
    return f"""
CREATE OR REPLACE FUNCTION alert_search_refresh(alert bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO alert_search (alert_id, document, head, prominence, created_at)
    SELECT a.id, h.head || setweight(to_tsvector('{config}', coalesce(t.text, '')), 'C'), h.head,
           coalesce((SELECT max(CASE m ->> 'prominence' WHEN 'headline' THEN 3 WHEN 'lead' THEN 2
                                WHEN 'body' THEN 1 ELSE 0 END)
                     FROM jsonb_array_elements(j.p -> 'topics') tp,
                          jsonb_array_elements(tp -> 'matches') m), 0),
           a.created_at
    FROM alerts a CROSS JOIN LATERAL (SELECT a.payload::jsonb AS p) j
    CROSS JOIN LATERAL (SELECT
           setweight(to_tsvector('{config}', coalesce(j.p ->> 'title', '')), 'A')
           || setweight(to_tsvector('{config}', concat_ws(' ',
                  (SELECT string_agg(s, ' ')
                   FROM jsonb_array_elements_text(j.p -> 'extraction' -> 'summary') s),
                  (SELECT string_agg(concat_ws(' ', q ->> 'text', q ->> 'speaker'), ' ')
                   FROM jsonb_array_elements(j.p -> 'extraction' -> 'quotes') q))), 'B')
           AS head) h
    LEFT JOIN alert_texts t ON t.alert_id = a.id
    WHERE a.id = alert AND a.entry_id NOT LIKE 'notice:%'
    ON CONFLICT (alert_id) DO UPDATE SET document = excluded.document, head = excluded.head,
        prominence = excluded.prominence, created_at = excluded.created_at;
$$;
"""


_SEARCH = ("""
-- Full-text search over the stored alerts (/news search): per alert, a document of its title
-- (weight A), its summary and quotes with their speakers (B) and the text it was matched on (C)
-- that the GIN index finds articles by; the head (title and summary, quotes) that ranks them,
-- small enough to stay in the row, so that ranking a thousand matches reads no full document;
-- the prominence of its strongest match (3 headline .. 0 passing) and its time (bot.searchquery).
-- Triggers keep it in step with alerts and alert_texts, so a copy into this database
-- (newsalert migrate) builds it afresh; the alerts stored before are indexed here. Notices
-- about the bot itself are not articles and are left out.
CREATE TABLE alert_search (
    alert_id bigint PRIMARY KEY REFERENCES alerts (id) ON DELETE CASCADE,
    document tsvector NOT NULL,
    head tsvector NOT NULL,
    prominence smallint NOT NULL DEFAULT 0,
    created_at double precision
);
CREATE INDEX alert_search_document ON alert_search USING gin (document);
{refresh}CREATE FUNCTION alert_search_on_alert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM alert_search_refresh(NEW.id);
    RETURN NULL;
END $$;
CREATE FUNCTION alert_search_on_text() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM alert_search_refresh(NEW.alert_id);
    RETURN NULL;
END $$;
CREATE TRIGGER alert_search_alert AFTER INSERT ON alerts
    FOR EACH ROW EXECUTE FUNCTION alert_search_on_alert();
CREATE TRIGGER alert_search_text AFTER INSERT OR UPDATE ON alert_texts
    FOR EACH ROW EXECUTE FUNCTION alert_search_on_text();
SELECT alert_search_refresh(id) FROM alerts;
""").format(refresh=_search_refresh("simple"))

_STEMMED = f"""
-- Search words are stemmed: the alerts are indexed again with the text search configuration
-- 'english' (Snowball's English stemmer and stop words), which the queries use too.
{_search_refresh("english")}
SELECT alert_search_refresh(id) FROM alerts;
"""

_MATCHES = """
-- The matches of a search, always from the GIN index: on a word in a quarter of the archive
-- the planner priced a sequential scan below the index, and that scan reads (and decompresses)
-- every document to test it. A function's SET applies to its own statement only.
CREATE FUNCTION alert_search_matches(q tsquery)
RETURNS TABLE (alert_id bigint, created_at double precision, prominence smallint)
LANGUAGE sql STABLE ROWS 1000 SET enable_seqscan = off AS $$
    SELECT s.alert_id, s.created_at, s.prominence FROM alert_search s WHERE s.document @@ q
$$;
"""

MIGRATIONS = [_INITIAL, _CLAIMS, _FEED_HEALTH, _EVENT_TERMS, _FEEDBACK, _SEARCH, _STEMMED,
              _MATCHES]
SCHEMA_VERSION = len(MIGRATIONS)
