"""Discord embeds for alerts, follow-ups and digests: pure functions of the alert, no I/O.

Discord rejects a whole message when one embed part is too long, so every part is trimmed here
to the published limits, and the embed as a whole is kept under 6,000 characters by shortening
the summary and dropping trailing fields (quotes first) rather than failing the post.

The footer ends with the delivery's key (``newsalert-<alert>-<delivery>``): after a crash the
adapter finds a message that was already posted by reading it back from the channel history.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import discord
from discord.utils import escape_markdown

from bot.models import Alert
from bot.render import (
    KIND_LABELS,
    alert_title,
    cut_note,
    entities_by_kind,
    link_host,
    match_notes,
    safe_link,
    summary_text,
)
from bot.render import clip as render_clip  # this module's clip also strips

__all__ = [
    "LIMITS",
    "alert_embed",
    "digest_embed",
    "embed_marker",
    "followup_embed",
    "headline_embed",
    "inert",
    "mention_content",
    "notice_embed",
    "topic_colour",
]

LIMITS = {
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "author": 256,
    "total": 6000,
}
MAX_QUOTES = 5
MAX_FIGURES = 8
MIN_DESCRIPTION = 600
"""When the embed is over the total limit, the summary is shortened down to this many
characters before any field is dropped."""
FOOTER_SEPARATOR = " · "
ZWSP = "\u200b"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*:)(//)")

# Distinct, readable colours on both the light and the dark theme.
PALETTE = (
    0x1F77B4, 0xD62728, 0x2CA02C, 0x9467BD, 0xFF7F0E, 0x17BECF,
    0xE377C2, 0x8C564B, 0xBCBD22, 0x3F51B5, 0x009688, 0xC2185B,
)


def topic_colour(topic: str) -> discord.Colour:
    """The same colour for a topic in every message and every process."""
    return discord.Colour(PALETTE[zlib.crc32(topic.encode("utf-8")) % len(PALETTE)])


def clip(text: str, limit: int) -> str:
    """``text`` without surrounding blanks, cut to ``limit`` characters."""
    return render_clip(text.strip(), limit)


def inert(text: str) -> str:
    """Feed text that Discord shows as written: Markdown escaped (so ``[label](url)`` is no
    masked link), and bare URLs broken with an invisible space after the scheme (so none is
    auto-linked); only the alert's own link is ever a link."""
    return _SCHEME.sub(lambda m: m.group(1) + ZWSP + m.group(2), escape_markdown(text))


def escaped(text: str, limit: int) -> str:
    """``text`` made inert, cut to ``limit`` characters; only the part that can show is
    escaped, so a huge feed text costs no more than a short one."""
    return clip(inert(text.strip()[: limit + 1]), limit)


def embed_marker(embed: discord.Embed) -> str | None:
    """The delivery key an embed's footer carries, if any."""
    text = embed.footer.text
    if not text:
        return None
    return text.rsplit(FOOTER_SEPARATOR, 1)[-1]


def alert_embed(alert: Alert, marker: str | None = None) -> discord.Embed:
    """The full alert: why it matched, the summary, the figures and the quotes."""
    embed = _base(alert, alert_title(alert), marker)
    embed.set_author(name=clip(alert.source, LIMITS["author"]))
    summary = summary_text(alert.extraction.summary)
    if summary:
        note = "*Summary of stemmed source text.*\n" if alert.text_form == "stemmed" else ""
        embed.description = note + escaped(summary, LIMITS["description"] - len(note))
    cut = cut_note(alert)
    if cut:
        embed.description = f"{embed.description or ''}\n*{cut}*".lstrip()
    for kind, names in entities_by_kind(alert.topics).items():
        _add_field(embed, KIND_LABELS[kind], ", ".join(escape_markdown(n) for n in names),
                   inline=True)
    notes = match_notes(alert.topics)
    if notes:
        _add_field(embed, "Why", "\n".join(escape_markdown(n) for n in notes), inline=False)
    _add_extraction_fields(embed, alert)
    return fit(embed)


def followup_embed(alert: Alert, marker: str | None = None) -> discord.Embed:
    """A later report of a story already posted: who else reports it, and what it adds."""
    embed = _base(alert, alert_title(alert), marker)
    embed.set_author(name=clip(f"Also reported by {alert.source}", LIMITS["author"]))
    embed.description = f"*{cut_note(alert)}*" if alert.cut else None
    _add_extraction_fields(embed, alert)
    return fit(embed)


def digest_embed(alerts: Sequence[Alert], marker: str | None = None) -> discord.Embed:
    """Several alerts in one message: one line each, linked, with source and topics."""
    if not alerts:
        raise ValueError("a digest needs at least one alert")
    embed = _base(alerts[0], f"{len(alerts)} new alerts", marker, linked=False)
    embed.timestamp = None
    lines: list[str] = []
    used = 0
    limit = LIMITS["description"]
    for i, alert in enumerate(alerts):
        # The feed's title is never a link label: the link is labelled with its own host.
        title = escaped(alert_title(alert), 200)
        url, host = safe_link(alert.url), link_host(alert.url)
        link = f" [{escape_markdown(host)}]({url})" if url and host else ""
        topics = ", ".join(t.topic for t in alert.topics)
        line = f"• {title}{link} — {escaped(alert.source, 100)} · {topics}"
        rest = f"…and {len(alerts) - i} more"
        if used + len(line) + 1 + len(rest) > limit:
            lines.append(rest)
            break
        lines.append(line)
        used += len(line) + 1
    embed.description = "\n".join(lines)
    return fit(embed)


def headline_embed(alert: Alert, marker: str | None = None) -> discord.Embed:
    """The alert as its title, linked, and its source (``format = "headline"``)."""
    embed = _base(alert, alert_title(alert), marker)
    embed.set_author(name=clip(alert.source, LIMITS["author"]))
    return fit(embed)


def mention_content(mentions: Sequence[str]) -> tuple[str | None, discord.AllowedMentions]:
    """The message content that pings the configured mentions, and the allowed mentions that
    let exactly those ping (``@here`` only when asked for). Mentions come from the config,
    never from a feed (``bot.delivery.alertstyle`` checks their form); embeds never ping."""
    if not mentions:
        return None, discord.AllowedMentions.none()
    roles = [discord.Object(int(m[3:-1])) for m in mentions if m.startswith("<@&")]
    users = [discord.Object(int(m.strip("<@!>"))) for m in mentions
             if m.startswith("<@") and not m.startswith("<@&")]
    content = " ".join("@here" if m == "here" else m for m in mentions)
    return content, discord.AllowedMentions(everyone="here" in mentions, roles=roles,
                                            users=users, replied_user=False)


def notice_embed(notice: Alert, marker: str | None = None) -> discord.Embed:
    """A notice about the bot itself (a feed paused or recovered): its title and lines."""
    embed = _base(notice, notice.title, marker, show_host=False)
    embed.colour = discord.Colour.orange()
    embed.description = escaped("\n".join(notice.extraction.summary), LIMITS["description"])
    return fit(embed)


def fit(embed: discord.Embed) -> discord.Embed:
    """Keep ``embed`` within the 6,000-character total: shorten the description down to
    ``MIN_DESCRIPTION``, then drop trailing fields, then shorten the description further."""
    excess = len(embed) - LIMITS["total"]
    if excess <= 0:
        return embed
    description = embed.description or ""
    if len(description) > MIN_DESCRIPTION:
        embed.description = clip(description, max(MIN_DESCRIPTION, len(description) - excess))
    while len(embed) > LIMITS["total"] and embed.fields:
        embed.remove_field(len(embed.fields) - 1)
    excess = len(embed) - LIMITS["total"]
    if excess > 0 and embed.description:
        embed.description = clip(embed.description, len(embed.description) - excess)
    return embed


def _base(alert: Alert, title: str, marker: str | None, linked: bool = True,
          show_host: bool = True) -> discord.Embed:
    """The embed's frame: the title with the real host of its link beside it (not for the
    bot's own notices), the link only when it is the entry's own http(s) URL, the topic
    colour, and the footer."""
    topics = [t.topic for t in alert.topics]
    url, host = (safe_link(alert.url), link_host(alert.url)) if linked else (None, None)
    suffix = f" ({clip(host, 100)})" if url and host and show_host else ""
    embed = discord.Embed(
        title=clip(title, LIMITS["title"] - len(suffix)) + suffix,
        url=url,
        colour=topic_colour(topics[0]) if topics else discord.Colour.light_grey(),
        timestamp=alert.published,
    )
    footer = [", ".join(topics)] if topics else []
    if marker:
        footer.append(marker)
    if footer:
        text = FOOTER_SEPARATOR.join(footer)
        if len(text) > LIMITS["footer"]:  # keep the marker whole, cut the topic list
            room = LIMITS["footer"] - len(marker or "") - len(FOOTER_SEPARATOR)
            text = FOOTER_SEPARATOR.join([clip(footer[0], room)] + footer[1:])
        embed.set_footer(text=text)
    return embed


def _add_extraction_fields(embed: discord.Embed, alert: Alert) -> None:
    figures = alert.extraction.figures[:MAX_FIGURES]
    if figures:
        _add_field(embed, "Figures",
                   "\n".join(f"• {escaped(f.text, LIMITS['field_value'])}" for f in figures))
    for quote in alert.extraction.quotes[:MAX_QUOTES]:
        _add_field(embed, inert((quote.speaker or "").strip()) or "Unattributed quote",
                   f"“{escaped(quote.text, LIMITS['field_value'])}”")


def _add_field(embed: discord.Embed, name: str, value: str, inline: bool = False) -> None:
    if len(embed.fields) >= LIMITS["fields"] or not value.strip():
        return
    embed.add_field(name=clip(name, LIMITS["field_name"]),
                    value=clip(value, LIMITS["field_value"]), inline=inline)
