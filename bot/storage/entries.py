"""Entries: what each feed has seen, so that a restart never alerts twice."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from bot.models import Alert, Entry
from bot.storage.base import StoreBase
from bot.storage.records import StoryPolicy
from bot.stories.grouping import StoryMark

__all__ = ["EntryQueries", "entry_texts"]


class EntryQueries(StoreBase):
    def unseen(self, feed_id: str, entries: Sequence[Entry]) -> list[Entry]:
        """The entries of ``entries`` this feed has not delivered before, in their order."""
        if not entries:
            return []
        seen: set[str] = set()
        ids = [e.entry_id for e in entries]
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            seen.update(r["entry_id"] for r in self._rows(
                f"SELECT entry_id FROM entries WHERE feed_id = ? AND entry_id IN ({marks})",
                feed_id, *chunk))
        out, taken = [], set()
        for entry in entries:
            if entry.entry_id not in seen and entry.entry_id not in taken:
                taken.add(entry.entry_id)
                out.append(entry)
        return out

    def commit_entries(self, feed_id: str, entries: Sequence[Entry],
                       alerts: Sequence[tuple[Alert, Sequence[str]]], now: float, *,
                       marks: Mapping[str, StoryMark] | None = None,
                       policy: StoryPolicy | None = None) -> list[int]:
        """Mark ``entries`` seen and queue each alert for its channels, in one transaction.

        With ``marks`` (per entry id), an alert whose article is already known (same URL or
        GUID) is queued only for channels that did not get its story, and a near-duplicate
        within the story window becomes a follow-up where its story already went. ``policy``
        gives each channel's rule: instant, or collected into a daily digest, and the burst
        size beyond which pending alerts are folded into one digest. Returns the ids of the
        stored alerts.
        """
        with self._writing():
            self._insert_entries(feed_id, entries, now)
            return self._queue_alerts(
                [(alert, channels, marks.get(alert.entry_id) if marks else None)
                 for alert, channels in alerts], now, policy or StoryPolicy(), bool(marks),
                entry_texts(entries, alerts))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A transaction that may add story articles: if it is rolled back, so is what the
        in-memory index learned in it (the index is read again when next needed)."""
        try:
            with self._atomic():
                yield
        except BaseException:
            self._sketches = None
            self._forgotten = 0.0
            raise

    def _insert_entries(self, feed_id: str, entries: Sequence[Entry], now: float) -> None:
        if entries:
            self._executemany(
                "INSERT INTO entries (feed_id, entry_id, link, title, seen_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(feed_id, e.entry_id, e.link, e.title, now) for e in entries])


def entry_texts(entries: Sequence[Entry], alerts: Sequence[tuple[Alert, Sequence[str]]]
                ) -> list[str]:
    """The text of each alert's entry (one feed's), in the alerts' order."""
    texts = {e.entry_id: e.text for e in entries}
    return [texts.get(alert.entry_id, "") for alert, _ in alerts]
