"""Everything newsalert remembers, behind one interface (``Store``).

One module per entity holds its queries (``feeds``, ``entries``, ``alerts``, ``stories``,
``digests``, ``subscriptions``, ``outbox``), and ``stats`` what the status page reads;
``sqlite`` and ``postgresql`` assemble them into the two stores. The decisions that are not
storage (which story an article joins, what a channel gets) live in pure modules
(``bot.stories.grouping``).
"""

from __future__ import annotations

from pathlib import Path

from bot.config import is_postgres_url
from bot.errors import StoreError
from bot.storage.interface import Store
from bot.storage.payload import alert_from_dict, alert_to_dict
from bot.storage.records import Delivery, FeedState, PollRecord, StoryPolicy
from bot.storage.sqlite import SQLiteStore

__all__ = ["Delivery", "FeedState", "PollRecord", "SQLiteStore", "Store", "StoryPolicy",
           "alert_from_dict", "alert_to_dict", "database_password", "describe_database",
           "is_postgres_url", "open_store"]


def open_store(database: str | Path, *, writer: bool = False, lease: float = 300.0) -> Store:
    """The store at ``database``: a ``postgresql://`` URL, else a path to an SQLite file.
    ``lease``: with PostgreSQL, how long this worker's claims on feeds and posts last."""
    if is_postgres_url(database):
        # Imported here, so that an SQLite deployment never loads the PostgreSQL driver.
        try:
            from bot.storage.postgresql import PostgresStore
        except ImportError as exc:
            raise StoreError(f"bot.database is a PostgreSQL URL but its driver is missing "
                             f"({exc}); install newsalert[postgresql]") from None
        return PostgresStore.open(str(database), writer=writer, lease=lease)
    return SQLiteStore.open(database, writer=writer)


def describe_database(database: str | Path) -> str:
    """``bot.database`` as it may be shown: a URL's password left out."""
    if is_postgres_url(database):
        from bot.storage.postgresql import describe_url
        return describe_url(str(database))
    return str(database)


def database_password(database: str | Path) -> str | None:
    """The password written in a ``postgresql://`` URL, to be kept out of the logs."""
    if not is_postgres_url(database):
        return None
    from bot.storage.postgresql import url_password
    return url_password(str(database))

