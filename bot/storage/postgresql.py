"""The store on a PostgreSQL server (psycopg 3 with its connection pool), which any number of
``newsalert run`` processes on any number of hosts may share.

The queries are the entity modules' own, as for SQLite; this module says how they run. Outside
a transaction each statement takes a connection from the pool and gives it back; a transaction
holds one connection until it ends. A connection that broke (the server restarted, the network
dropped) is discarded by the pool, so the statement fails and the next one connects afresh.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.errors import StoreError
from bot.storage.alerts import AlertQueries
from bot.storage.digests import DigestQueries
from bot.storage.entries import EntryQueries
from bot.storage.feeds import FeedQueries
from bot.storage.outbox import OutboxQueries
from bot.storage.postgresql_schema import MIGRATIONS, SCHEMA_VERSION
from bot.storage.stories import StoryQueries
from bot.storage.subscriptions import SubscriptionQueries
from bot.story_index import RecentSketches

__all__ = ["LOCK_SPACE", "PostgresStore", "describe_url", "url_password"]

LOCK_SPACE = 0x6E61
"""The first key of every advisory lock newsalert takes (the second names the lock), so that
its locks never meet another program's on a shared server."""
MIGRATION_LOCK = 1
"""Held while the schema is migrated, so that workers starting together migrate once."""

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
                    SubscriptionQueries, OutboxQueries):
    """The PostgreSQL store. One instance per process; not shared across threads."""

    def __init__(self, pool: ConnectionPool, url: str) -> None:
        self.pool = pool
        self.url = url
        self.name = describe_url(url)
        self._conn: psycopg.Connection[Any] | None = None
        """The connection of the transaction under way, if any."""
        self._sketches: RecentSketches | None = None
        self._forgotten = 0.0

    @classmethod
    def open(cls, url: str, *, writer: bool = False, timeout: float = 10.0,
             max_connections: int = 4) -> PostgresStore:
        """Connect (within ``timeout`` seconds) and migrate; StoreError says what is wrong.

        Any number of writers may share the database, so ``writer`` takes no lock here.
        """
        del writer
        pool = ConnectionPool(url, min_size=1, max_size=max_connections, open=False,
                              timeout=timeout, kwargs={"autocommit": True},
                              name="newsalert")
        store = cls(pool, url)
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
        with self.pool.connection() as conn, conn.transaction():
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
        self.pool.close()

    @property
    def schema_version(self) -> int:
        row = self._one("SELECT coalesce(max(version), 0) AS v FROM schema_migrations")
        return int(row["v"]) if row else 0

    # -- how the shared queries run ----------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> _Result:
        if self._conn is not None:
            return _Result(self._conn.execute(_pg(sql), params))  # type: ignore[arg-type]
        with self.pool.connection() as conn:
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
        with self.pool.connection() as conn:
            self._conn = conn
            try:
                with conn.transaction():
                    yield
            finally:
                self._conn = None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, PoolTimeout):
        return "cannot connect (no connection within the timeout); is the server running?"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"cannot connect: {text}" if isinstance(exc, psycopg.OperationalError) else text
