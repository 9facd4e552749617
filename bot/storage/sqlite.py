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
import os
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, suppress
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.errors import StoreError
from bot.searchquery import RANKING, SearchQuery, fts5_expression
from bot.storage.alerts import AlertQueries
from bot.storage.archive import ArchiveQueries
from bot.storage.channel_alerts import ChannelAlertQueries
from bot.storage.digests import DigestQueries
from bot.storage.entries import EntryQueries
from bot.storage.feeds import FeedQueries
from bot.storage.outbox import OutboxQueries
from bot.storage.sqlite_schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.stats import StatsQueries
from bot.storage.stories import StoryQueries
from bot.storage.subscriptions import SubscriptionQueries
from bot.stories.index import RecentArticles

__all__ = ["SQLiteStore"]


class SQLiteStore(FeedQueries, EntryQueries, AlertQueries, StoryQueries, DigestQueries,
                  SubscriptionQueries, OutboxQueries, StatsQueries, ArchiveQueries,
                  ChannelAlertQueries):
    """The SQLite store. One instance per process; not shared across threads."""

    shared = False
    _TOPIC_DAYS = """SELECT json_extract(t.value, '$.topic') AS topic,
                            date(a.created_at, 'unixepoch') AS day, count(*) AS n
                     FROM alerts a, json_each(a.payload, '$.topics') t
                     WHERE a.created_at >= ? GROUP BY topic, day"""
    _ALERT_TOPICS = "json_each(a.payload, '$.topics') t"
    _TOPIC_ID = "json_extract(t.value, '$.topic')"
    _SEARCH_PAGE = f"""SELECT rowid AS alert_id FROM (
            SELECT rowid, -bm25(alert_search, {RANKING.title_weight}, {RANKING.summary_weight},
                                {RANKING.body_weight}) AS r, prominence, created_at
            FROM alert_search WHERE alert_search MATCH ? AND rowid >= ?)
        ORDER BY {RANKING.text} * r / (r + {RANKING.bm25_half})
                 + {RANKING.prominence} * prominence / 3.0
                 + {RANKING.recency} / (1.0 + max(0.0, ? - created_at) / {RANKING.recency_half})
                 DESC, rowid DESC
        LIMIT ? OFFSET ?"""
    _SEARCH_COUNT = "SELECT count(*) AS n FROM alert_search WHERE alert_search MATCH ?"
    _SEARCH_FLOOR = """SELECT rowid AS floor FROM alert_search WHERE alert_search MATCH ?
                       ORDER BY rowid DESC LIMIT 1 OFFSET ?"""
    _SEARCH_OLDER = """SELECT rowid AS alert_id FROM alert_search WHERE alert_search MATCH ?
                       AND rowid < ? ORDER BY rowid DESC LIMIT ? OFFSET ?"""
    _TOPIC_ALERTS = """SELECT a.id FROM alerts a WHERE a.entry_id NOT LIKE 'notice:%'
                       AND EXISTS (SELECT 1 FROM json_each(a.payload, '$.topics') t
                                   WHERE json_extract(t.value, '$.topic') = ?)
                       ORDER BY a.id DESC LIMIT ?"""

    def hold_commands(self, platform: str) -> bool:
        return True  # the file's writer lock already keeps other processes out

    def _search_text(self, query: SearchQuery) -> str:
        return fts5_expression(query)

    def __init__(self, db: sqlite_utils.Database, path: str) -> None:
        self.db = db
        self.path = path
        self._lock: _WriterLock | None = None
        self._sketches: RecentArticles | None = None
        """The recent stories' sketches, read from ``story_articles`` when first needed and
        dropped when a transaction that changed them is rolled back."""
        self._forgotten = 0.0
        """Story data seen before this was forgotten, in this process (see ``_forget_stories``)."""

    @classmethod
    def open(cls, path: str | Path, *, writer: bool = False, busy_timeout: float = 5.0
             ) -> SQLiteStore:
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

    def ping(self) -> None:
        """Raise StoreError when the database cannot be read."""
        try:
            self.db.execute("SELECT count(*) FROM feeds").fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(_describe_db_error(self.path, exc)) from None

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    def _executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        self.db.conn.executemany(sql, params)

    def _insert(self, sql: str, params: Sequence[Any]) -> int:
        row_id = self.db.conn.execute(sql, params).lastrowid
        assert row_id is not None
        return row_id

    def _atomic(self) -> AbstractContextManager[None]:
        return self.db.atomic()  # type: ignore[return-value]  # yields the database

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


def _describe_db_error(name: str, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return f"database {name} is locked: is another newsalert process using it? ({text})"
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (f"database {name} is corrupted or not an SQLite database ({text}); move it aside "
                "to start afresh (feeds would alert their current entries again)")
    return f"database {name} cannot be opened: {text}"
