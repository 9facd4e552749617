"""How a subscription wants its alerts to look, and whom they ping.

``format`` is "full" (everything), "compact" (title, why it matched, one sentence of summary,
the top figure) or "headline" (title and link); ``max_quotes`` and ``max_figures`` cap the
full alert. ``mention`` is the one thing an alert may ping, and it comes from the config only:
a Discord role or user (``<@&ROLE>``, ``<@USER>``), a Slack user group or user
(``<!subteam^ID>``, ``<@U…>``), or ``here``. Feed text stays inert whatever the style.

Pure: the outbox picks the style of each delivery (``style_for``) and the renderers shape the
alert with ``shape``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from bot.models import Alert

__all__ = ["FORMATS", "AlertStyle", "Format", "mention_problem", "shape", "style_for"]

Format = Literal["full", "compact", "headline"]
FORMATS: tuple[Format, ...] = ("full", "compact", "headline")

_MENTIONS = {
    "discord": re.compile(r"^(here|<@&\d{1,20}>|<@!?\d{1,20}>)$"),
    "slack": re.compile(r"^(here|<!subteam\^[A-Z0-9]{1,30}>|<@[UW][A-Z0-9]{1,30}>)$"),
}
_ANY_MENTION = re.compile("|".join(p.pattern for p in _MENTIONS.values()))


@dataclass(frozen=True)
class AlertStyle:
    format: Format = "full"
    max_quotes: int | None = None
    """Quotes shown in a full alert; None: the platform's own cap."""
    max_figures: int | None = None
    mention: tuple[str, ...] = ()
    """Who the alert pings, as configured; empty: nobody."""


def mention_problem(platform: str, mention: str) -> str | None:
    """Why ``mention`` cannot be pinged on ``platform``; None when it can."""
    pattern = _MENTIONS.get(platform, _ANY_MENTION)
    if pattern.match(mention):
        return None
    examples = {"discord": '"<@&ROLE_ID>", "<@USER_ID>" or "here"',
                "slack": '"<!subteam^GROUP_ID>", "<@USER_ID>" or "here"'}
    return (f"cannot mention {mention!r} on {platform}: use "
            + examples.get(platform, '"here", a Discord "<@&ROLE_ID>" or a Slack '
                                     '"<!subteam^GROUP_ID>"'))


def style_for(styles: Iterable[tuple[str, tuple[str, ...], AlertStyle]], channel: str,
              topics: Iterable[str]) -> AlertStyle:
    """The style of an alert on ``topics`` posted to ``channel``, from the configured
    (channel, topics, style) subscriptions: the fullest format, the highest caps and every
    mention of the channel's subscriptions that name one of the topics. A channel subscribed
    at run time only takes the default style."""
    wanted = set(topics)
    chosen = [style for ch, subscribed, style in styles
              if ch == channel and wanted.intersection(subscribed)]
    if not chosen:
        return AlertStyle()
    mentions: list[str] = []
    for style in chosen:
        mentions.extend(m for m in style.mention if m not in mentions)
    return AlertStyle(
        format=min((s.format for s in chosen), key=FORMATS.index),
        max_quotes=_most(s.max_quotes for s in chosen),
        max_figures=_most(s.max_figures for s in chosen),
        mention=tuple(mentions),
    )


def _most(values: Iterable[int | None]) -> int | None:
    """The highest cap; None (no cap of its own) wins over any number."""
    values = list(values)
    return None if None in values else max(v for v in values if v is not None)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def shape(alert: Alert, style: AlertStyle) -> Alert:
    """The alert with only what ``style`` shows: a compact alert keeps one sentence of summary
    (not a repeat of the title) and the top figure, a headline keeps neither, a full one its
    summary less any repeat of the title, and its capped figures and quotes."""
    extraction = alert.extraction
    # Teaser feeds often repeat the headline as their first sentence, and a title-only entry
    # is its own summary: under the title, that line says nothing new.
    title = _words(alert.title)
    news = tuple(s for s in extraction.summary if _words(s) != title)
    if style.format == "headline":
        kept = dataclasses.replace(extraction, summary=(), figures=(), quotes=())
    elif style.format == "compact":
        top = 1 if style.max_figures is None else min(1, style.max_figures)
        kept = dataclasses.replace(extraction, summary=news[:1],
                                   figures=extraction.figures[:top], quotes=())
    else:
        kept = dataclasses.replace(
            extraction,
            summary=news,
            figures=extraction.figures[:style.max_figures],
            quotes=extraction.quotes[:style.max_quotes])
    return dataclasses.replace(alert, extraction=kept)
