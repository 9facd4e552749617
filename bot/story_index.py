"""The sketches of recent story articles, held in memory and indexed by their values.

Finding a new article's story means counting, for every recent article, how many sketch values
it shares with the new one, and comparing only those that share enough. Counting in a dict of
value -> articles costs a few hundred lookups per article; the same count as an SQL join over
every recent sketch value grew with the number of recent articles. The store fills this index
from its own table of sketches when it first needs it, so it survives a restart.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from bot.dedup import SKETCH_SIZE, Fingerprint
from bot.stories import Candidate, worth_comparing

__all__ = ["PER_STORY", "RecentSketches"]

PER_STORY = 8
"""Articles of one story compared with a new article, at most."""


@dataclass(frozen=True, slots=True)
class _Article:
    story_id: int
    seen_at: float
    sketch: bytes
    """The sketch as ``Fingerprint.to_bytes`` gives it: a fifth of the memory of its tuple."""
    size: int


class RecentSketches:
    """Per recent article (by id): its story, when it was seen and its sketch.

    Most sketch values belong to one article, so a value maps to that article's id, and to a
    list of ids only once a second article has it: a list per value would double the memory.
    """

    def __init__(self) -> None:
        self._articles: dict[int, _Article] = {}
        self._by_value: dict[int, int | list[int]] = {}
        self._by_time: list[tuple[float, int]] = []
        self.newest = 0
        """The highest article id added: a store shared by several processes reads those
        above it that the others added."""

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, article_id: int, story_id: int, seen_at: float,
            fingerprint: Fingerprint) -> None:
        self.newest = max(self.newest, article_id)
        self._articles[article_id] = _Article(story_id, seen_at, fingerprint.to_bytes(),
                                              fingerprint.size)
        by_value = self._by_value
        for value in fingerprint.hashes:
            ids = by_value.setdefault(value, article_id)
            if isinstance(ids, list):
                ids.append(article_id)
            elif ids != article_id:
                by_value[value] = [ids, article_id]
        heapq.heappush(self._by_time, (seen_at, article_id))

    def candidates(self, mark: Fingerprint, since: float, threshold: float,
                   per_story: int = PER_STORY) -> list[Candidate]:
        """The articles seen at or after ``since`` whose sketches share enough values with
        ``mark`` to possibly reach ``threshold`` (see ``worth_comparing``), oldest id first:
        of each story, the ``per_story`` that share the most values.

        A big story gathers hundreds of near-copies; the few of them closest to the new
        article tell whether it belongs to that story as well as all of them do."""
        shared: Counter[int] = Counter()
        for value in mark.hashes:
            ids = self._by_value.get(value)
            if isinstance(ids, list):
                shared.update(ids)
            elif ids is not None:
                shared[ids] += 1
        by_story: dict[int, list[tuple[int, int]]] = {}
        articles = self._articles
        for article_id, count in shared.items():
            if count < 2:
                continue
            article = articles[article_id]
            if article.seen_at >= since and worth_comparing(
                    count, mark, article.size, SKETCH_SIZE, threshold):
                by_story.setdefault(article.story_id, []).append((count, article_id))
        chosen = []
        for found in by_story.values():
            # The most values shared first; of equal counts, the newest.
            chosen.extend(found if len(found) <= per_story else heapq.nlargest(per_story, found))
        out = []
        for _, article_id in sorted(chosen, key=lambda c: c[1]):
            article = articles[article_id]
            out.append(Candidate(article.story_id,
                                 Fingerprint.from_bytes(article.sketch, article.size)))
        return out

    def forget(self, before: float) -> None:
        """Drop the articles seen before ``before``."""
        while self._by_time and self._by_time[0][0] < before:
            _, article_id = heapq.heappop(self._by_time)
            article = self._articles.pop(article_id, None)
            if article is None:
                continue
            for value in Fingerprint.from_bytes(article.sketch, article.size).hashes:
                ids = self._by_value[value]
                if not isinstance(ids, list):
                    del self._by_value[value]
                    continue
                ids.remove(article_id)
                if len(ids) == 1:
                    self._by_value[value] = ids[0]
