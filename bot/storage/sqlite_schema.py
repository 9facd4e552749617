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


MIGRATIONS = [_migrate_1, _migrate_2, _migrate_3, _migrate_4, _migrate_5, _migrate_6,
              _migrate_7, _migrate_8, _migrate_9, _migrate_10]
SCHEMA_VERSION = len(MIGRATIONS)
"""The schema a database has once every migration has run."""
