"""The platform-neutral command handler behind ``/news`` on Slack and Discord.

Adapters turn their platform's slash-command payload into a ``Command`` and render the
``Reply``; everything the commands do is decided here, once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from bot.analysis import analyze
from bot.config import Config
from bot.errors import FetchError, NewsAlertError
from bot.logs import event
from bot.matching import Matcher
from bot.models import Alert, Article
from bot.render import KIND_LABELS
from bot.storage import Store

__all__ = ["COMMANDS", "BotState", "Command", "CommandHandler", "Reply"]

log = logging.getLogger(__name__)

COMMANDS: dict[str, str] = {
    "topics": "list the topics and what they watch",
    "subscribe": "subscribe this channel to a topic: subscribe <topic>",
    "unsubscribe": "stop a topic's alerts here: unsubscribe <topic>",
    "list": "this channel's subscriptions",
    "preview": "show the alert an article would raise: preview <url or text>",
    "status": "feeds, last polls, errors and alerts sent today",
    "reload": "re-read the config file (admins)",
    "help": "this list",
}
ADMIN_ONLY = frozenset({"subscribe", "unsubscribe", "reload"})


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
        return Reply("\n".join(lines))

    async def _subscribe(self, command: Command) -> Reply:
        topic = self._topic_arg(command)
        if isinstance(topic, Reply):
            return topic
        if command.channel in self.app.config_channels(topic):
            return Reply(f"This channel already gets {topic!r} alerts (set in the config file).")
        added = self.app.store.subscribe(command.channel, topic, command.user, time.time())
        if not added:
            return Reply(f"This channel is already subscribed to {topic!r}.")
        return Reply(f"Subscribed this channel to {topic!r}: new matching articles will be "
                     "posted here.", ephemeral=False)

    async def _unsubscribe(self, command: Command) -> Reply:
        topic = self._topic_arg(command)
        if isinstance(topic, Reply):
            return topic
        if self.app.store.unsubscribe(command.channel, topic):
            return Reply(f"Unsubscribed this channel from {topic!r}.", ephemeral=False)
        if command.channel in self.app.config_channels(topic):
            return Reply(f"This channel's {topic!r} subscription is set in the config file; an "
                         "admin must remove it there.")
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
                article = await self.app.fetch_article(arg)
            except FetchError as exc:
                return Reply(f"Could not fetch {arg}: {exc}")
        else:
            title, _, text = arg.partition("\n")
            article = self.app.article_from_text(title, text or title)
        analysis = analyze(article, self.app.matcher)
        alert = Alert(feed_id="preview", entry_id="preview", source="preview", title=article.title,
                      url=article.url, published=None, text_form=article.text_form,
                      topics=analysis.topics, extraction=analysis.extraction)
        if not analysis.topics:
            return Reply("No topic would alert for this article.", alert=alert)
        return Reply("This is the alert it would post:", alert=alert)

    async def _status(self, command: Command) -> Reply:
        return Reply(self.app.status_text())

    async def _reload(self, command: Command) -> Reply:
        ok, message = self.app.reload()
        return Reply(message if ok else f"Reload failed, the old config stays in force:\n{message}")

    def _topic_arg(self, command: Command) -> str | Reply:
        topic = command.args.strip()
        known = tuple(t.id for t in self.app.config.topics)
        if not topic:
            return Reply(f"Which topic? Choose one of: {', '.join(known)}", choices=known)
        if topic not in known:
            return Reply(f"There is no topic {topic!r}. Choose one of: {', '.join(known)}",
                         choices=known)
        return topic


def _help() -> str:
    return "Commands: " + "; ".join(f"{name}: {text}" for name, text in COMMANDS.items())


def today_start(now: float) -> float:
    """Midnight UTC of the day ``now`` falls in."""
    day = datetime.fromtimestamp(now, tz=UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return day.timestamp()


