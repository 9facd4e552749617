"""Everything newsalert remembers, behind one interface (``Store``).

One module per entity holds its queries (``feeds``, ``entries``, ``alerts``, ``stories``,
``digests``, ``subscriptions``, ``outbox``); ``sqlite`` assembles them into the embedded
store. The decisions that are not storage (which story an article joins, what a channel gets)
live in pure modules (``bot.stories``).
"""

from __future__ import annotations

from pathlib import Path

from bot.storage.interface import Store
from bot.storage.payload import alert_from_dict, alert_to_dict
from bot.storage.records import Delivery, FeedState, PollRecord, StoryPolicy
from bot.storage.sqlite import SQLiteStore

__all__ = ["Delivery", "FeedState", "PollRecord", "SQLiteStore", "Store", "StoryPolicy",
           "alert_from_dict", "alert_to_dict", "open_store"]


def open_store(database: str | Path, *, writer: bool = False) -> Store:
    """The store at ``database``: a path to an SQLite file."""
    return SQLiteStore.open(database, writer=writer)
