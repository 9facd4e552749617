"""The PostgreSQL schema, as numbered migrations of plain SQL; ``schema_migrations`` records
those applied. The tables and columns are SQLite's (``sqlite_schema``) in PostgreSQL's types,
so that the same queries run on both, plus what only many workers need (feed claims)."""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

_INITIAL = """
CREATE TABLE feeds (
    feed_id text PRIMARY KEY, etag text, last_modified text, last_polled double precision,
    last_success double precision, last_error text, last_error_at double precision,
    consecutive_errors integer NOT NULL DEFAULT 0, next_poll double precision,
    body_hash text, item_digests bytea, house bytea, took double precision
);
CREATE TABLE entries (
    feed_id text NOT NULL, entry_id text NOT NULL, link text, title text,
    seen_at double precision, PRIMARY KEY (feed_id, entry_id)
);
CREATE TABLE subscriptions (
    channel text NOT NULL, topic text NOT NULL, created_by text, created_at double precision,
    PRIMARY KEY (channel, topic)
);
CREATE INDEX subscriptions_topic ON subscriptions (topic);
CREATE TABLE alerts (
    id bigserial PRIMARY KEY, feed_id text, entry_id text, created_at double precision,
    payload text
);
CREATE TABLE deliveries (
    id bigserial PRIMARY KEY, alert_id bigint REFERENCES alerts (id), channel text,
    status text DEFAULT 'pending', attempts integer DEFAULT 0, next_attempt double precision,
    last_error text, message_ref text, created_at double precision, sent_at double precision,
    kind text DEFAULT 'alert', thread_ref text, parent_id bigint REFERENCES deliveries (id),
    alert_payload text
);
CREATE UNIQUE INDEX deliveries_alert_channel ON deliveries (alert_id, channel);
CREATE INDEX deliveries_status_next_attempt ON deliveries (status, next_attempt);
CREATE INDEX deliveries_channel_kind_created ON deliveries (channel, kind, created_at);
CREATE INDEX deliveries_parent ON deliveries (parent_id);
CREATE TABLE digest_alerts (
    delivery_id bigint NOT NULL REFERENCES deliveries (id),
    alert_id bigint NOT NULL REFERENCES alerts (id), position integer,
    PRIMARY KEY (delivery_id, alert_id)
);
CREATE TABLE stories (
    id bigserial PRIMARY KEY, first_alert_id bigint, created_at double precision,
    updated_at double precision
);
CREATE TABLE story_articles (
    id bigserial PRIMARY KEY, story_id bigint REFERENCES stories (id), alert_id bigint,
    seen_at double precision, sketch bytea, size integer
);
CREATE INDEX story_articles_story ON story_articles (story_id);
CREATE INDEX story_articles_seen ON story_articles (seen_at);
CREATE TABLE story_keys (key text PRIMARY KEY, story_id bigint, seen_at double precision);
CREATE INDEX story_keys_seen ON story_keys (seen_at);
CREATE TABLE story_channels (
    story_id bigint NOT NULL, channel text NOT NULL, delivery_id bigint,
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

MIGRATIONS = [_INITIAL, _CLAIMS]
SCHEMA_VERSION = len(MIGRATIONS)
