"""Stories: the keys, sketches and event terms of recent articles that find the story a new
one belongs to, and the post that brought each story to each channel."""

from __future__ import annotations

import json
from collections.abc import Sequence

from bot.models import Alert
from bot.storage.base import StoreBase
from bot.storage.payload import alert_from_dict
from bot.stories.dedup import Fingerprint
from bot.stories.grouping import StoryMark, StoryMatch, event_time, find_story
from bot.stories.index import RecentArticles

__all__ = ["StoryQueries"]


class StoryQueries(StoreBase):
    def _find_story(self, mark: StoryMark, now: float, window: float) -> StoryMatch | None:
        return find_story(mark, now, window, self._story_with_key,
                          lambda *around: self._recent_sketches().candidates(*around))

    def _story_with_key(self, keys: Sequence[str], since: float) -> int | None:
        """A story seen since ``since`` with an article that has one of ``keys``."""
        marks = ",".join("?" * len(keys))
        row = self._one(f"SELECT story_id FROM story_keys WHERE key IN ({marks}) "
                        "AND seen_at >= ? LIMIT 1", *keys, since)
        return row["story_id"] if row else None

    def _recent_sketches(self) -> RecentArticles:
        if self._sketches is None:
            sketches = RecentArticles()
            self._read_articles(sketches)
            self._sketches = sketches
        return self._sketches

    def _read_articles(self, sketches: RecentArticles, after: int = 0) -> None:
        """Add to ``sketches`` the recent story articles with ids above ``after`` (articles
        stored before event terms were kept have none, and join nothing)."""
        for row in self._execute(
                "SELECT s.id, s.story_id, s.alert_id, s.seen_at, s.happened_at, s.sketch, "
                "s.size, s.terms, a.feed_id FROM story_articles s "
                "JOIN alerts a ON a.id = s.alert_id "
                "WHERE s.id > ? AND s.sketch != ? AND s.terms IS NOT NULL ORDER BY s.id",
                (after, b"")):
            sketches.add(row[0], row[1], row[2], row[3], row[4],
                         Fingerprint.from_bytes(bytes(row[5]), row[6]),
                         frozenset(row[7].split()), row[8])

    def _story_parents(self, story_id: int) -> dict[str, int]:
        return {r["channel"]: r["delivery_id"] for r in self._rows(
            "SELECT channel, delivery_id FROM story_channels WHERE story_id = ?", story_id)}

    def _story_alerts(self, story_id: int) -> list[Alert]:
        return [alert_from_dict(json.loads(r["payload"])) for r in self._rows(
            "SELECT a.payload FROM story_articles s JOIN alerts a ON a.id = s.alert_id "
            "WHERE s.story_id = ? ORDER BY s.id", story_id)]

    def _new_story(self, alert_id: int, now: float) -> int:
        return self._insert(
            "INSERT INTO stories (first_alert_id, created_at, updated_at) VALUES (?, ?, ?)",
            (alert_id, now, now))

    def _remember_article(self, story_id: int, alert_id: int, mark: StoryMark,
                          now: float) -> None:
        sketches = self._recent_sketches()  # read before this article is in the table
        at = event_time(mark, now)
        article_id = self._insert(
            "INSERT INTO story_articles (story_id, alert_id, seen_at, happened_at, sketch, size, "
            "terms) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (story_id, alert_id, now, at, mark.fingerprint.to_bytes(), mark.fingerprint.size,
             " ".join(sorted(mark.terms))))
        sketches.add(article_id, story_id, alert_id, now, at, mark.fingerprint, mark.terms,
                     mark.feed)
        self._executemany("INSERT INTO story_keys (key, story_id, seen_at) VALUES (?, ?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET story_id = excluded.story_id, "
                          "seen_at = excluded.seen_at", [(k, story_id, now) for k in mark.keys])
        self._execute("UPDATE stories SET updated_at = ? WHERE id = ?", (now, story_id))

    def _forget_stories(self, before: float) -> None:
        """Drop what only served to find stories older than the window. It runs with every
        poll that raised alerts, so each run reads only what aged out since the one before
        (the first run in a process reads all of it)."""
        self._recent_sketches().forget(before)
        self._execute("DELETE FROM story_keys WHERE seen_at < ?", (before,))
        self._execute("UPDATE story_articles SET sketch = ? WHERE seen_at >= ? AND seen_at < ? "
                      "AND sketch != ?", (b"", self._forgotten, before, b""))
        self._forgotten = max(self._forgotten, before)
