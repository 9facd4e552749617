"""The platform-neutral command handler behind ``/news`` on Slack and Discord.

Adapters turn their platform's slash-command payload into a ``Command`` and render the
``Reply``; everything the commands do is decided here, once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import urlsplit

from bot.analysis import analyze
from bot.archive import RECENT_SCAN, collapse_stories, parse_recent, recent_text, search_text
from bot.config import Config, format_duration
from bot.errors import FetchError, NewsAlertError
from bot.logs import event
from bot.matching.matcher import Matcher
from bot.models import Alert, Analysis, Article
from bot.render import KIND_LABELS
from bot.searchquery import parse_search
from bot.storage import Store

__all__ = ["COMMANDS", "BotState", "Command", "CommandHandler", "Reply"]

log = logging.getLogger(__name__)

COMMANDS: dict[str, str] = {
    "topics": "list the topics and what they watch",
    "subscribe": "subscribe this channel to a topic: subscribe <topic>",
    "unsubscribe": "stop a topic's alerts here: unsubscribe <topic>",
    "list": "this channel's subscriptions",
    "preview": "show the alert an article would raise: preview <url, site address or text>",
    "recent": "a topic's latest stories: recent <topic> [n]",
    "search": "search the stored articles: search <words> [page n]",
    "status": "feeds, last polls, errors and alerts sent today",
    "reload": "re-read the config file (admins)",
    "resume": "poll a feed paused for failing now: resume <feed> (admins)",
    "help": "this list",
}
ADMIN_ONLY = frozenset({"subscribe", "unsubscribe", "reload", "resume"})
PREVIEW_DEADLINE = 25.0
"""Seconds a preview may take to fetch, read and analyse its article; Slack's response URL
and Discord's deferred reply both wait far longer than this."""


@dataclass(frozen=True)
class Command:
    platform: str
    channel: str
    """Full channel name, "slack:C0123ABC" or "discord:1234..."."""
    user: str
    name: str
    args: str = ""
    is_admin: bool = False
    """Whether the user may change subscriptions and reload; the adapter decides from the
    platform's roles and the configured admin list."""


@dataclass(frozen=True)
class Reply:
    text: str
    ephemeral: bool = True
    alert: Alert | None = None
    """For previews: the alert as it would be posted, for the adapter to render natively."""
    choices: tuple[str, ...] = ()
    """Valid values, when the command was given a bad one."""


class BotState(Protocol):
    """What the commands read and change in the running bot (``bot.app.App`` provides it), so
    that the handler, and the adapters that hold it, never import the app."""

    config: Config
    store: Store
    matcher: Matcher

    def config_channels(self, topic: str) -> list[str]: ...

    def channel_topics(self, channel: str) -> list[str]: ...

    def reload(self) -> tuple[bool, str]: ...

    def article_from_text(self, title: str, text: str, url: str | None = None) -> Article: ...

    async def fetch_article(self, url: str) -> Article: ...

    async def fetch_site_articles(self, url: str, most: int = 20
                                  ) -> tuple[str, list[Article]] | None: ...

    def status_text(self) -> str: ...


class CommandHandler:
    def __init__(self, app: BotState) -> None:
        self.app = app

    async def handle(self, command: Command) -> Reply:
        name = command.name.strip().lower()
        if name not in COMMANDS:
            return Reply(f"Unknown command {command.name!r}. " + _help(), choices=tuple(COMMANDS))
        if name in ADMIN_ONLY and not command.is_admin:
            return Reply(f"Only admins may use {name!r} here.")
        event(log, "command", platform=command.platform, channel=command.channel,
              user=command.user, command=name)
        try:
            return await getattr(self, f"_{name}")(command)
        except NewsAlertError as exc:
            return Reply(f"Sorry, that failed: {exc}")

    async def _help(self, command: Command) -> Reply:
        return Reply(_help())

    async def _topics(self, command: Command) -> Reply:
        topics = self.app.config.topics
        if not topics:
            return Reply("No topics are configured.")
        lines = []
        for topic in topics:
            lines.append(f"• {topic.id}: {topic.title}")
            for kind, entities in (("person", topic.people), ("organization", topic.organizations),
                                   ("event", topic.events)):
                if entities:
                    names = ", ".join(e.name for e in entities[:15])
                    more = f" and {len(entities) - 15} more" if len(entities) > 15 else ""
                    lines.append(f"    {KIND_LABELS[kind]}: {names}{more}")
            if topic.require_event:
                lines.append("    Alerts only when an event and a person or organization match")
            if topic.exclude:
                lines.append(f"    Never alerts on articles naming: {', '.join(topic.exclude)}")
            if topic.ignore:
                lines.append(f"    Mentions inside these do not count: {', '.join(topic.ignore)}")
        return Reply("\n".join(lines))

    async def _subscribe(self, command: Command) -> Reply:
        topic = self._topic_arg(command)
        if isinstance(topic, Reply):
            return topic
        if command.channel in self.app.config_channels(topic):
            return Reply(f"This channel already gets {topic!r} alerts (set in the config file).")
        now = time.time()
        added = self.app.store.subscribe(command.channel, topic, command.user, now)
        if not added:
            return Reply(f"This channel is already subscribed to {topic!r}.")
        text = f"Subscribed this channel to {topic!r}: new matching articles will be posted here."
        window = self.app.config.bot.backfill
        if window and (queued := self._backfill(command.channel, topic, window, now)):
            text += (f" The {queued} alert{'s' if queued != 1 else ''} of the last "
                     f"{format_duration(window)} follow{'s' if queued == 1 else ''} as one digest.")
        return Reply(text, ephemeral=False)

    def _backfill(self, channel: str, topic: str, window: float, now: float) -> int:
        """Queue the topic's alerts of the last ``window`` seconds for the channel as one
        digest, but for muted stories and alerts it already got; return how many."""
        store = self.app.store
        muted = store.muted_stories(channel)
        ids = [a.alert_id for a in store.stored_articles(now - window, topic=topic)
               if a.story_id is None or a.story_id not in muted]
        queued = store.queue_backfill(channel, ids, now)
        if queued:
            event(log, "backfill.queued", channel=channel, topic=topic, alerts=queued)
        return queued

    async def _unsubscribe(self, command: Command) -> Reply:
        topic = self._topic_arg(command)
        if isinstance(topic, Reply):
            return topic
        if self.app.store.unsubscribe(command.channel, topic):
            return Reply(f"Unsubscribed this channel from {topic!r}.", ephemeral=False)
        if command.channel in self.app.config_channels(topic):
            return Reply(f"This channel's {topic!r} subscription is set in the config file; an "
                         f"admin must remove it there: take {topic!r} out of the topics of the "
                         f'[[subscriptions]] with channel = "{command.channel}" in '
                         f"{self.app.config.path.name}, then /news reload.")
        return Reply(f"This channel is not subscribed to {topic!r}.",
                     choices=tuple(self.app.channel_topics(command.channel)))

    async def _list(self, command: Command) -> Reply:
        topics = self.app.channel_topics(command.channel)
        if not topics:
            return Reply("This channel has no subscriptions. Try: subscribe <topic> "
                         f"(topics: {', '.join(t.id for t in self.app.config.topics)}).")
        return Reply("This channel gets alerts for: " + ", ".join(topics))

    async def _preview(self, command: Command) -> Reply:
        arg = command.args.strip()
        if not arg:
            return Reply("Give a URL or some text: preview <url or text>")
        if arg.startswith(("http://", "https://")) and " " not in arg:
            try:
                async with asyncio.timeout(PREVIEW_DEADLINE):
                    if _is_site_address(arg):
                        site = await self._preview_site(arg)
                        if site is not None:
                            return site
                    article = await self.app.fetch_article(arg)
            except FetchError as exc:
                return Reply(f"Could not fetch {arg}: {exc}")
            except TimeoutError:
                return Reply(f"Could not fetch and read {arg} within {PREVIEW_DEADLINE:g} s.")
        else:
            title, _, text = arg.partition("\n")
            article = self.app.article_from_text(title, text or title)
        try:
            analysis = await self._analyze(article)
        except TimeoutError:
            return Reply(f"Sorry, reading that article took longer than {PREVIEW_DEADLINE:g} s.")
        alert = _preview_alert(article, analysis)
        if not analysis.topics:
            return Reply("No topic would alert for this article.", alert=alert)
        return Reply("This is the alert it would post:", alert=alert)

    async def _preview_site(self, url: str) -> Reply | None:
        """A site address: the alert of the newest entry of its feed that would raise one, or
        the newest entry when none would; None when the site has no feed."""
        site = await self.app.fetch_site_articles(url)
        if site is None:
            return None
        feed_url, articles = site
        if not articles:
            return Reply(f"The feed of {url} ({feed_url}) has no entries.")
        for article in articles:
            analysis = await self._analyze(article)
            if analysis.topics:
                return Reply(f"From the feed of this site ({feed_url}), the newest entry that "
                             "would alert:", alert=_preview_alert(article, analysis))
        analysis = await self._analyze(articles[0])
        return Reply(f"None of the {len(articles)} newest entries of the feed of this site "
                     f"({feed_url}) would alert; the newest:",
                     alert=_preview_alert(articles[0], analysis))

    async def _analyze(self, article: Article) -> Analysis:
        """Matching and extraction off the event loop, within the preview deadline: other
        commands are acknowledged while a long article is read."""
        async with asyncio.timeout(PREVIEW_DEADLINE):
            return await asyncio.to_thread(analyze, article, self.app.matcher)

    async def _recent(self, command: Command) -> Reply:
        topics = tuple(t.id for t in self.app.config.topics)
        asked = parse_recent(command.args, topics)
        if isinstance(asked, str):
            return Reply(asked, choices=topics)
        topic, most = asked
        articles = self.app.store.topic_articles(topic, RECENT_SCAN)
        return Reply(recent_text(topic, collapse_stories(articles, most)))

    async def _search(self, command: Command) -> Reply:
        query = parse_search(command.args)
        if isinstance(query, str):
            return Reply(query)
        hits, total = self.app.store.search_articles(query, time.time())
        return Reply(search_text(query, hits, total))

    async def _status(self, command: Command) -> Reply:
        return Reply(self.app.status_text())

    async def _reload(self, command: Command) -> Reply:
        ok, message = self.app.reload()
        return Reply(message if ok else f"Reload failed, the old config stays in force:\n{message}")

    async def _resume(self, command: Command) -> Reply:
        feed_id = command.args.strip()
        states = self.app.store.feed_states()
        paused = tuple(f.id for f in self.app.config.feeds
                       if (state := states.get(f.id)) is not None and state.paused_at is not None)
        if not feed_id or self.app.config.feed(feed_id) is None:
            which = f"There is no feed {feed_id!r}. " if feed_id else ""
            return Reply(which + (f"Paused feeds: {', '.join(paused)}" if paused
                                  else "No feed is paused."), choices=paused)
        if not self.app.store.resume_feed(feed_id, time.time()):
            return Reply(f"Feed {feed_id!r} is not paused.", choices=paused)
        return Reply(f"Resumed {feed_id!r}: it is polled now, and paused again only after "
                     f"failing for {format_duration(self.app.config.bot.pause_after)} more.",
                     ephemeral=False)

    def _topic_arg(self, command: Command) -> str | Reply:
        topic = command.args.strip()
        known = tuple(t.id for t in self.app.config.topics)
        if not topic:
            return Reply(f"Which topic? Choose one of: {', '.join(known)}", choices=known)
        if topic not in known:
            return Reply(f"There is no topic {topic!r}. Choose one of: {', '.join(known)}",
                         choices=known)
        return topic


def _is_site_address(url: str) -> bool:
    """A site's front page ("https://example.org/"), rather than an article's address."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def _preview_alert(article: Article, analysis: Analysis) -> Alert:
    return Alert(feed_id="preview", entry_id="preview", source="preview", title=article.title,
                 url=article.url, published=None, text_form=article.text_form,
                 topics=analysis.topics, extraction=analysis.extraction)


def _help() -> str:
    return "Commands: " + "; ".join(f"{name}: {text}" for name, text in COMMANDS.items())


def today_start(now: float) -> float:
    """Midnight UTC of the day ``now`` falls in."""
    day = datetime.fromtimestamp(now, tz=UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day.timestamp()


