"""New entries -> alerts with their channels. Pure: the caller reads and writes the store."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.config import FeedConfig
from bot.extract import extract
from bot.matching import Matcher
from bot.models import Alert, Analysis, Article, Entry
from bot.textform import detect_text_form

__all__ = ["Subscribers", "article_for", "evaluate"]


class Subscribers:
    """Which channels follow which topics: the config's subscriptions plus the run-time ones."""

    def __init__(self, pairs: Iterable[tuple[str, str]], platforms: Iterable[str]) -> None:
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


def article_for(feed: FeedConfig, entry: Entry) -> Article:
    text_form = feed.text if feed.text != "auto" else detect_text_form(
        f"{entry.title}\n{entry.text}")
    return Article(title=entry.title, text=entry.text, url=entry.link, text_form=text_form)


def build_alert(feed: FeedConfig, source: str, entry: Entry, analysis: Analysis) -> Alert:
    return Alert(
        feed_id=feed.id, entry_id=entry.entry_id, source=source, title=entry.title,
        url=entry.link, published=entry.published, text_form=analysis.article.text_form,
        topics=analysis.topics, extraction=analysis.extraction,
    )


def evaluate(feed: FeedConfig, entries: Sequence[Entry], matcher: Matcher,
             subscribers: Subscribers, source: str | None = None
             ) -> list[tuple[Alert, list[str]]]:
    """The alerts these new entries raise, each with the channels to post it to.

    Only an entry that alerts in some channel is extracted: most entries match nothing.
    """
    out = []
    for entry in entries:
        article = article_for(feed, entry)
        topics = matcher.match(article)
        if not topics:
            continue
        channels = subscribers.channels(t.topic for t in topics)
        if channels:
            analysis = Analysis(article, topics, extract(article, topics))
            out.append((build_alert(feed, source or feed.title or feed.id, entry, analysis),
                        channels))
    return out
