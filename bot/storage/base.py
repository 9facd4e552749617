"""What every per-entity query class of the store can rely on: the connection and two helpers.

The store is one class assembled from one mixin per entity (``feeds``, ``entries``,
``alerts``, ``stories``, ``digests``, ``subscriptions``, ``outbox``), as Miniflux's storage
package spreads one type's methods over one file per entity.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from bot.story_index import RecentSketches

__all__ = ["StoreBase"]


class StoreBase:
    db: sqlite_utils.Database
    _sketches: RecentSketches | None
    _forgotten: float

    def _rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        raise NotImplementedError
