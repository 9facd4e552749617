"""Everything newsalert remembers, in one SQLite file (sqlite-utils, WAL mode).

Per-feed fetch state, the entries already seen (so a restart never re-alerts), run-time
subscriptions, and the outbox: each alert with its delivery state per channel. Every query lives
behind this class so that another database can take its place; callers pass the clock in
(``now`` is seconds since the epoch) and get plain values back.

Entries are marked seen and their alerts queued in one transaction, so a crash between the two
can neither lose an alert nor queue it twice.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.alertstyle import AlertStyle
from bot.config import ChannelRule
from bot.dedup import Fingerprint
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
from bot.stories import (
    StoryMark,
    StoryMatch,
    best_match,
    bursting,
    event_time,
    followup_alert,
    plan_posts,
)
from bot.story_index import RecentArticles

__all__ = ["Delivery", "FeedState", "PollRecord", "Store", "StoryPolicy", "alert_from_dict",
           "alert_to_dict"]

log = logging.getLogger("newsalert.stories")


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
    house: bytes | None = None
    """The feed's house style (``bot.dedup.house_features``), newline-separated; None when
    not worked out yet. See ``house_style``."""
    took: float | None = None
    """Seconds its last poll took; slow feeds are polled first (see ``Store.due_feeds``)."""
    failing_since: float | None = None
    """When the current run of failures began; None while the feed answers."""
    paused_at: float | None = None
    """When the feed was paused for failing too long (``bot.feedhealth``); None when not."""
    entries_seen: int = 0

    @property
    def house_style(self) -> frozenset[str] | None:
        if self.house is None:
            return None
        return frozenset(self.house.decode().split("\n")) - {""}


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
    house: frozenset[str] | None = None
    """The feed's house style, when this poll worked it out; None keeps the one recorded."""
    entries: Sequence[Entry] = ()
    alerts: Sequence[tuple[Alert, Sequence[str]]] = ()
    marks: Mapping[str, StoryMark] | None = None
    """Per alerting entry id, what tells its story (see ``Store.commit_entries``)."""
    problem: str | None = None
    """A problem that did not stop the poll (a feed that needed repairs), noted without
    counting as a failure."""
    took: float | None = None
    """Seconds from the start of the poll until its outcome was known."""
    pause: bool = False
    """A failed poll: pause the feed from now (``bot.feedhealth``). A successful poll always
    ends a pause."""
    notices: Sequence[tuple[Alert, str]] = ()
    """Notices about the feed itself (paused, recovered), each with the channel it goes to."""


@dataclass(frozen=True)
class Delivery:
    """One post waiting to go to one channel.

    ``kind`` says what to render: "alert" (one full alert), "followup" (a later article of a
    story already posted in this channel: a short threaded reply to ``thread_ref``), or "digest"
    (several alerts in one message). ``alerts`` holds one alert, or the digest's alerts.

    A follow-up is handed out only once the post it replies to was sent (``thread_ref`` is that
    post's reference) or failed or was dropped (``thread_ref`` is None: post it on its own). Its
    ``alert`` carries only the figures and quotes the story did not have yet.
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
    parent_id: int | None = None
    """For a follow-up: the delivery it replies to; it waits until that one is sent."""
    style: AlertStyle = field(default_factory=AlertStyle)
    """How the channel's subscription wants it shown, set by the outbox when it is posted
    (the alerts are already shaped to it: ``bot.alertstyle.shape``)."""

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


MIGRATIONS = [_migrate_1, _migrate_2, _migrate_3, _migrate_4, _migrate_5, _migrate_6,
              _migrate_7, _migrate_8, _migrate_9]
SCHEMA_VERSION = len(MIGRATIONS)
"""The schema a database has once every migration has run."""


@dataclass(frozen=True)
class StoryPolicy:
    """How new alerts are grouped into stories and delivered to their channels."""

    window: float = 36 * 3600.0
    """Seconds during which a later article joins an earlier story: articles seen further
    apart, or published (when undated: first seen) further apart, never join, whatever their
    text."""
    rules: Mapping[str, ChannelRule] = field(default_factory=dict)
    """Per channel: instant or digest, burst size and window (default: instant, no bursts)."""

    def rule(self, channel: str) -> ChannelRule:
        return self.rules.get(channel) or _DEFAULT_RULE


_DEFAULT_RULE = ChannelRule()


class Store:
    """The SQLite store. One instance per process; not shared across threads."""

    def __init__(self, db: sqlite_utils.Database, path: str) -> None:
        self.db = db
        self.path = path
        self._lock: _WriterLock | None = None
        self._sketches: RecentArticles | None = None
        """The recent stories' articles, read from ``story_articles`` when first needed and
        dropped when a transaction that changed them is rolled back."""
        self._forgotten = 0.0
        """Story data seen before this was forgotten, in this process (see ``_forget_stories``)."""

    @classmethod
    def open(cls, path: str | Path, *, writer: bool = False, busy_timeout: float = 5.0) -> Store:
        """Open (creating if needed) and migrate the database; StoreError says what is wrong.

        ``writer``: this process is the one that polls and delivers. Only one may run against
        a database file, so a second is refused at start, and so is a file another program
        keeps locked for writing (after waiting ``busy_timeout`` seconds for it).
        """
        name = str(path)
        lock = _WriterLock.take(name) if writer and name != ":memory:" else None
        try:
            conn = sqlite3.connect(name, timeout=busy_timeout, isolation_level=None)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if name != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            if writer:
                conn.execute("BEGIN IMMEDIATE")  # fails now, not at the first alert
                conn.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            if lock:
                lock.release()
            raise StoreError(_describe_db_error(name, exc)) from None
        if version > SCHEMA_VERSION:
            if lock:
                lock.release()
            raise StoreError(f"database {name}: schema version {version} is newer than this "
                             f"newsalert understands ({SCHEMA_VERSION}); upgrade newsalert")
        store = cls(sqlite_utils.Database(conn), name)
        store._lock = lock
        try:
            store._migrate(version)
        except sqlite3.DatabaseError as exc:
            store.close()
            raise StoreError(_describe_db_error(name, exc)) from None
        return store

    def _migrate(self, version: int) -> None:
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                migration(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    def close(self) -> None:
        self.db.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

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

    def due_feeds(self, feed_ids: Iterable[str], now: float | None = None) -> list[str]:
        """The feeds among ``feed_ids`` whose next poll time has come (or was never set; all of
        them when ``now`` is None), the slowest first.

        A feed whose server takes seconds to answer holds its fetch slot all that time:
        started last, it would keep a whole round of polls waiting after every other feed is
        done; started first, it waits while the others are polled. Feeds never polled, and
        feeds as fast as each other, keep the order of ``feed_ids``.
        """
        not_due: set[str] = set()
        took: dict[str, float] = {}
        for feed_id, next_poll, seconds in self.db.conn.execute(
                "SELECT feed_id, next_poll, took FROM feeds"):
            if now is not None and next_poll is not None and next_poll > now:
                not_due.add(feed_id)
            elif seconds:
                took[feed_id] = seconds
        due = [f for f in feed_ids if f not in not_due]
        return sorted(due, key=lambda f: -took.get(f, 0.0)) if took else due

    def record_poll(self, feed_id: str, now: float, next_poll: float, *, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None) -> int:
        """Record a poll's outcome; return the number of consecutive errors after it."""
        self.save_polls([PollRecord(feed_id, now, next_poll, error=error, etag=etag,
                                    last_modified=last_modified)], now)
        return self.feed_state(feed_id).consecutive_errors

    def save_polls(self, records: Sequence[PollRecord], now: float,
                   policy: StoryPolicy | None = None) -> list[list[int]]:
        """Write the outcome of several polls in one transaction: each feed's state, its new
        entries marked seen and its alerts queued (as ``commit_entries`` does). All of it is
        written, or none.

        Returns, per record, the ids of the alerts it stored.
        """
        policy = policy or StoryPolicy()
        conn = self.db.conn
        queued: list[tuple[Alert, Sequence[str], StoryMark | None]] = []
        counts = []
        with self._writing():
            for record in records:
                if record.error is None:
                    house = None if record.house is None else \
                        "\n".join(sorted(record.house)).encode()
                    conn.execute(_POLL_OK, (record.feed_id, record.polled_at, record.polled_at,
                                            record.next_poll, record.etag, record.last_modified,
                                            record.body_hash, record.item_digests, house,
                                            record.took))
                else:
                    conn.execute(_POLL_FAILED, (record.feed_id, record.polled_at,
                                                record.error[:500], record.polled_at,
                                                record.next_poll, record.took,
                                                record.polled_at))
                if record.problem:
                    conn.execute("UPDATE feeds SET last_error = ?, last_error_at = ? "
                                 "WHERE feed_id = ?",
                                 (record.problem[:500], record.polled_at, record.feed_id))
                if record.pause:
                    conn.execute("UPDATE feeds SET paused_at = ? WHERE feed_id = ?",
                                 (record.polled_at, record.feed_id))
                for notice, channel in record.notices:
                    self._queue_notice(notice, channel, now)
                self._insert_entries(record.feed_id, record.entries, now)
                queued.extend((alert, channels, record.marks.get(alert.entry_id)
                               if record.marks else None) for alert, channels in record.alerts)
                counts.append(len(record.alerts))
            ids = self._queue_alerts(queued, now, policy,
                                     any(record.marks for record in records))
        out = []
        for n in counts:
            out.append(ids[:n])
            ids = ids[n:]
        return out

    def resume_feed(self, feed_id: str, now: float) -> bool:
        """End a feed's pause: poll it now, and give it a full ``pause_after`` again before it
        can be paused anew. False when the feed was not paused."""
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE feeds SET paused_at = NULL, failing_since = ?, next_poll = ? "
                "WHERE feed_id = ? AND paused_at IS NOT NULL", [now, now, feed_id])
        return cursor.rowcount == 1

    def _queue_notice(self, notice: Alert, channel: str, now: float) -> None:
        """Store a notice as an alert of its own and queue it for ``channel``, outside any
        story, burst or digest."""
        cursor = self.db.conn.execute(
            "INSERT INTO alerts (feed_id, entry_id, created_at, payload) VALUES (?, ?, ?, ?)",
            (notice.feed_id, notice.entry_id, now,
             json.dumps(alert_to_dict(notice), ensure_ascii=False)))
        assert cursor.lastrowid is not None
        self._insert_delivery(cursor.lastrowid, channel, "notice", now)

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
                       alerts: Sequence[tuple[Alert, Sequence[str]]], now: float, *,
                       marks: Mapping[str, StoryMark] | None = None,
                       policy: StoryPolicy | None = None) -> list[int]:
        """Mark ``entries`` seen and queue each alert for its channels, in one transaction.

        With ``marks`` (per entry id), an alert whose article is already known (same URL or
        GUID) is queued only for channels that did not get its story, and a near-duplicate
        within the story window becomes a follow-up where its story already went. ``policy``
        gives each channel's rule: instant, or collected into a daily digest, and the burst
        size beyond which pending alerts are folded into one digest. Returns the ids of the
        stored alerts.
        """
        with self._writing():
            self._insert_entries(feed_id, entries, now)
            return self._queue_alerts(
                [(alert, channels, marks.get(alert.entry_id) if marks else None)
                 for alert, channels in alerts], now, policy or StoryPolicy(), bool(marks))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A transaction that may add story articles: if it is rolled back, so is what the
        in-memory index learned in it (the index is read again when next needed)."""
        try:
            with self.db.atomic():
                yield
        except BaseException:
            self._sketches = None
            self._forgotten = 0.0
            raise

    def _insert_entries(self, feed_id: str, entries: Sequence[Entry], now: float) -> None:
        if entries:
            self.db.conn.executemany(
                "INSERT OR IGNORE INTO entries (feed_id, entry_id, link, title, seen_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(feed_id, e.entry_id, e.link, e.title, now) for e in entries])

    def release_digests(self, channels: Iterable[str], now: float) -> int:
        """Make the collected digests of ``channels`` due now; return how many there were."""
        channels = list(channels)
        if not channels:
            return 0
        marks = ",".join("?" * len(channels))
        with self.db.atomic():
            cursor = self.db.execute(
                f"UPDATE deliveries SET status = 'pending', next_attempt = ? WHERE kind = 'digest' "
                f"AND status = 'held' AND channel IN ({marks})", [now, *channels])
        return cursor.rowcount

    def held_digests(self) -> dict[str, float]:
        """The channels with a digest still collecting alerts, and since when it collects."""
        return {r["channel"]: r["since"] for r in self._rows(
            "SELECT channel, min(created_at) AS since FROM deliveries WHERE kind = 'digest' "
            "AND status = 'held' GROUP BY channel ORDER BY channel")}

    # -- stories (called inside commit_entries' transaction) ----------------------------------

    def _queue_alerts(self, alerts: Sequence[tuple[Alert, Sequence[str], StoryMark | None]],
                      now: float, policy: StoryPolicy, grouping: bool) -> list[int]:
        """Store the alerts and queue what each channel gets; return the alerts' ids, in the
        order given.

        They are queued in the order their events happened (the story marks' dates; undated
        ones as seen now), so that of one story's articles that arrive together, from one feed
        or several, the earliest is the alert the others reply to, whatever the order of the
        feed or of the polls."""
        order = sorted(range(len(alerts)), key=lambda i: event_time(alerts[i][2], now)
                       if alerts[i][2] is not None else now)
        alert_ids = [0] * len(alerts)
        touched: set[str] = set()
        for i in order:
            alert, channels, mark = alerts[i]
            cursor = self.db.conn.execute(
                "INSERT INTO alerts (feed_id, entry_id, created_at, payload) VALUES (?, ?, ?, ?)",
                (alert.feed_id, alert.entry_id, now,
                 json.dumps(alert_to_dict(alert), ensure_ascii=False)))
            alert_id = cursor.lastrowid
            assert alert_id is not None
            self._queue(alert_id, alert, channels, mark, policy, now)
            touched.update(channels)
            alert_ids[i] = alert_id
        for channel in sorted(touched):
            rule = policy.rule(channel)
            if rule.mode == "instant" and rule.burst_size is not None:
                self._fold_burst(channel, rule, now)
        if grouping:
            self._forget_stories(now - policy.window)
        return alert_ids

    def _queue(self, alert_id: int, alert: Alert, channels: Sequence[str],
               mark: StoryMark | None, policy: StoryPolicy, now: float) -> None:
        match = self._find_story(mark, now, policy.window) if mark else None
        if match is not None and match.kind == "near":
            log.info("story: alert %d (%s) joins alert %d: %s", alert_id, alert.title,
                     match.closest, match.reason,
                     extra={"alert_id": alert_id, "story_id": match.story_id})
        parents = self._story_parents(match.story_id) if match else {}
        new_parents: dict[str, int] = {}
        followup_payload: str | None = None
        for post in plan_posts(channels, match, parents):
            if post.kind == "followup":
                assert match is not None
                if followup_payload is None:
                    shown = followup_alert(alert, self._story_alerts(match.story_id))
                    followup_payload = json.dumps(alert_to_dict(shown), ensure_ascii=False)
                self._insert_delivery(alert_id, post.channel, "followup", now,
                                      parent_id=post.parent_id, alert_payload=followup_payload)
            else:
                new_parents[post.channel] = self._queue_alert(
                    alert_id, post.channel, policy.rule(post.channel), now)
        if mark is None:
            return
        story_id = match.story_id if match else self._new_story(alert_id, now)
        self._remember_article(story_id, alert_id, mark, now)
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO story_channels (story_id, channel, delivery_id) "
            "VALUES (?, ?, ?)", [(story_id, c, d) for c, d in new_parents.items()])

    def _insert_delivery(self, alert_id: int | None, channel: str, kind: str, now: float, *,
                         status: str = "pending", next_attempt: float | None = None,
                         parent_id: int | None = None, alert_payload: str | None = None) -> int:
        cursor = self.db.conn.execute(
            "INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt, "
            "created_at, kind, parent_id, alert_payload) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)",
            (alert_id, channel, status, now if next_attempt is None else next_attempt, now, kind,
             parent_id, alert_payload))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _queue_alert(self, alert_id: int, channel: str, rule: ChannelRule, now: float) -> int:
        """Queue one alert for one channel; return the delivery that will carry it."""
        if rule.mode == "instant":
            return self._insert_delivery(alert_id, channel, "alert", now)
        # Digest mode: record the alert as folded into the channel's collecting digest.
        self._insert_delivery(alert_id, channel, "alert", now, status="folded")
        row = self._one("SELECT id FROM deliveries WHERE channel = ? AND kind = 'digest' "
                        "AND status = 'held' ORDER BY id LIMIT 1", channel)
        digest_id = row["id"] if row else self._insert_delivery(
            None, channel, "digest", now, status="held")
        self._add_to_digest(digest_id, [alert_id])
        return digest_id

    def _add_to_digest(self, digest_id: int, alert_ids: Sequence[int]) -> None:
        start = self._one("SELECT count(*) AS n FROM digest_alerts WHERE delivery_id = ?",
                          digest_id)["n"]
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO digest_alerts (delivery_id, alert_id, position) "
            "VALUES (?, ?, ?)", [(digest_id, a, start + i) for i, a in enumerate(alert_ids)])

    def _fold_burst(self, channel: str, rule: ChannelRule, now: float) -> None:
        """When the channel got more than its burst size of alerts within the burst window,
        fold its alerts not yet attempted into one digest: the open one, else a new one due
        now, or one burst window after the previous digest so a long burst gives one digest per
        window."""
        since = now - rule.burst_window
        recent = self._one("SELECT count(*) AS n FROM deliveries WHERE channel = ? "
                           "AND kind = 'alert' AND created_at > ?", channel, since)["n"]
        if not bursting(recent, rule):
            return
        pending = self._rows("SELECT id, alert_id FROM deliveries WHERE channel = ? "
                             "AND kind = 'alert' AND status = 'pending' AND attempts = 0 "
                             "ORDER BY id", channel)
        if not pending:
            return
        open_digest = self._one("SELECT id FROM deliveries WHERE channel = ? AND kind = 'digest' "
                                "AND status = 'pending' AND attempts = 0 ORDER BY id LIMIT 1",
                                channel)
        if open_digest:
            digest_id = open_digest["id"]
        else:
            last = self._one("SELECT max(created_at) AS t FROM deliveries WHERE channel = ? "
                             "AND kind = 'digest' AND created_at > ?", channel, since)["t"]
            due = now if last is None else last + rule.burst_window
            digest_id = self._insert_delivery(None, channel, "digest", now, next_attempt=due)
        ids = [r["id"] for r in pending]
        marks = ",".join("?" * len(ids))
        conn = self.db.conn
        # Follow-ups waiting for a folded alert go into the digest with it. Later articles of
        # those stories alert on their own in this channel: a digest lists several stories, and
        # a reply under it would read as following any of them.
        replies = self._rows(f"SELECT id, alert_id FROM deliveries WHERE parent_id IN ({marks}) "
                             "AND kind = 'followup' AND status = 'pending' AND attempts = 0 "
                             "ORDER BY id", *ids)
        folded = ids + [r["id"] for r in replies]
        conn.execute(f"UPDATE deliveries SET status = 'folded' WHERE id IN "
                     f"({','.join('?' * len(folded))})", folded)
        conn.execute(f"DELETE FROM story_channels WHERE delivery_id IN ({marks})", ids)
        self._add_to_digest(digest_id, [r["alert_id"] for r in pending]
                            + [r["alert_id"] for r in replies])

    def _find_story(self, mark: StoryMark, now: float, window: float) -> StoryMatch | None:
        """The story of the same article (same URL or GUID, seen within the window), else of
        the same event among the recent articles whose events happened within the window of
        its own (however alike their text)."""
        since = now - window
        if mark.keys:
            marks = ",".join("?" * len(mark.keys))
            row = self._one(f"SELECT story_id FROM story_keys WHERE key IN ({marks}) "
                            "AND seen_at >= ? LIMIT 1", *mark.keys, since)
            if row:
                return StoryMatch(row["story_id"], "exact", 1.0, "the same address or GUID")
        if not mark.terms:
            return None
        return best_match(mark, self._recent_sketches().candidates(
            mark.terms, event_time(mark, now), since, window))

    def _recent_sketches(self) -> RecentArticles:
        if self._sketches is None:
            sketches = RecentArticles()
            for row in self.db.conn.execute(
                    "SELECT s.id, s.story_id, s.alert_id, s.seen_at, s.happened_at, s.sketch, "
                    "s.size, s.terms, a.feed_id FROM story_articles s "
                    "JOIN alerts a ON a.id = s.alert_id "
                    "WHERE s.sketch != x'' AND s.terms IS NOT NULL ORDER BY s.id"):
                sketches.add(row[0], row[1], row[2], row[3], row[4],
                             Fingerprint.from_bytes(row[5], row[6]), frozenset(row[7].split()),
                             row[8])
            self._sketches = sketches
        return self._sketches

    def _story_parents(self, story_id: int) -> dict[str, int]:
        return {r["channel"]: r["delivery_id"] for r in self._rows(
            "SELECT channel, delivery_id FROM story_channels WHERE story_id = ?", story_id)}

    def _story_alerts(self, story_id: int) -> list[Alert]:
        return [alert_from_dict(json.loads(r["payload"])) for r in self._rows(
            "SELECT a.payload FROM story_articles s JOIN alerts a ON a.id = s.alert_id "
            "WHERE s.story_id = ? ORDER BY s.id", story_id)]

    def _new_story(self, alert_id: int, now: float) -> int:
        cursor = self.db.conn.execute(
            "INSERT INTO stories (first_alert_id, created_at, updated_at) VALUES (?, ?, ?)",
            (alert_id, now, now))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _remember_article(self, story_id: int, alert_id: int, mark: StoryMark,
                          now: float) -> None:
        conn = self.db.conn
        sketches = self._recent_sketches()  # read before this article is in the table
        at = event_time(mark, now)
        cursor = conn.execute(
            "INSERT INTO story_articles (story_id, alert_id, seen_at, happened_at, sketch, size, "
            "terms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (story_id, alert_id, now, at, mark.fingerprint.to_bytes(), mark.fingerprint.size,
             " ".join(sorted(mark.terms))))
        assert cursor.lastrowid is not None
        sketches.add(cursor.lastrowid, story_id, alert_id, now, at, mark.fingerprint, mark.terms,
                     mark.feed)
        conn.executemany("INSERT OR REPLACE INTO story_keys (key, story_id, seen_at) "
                         "VALUES (?, ?, ?)", [(k, story_id, now) for k in mark.keys])
        conn.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (now, story_id))

    def _forget_stories(self, before: float) -> None:
        """Drop what only served to find stories older than the window. It runs with every
        poll that raised alerts, so each run reads only what aged out since the one before
        (the first run in a process reads all of it)."""
        conn = self.db.conn
        self._recent_sketches().forget(before)
        conn.execute("DELETE FROM story_keys WHERE seen_at < ?", (before,))
        conn.execute("UPDATE story_articles SET sketch = x'' WHERE seen_at >= ? AND seen_at < ? "
                     "AND sketch != x''", (self._forgotten, before))
        self._forgotten = max(self._forgotten, before)

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

        A channel whose oldest undelivered post is not due yet holds back its later posts too,
        so each channel gets its posts in order. A follow-up waits until the post it replies to
        is sent (it then carries that post's reference as ``thread_ref``), failed or dropped,
        and does not hold back the channel meanwhile.
        """
        platforms = list(platforms)
        if not platforms:
            return []
        likes = " OR ".join("d.channel LIKE ?" for _ in platforms)
        rows = self._rows(
            f"""SELECT {_DELIVERY_COLUMNS} FROM deliveries d
                LEFT JOIN alerts a ON a.id = d.alert_id
                LEFT JOIN deliveries p ON p.id = d.parent_id
                WHERE d.status IN ('pending', 'sending') AND ({likes})
                  AND (p.id IS NULL OR p.status IN ('sent', 'failed', 'dropped'))
                  AND d.id = (SELECT min(o.id) FROM deliveries o
                              LEFT JOIN deliveries op ON op.id = o.parent_id
                              WHERE o.channel = d.channel AND o.status IN ('pending', 'sending')
                                AND (op.id IS NULL OR op.status IN ('sent', 'failed', 'dropped')))
                  AND d.next_attempt <= ?
                ORDER BY d.id LIMIT ?""",
            *(f"{p}:%" for p in platforms), now, limit)
        return [self._delivery(r) for r in rows]

    def pending_for_channel(self, channel: str, limit: int = 1000) -> list[Delivery]:
        """The channel's posts not yet made, including digests still collecting alerts."""
        rows = self._rows(
            f"""SELECT {_DELIVERY_COLUMNS} FROM deliveries d
                LEFT JOIN alerts a ON a.id = d.alert_id
                LEFT JOIN deliveries p ON p.id = d.parent_id
                WHERE d.channel = ? AND d.status IN ('pending', 'sending', 'held')
                ORDER BY d.id LIMIT ?""",
            channel, limit)
        return [self._delivery(r) for r in rows]

    def _delivery(self, row: dict[str, Any]) -> Delivery:
        alerts: tuple[Alert, ...] = ()
        alert_id = row["alert_id"]
        if row["kind"] == "digest":
            members = self._rows(
                "SELECT a.id, a.payload FROM digest_alerts m JOIN alerts a ON a.id = m.alert_id "
                "WHERE m.delivery_id = ? ORDER BY m.position", row["id"])
            alerts = tuple(alert_from_dict(json.loads(m["payload"])) for m in members)
            alert_id = members[0]["id"]
            payload = members[0]["payload"]
        else:
            payload = row["alert_payload"] or row["payload"]
        return Delivery(
            id=row["id"], alert_id=alert_id, channel=row["channel"],
            alert=alert_from_dict(json.loads(payload)), attempts=row["attempts"],
            status=row["status"], created_at=row["created_at"], kind=row["kind"] or "alert",
            thread_ref=row["thread_ref"] or row["parent_ref"], alerts=alerts,
            parent_id=row["parent_id"],
        )

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

    def mark_uncertain(self, delivery_id: int, error: str, next_attempt: float) -> None:
        """The post may or may not have gone out (it timed out): retry later, but ask the
        adapter first, as after a crash."""
        self._update(delivery_id, status="sending", last_error=error[:500],
                     next_attempt=next_attempt)

    def expire_deliveries(self, created_before: float, reason: str) -> list[dict[str, Any]]:
        """Drop the undelivered posts queued before ``created_before``; return what was dropped
        (id, channel, alert_id, title, created_at, attempts, last_error), oldest first."""
        rows = self._rows(
            """SELECT d.id, d.channel, d.alert_id, d.created_at, d.attempts, d.last_error,
                      coalesce(json_extract(a.payload, '$.title'), 'a digest') AS title
               FROM deliveries d LEFT JOIN alerts a ON a.id = d.alert_id
               WHERE d.status IN ('pending', 'sending') AND d.created_at < ?
               ORDER BY d.id""", created_before)
        if rows:
            with self.db.atomic():
                self.db.conn.executemany(
                    "UPDATE deliveries SET status = 'dropped', last_error = ? WHERE id = ? "
                    "AND status IN ('pending', 'sending')",
                    [(f"{reason} (last error: {r['last_error'] or 'none'})"[:500], r["id"])
                     for r in rows])
        return rows

    def next_attempt(self, platforms: Iterable[str]) -> float | None:
        """When the first waiting delivery of a channel on these platforms is next due (the
        channel's later posts wait for it), if any waits."""
        platforms = list(platforms)
        if not platforms:
            return None
        likes = " OR ".join("channel LIKE ?" for _ in platforms)
        row = self._one(
            f"""SELECT min(next_attempt) AS t FROM deliveries WHERE id IN (
                    SELECT min(id) FROM deliveries WHERE status IN ('pending', 'sending')
                    AND ({likes}) GROUP BY channel)""", *(f"{p}:%" for p in platforms))
        return None if row is None or row["t"] is None else float(row["t"])

    def channel_stats(self) -> dict[str, dict[str, int]]:
        """Per channel: how many deliveries are pending, sent and failed, and "dropped" (by the
        outbox retention limit) when there are any."""
        stats: dict[str, dict[str, int]] = {}
        for r in self._rows("SELECT channel, status, count(*) AS n FROM deliveries "
                            "GROUP BY channel, status"):
            if r["status"] == "folded":  # counted with the digest that carries it
                continue
            by_status = stats.setdefault(r["channel"], {"pending": 0, "sent": 0, "failed": 0})
            key = "pending" if r["status"] in ("sending", "held") else r["status"]
            by_status[key] = by_status.get(key, 0) + r["n"]
        return stats

    def channel_errors(self) -> dict[str, str]:
        """Per channel, the latest error of a delivery still waiting or failed."""
        out: dict[str, str] = {}
        for r in self._rows("SELECT channel, last_error FROM deliveries WHERE status IN "
                            "('pending', 'sending', 'failed', 'dropped') "
                            "AND last_error IS NOT NULL ORDER BY id"):
            out[r["channel"]] = r["last_error"]
        return out

    def sent_since(self, since: float) -> int:
        return self._one("SELECT count(*) AS n FROM deliveries WHERE status = 'sent' "
                         "AND sent_at >= ?", since)["n"]

    def last_error(self, delivery_id: int) -> str | None:
        row = self._one("SELECT last_error FROM deliveries WHERE id = ?", delivery_id)
        return row["last_error"] if row else None

    # -- what the status page and the metrics read -------------------------------------------

    def ping(self) -> None:
        """Raise StoreError when the database cannot be read."""
        try:
            self.db.execute("SELECT count(*) FROM feeds").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_describe_db_error(self.path, exc)) from None

    def failing_channels(self) -> list[str]:
        """Channels whose posts are failing now: a post waiting to be retried after an error,
        or a latest finished post that failed or was dropped."""
        return [r["channel"] for r in self._rows(
            """SELECT channel FROM deliveries WHERE status IN ('pending', 'sending')
                 AND last_error IS NOT NULL
               UNION
               SELECT d.channel FROM deliveries d
               WHERE d.status IN ('failed', 'dropped') AND d.id = (
                   SELECT max(o.id) FROM deliveries o WHERE o.channel = d.channel
                     AND o.status IN ('sent', 'failed', 'dropped'))
               ORDER BY channel""")]

    def recent_alerts(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest alerts, newest first: ``id``, ``created_at``, ``alert``, ``story``
        (the id of its story's first alert, when it joined an earlier one) and ``posts``
        (per channel: ``channel``, ``status``, ``kind``, ``thread`` for a threaded reply)."""
        rows = self._rows(
            """SELECT a.id, a.created_at, a.payload, s.first_alert_id AS story
               FROM alerts a
               LEFT JOIN story_articles sa ON sa.alert_id = a.id
               LEFT JOIN stories s ON s.id = sa.story_id
               ORDER BY a.id DESC LIMIT ?""", limit)
        if not rows:
            return []
        marks = ",".join("?" * len(rows))
        posts: dict[int, list[dict[str, Any]]] = {}
        for p in self._rows(
                f"""SELECT d.alert_id, d.channel, d.status, d.kind, p.alert_id AS thread
                    FROM deliveries d LEFT JOIN deliveries p ON p.id = d.parent_id
                    WHERE d.alert_id IN ({marks}) ORDER BY d.id""", *(r["id"] for r in rows)):
            posts.setdefault(p.pop("alert_id"), []).append(p)
        return [{"id": r["id"], "created_at": r["created_at"],
                 "alert": alert_from_dict(json.loads(r["payload"])),
                 "story": r["story"] if r["story"] != r["id"] else None,
                 "posts": posts.get(r["id"], [])} for r in rows]

    def topic_hits(self, since: float) -> dict[str, dict[str, int]]:
        """Per topic, its alerts per UTC day ("YYYY-MM-DD") since ``since``."""
        hits: dict[str, dict[str, int]] = {}
        for r in self._rows(
                """SELECT json_extract(t.value, '$.topic') AS topic,
                          date(a.created_at, 'unixepoch') AS day, count(*) AS n
                   FROM alerts a, json_each(a.payload, '$.topics') t
                   WHERE a.created_at >= ? GROUP BY topic, day""", since):
            hits.setdefault(r["topic"], {})[r["day"]] = r["n"]
        return hits

    def totals(self) -> dict[str, int]:
        """Counts since the database was made: ``entries`` seen and ``alerts`` raised."""
        return {name: self._one(f"SELECT count(*) AS n FROM {name}")["n"]
                for name in ("entries", "alerts")}

    def delivery_counts(self) -> dict[tuple[str, str], int]:
        """(platform, status) -> how many posts are in that state."""
        return {(r["platform"], r["status"]): r["n"] for r in self._rows(
            """SELECT substr(channel, 1, instr(channel, ':') - 1) AS platform, status,
                      count(*) AS n FROM deliveries GROUP BY platform, status""")}

    def post_latencies(self, sent_after: float) -> list[tuple[float, float]]:
        """(sent_at, seconds from the alert's entry being read to its post) for each alert
        post sent after ``sent_after``, in the order they were sent."""
        return [(r["sent_at"], r["latency"]) for r in self._rows(
            """SELECT d.sent_at, d.sent_at - a.created_at AS latency FROM deliveries d
               JOIN alerts a ON a.id = d.alert_id
               WHERE d.status = 'sent' AND d.kind != 'digest' AND d.sent_at > ?
               ORDER BY d.sent_at""", sent_after)]

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


class _WriterLock:
    """An advisory lock on ``<database>.lock`` held by the one process that writes.

    The kernel drops it when the process ends, however it ends, so a crash never leaves a
    stale lock behind; a clean exit also removes the file.
    """

    def __init__(self, file: Any, path: str) -> None:
        self._file = file
        self._path = path

    @classmethod
    def take(cls, database: str) -> _WriterLock:
        path = f"{database}.lock"
        while True:
            try:
                file = open(path, "a+")  # noqa: SIM115 - held open for the life of the store
            except OSError as exc:
                raise StoreError(f"database {database}: cannot create {path}: "
                                 f"{exc.strerror or exc}") from None
            try:
                fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                file.seek(0)
                holder = file.read().strip() or "unknown"
                file.close()
                raise StoreError(f"database {database} is in use by another newsalert process "
                                 f"(pid {holder}); stop it first, or give this one another "
                                 "bot.database") from None
            # The process that held it may have removed the file between our open and our
            # lock: then the lock is on a file nobody else will open, so take a new one.
            try:
                same = os.path.samestat(os.fstat(file.fileno()), os.stat(path))
            except FileNotFoundError:
                same = False
            if same:
                break
            file.close()
        file.seek(0)
        file.truncate()
        file.write(str(os.getpid()))
        file.flush()
        return cls(file, path)

    def release(self) -> None:
        if not self._file.closed:
            # Removed while still locked, so no other process can be holding it.
            with suppress(FileNotFoundError):
                os.unlink(self._path)
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()


_POLL_OK = """
INSERT INTO feeds (feed_id, last_polled, last_success, consecutive_errors, next_poll, etag,
                   last_modified, body_hash, item_digests, house, took)
VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (feed_id) DO UPDATE SET
    last_polled = excluded.last_polled, last_success = excluded.last_success,
    consecutive_errors = 0, next_poll = excluded.next_poll, etag = excluded.etag,
    took = excluded.took,
    last_modified = excluded.last_modified,
    body_hash = coalesce(excluded.body_hash, feeds.body_hash),
    item_digests = coalesce(excluded.item_digests, feeds.item_digests),
    house = coalesce(excluded.house, feeds.house),
    failing_since = NULL, paused_at = NULL
"""

_POLL_FAILED = """
INSERT INTO feeds (feed_id, last_polled, last_error, last_error_at, consecutive_errors, next_poll,
                   took, failing_since)
VALUES (?, ?, ?, ?, 1, ?, ?, ?)
ON CONFLICT (feed_id) DO UPDATE SET
    last_polled = excluded.last_polled, last_error = excluded.last_error,
    last_error_at = excluded.last_error_at, consecutive_errors = feeds.consecutive_errors + 1,
    next_poll = excluded.next_poll, took = excluded.took,
    failing_since = coalesce(feeds.failing_since, excluded.last_polled)
"""


def _describe_db_error(name: str, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"database {name} is locked: is another newsalert process using it? ({text})"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (f"database {name} is corrupted or not an SQLite database ({text}); move it aside "
                "to start afresh (feeds would alert their current entries again)")
    return f"database {name} cannot be opened: {text}"


_DELIVERY_COLUMNS = "d.*, a.payload AS payload, p.message_ref AS parent_ref"


def alert_to_dict(alert: Alert) -> dict[str, Any]:
    data = _plain(alert)
    data["published"] = alert.published.isoformat() if alert.published else None
    return data


def _plain(value: Any) -> Any:
    """Dataclasses as dicts and tuples as lists, all the way down: what ``asdict`` and JSON
    make of them, without ``asdict``'s deep copies (a quarter of its time)."""
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def alert_from_dict(data: dict[str, Any]) -> Alert:
    extraction = data["extraction"]
    return Alert(
        feed_id=data["feed_id"], entry_id=data["entry_id"], source=data["source"],
        title=data["title"], url=data["url"],
        published=datetime.fromisoformat(data["published"]) if data["published"] else None,
        text_form=data["text_form"],
        topics=tuple(TopicMatch(t["topic"], tuple(
            EntityMatch(**{**m, "evidence": tuple(m["evidence"]),
                           "resolved": tuple(m.get("resolved", ()))})
            for m in t["matches"])) for t in data["topics"]),
        extraction=Extraction(
            summary=tuple(extraction["summary"]),
            figures=tuple(Figure(**f) for f in extraction["figures"]),
            quotes=tuple(Quote(**q) for q in extraction["quotes"]),
        ),
        cut=tuple(data.get("cut") or ()),
    )
