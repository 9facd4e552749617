"""The recent story articles, held in memory and indexed by their event terms.

Finding a new article's story means counting, for every recent article, how many event terms
(``bot.stories.dedup.event_terms``) it shares with the new one, and judging only those that share
enough: an article that shares fewer cannot be of the same story. Counting in a dict of
term -> articles costs a few dozen lookups per article. The store fills this index from its
table of story articles when it first needs it, so it survives a restart.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from bot.stories.dedup import (
    DEATH_MARK,
    EXPLAINER_MARK,
    HEADLINE_MARK,
    LANGUAGE_MARK,
    LEAD_DEATH_MARK,
    LEAD_SHOOTING_MARK,
    MIN_EVENT_TERMS,
    PERSON_MARK,
    PHRASE_MARK,
    SHOOTING_MARK,
    SHOW_MARK,
    Fingerprint,
)
from bot.stories.grouping import Candidate

__all__ = ["PER_STORY", "RecentArticles"]

PER_STORY = 8
"""Articles of one story judged against a new article, at most."""


_UNINDEXED = (HEADLINE_MARK, SHOW_MARK, LANGUAGE_MARK, PERSON_MARK, PHRASE_MARK, DEATH_MARK,
              SHOOTING_MARK, EXPLAINER_MARK)
_INCIDENTS = (LEAD_DEATH_MARK, LEAD_SHOOTING_MARK)
"""Marks of a death or a shooting told (``bot.stories.grouping.one_incident``): one shared is
reason enough to judge an article, which may share no other term ("Conan O'Brien on Orlando
shooting" beside "Stephen Colbert on Orlando shooting" of a feed whose house words are
"Orlando" and "shooting")."""


def indexed(terms: frozenset[str]) -> list[str]:
    """The terms an article is found by: not the headline copies of its terms (counting a
    headline word twice would judge more articles for nothing) nor its programme label,
    language, people, headline phrases or explainer marks. The deaths and shootings it tells
    are found by their marks of the headline or lead (``_INCIDENTS``), which name them all."""
    return [t for t in terms if not t.startswith(_UNINDEXED)]


@dataclass(frozen=True, slots=True)
class _Article:
    story_id: int
    alert_id: int
    seen_at: float
    at: float
    """When its event happened: published, or first seen when undated (``event_time``)."""
    sketch: bytes
    """The sketch as ``Fingerprint.to_bytes`` gives it: a fifth of the memory of its tuple."""
    size: int
    terms: frozenset[str]
    feed: str


class RecentArticles:
    """Per recent article (by id): its story, alert, when it was seen, when its event
    happened, its sketch and its event terms.

    Most terms belong to one article, so a term maps to that article's id, and to a list of ids
    only once a second article has it: a list per term would double the memory.
    """

    def __init__(self) -> None:
        self._articles: dict[int, _Article] = {}
        self._by_term: dict[str, int | list[int]] = {}
        self._by_time: list[tuple[float, int]] = []
        self.newest = 0
        """The highest article id added: a store shared by several processes reads those
        above it that the others added."""

    def __len__(self) -> int:
        return len(self._articles)

    def add(self, article_id: int, story_id: int, alert_id: int, seen_at: float, at: float,
            fingerprint: Fingerprint, terms: frozenset[str], feed: str = "") -> None:
        self.newest = max(self.newest, article_id)
        self._articles[article_id] = _Article(story_id, alert_id, seen_at, at,
                                              fingerprint.to_bytes(), fingerprint.size, terms,
                                              feed)
        by_term = self._by_term
        for term in indexed(terms):
            ids = by_term.setdefault(term, article_id)
            if isinstance(ids, list):
                ids.append(article_id)
            elif ids != article_id:
                by_term[term] = [ids, article_id]
        heapq.heappush(self._by_time, (seen_at, article_id))

    def candidates(self, terms: frozenset[str], at: float, since: float, window: float,
                   per_story: int = PER_STORY) -> list[Candidate]:
        """The articles seen at or after ``since`` whose events happened within ``window`` of
        ``at`` and that share at least ``MIN_EVENT_TERMS`` event terms with ``terms``, oldest
        id first: of each story, the ``per_story`` that share the most.

        A big story gathers hundreds of near-copies; the few of them closest to the new
        article tell whether it belongs to that story as well as all of them do."""
        shared: Counter[int] = Counter()
        for term in indexed(terms):
            ids = self._by_term.get(term)
            if ids is None:
                continue
            if term.startswith(_INCIDENTS):
                for article_id in ids if isinstance(ids, list) else (ids,):
                    shared[article_id] += MIN_EVENT_TERMS
            elif isinstance(ids, list):
                shared.update(ids)
            else:
                shared[ids] += 1
        by_story: dict[int, list[tuple[int, int]]] = {}
        articles = self._articles
        for article_id, count in shared.items():
            if count < MIN_EVENT_TERMS:
                continue
            article = articles[article_id]
            if article.seen_at >= since and abs(article.at - at) <= window:
                by_story.setdefault(article.story_id, []).append((count, article_id))
        chosen = []
        for found in by_story.values():
            # The most terms shared first; of equal counts, the newest.
            chosen.extend(found if len(found) <= per_story else heapq.nlargest(per_story, found))
        out = []
        for _, article_id in sorted(chosen, key=lambda c: c[1]):
            article = articles[article_id]
            out.append(Candidate(article.story_id,
                                 Fingerprint.from_bytes(article.sketch, article.size),
                                 article.terms, article.alert_id, article.feed, article.at))
        return out

    def forget(self, before: float) -> None:
        """Drop the articles seen before ``before``."""
        while self._by_time and self._by_time[0][0] < before:
            _, article_id = heapq.heappop(self._by_time)
            article = self._articles.pop(article_id, None)
            if article is None:
                continue
            for term in indexed(article.terms):
                ids = self._by_term[term]
                if not isinstance(ids, list):
                    del self._by_term[term]
                    continue
                ids.remove(article_id)
                if len(ids) == 1:
                    self._by_term[term] = ids[0]
