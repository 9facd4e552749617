"""What every per-entity query class of the store can rely on: a connection that runs SQL.

The store is one class assembled from one mixin per entity (``feeds``, ``entries``,
``alerts``, ``stories``, ``digests``, ``subscriptions``, ``outbox``, ``stats``), as Miniflux's
storage package spreads one type's methods over one file per entity. The entity modules write their
SQL once, in the part of the language SQLite and PostgreSQL share (``?`` placeholders,
``ON CONFLICT``); each backend says how to run it (``bot.storage.sqlite``,
``bot.storage.postgresql``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from bot.stories.index import RecentArticles

__all__ = ["Cursor", "StoreBase"]


class Cursor(Protocol):
    """What the queries read from a statement they ran (DB-API)."""

    rowcount: int

    @property
    def description(self) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class StoreBase:
    _sketches: RecentArticles | None
    _forgotten: float

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        """Run one statement (``?`` placeholders) in the open transaction, if any."""
        raise NotImplementedError

    def _executemany(self, sql: str, params: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _insert(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT into a table with an ``id`` key; return the new row's id."""
        raise NotImplementedError

    def _atomic(self) -> AbstractContextManager[None]:
        """A transaction (a savepoint inside another): all of it is written, or none."""
        raise NotImplementedError

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        cursor = self._execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        rows = self._rows(sql, *params)
        return rows[0] if rows else None
