"""Moving a deployment from its SQLite file to a PostgreSQL server (``newsalert migrate``).

Everything the bot remembers is copied as it is, ids included, in one transaction: the feeds'
state, the entries already seen (so nothing alerts again), the subscriptions, every alert and
post with its state (so nothing is lost or posted twice), and the stories with their keys and
sketches (so later articles still join them). A target that already holds data is refused.
"""

from __future__ import annotations

from typing import Any

from bot.errors import StoreError
from bot.storage.postgresql import PostgresStore
from bot.storage.sqlite import SQLiteStore

__all__ = ["TABLES", "copy_deployment", "summary"]

TABLES = ("feeds", "entries", "subscriptions", "alerts", "deliveries", "digest_alerts",
          "stories", "story_articles", "story_keys", "story_channels", "alert_texts",
          "feedback", "story_mutes")
"""In an order that meets every reference (a post's parent is set once all posts are in)."""
_WITH_IDS = ("alerts", "deliveries", "stories", "story_articles", "feedback")
_COUNTED = {"feeds": "feeds", "entries": "seen entries", "subscriptions": "subscriptions",
            "alerts": "alerts", "deliveries": "posts", "stories": "stories"}


def copy_deployment(source: SQLiteStore, target: PostgresStore) -> dict[str, int]:
    """Copy every table of ``source`` into the empty ``target``; return the rows per table."""
    held = {t: n for t in _COUNTED if (n := _count(target, t))}
    if held:
        found = ", ".join(f"{n} {_COUNTED[t]}" for t, n in held.items())
        raise StoreError(f"{target.name} already holds another deployment's data ({found}); "
                         "migrate into an empty database")
    copied = {}
    with target.pool.connection() as conn, conn.transaction():
        for table in TABLES:
            columns = _columns(source, table, target)
            names = ", ".join(columns)
            rows = source.db.conn.execute(f"SELECT {names} FROM {table} ORDER BY rowid")
            parents = []
            with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    if table == "deliveries":
                        row, parent = _without_parent(row, columns)
                        if parent is not None:
                            parents.append(parent)
                    copy.write_row(row)
            if parents:
                with conn.cursor() as cursor:
                    cursor.executemany("UPDATE deliveries SET parent_id = %s WHERE id = %s",
                                       parents)
            copied[table] = _count_in(conn, table)
        for table in _WITH_IDS:
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                         f"(SELECT max(id) FROM {table})) WHERE EXISTS (SELECT 1 FROM {table})")
    for table, count in copied.items():
        expected = source.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if count != expected:  # the transaction committed: say so rather than hide it
            raise StoreError(f"{target.name}: {table} has {count} rows after the copy, the "
                             f"SQLite file {expected}")
    return copied


def summary(copied: dict[str, int]) -> str:
    return ", ".join(f"{copied.get(t, 0)} {label}" for t, label in _COUNTED.items())


def _columns(source: SQLiteStore, table: str, target: PostgresStore) -> list[str]:
    have = [r[1] for r in source.db.conn.execute(f"PRAGMA table_info({table})")]
    takes = {r["column_name"] for r in target._rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = current_schema()", table)}
    missing = [c for c in have if c not in takes]
    if missing:
        raise StoreError(f"{target.name}: table {table} has no column {', '.join(missing)} that "
                         "the SQLite file has; upgrade newsalert where the target was made")
    return have


def _without_parent(row: tuple[Any, ...], columns: list[str]
                    ) -> tuple[tuple[Any, ...], tuple[int, int] | None]:
    """A post with its parent left out (it may point at a later post), and the (parent, id)
    pair that sets it afterwards."""
    at = columns.index("parent_id")
    if row[at] is None:
        return row, None
    return (*row[:at], None, *row[at + 1:]), (row[at], row[columns.index("id")])


def _count(store: PostgresStore, table: str) -> int:
    row = store._one(f"SELECT count(*) AS n FROM {table}")
    return int(row["n"]) if row else 0


def _count_in(conn: Any, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
