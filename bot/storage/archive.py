"""The archive: stored articles found by their words (``/news search``), a topic's latest
alerts (``/news recent``), and the digest of a topic's recent alerts that a new subscription
gets (backfill).

The full-text index (``alert_search``) is each backend's own, kept in step by triggers
(SQLite migration 11, PostgreSQL migration 6; stemmed since SQLite 12 and PostgreSQL 7;
PostgreSQL's matches always taken from its index since 8): the ranking SQL is the backend's
(``_SEARCH_PAGE`` and the rest; PostgreSQL answers in one pass, ``_ranked_ids``), its weights
``bot.searchquery.RANKING``.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.searchquery import PAGE_SIZE, RANK_WINDOW, SearchQuery
from bot.storage.feedback import FeedbackQueries
from bot.storage.records import StoredArticle

__all__ = ["ArchiveQueries"]


class ArchiveQueries(FeedbackQueries):
    _SEARCH_FLOOR: str
    """The SQL of where the n-th newest match stands, counted from 0 (``floor``: its alert
    id; no row when there are fewer); parameters: the backend's query text, n."""
    _SEARCH_PAGE: str
    """The SQL of one page of search results, best first (``alert_id``), among the matches
    from a floor up; parameters: the backend's query text, the floor, now, limit, offset."""
    _SEARCH_OLDER: str
    """The SQL of a page of the matches below a floor, newest first; parameters: the
    backend's query text, the floor, limit, offset."""
    _SEARCH_COUNT: str
    """The SQL that counts the results (``n``); parameter: the backend's query text."""
    _TOPIC_ALERTS: str
    """The SQL of a topic's latest alert ids (``id``), newest first; parameters: the topic
    and a limit."""

    def _search_text(self, query: SearchQuery) -> str:
        """The query as the backend's full-text engine takes it."""
        raise NotImplementedError

    def search_articles(self, query: SearchQuery, now: float, *, page_size: int = PAGE_SIZE
                        ) -> tuple[list[StoredArticle], int]:
        """The page ``query.page`` of the stored articles that hold every phrase of the query,
        best first, and how many hold them in all."""
        # Only the newest matches are ranked (RANK_WINDOW, rounded up to whole pages): a word in
        # a quarter of the archive would otherwise have every one of its articles scored for
        # each page. The pages after those go on with the older matches, newest first.
        window = -(-RANK_WINDOW // page_size) * page_size
        ids, total = self._ranked_ids(query, now, page_size, (query.page - 1) * page_size,
                                      window)
        return _in_order(self.stored_articles(alert_ids=ids), ids), total

    def _ranked_ids(self, query: SearchQuery, now: float, limit: int, offset: int,
                    window: int) -> tuple[list[int], int]:
        """A page of the matching alert ids, and how many match: the count, where the newest
        ``window`` matches end, and the page, each a query of its own (which FTS5 answers
        from its index alone)."""
        text = self._search_text(query)
        total = int(self._one(self._SEARCH_COUNT, text)["n"])  # type: ignore[index]
        if offset >= total:
            return [], total
        floor = self._one(self._SEARCH_FLOOR, text, window - 1) if total > window else None
        if floor is None or offset < window:
            rows = self._rows(self._SEARCH_PAGE, text, floor["floor"] if floor else 0, now,
                              limit, offset)
        else:
            rows = self._rows(self._SEARCH_OLDER, text, floor["floor"], limit, offset - window)
        return [r["alert_id"] for r in rows], total

    def topic_articles(self, topic: str, limit: int) -> list[StoredArticle]:
        """The latest ``limit`` stored articles that matched ``topic``, newest first."""
        ids = [r["id"] for r in self._rows(self._TOPIC_ALERTS, topic, limit)]
        return _in_order(self.stored_articles(alert_ids=ids), ids)

    def queue_backfill(self, channel: str, alert_ids: Iterable[int], now: float) -> int:
        """Queue one digest of ``alert_ids`` (oldest first) for ``channel``, leaving out those
        the channel already got or has waiting, alone or in a digest, so a second backfill
        never repeats the first. Return how many alerts it holds (0: nothing was queued)."""
        ids = sorted(set(alert_ids))
        if not ids:
            return 0
        marks = ",".join("?" * len(ids))
        with self._atomic():
            had = {r["alert_id"] for r in self._rows(
                f"""SELECT alert_id FROM deliveries WHERE channel = ? AND alert_id IN ({marks})
                    UNION
                    SELECT m.alert_id FROM digest_alerts m
                    JOIN deliveries d ON d.id = m.delivery_id
                    WHERE d.channel = ? AND m.alert_id IN ({marks})""",
                channel, *ids, channel, *ids)}
            fresh = [i for i in ids if i not in had]
            if not fresh:
                return 0
            digest_id = self._insert(
                "INSERT INTO deliveries (alert_id, channel, status, attempts, next_attempt, "
                "created_at, kind) VALUES (NULL, ?, 'pending', 0, ?, ?, 'digest')",
                (channel, now, now))
            self._executemany(
                "INSERT INTO digest_alerts (delivery_id, alert_id, position) VALUES (?, ?, ?)",
                [(digest_id, alert_id, i) for i, alert_id in enumerate(fresh)])
        return len(fresh)


def _in_order(articles: list[StoredArticle], ids: list[int]) -> list[StoredArticle]:
    by_id = {a.alert_id: a for a in articles}
    return [by_id[i] for i in ids if i in by_id]
