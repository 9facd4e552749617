"""Feeds: each feed's fetch state and schedule, and the outcome of its polls."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields

from bot.models import Alert
from bot.storage.base import StoreBase
from bot.storage.entries import entry_texts
from bot.storage.records import FeedState, PollRecord, StoryPolicy
from bot.stories.grouping import StoryMark

__all__ = ["FeedQueries"]


class FeedQueries(StoreBase):
    def feed_state(self, feed_id: str) -> FeedState:
        # One statement, the count with the row: a round trip per poll less on a server.
        row = self._one(f"SELECT {_FEED_COLUMNS}, (SELECT count(*) FROM entries e "
                        "WHERE e.feed_id = feeds.feed_id) AS entries_seen "
                        "FROM feeds WHERE feed_id = ?", feed_id)
        if row:
            return FeedState(**row)
        seen = self._one("SELECT count(*) AS n FROM entries WHERE feed_id = ?", feed_id)
        return FeedState(feed_id, entries_seen=seen["n"] if seen else 0)

    def feed_states(self) -> dict[str, FeedState]:
        seen = {r["feed_id"]: r["n"] for r in self._rows(
            "SELECT feed_id, count(*) AS n FROM entries GROUP BY feed_id")}
        return {r["feed_id"]: FeedState(**r, entries_seen=seen.get(r["feed_id"], 0))
                for r in self._rows(f"SELECT {_FEED_COLUMNS} FROM feeds")}

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
        for feed_id, next_poll, seconds in self._execute(
                "SELECT feed_id, next_poll, took FROM feeds"):
            if now is not None and next_poll is not None and next_poll > now:
                not_due.add(feed_id)
            elif seconds:
                took[feed_id] = seconds
        due = [f for f in feed_ids if f not in not_due]
        return sorted(due, key=lambda f: -took.get(f, 0.0)) if took else due

    def claim_feeds(self, feed_ids: Iterable[str], now: float, limit: int) -> list[str]:
        """Up to ``limit`` due feeds for this process to poll now: in one process, simply the
        first due ones (a shared store claims them, see ``bot.storage.postgresql``)."""
        return self.due_feeds(feed_ids, now)[:limit]

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
        queued: list[tuple[Alert, Sequence[str], StoryMark | None]] = []
        counts = []
        texts: list[str] = []
        with self._writing():
            for record in records:
                if record.error is None:
                    house = None if record.house is None else \
                        "\n".join(sorted(record.house)).encode()
                    self._execute(_POLL_OK, (record.feed_id, record.polled_at,
                                             record.polled_at, record.next_poll, record.etag,
                                             record.last_modified, record.body_hash,
                                             record.item_digests, house, record.took))
                else:
                    self._execute(_POLL_FAILED, (record.feed_id, record.polled_at,
                                                 record.error[:500], record.polled_at,
                                                 record.next_poll, record.took,
                                                 record.polled_at))
                if record.problem:
                    self._execute("UPDATE feeds SET last_error = ?, last_error_at = ? "
                                  "WHERE feed_id = ?",
                                  (record.problem[:500], record.polled_at, record.feed_id))
                if record.pause:
                    self._execute("UPDATE feeds SET paused_at = ? WHERE feed_id = ?",
                                  (record.polled_at, record.feed_id))
                for notice, channel in record.notices:
                    self._queue_notice(notice, channel, now)
                self._insert_entries(record.feed_id, record.entries, now)
                queued.extend((alert, channels, record.marks.get(alert.entry_id)
                               if record.marks else None) for alert, channels in record.alerts)
                texts.extend(entry_texts(record.entries, record.alerts))
                counts.append(len(record.alerts))
            ids = self._queue_alerts(queued, now, policy,
                                     any(record.marks for record in records), texts)
        out = []
        for n in counts:
            out.append(ids[:n])
            ids = ids[n:]
        return out

    def resume_feed(self, feed_id: str, now: float) -> bool:
        """End a feed's pause: poll it now, and give it a full ``pause_after`` again before it
        can be paused anew. False when the feed was not paused."""
        with self._atomic():
            cursor = self._execute(
                "UPDATE feeds SET paused_at = NULL, failing_since = ?, next_poll = ? "
                "WHERE feed_id = ? AND paused_at IS NOT NULL", (now, now, feed_id))
        return cursor.rowcount == 1


_FEED_COLUMNS = ", ".join(f.name for f in fields(FeedState) if f.name != "entries_seen")
"""The columns of ``feeds`` that make a ``FeedState`` (a backend may keep more)."""

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
