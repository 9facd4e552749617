"""The store on a PostgreSQL server (psycopg 3 with its connection pool), which any number of
``newsalert run`` processes on any number of hosts may share.

The queries are the entity modules' own, as for SQLite; this module says how they run. Outside
a transaction each statement takes a connection from the pool and gives it back; a transaction
holds one connection until it ends. A connection that broke (the server restarted, the network
dropped) is discarded by the pool, so the statement fails and the next one connects afresh.

What many workers need, all from PostgreSQL itself:

- A due feed is claimed by one worker (``FOR UPDATE SKIP LOCKED``) until its poll is saved or
  its lease lapses (the worker died): ``claim_feeds``.
- A post is claimed the same way before it is made (``due_deliveries``), and stays claimed
  while it is being sent, so no two workers make it.
- New alerts are grouped into stories under one transaction-level advisory lock, so that two
  workers that see the same story at once make one alert and one follow-up; each worker's
  in-memory sketch index reads the articles the others added since it last looked.
- Releasing a digest is one conditional UPDATE: whichever worker runs it first sends it.
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.errors import StoreError
from bot.models import Alert, Entry
from bot.searchquery import RANKING, SearchQuery, websearch_groups
from bot.storage.alerts import AlertQueries
from bot.storage.archive import ArchiveQueries
from bot.storage.channel_alerts import ChannelAlertQueries
from bot.storage.digests import DigestQueries
from bot.storage.entries import EntryQueries
from bot.storage.feeds import FeedQueries
from bot.storage.outbox import OutboxQueries
from bot.storage.postgresql_schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.records import Delivery, PollRecord, StoryPolicy
from bot.storage.stats import StatsQueries
from bot.storage.stories import StoryQueries
from bot.storage.subscriptions import SubscriptionQueries
from bot.stories.grouping import StoryMark
from bot.stories.index import RecentArticles

__all__ = ["LOCK_SPACE", "PostgresStore", "describe_url", "url_password"]

LOCK_SPACE = 0x6E61
"""The first key of every advisory lock newsalert takes (the second names the lock), so that
its locks never meet another program's on a shared server."""
WAIT_FOR_CONNECTION = 3.0
"""Seconds a statement waits for a connection when the server is away, before it fails: the
store is called from the event loop, which waits with it (as for SQLite's busy timeout)."""
MIGRATION_LOCK = 1
"""Held while the schema is migrated, so that workers starting together migrate once."""
STORY_LOCK = 2
"""Held by the transaction that groups new alerts into stories."""

def describe_url(url: str) -> str:
    """The server and database of ``url``, without its password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "a PostgreSQL database (unreadable URL)"
    where = parts.get("host") or "the local socket"
    if parts.get("port"):
        where += f":{parts['port']}"
    return f"postgresql database {parts.get('dbname') or parts.get('user') or '?'} on {where}"


def url_password(url: str) -> str | None:
    try:
        return conninfo_to_dict(url).get("password") or None  # type: ignore[return-value]
    except psycopg.ProgrammingError:
        return None


class _Result:
    """A statement's rows, read before its connection goes back to the pool."""

    __slots__ = ("_rows", "description", "rowcount")

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self.description = cursor.description
        self.rowcount = cursor.rowcount
        self._rows = cursor.fetchall() if cursor.description is not None else []

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return self._rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)


_SQL: dict[str, str] = {}


def _pg(sql: str) -> str:
    """The statement with psycopg's placeholders (``%s``) for the shared SQL's (``?``)."""
    out = _SQL.get(sql)
    if out is None:
        out = _SQL[sql] = sql.replace("%", "%%").replace("?", "%s")
    return out


class PostgresStore(FeedQueries, EntryQueries, AlertQueries, StoryQueries, DigestQueries,
                    SubscriptionQueries, OutboxQueries, StatsQueries, ArchiveQueries,
                    ChannelAlertQueries):
    """The PostgreSQL store. One instance per process; not shared across threads."""

    shared = True
    _TOPIC_DAYS = """SELECT t.value ->> 'topic' AS topic,
                            to_char(to_timestamp(a.created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                                AS day, count(*) AS n
                     FROM alerts a, jsonb_array_elements(a.payload::jsonb -> 'topics') t
                     WHERE a.created_at >= ? GROUP BY 1, 2"""
    _ALERT_TOPICS = "jsonb_array_elements(a.payload::jsonb -> 'topics') t"
    _TOPIC_ID = "t.value ->> 'topic'"
    # The rank reads the head (title, summary and quotes), which stays in the row: ranking by
    # the whole document read a thousand compressed documents a search (see docs/search.md).
    _RANK = (f"ts_rank('{{0.1, 0.1, {RANKING.summary_weight / RANKING.title_weight}, 1.0}}', "
             "s.head, q)")
    # One pass over the matches, always from the index (alert_search_matches, schema 8): a
    # phrase is checked against each match's document, which is read from its compressed
    # store, so the count, the newest matches and the ranking are taken from the matches read
    # once. Only the newest ``window`` are joined to their heads and ranked, once each, and
    # the older ones are taken newest first past them: no step sorts or joins every match of
    # a common word, and the statement stays cheap enough that it is not compiled (JIT).
    # {q} is the search's tsquery (``_tsquery``), made once (t): as an expression in the
    # ranking, the planner's generic plan of the prepared statement made it again for every
    # match ranked. The rank of a search of one word found in several forms is multiplied back
    # by their number (``ts_rank`` divides the rank of an OR by its terms), so that "sued"
    # ranks an article with "sues" as "sues" would.
    _SEARCH_ONCE = f"""WITH t AS MATERIALIZED (SELECT {{q}} AS q),
        m AS MATERIALIZED (SELECT * FROM alert_search_matches((SELECT q FROM t))),
        w AS (SELECT * FROM m ORDER BY created_at DESC, alert_id DESC LIMIT ?),
        k AS (SELECT w.alert_id, w.created_at,
                     {RANKING.text} * r / (r + {RANKING.ts_rank_half})
                     + {RANKING.prominence} * w.prominence / 3.0
                     + {RANKING.recency} / (1.0 + greatest(0.0, ? - w.created_at)
                                            / {RANKING.recency_half}) AS score
              FROM w JOIN alert_search s ON s.alert_id = w.alert_id,
                   t, LATERAL (SELECT ? * {_RANK} AS r) x)
        SELECT alert_id, (SELECT count(*) FROM m) AS total FROM (
            SELECT alert_id, created_at, 0 AS part, score FROM k
            UNION ALL
            (SELECT alert_id, created_at, 1, 0.0 FROM m
             ORDER BY created_at DESC, alert_id DESC LIMIT ? OFFSET ?)) p
        ORDER BY part, score DESC, created_at DESC, alert_id DESC
        LIMIT ? OFFSET ?"""
    _SEARCH_COUNT = "SELECT count(*) AS n FROM alert_search WHERE document @@ (SELECT {q})"
    _WEBSEARCH = "websearch_to_tsquery('english', ?)"

    def _ranked_ids(self, query: SearchQuery, now: float, limit: int, offset: int,
                    window: int) -> tuple[list[int], int]:
        groups = websearch_groups(query)
        q = self._tsquery(tuple(len(g) for g in groups))
        texts = [text for group in groups for text in group]
        scale = len(groups[0]) if len(groups) == 1 else 1
        rows = self._rows(self._SEARCH_ONCE.replace("{q}", q), *texts, window, now, scale,
                          offset + limit, window, limit, offset)
        if rows:
            return [r["alert_id"] for r in rows], int(rows[0]["total"])
        count = self._one(self._SEARCH_COUNT.replace("{q}", q), *texts)
        return [], int(count["n"])  # type: ignore[index]

    @classmethod
    def _tsquery(cls, sizes: tuple[int, ...]) -> str:
        """The SQL of a search's tsquery from its bound texts, ``sizes[i]`` of them for its
        i-th phrase: those of a phrase OR-ed (``||``), the phrases all required (``&&``).
        Only placeholders and operators are written here; every text is a parameter."""
        return "(" + " && ".join("(" + " || ".join([cls._WEBSEARCH] * size) + ")"
                                 for size in sizes) + ")"

    _TOPIC_ALERTS = """SELECT a.id FROM alerts a WHERE a.entry_id NOT LIKE 'notice:%'
                       AND a.payload::jsonb -> 'topics' @> jsonb_build_array(
                           jsonb_build_object('topic', ?::text))
                       ORDER BY a.id DESC LIMIT ?"""

    def __init__(self, pool: ConnectionPool, url: str, lease: float = 300.0) -> None:
        self.pool = pool
        self.url = url
        self.name = describe_url(url)
        self.lease = lease
        """Seconds a claimed feed or post stays this worker's (``bot.lease``)."""
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self._known_feeds: set[str] = set()
        self._claims: dict[int, float] = {}
        """Per post this worker claimed and has not begun yet, when its claim ends."""
        self._command_conns: dict[str, psycopg.Connection[Any]] = {}
        """Per platform whose commands this worker takes, the connection holding its lock."""
        self._conn: psycopg.Connection[Any] | None = None
        """The connection of the transaction under way, if any."""
        self._held: psycopg.Connection[Any] | None = None
        self._sketches: RecentArticles | None = None
        self._forgotten = 0.0

    @classmethod
    def open(cls, url: str, *, writer: bool = False, timeout: float = 10.0,
             max_connections: int = 4, lease: float = 300.0) -> PostgresStore:
        """Connect (within ``timeout`` seconds) and migrate; StoreError says what is wrong.

        Any number of writers may share the database, so ``writer`` takes no lock here.
        """
        del writer
        pool = ConnectionPool(url, min_size=1, max_size=max_connections, open=False,
                              timeout=WAIT_FOR_CONNECTION,
                              kwargs={"autocommit": True, "connect_timeout": 3},
                              name="newsalert")
        store = cls(pool, url, lease)
        try:
            # One plain connection first: the pool would only say that none came in time,
            # where the server says why (no such database, authentication failed).
            psycopg.connect(url, connect_timeout=max(1, round(timeout))).close()
            pool.open(wait=True, timeout=timeout)
            store._migrate()
        except (psycopg.Error, PoolTimeout) as exc:
            pool.close()
            raise StoreError(f"{store.name}: {_reason(exc)}") from None
        except BaseException:
            pool.close()
            raise
        return store

    def _migrate(self) -> None:
        with self._connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_SPACE, MIGRATION_LOCK))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                         "(version integer PRIMARY KEY, applied_at double precision)")
            row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations"
                               ).fetchone()
            version = row[0] if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.name}: schema version {version} is newer than this "
                                 f"newsalert understands ({SCHEMA_VERSION}); upgrade newsalert")
            for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
                conn.execute(migration)  # type: ignore[call-overload]  # plain SQL, no params
                conn.execute("INSERT INTO schema_migrations (version, applied_at) "
                             "VALUES (%s, %s)", (number, time.time()))

    def close(self) -> None:
        for conn in self._command_conns.values():
            conn.close()  # the server drops the session's locks
        self._command_conns.clear()
        if self._held is not None:
            self.pool.putconn(self._held)
            self._held = None
        self.pool.close()

    @property
    def schema_version(self) -> int:
        row = self._one("SELECT coalesce(max(version), 0) AS v FROM schema_migrations")
        return int(row["v"]) if row else 0

    def ping(self) -> None:
        """Raise StoreError when the database cannot be read."""
        try:
            self._execute("SELECT count(*) FROM feeds")
        except (psycopg.Error, PoolTimeout) as exc:
            raise StoreError(f"{self.name}: {_reason(exc)}") from None

    # -- many workers ------------------------------------------------------------------------

    def claim_feeds(self, feed_ids: Iterable[str], now: float, limit: int) -> list[str]:
        """Up to ``limit`` due feeds that no other worker holds, now held by this one for
        ``lease`` seconds (or until their poll is saved), the slowest first."""
        ids = list(feed_ids)
        new = [f for f in ids if f not in self._known_feeds]
        if new:  # a row to lock for every configured feed, once per process
            self._execute("INSERT INTO feeds (feed_id) SELECT unnest(?::text[]) "
                          "ON CONFLICT DO NOTHING", (new,))
            self._known_feeds.update(new)
        if limit <= 0 or not ids:
            return []
        rows = self._execute(
            """UPDATE feeds SET claimed_by = ?, claimed_until = ?
               WHERE feed_id IN (
                   SELECT feed_id FROM feeds
                   WHERE feed_id = ANY(?) AND (next_poll IS NULL OR next_poll <= ?)
                     AND (claimed_until IS NULL OR claimed_until < ?)
                   ORDER BY took DESC NULLS LAST LIMIT ?
                   FOR UPDATE SKIP LOCKED)
               RETURNING feed_id, took""",
            (self.worker, now + self.lease, ids, now, now, limit)).fetchall()
        order = {f: i for i, f in enumerate(ids)}
        return [f for f, _ in sorted(rows, key=lambda r: (-(r[1] or 0.0), order[r[0]]))]

    def save_polls(self, records: Sequence[PollRecord], now: float,
                   policy: StoryPolicy | None = None) -> list[list[int]]:
        """As for one process, under the story lock when there are alerts; the feeds' claims
        end with the transaction that saves their polls."""
        with self._shared_writing(any(r.alerts for r in records)):
            out = super().save_polls(records, now, policy)
            self._execute("UPDATE feeds SET claimed_by = NULL, claimed_until = NULL "
                          "WHERE feed_id = ANY(?) AND claimed_by = ?",
                          ([r.feed_id for r in records], self.worker))
        return out

    def commit_entries(self, feed_id: str, entries: Sequence[Entry],
                       alerts: Sequence[tuple[Alert, Sequence[str]]], now: float, *,
                       marks: Mapping[str, StoryMark] | None = None,
                       policy: StoryPolicy | None = None) -> list[int]:
        with self._shared_writing(bool(alerts)):
            return super().commit_entries(feed_id, entries, alerts, now, marks=marks,
                                          policy=policy)

    @contextlib.contextmanager
    def _shared_writing(self, alerts: bool) -> Iterator[None]:
        """A transaction that, when it queues alerts, first takes the story lock and reads the
        story articles other workers added, so that it groups against all of them."""
        try:
            with self._atomic():
                if alerts:
                    self._execute("SELECT pg_advisory_xact_lock(?, ?)", (LOCK_SPACE, STORY_LOCK))
                    self._catch_up_sketches()
                yield
        except BaseException:
            self._sketches = None
            self._forgotten = 0.0
            raise

    def _catch_up_sketches(self) -> None:
        sketches = self._sketches
        if sketches is None:
            return  # read whole when first needed
        self._read_articles(sketches, after=sketches.newest)

    def hold_commands(self, platform: str) -> bool:
        """A session-level advisory lock per platform, on a connection of its own: the server
        drops it when that connection ends, however the worker ends."""
        conn = self._command_conns.get(platform)
        if conn is not None:
            try:
                conn.execute("SELECT 1")
                return True
            except psycopg.Error:
                conn.close()
                del self._command_conns[platform]
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
            # Named by schema and platform: bots kept in other schemas of the same database
            # (a staging copy, another desk) take their own commands.
            row = conn.execute(
                "SELECT pg_try_advisory_lock(%s, hashtext(current_schema() || '/' || %s))",
                (LOCK_SPACE, platform),
            ).fetchone()
        except psycopg.Error:
            return False
        if row and row[0]:
            self._command_conns[platform] = conn
            return True
        conn.close()
        return False

    def due_deliveries(self, now: float, platforms: Iterable[str], limit: int = 100
                       ) -> list[Delivery]:
        """The posts due now (as in one process), each claimed by this worker for ``lease``
        seconds: a worker that finds one already claimed leaves it."""
        due = super().due_deliveries(now, platforms, limit)
        if not due:
            return due
        until = now + self.lease
        claimed = {row[0] for row in self._execute(
            "UPDATE deliveries SET next_attempt = ? WHERE id = ANY(?) AND next_attempt <= ? "
            "AND status IN ('pending', 'sending') RETURNING id",
            (until, [d.id for d in due], now))}
        self._claims = {i: end for i, end in self._claims.items() if end > now}
        self._claims.update((i, until) for i in claimed)
        return [d for d in due if d.id in claimed]

    def mark_sending(self, delivery_id: int, now: float) -> bool:
        """As in one process, but the post stays claimed while it is made; should this worker
        die, another asks the platform whether it went out once the lease lapses.

        Only while this worker's claim holds: a worker that waited past its lease (its
        database out of reach for a while) finds the post claimed again, or sent, by another
        and must not make it too. The claim is the ``next_attempt`` it set; any other worker's
        claim or post changes that."""
        claim = self._claims.pop(delivery_id, None)
        if claim is None:
            self._update(delivery_id, status="sending", attempts_plus=1,
                         next_attempt=now + self.lease)
            return True
        row = self._execute(
            "UPDATE deliveries SET status = 'sending', attempts = attempts + 1, next_attempt = ? "
            "WHERE id = ? AND next_attempt = ? AND status IN ('pending', 'sending') RETURNING id",
            (now + self.lease, delivery_id, claim)).fetchone()
        return row is not None

    # -- how the shared queries run ----------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> _Result:
        if self._conn is not None:
            return _Result(self._conn.execute(_pg(sql), params))  # type: ignore[arg-type]
        with self._connection() as conn:
            return _Result(conn.execute(_pg(sql), params))  # type: ignore[arg-type]

    def _executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        with self._atomic():
            assert self._conn is not None
            with self._conn.cursor() as cursor:
                cursor.executemany(_pg(sql), params)  # type: ignore[arg-type]

    def _insert(self, sql: str, params: Sequence[Any]) -> int:
        row = self._execute(sql + " RETURNING id", params).fetchone()
        return int(row[0])

    @contextlib.contextmanager
    def _atomic(self) -> Iterator[None]:
        if self._conn is not None:
            with self._conn.transaction():
                yield
            return
        with self._connection() as conn:
            self._conn = conn
            try:
                with conn.transaction():
                    yield
            finally:
                self._conn = None

    @contextlib.contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        """The pool's connection this store keeps (taking one from the pool for every
        statement costs more than the statement); one that broke goes back to the pool, which
        discards it, and the next statement takes a fresh one."""
        conn = self._held
        if conn is None or conn.closed or conn.broken:
            if conn is not None:
                self.pool.putconn(conn)
            conn = self._held = self.pool.getconn()
        try:
            yield conn
        except psycopg.OperationalError:
            self._held = None
            self.pool.putconn(conn)
            raise


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PoolTimeout):
        return "cannot connect (no connection within the timeout); is the server running?"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"cannot connect: {text}" if isinstance(exc, psycopg.OperationalError) else text
