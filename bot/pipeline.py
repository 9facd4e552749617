"""New entries -> alerts with their channels. Pure: the caller reads and writes the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.analysis import match_topics
from bot.config import FeedConfig
from bot.extract import extract
from bot.matching.matcher import Matcher
from bot.matching.textform import detect_text_form
from bot.models import (
    PROMINENCE_LEVELS,
    Alert,
    Analysis,
    Article,
    Entry,
    Prominence,
    TopicMatch,
)
from bot.stories.dedup import house_features
from bot.stories.grouping import StoryMark, shared_keys, story_mark

__all__ = ["PollAlerts", "Subscribers", "article_for", "evaluate_poll"]

HOUSE_SAMPLE = 100
"""What a feed's entries share is its house style, not a story; a hundred entries show it as
well as five hundred."""
HOUSE_MINIMUM = 4
"""Fewer entries than this do not show a house style."""
HOUSE_SECOND_LOOK = 30
"""Entries read again from a feed's body when a poll that parsed only its new items needs its
house style and none was kept: its newest thirty show what all its entries share."""


class Subscribers:
    """Which channels follow which topics: the config's subscriptions plus the run-time ones."""

    def __init__(self, pairs: Iterable[tuple[str, str]], platforms: Iterable[str],
                 minimums: Mapping[tuple[str, str], Prominence] | None = None) -> None:
        self._minimums = {key: PROMINENCE_LEVELS.index(level)
                          for key, level in (minimums or {}).items() if level != "passing"}
        """(channel, topic) -> the least prominence level a match must have for that channel
        (a subscription's ``min_prominence``), when above the lowest."""
        enabled = set(platforms)
        self._by_topic: dict[str, list[str]] = {}
        for channel, topic in pairs:
            if channel.partition(":")[0] in enabled:
                channels = self._by_topic.setdefault(topic, [])
                if channel not in channels:
                    channels.append(channel)

    def channels(self, topics: Iterable[str]) -> list[str]:
        out: list[str] = []
        for topic in topics:
            out.extend(c for c in self._by_topic.get(topic, ()) if c not in out)
        return out

    def channels_for(self, matches: Iterable[TopicMatch]) -> list[str]:
        """The channels an article's topic matches go to: those that follow a topic, less those
        whose subscription asks for a more prominent match than the article has."""
        out: list[str] = []
        for match in matches:
            best = max((PROMINENCE_LEVELS.index(m.prominence) for m in match.matches), default=0)
            out.extend(c for c in self._by_topic.get(match.topic, ()) if c not in out and
                       self._minimums.get((c, match.topic), 0) <= best)
        return out


def article_for(feed: FeedConfig, entry: Entry) -> Article:
    text_form = feed.text if feed.text != "auto" else detect_text_form(
        f"{entry.title}\n{entry.text}")
    return Article(title=entry.title, text=entry.text, url=entry.link, text_form=text_form)


def build_alert(feed: FeedConfig, source: str, entry: Entry, analysis: Analysis) -> Alert:
    return Alert(
        feed_id=feed.id, entry_id=entry.entry_id, source=source, title=entry.title,
        url=entry.link, published=entry.published, text_form=analysis.article.text_form,
        topics=analysis.topics, extraction=analysis.extraction, cut=entry.cut,
    )


@dataclass(frozen=True)
class PollAlerts:
    """What a poll's new entries raise: the alerts, and what tells the story of each."""

    alerts: list[tuple[Alert, list[str]]] = field(default_factory=list)
    marks: dict[str, StoryMark] = field(default_factory=dict)
    """Per alerting entry id, its story keys and fingerprint (see ``bot.stories.grouping``)."""
    house: frozenset[str] | None = None
    """The feed's house style when it was worked out here (to be kept for later polls)."""


def evaluate_poll(feed: FeedConfig, entries: Sequence[Entry], matcher: Matcher,
                  subscribers: Subscribers, source: str | None = None,
                  neighbours: Sequence[Entry] | None = None, *,
                  house: frozenset[str] | None = None,
                  all_entries: Callable[[], Sequence[Entry]] | None = None) -> PollAlerts:
    """The alerts these new entries raise, each with the channels to post it to, and the
    story marks of the entries that alert. Only an entry that alerts in some channel is
    extracted and fingerprinted: most entries match nothing. Fingerprints leave
    out the house style of the feed: ``house`` when known, else found in ``neighbours`` (the
    feed's current entries; the new ``entries`` when None) or, when those are too few to show
    it (a poll that parsed only the new items), in ``all_entries()``. Pure, so a worker
    process can do it all."""
    articles = [(e, article_for(feed, e)) for e in entries]
    alerts = _alerts(feed, articles, matcher, subscribers, source)
    if not alerts:
        return PollAlerts()
    found = None
    if house is None:
        sample = entries if neighbours is None else neighbours
        if len(sample) < HOUSE_MINIMUM and all_entries is not None:
            sample = all_entries()
        if len(sample) >= HOUSE_MINIMUM:
            forms = {e.entry_id: a.text_form for e, a in articles}
            found = house_features([
                (f"{e.title}\n{e.text}", forms.get(e.entry_id) or article_for(feed, e).text_form)
                for e in sample[:HOUSE_SAMPLE]], minimum=HOUSE_MINIMUM)
        house = found or frozenset()
    by_id = {e.entry_id: e for e in entries}
    common = shared_keys([*entries, *(neighbours or ())])
    marks = {a.entry_id: story_mark(by_id[a.entry_id], a.text_form, house, watched_names(a),
                                    common)
             for a, _ in alerts}
    return PollAlerts(alerts, marks, found)


def watched_names(alert: Alert) -> set[str]:
    """The names and wordings that made the alert: every alert of its topics shares them, so
    they tell nothing about which event it reports."""
    return {name for topic in alert.topics for match in topic.matches
            for name in (match.name, *match.evidence)}


def _alerts(feed: FeedConfig, articles: Sequence[tuple[Entry, Article]], matcher: Matcher,
            subscribers: Subscribers, source: str | None) -> list[tuple[Alert, list[str]]]:
    out = []
    for entry, article in articles:
        topics = match_topics(article, matcher)
        if not topics:
            continue
        channels = subscribers.channels_for(topics)
        if channels:
            analysis = Analysis(article, topics, extract(article, topics))
            out.append((build_alert(feed, source or feed.title or feed.id, entry, analysis),
                        channels))
    return out
