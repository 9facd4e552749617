"""The SQLite schema, as the migrations that build it (sqlite-utils); ``PRAGMA user_version``
counts those applied."""

from __future__ import annotations

import sqlite_utils

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]


def _migrate_1(db: sqlite_utils.Database) -> None:
    db["feeds"].create({
        "feed_id": str, "etag": str, "last_modified": str, "last_polled": float,
        "last_success": float, "last_error": str, "last_error_at": float,
        "consecutive_errors": int, "next_poll": float,
    }, pk="feed_id", defaults={"consecutive_errors": 0})
    db["entries"].create({
        "feed_id": str, "entry_id": str, "link": str, "title": str, "seen_at": float,
    }, pk=("feed_id", "entry_id"))
    db["subscriptions"].create({
        "channel": str, "topic": str, "created_by": str, "created_at": float,
    }, pk=("channel", "topic"))
    db["subscriptions"].create_index(["topic"])
    db["alerts"].create({
        "id": int, "feed_id": str, "entry_id": str, "created_at": float, "payload": str,
    }, pk="id")
    db["deliveries"].create({
        "id": int, "alert_id": int, "channel": str, "status": str, "attempts": int,
        "next_attempt": float, "last_error": str, "message_ref": str, "created_at": float,
        "sent_at": float, "kind": str, "thread_ref": str,
    }, pk="id", foreign_keys=[("alert_id", "alerts", "id")],
        defaults={"status": "pending", "attempts": 0, "kind": "alert"})
    db["deliveries"].create_index(["alert_id", "channel"], unique=True)
    db["deliveries"].create_index(["status", "next_attempt"])


def _migrate_2(db: sqlite_utils.Database) -> None:
    """Stories: articles' exact keys and fingerprints, and the delivery that brought each story
    to each channel; follow-ups point at that delivery; digests list their alerts."""
    db.execute("ALTER TABLE deliveries ADD COLUMN parent_id INTEGER REFERENCES deliveries(id)")
    # A follow-up's own rendering of its alert (only what is new to the story).
    db.execute("ALTER TABLE deliveries ADD COLUMN alert_payload TEXT")
    db["deliveries"].create_index(["channel", "kind", "created_at"])
    db["digest_alerts"].create({"delivery_id": int, "alert_id": int, "position": int},
                               pk=("delivery_id", "alert_id"),
                               foreign_keys=[("delivery_id", "deliveries", "id"),
                                             ("alert_id", "alerts", "id")])
    db["stories"].create({"id": int, "first_alert_id": int, "created_at": float,
                          "updated_at": float}, pk="id")
    db["story_articles"].create({
        "id": int, "story_id": int, "alert_id": int, "seen_at": float, "sketch": bytes,
        "size": int}, pk="id", foreign_keys=[("story_id", "stories", "id")])
    db["story_articles"].create_index(["story_id"])
    db["story_articles"].create_index(["seen_at"])
    db["story_keys"].create({"key": str, "story_id": int, "seen_at": float}, pk="key")
    db["story_marks"].create({"mark": int, "article_id": int, "seen_at": float})
    db["story_marks"].create_index(["mark"])
    db["story_marks"].create_index(["seen_at"])
    db["story_channels"].create({"story_id": int, "channel": str, "delivery_id": int},
                                pk=("story_id", "channel"))
    db["story_channels"].create_index(["delivery_id"])


def _migrate_3(db: sqlite_utils.Database) -> None:
    """Per feed, digests of the last body and of its items, to skip parsing what is unchanged."""
    db["feeds"].add_column("body_hash", str)
    db["feeds"].add_column("item_digests", bytes)


def _migrate_4(db: sqlite_utils.Database) -> None:
    """Recent sketch values are indexed in memory (``RecentSketches``), filled from
    ``story_articles``; their table is no longer kept."""
    db["story_marks"].drop(ignore=True)


def _migrate_5(db: sqlite_utils.Database) -> None:
    """Per feed, its house style: a poll that parses only the new items cannot see it."""
    db["feeds"].add_column("house", bytes)


def _migrate_6(db: sqlite_utils.Database) -> None:
    """Per feed, how long its last poll took, so the slowest feeds are started first."""
    db["feeds"].add_column("took", float)


def _migrate_7(db: sqlite_utils.Database) -> None:
    """Story keys are dropped by age with every alerting poll: without an index on their age,
    each drop read the whole table."""
    db["story_keys"].create_index(["seen_at"])


def _migrate_8(db: sqlite_utils.Database) -> None:
    """Per feed, since when it fails and whether it is paused for it, so that a feed failing
    for a day is told once to the admin channel instead of failing silently."""
    db["feeds"].add_column("failing_since", float)
    db["feeds"].add_column("paused_at", float)


def _migrate_9(db: sqlite_utils.Database) -> None:
    """Story articles keep the terms specific to their event (space-separated stems) and when
    it happened (published, or first seen). Articles stored before have no terms, so nothing
    joins them."""
    db["story_articles"].add_column("terms", str)
    db["story_articles"].add_column("happened_at", float)


def _migrate_10(db: sqlite_utils.Database) -> None:
    """What the desk tells the bot: each alert's text (to match stored articles again and to
    search them), the alerts marked not relevant, and the stories muted per channel."""
    db["alert_texts"].create({"alert_id": int, "text": str}, pk="alert_id",
                             foreign_keys=[("alert_id", "alerts", "id")])
    db["feedback"].create({
        "id": int, "alert_id": int, "channel": str, "topic": str, "kind": str, "story_id": int,
        "mentions": str, "by_user": str, "at": float,
    }, pk="id", foreign_keys=[("alert_id", "alerts", "id")])
    db["feedback"].create_index(["kind", "alert_id", "channel", "topic"], unique=True)
    db["feedback"].create_index(["at"])
    db["story_mutes"].create({"story_id": int, "channel": str, "muted_by": str,
                              "muted_at": float}, pk=("story_id", "channel"))
    db["story_articles"].create_index(["alert_id"])


def _search_row(alert: str, text: str) -> str:
    """The columns of an alert's ``alert_search`` row, from the alert row ``alert`` (its
    payload's title; summary and quotes with their speakers; prominence) and ``text``."""
    payload = f"{alert}.payload"
    return f"""{alert}.id, json_extract({payload}, '$.title'),
        coalesce((SELECT group_concat(value, ' ')
                  FROM json_each({payload}, '$.extraction.summary')), '') || ' ' ||
        coalesce((SELECT group_concat(json_extract(value, '$.text') || ' '
                                      || coalesce(json_extract(value, '$.speaker'), ''), ' ')
                  FROM json_each({payload}, '$.extraction.quotes')), ''),
        {text},
        coalesce((SELECT max(CASE json_extract(m.value, '$.prominence') WHEN 'headline' THEN 3
                             WHEN 'lead' THEN 2 WHEN 'body' THEN 1 ELSE 0 END)
                  FROM json_each({payload}, '$.topics') t, json_each(t.value, '$.matches') m),
                 0),
        {alert}.created_at"""


def _migrate_11(db: sqlite_utils.Database) -> None:
    """Full-text search over the stored alerts (``/news search``): an FTS5 index of each
    alert's title, its summary and quotes, and the text it was matched on, with the
    prominence of its strongest match and its time for the ranking (``bot.archive``).
    Triggers keep it in step with ``alerts`` and ``alert_texts``; the alerts stored before are
    indexed here. Notices about the bot itself are not articles and are left out."""
    _search_index(db, "unicode61 remove_diacritics 2")
    columns = "rowid, title, summary, body, prominence, created_at"
    db.execute(f"""CREATE TRIGGER alert_search_alert AFTER INSERT ON alerts
        WHEN new.entry_id NOT LIKE 'notice:%' BEGIN
            INSERT INTO alert_search ({columns}) VALUES ({_search_row("new", "''")});
        END""")
    db.execute("""CREATE TRIGGER alert_search_text AFTER INSERT ON alert_texts BEGIN
            UPDATE alert_search SET body = new.text WHERE rowid = new.alert_id;
        END""")
    db.execute("""CREATE TRIGGER alert_search_gone AFTER DELETE ON alerts BEGIN
            DELETE FROM alert_search WHERE rowid = old.id;
        END""")


def _migrate_12(db: sqlite_utils.Database) -> None:
    """Search words are stemmed (Porter's English stemmer over the same tokenizer): "strikes"
    finds "strike", "sued" finds "suing". An FTS5 table's tokenizer is fixed when it is
    made, so the index is made again and filled from the stored alerts; the triggers of
    migration 11 name the table and keep filling the new one."""
    db.execute("DROP TABLE alert_search")
    _search_index(db, "porter unicode61 remove_diacritics 2")


def _search_index(db: sqlite_utils.Database, tokenize: str) -> None:
    """The ``alert_search`` FTS5 table with the tokenizer ``tokenize``, filled with the stored
    alerts (bar notices)."""
    db.execute(f"""CREATE VIRTUAL TABLE alert_search USING fts5(
        title, summary, body, prominence UNINDEXED, created_at UNINDEXED,
        tokenize = '{tokenize}')""")
    db.execute(f"""INSERT INTO alert_search (rowid, title, summary, body, prominence, created_at)
        SELECT {_search_row("a", "coalesce(t.text, '')")}
        FROM alerts a LEFT JOIN alert_texts t ON t.alert_id = a.id
        WHERE a.entry_id NOT LIKE 'notice:%'""")


MIGRATIONS = [_migrate_1, _migrate_2, _migrate_3, _migrate_4, _migrate_5, _migrate_6,
              _migrate_7, _migrate_8, _migrate_9, _migrate_10, _migrate_11, _migrate_12]
SCHEMA_VERSION = len(MIGRATIONS)
"""The schema a database has once every migration has run."""
