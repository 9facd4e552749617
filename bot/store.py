"""Everything newsalert remembers, in one SQLite file (sqlite-utils, WAL mode).

Per-feed fetch state, the entries already seen (so a restart never re-alerts), run-time
subscriptions, and the outbox: each alert with its delivery state per channel. Every query lives
behind this class so that another database can take its place; callers pass the clock in
(``now`` is seconds since the epoch) and get plain values back.

Entries are marked seen and their alerts queued in one transaction, so a crash between the two
can neither lose an alert nor queue it twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.errors import StoreError
from bot.models import (
    Alert,
    EntityMatch,
    Entry,
    Extraction,
    Figure,
    Quote,
    TopicMatch,
)

__all__ = ["Delivery", "FeedState", "PollRecord", "Store", "alert_from_dict", "alert_to_dict"]

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class FeedState:
    feed_id: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: float | None = None
    last_success: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    consecutive_errors: int = 0
    next_poll: float | None = None
    body_hash: str | None = None
    """A digest of the last body parsed, so an unchanged body is not parsed again."""
    item_digests: bytes | None = None
    """Digests of the last body's items, so a changed body has only its new items parsed."""
    entries_seen: int = 0


@dataclass(frozen=True)
class PollRecord:
    """What one poll of a feed leaves in the store: its outcome, the entries it saw for the
    first time and the alerts they raised."""

    feed_id: str
    polled_at: float
    next_poll: float
    error: str | None = None
    """Why the poll failed; None when it succeeded."""
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    """The digest of the body parsed; None keeps the one recorded before (a 304, say)."""
    item_digests: bytes | None = None
    """The digests of its items; None keeps the ones recorded before."""
    entries: Sequence[Entry] = ()
    alerts: Sequence[tuple[Alert, Sequence[str]]] = ()
    problem: str | None = None
    """A problem that did not stop the poll (a feed that needed repairs), noted without
    counting as a failure."""


@dataclass(frozen=True)
class Delivery:
    """One post waiting to go to one channel.

    ``kind`` says what to render: "alert" (one full alert), "followup" (a later article of a
    story already posted in this channel: a short threaded reply to ``thread_ref``), or "digest"
    (several alerts in one message). ``alerts`` holds one alert, or the digest's alerts.
    """

    id: int
    alert_id: int
    channel: str
    alert: Alert
    attempts: int
    status: str
    created_at: float
    kind: str = "alert"
    thread_ref: str | None = None
    """The platform's reference of the message this one replies to, in the same channel."""
    alerts: tuple[Alert, ...] = ()

    def __post_init__(self) -> None:
        if not self.alerts:
            object.__setattr__(self, "alerts", (self.alert,))

    @property
    def platform(self) -> str:
        return self.channel.partition(":")[0]

    @property
    def target(self) -> str:
        """The channel id on its platform."""
        return self.channel.partition(":")[2]

    @property
    def key(self) -> str:
        """A stable idempotency key: the same for every attempt at this delivery."""
        return f"newsalert-{self.alert_id}-{self.id}"


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
    db["feeds"].add_column("body_hash", str)
    db["feeds"].add_column("item_digests", bytes)


MIGRATIONS = [_migrate_1, _migrate_2]


class Store:
    """The SQLite store. One instance per process; not shared across threads."""

    def __init__(self, db: sqlite_utils.Database, path: str) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate the database; StoreError says what is wrong."""
        name = str(path)
        try:
            conn = sqlite3.connect(name, timeout=5.0, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 5000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if name != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(_describe_db_error(name, exc)) from None
        if version > SCHEMA_VERSION:
            raise StoreError(f"database {name}: schema version {version} is newer than this "
                             f"newsalert understands ({SCHEMA_VERSION}); upgrade newsalert")
        store = cls(sqlite_utils.Database(conn), name)
        try:
            store._migrate(version)
        except sqlite3.DatabaseError as exc:
            raise StoreError(_describe_db_error(name, exc)) from None
        return store

    def _migrate(self, version: int) -> None:
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    # -- feeds -----------------------------------------------------------------------------

    def feed_state(self, feed_id: str) -> FeedState:
        row = self._one("SELECT * FROM feeds WHERE feed_id = ?", feed_id)
        seen = self._one("SELECT count(*) AS n FROM entries WHERE feed_id = ?", feed_id)["n"]
        return FeedState(**row, entries_seen=seen) if row else FeedState(feed_id, entries_seen=seen)

    def feed_states(self) -> dict[str, FeedState]:
        seen = {r["feed_id"]: r["n"] for r in self._rows(
            "SELECT feed_id, count(*) AS n FROM entries GROUP BY feed_id")}
        return {r["feed_id"]: FeedState(**r, entries_seen=seen.get(r["feed_id"], 0))
                for r in self._rows("SELECT * FROM feeds")}

    def due_feeds(self, feed_ids: Iterable[str], now: float) -> list[str]:
        """The feeds among ``feed_ids`` whose next poll time has come (or was never set)."""
        ids = list(feed_ids)
        not_due = {r["feed_id"] for r in self._rows(
            "SELECT feed_id FROM feeds WHERE next_poll > ?", now)}
        return [f for f in ids if f not in not_due]

    def record_poll(self, feed_id: str, now: float, next_poll: float, *, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None) -> int:
        """Record a poll's outcome; return the number of consecutive errors after it."""
        self.save_polls([PollRecord(feed_id, now, next_poll, error=error, etag=etag,
                                    last_modified=last_modified)], now)
        return self.feed_state(feed_id).consecutive_errors

    def save_polls(self, records: Sequence[PollRecord], now: float) -> list[list[int]]:
        """Write the outcome of several polls in one transaction: each feed's state, its new
        entries marked seen and its alerts queued. All of it is written, or none.

        Returns, per record, the ids of the alerts it queued.
        """
        conn = self.db.conn
        out = []
        with self.db.atomic():
            for record in records:
                if record.error is None:
                    conn.execute(_POLL_OK, (record.feed_id, record.polled_at, record.polled_at,
                                            record.next_poll, record.etag, record.last_modified,
                                            record.body_hash, record.item_digests))
                else:
                    conn.execute(_POLL_FAILED, (record.feed_id, record.polled_at,
                                                record.error[:500], record.polled_at,
                                                record.next_poll))
                if record.problem:
                    conn.execute("UPDATE feeds SET last_error = ?, last_error_at = ? "
                                 "WHERE feed_id = ?",
                                 (record.problem[:500], record.polled_at, record.feed_id))
                out.append(self._insert_entries(record.feed_id, record.entries, record.alerts,
                                                now))
        return out

    # -- entries and alerts ----------------------------------------------------------------

    def unseen(self, feed_id: str, entries: Sequence[Entry]) -> list[Entry]:
        """The entries of ``entries`` this feed has not delivered before, in their order."""
        if not entries:
            return []
        seen: set[str] = set()
        ids = [e.entry_id for e in entries]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            seen.update(r["entry_id"] for r in self._rows(
                f"SELECT entry_id FROM entries WHERE feed_id = ? AND entry_id IN ({marks})",
                feed_id, *chunk))
        out, taken = [], set()
        for entry in entries:
            if entry.entry_id not in seen and entry.entry_id not in taken:
                taken.add(entry.entry_id)
                out.append(entry)
        return out

    def commit_entries(self, feed_id: str, entries: Sequence[Entry],
                       alerts: Sequence[tuple[Alert, Sequence[str]]], now: float) -> list[int]:
        """Mark ``entries`` seen and queue each alert for its channels, in one transaction.

        Returns the ids of the queued alerts.
        """
        with self.db.atomic():
            return self._insert_entries(feed_id, entries, alerts, now)

    def _insert_entries(self, feed_id: str, entries: Sequence[Entry],
                        alerts: Sequence[tuple[Alert, Sequence[str]]], now: float) -> list[int]:
        alert_ids = []
        conn = self.db.conn
        if entries:
            conn.executemany(
                "INSERT OR IGNORE INTO entries (feed_id, entry_id, link, title, seen_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(feed_id, e.entry_id, e.link, e.title, now) for e in entries])
        for alert, channels in alerts:
            cursor = conn.execute(
                "INSERT INTO alerts (feed_id, entry_id, created_at, payload) "
                "VALUES (?, ?, ?, ?)",
                (alert.feed_id, alert.entry_id, now,
                 json.dumps(alert_to_dict(alert), ensure_ascii=False)))
            alert_id = cursor.lastrowid
            conn.executemany(
                "INSERT OR IGNORE INTO deliveries (alert_id, channel, status, attempts, "
                "next_attempt, created_at) VALUES (?, ?, 'pending', 0, ?, ?)",
                [(alert_id, c, now, now) for c in channels])
            alert_ids.append(alert_id)
        return alert_ids

    # -- subscriptions ---------------------------------------------------------------------

    def subscribe(self, channel: str, topic: str, by: str, now: float) -> bool:
        """Add a run-time subscription; False when the channel already had it."""
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO subscriptions (channel, topic, created_by, created_at) "
                "VALUES (?, ?, ?, ?)", [channel, topic, by, now])
        return cursor.rowcount == 1

    def unsubscribe(self, channel: str, topic: str) -> bool:
        with self.db.atomic():
            cursor = self.db.execute(
                "DELETE FROM subscriptions WHERE channel = ? AND topic = ?", [channel, topic])
        return cursor.rowcount == 1

    def subscriptions(self) -> list[tuple[str, str]]:
        """Every run-time (channel, topic) pair."""
        return [(r["channel"], r["topic"]) for r in self._rows(
            "SELECT channel, topic FROM subscriptions ORDER BY channel, topic")]

    # -- outbox ----------------------------------------------------------------------------

    def due_deliveries(self, now: float, platforms: Iterable[str], limit: int = 100
                       ) -> list[Delivery]:
        """Deliveries to make now, oldest first, for the given platforms.

        A channel whose oldest undelivered alert is not due yet holds back its later alerts too,
        so each channel gets its alerts in order.
        """
        platforms = list(platforms)
        if not platforms:
            return []
        likes = " OR ".join("d.channel LIKE ?" for _ in platforms)
        rows = self._rows(
            f"""SELECT d.*, a.payload FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                WHERE d.status IN ('pending', 'sending') AND ({likes})
                  AND d.id = (SELECT min(id) FROM deliveries o
                              WHERE o.channel = d.channel AND o.status IN ('pending', 'sending'))
                  AND d.next_attempt <= ?
                ORDER BY d.id LIMIT ?""",
            *(f"{p}:%" for p in platforms), now, limit)
        return [_delivery(r) for r in rows]

    def pending_for_channel(self, channel: str, limit: int = 1000) -> list[Delivery]:
        rows = self._rows(
            """SELECT d.*, a.payload FROM deliveries d JOIN alerts a ON a.id = d.alert_id
               WHERE d.channel = ? AND d.status IN ('pending', 'sending') ORDER BY d.id LIMIT ?""",
            channel, limit)
        return [_delivery(r) for r in rows]

    def mark_sending(self, delivery_id: int, now: float) -> None:
        """Note that a post is about to be attempted, before it is made.

        A delivery found in this state after a restart may or may not have been posted; the
        adapter is asked before it is posted again.
        """
        self._update(delivery_id, status="sending", attempts_plus=1, next_attempt=now)

    def mark_sent(self, delivery_id: int, message_ref: str | None, now: float) -> None:
        self._update(delivery_id, status="sent", message_ref=message_ref, sent_at=now)

    def mark_retry(self, delivery_id: int, error: str, next_attempt: float) -> None:
        self._update(delivery_id, status="pending", last_error=error[:500],
                     next_attempt=next_attempt)

    def mark_failed(self, delivery_id: int, error: str) -> None:
        self._update(delivery_id, status="failed", last_error=error[:500])

    def channel_stats(self) -> dict[str, dict[str, int]]:
        """Per channel: how many deliveries are pending, sent and failed."""
        stats: dict[str, dict[str, int]] = {}
        for r in self._rows("SELECT channel, status, count(*) AS n FROM deliveries "
                            "GROUP BY channel, status"):
            by_status = stats.setdefault(r["channel"], {"pending": 0, "sent": 0, "failed": 0})
            key = "pending" if r["status"] == "sending" else r["status"]
            by_status[key] = by_status.get(key, 0) + r["n"]
        return stats

    def sent_since(self, since: float) -> int:
        return self._one("SELECT count(*) AS n FROM deliveries WHERE status = 'sent' "
                         "AND sent_at >= ?", since)["n"]

    def last_error(self, delivery_id: int) -> str | None:
        row = self._one("SELECT last_error FROM deliveries WHERE id = ?", delivery_id)
        return row["last_error"] if row else None

    # -- helpers ---------------------------------------------------------------------------

    def _update(self, delivery_id: int, *, attempts_plus: int = 0, **values: Any) -> None:
        sets = ", ".join(f"{k} = ?" for k in values)
        if attempts_plus:
            sets += f", attempts = attempts + {int(attempts_plus)}"
        with self.db.atomic():
            self.db.execute(f"UPDATE deliveries SET {sets} WHERE id = ?",
                            [*values.values(), delivery_id])

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        rows = self._rows(sql, *params)
        return rows[0] if rows else None


_POLL_OK = """
INSERT INTO feeds (feed_id, last_polled, last_success, consecutive_errors, next_poll, etag,
                   last_modified, body_hash, item_digests)
VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)
ON CONFLICT (feed_id) DO UPDATE SET
    last_polled = excluded.last_polled, last_success = excluded.last_success,
    consecutive_errors = 0, next_poll = excluded.next_poll, etag = excluded.etag,
    last_modified = excluded.last_modified,
    body_hash = coalesce(excluded.body_hash, feeds.body_hash),
    item_digests = coalesce(excluded.item_digests, feeds.item_digests)
"""

_POLL_FAILED = """
INSERT INTO feeds (feed_id, last_polled, last_error, last_error_at, consecutive_errors, next_poll)
VALUES (?, ?, ?, ?, 1, ?)
ON CONFLICT (feed_id) DO UPDATE SET
    last_polled = excluded.last_polled, last_error = excluded.last_error,
    last_error_at = excluded.last_error_at, consecutive_errors = feeds.consecutive_errors + 1,
    next_poll = excluded.next_poll
"""


def _describe_db_error(name: str, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"database {name} is locked: is another newsalert process using it? ({text})"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (f"database {name} is corrupted or not an SQLite database ({text}); move it aside "
                "to start afresh (feeds would alert their current entries again)")
    return f"database {name} cannot be opened: {text}"


def _delivery(row: dict[str, Any]) -> Delivery:
    return Delivery(
        id=row["id"], alert_id=row["alert_id"], channel=row["channel"],
        alert=alert_from_dict(json.loads(row["payload"])), attempts=row["attempts"],
        status=row["status"], created_at=row["created_at"], kind=row["kind"] or "alert",
        thread_ref=row["thread_ref"],
    )


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    data = asdict(alert)
    data["published"] = alert.published.isoformat() if alert.published else None
    return data


def alert_from_dict(data: dict[str, Any]) -> Alert:
    extraction = data["extraction"]
    return Alert(
        feed_id=data["feed_id"], entry_id=data["entry_id"], source=data["source"],
        title=data["title"], url=data["url"],
        published=datetime.fromisoformat(data["published"]) if data["published"] else None,
        text_form=data["text_form"],
        topics=tuple(TopicMatch(t["topic"], tuple(
            EntityMatch(**{**m, "evidence": tuple(m["evidence"])})
            for m in t["matches"])) for t in data["topics"]),
        extraction=Extraction(
            summary=tuple(extraction["summary"]),
            figures=tuple(Figure(**f) for f in extraction["figures"]),
            quotes=tuple(Quote(**q) for q in extraction["quotes"]),
        ),
    )
