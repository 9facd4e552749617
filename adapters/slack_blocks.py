"""Slack messages for alerts, follow-ups and digests, as Block Kit JSON.

Pure: an alert in, a ``{"text": ..., "blocks": [...]}`` dict out. Everything that comes from a
feed is escaped for mrkdwn (``&``, ``<``, ``>``), so no feed can write ``<!channel>``,
``<@U123>``, ``<!subteam^...>`` or a disguised link; only this module writes Slack's ``<...>``
syntax. Slack's limits are kept by trimming, so a post never fails for its size: at most 50
blocks, 3,000 characters of section text, 150 characters of header text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from bot.actions import ACTION_LABELS, Choice, action_value
from bot.models import Alert, EntityKind, Figure, Quote
from bot.render import (
    KIND_LABELS,
    alert_title,
    clip,
    cut_note,
    entities_by_kind,
    link_host,
    match_notes,
    safe_link,
    summary_text,
)

__all__ = [
    "ACTION_PREFIX",
    "ACTIONS_BLOCK",
    "MAX_BLOCKS",
    "MAX_HEADER",
    "MAX_SECTION",
    "alert_message",
    "choices_message",
    "digest_message",
    "escape",
    "followup_message",
    "headline",
    "headline_message",
    "notice_message",
    "text_message",
    "with_actions",
    "with_mention",
]

MAX_BLOCKS = 50
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK = 4000
"""The top-level ``text`` may be 40,000 characters; notifications show far less."""
MAX_FIGURES = 8
MAX_QUOTES = 5
MAX_TITLE = 300
MAX_URL = 1000
"""Longer article URLs (tracking junk) are left unlinked rather than cut."""

KIND_ICONS: dict[EntityKind, str] = {
    "person": ":bust_in_silhouette:",
    "organization": ":classical_building:",
    "event": ":scales:",
}

ACTION_PREFIX = "newsalert_"
"""Every button's ``action_id`` is this and the action's name ("newsalert_mute")."""
ACTIONS_BLOCK = "newsalert_actions"
MAX_BUTTONS = 25
"""Elements an actions block may hold."""

_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_URL_ESCAPES = {"&": "&amp;", "<": "%3C", ">": "%3E", "|": "%7C"}

Message = dict[str, Any]
Block = dict[str, Any]


def escape(text: str) -> str:
    """Make feed text inert in mrkdwn: Slack's own escapes for the three control characters."""
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def clip_escaped(text: str, limit: int) -> str:
    """Escape ``text`` and cut it to at most ``limit`` characters, never inside an escape."""
    whole = escape(text)
    if len(whole) <= limit:
        return whole
    out: list[str] = []
    used = 0
    for ch in text:
        piece = _ESCAPES.get(ch, ch)
        if used + len(piece) > limit - 1:
            break
        out.append(piece)
        used += len(piece)
    return "".join(out) + "…"


def inline(text: str, limit: int) -> str:
    """Feed text as one line (newlines would break bold, links and quotes), escaped and cut."""
    return clip_escaped(" ".join(text.split()), limit)


def link(url: str | None, label: str, limit: int = MAX_TITLE) -> str:
    """A mrkdwn link with an escaped label; only the entry's own http(s) URL becomes a link."""
    text = inline(label, limit)
    target = safe_link(url)
    if target is None:
        return text
    target = "".join(_url_char(ch) for ch in target)
    return f"<{target}|{text}>" if len(target) <= MAX_URL else text


def headline(url: str | None, title: str, bold: bool = True) -> str:
    """The linked title and, beside it, the host the link really goes to: a title that names
    one site cannot hide that its link goes to another."""
    linked = link(url, title)
    host = link_host(url)
    return (f"*{linked}*" if bold else linked) + (f" ({inline(host, 255)})" if host else "")


def _url_char(ch: str) -> str:
    """Characters that would end or break the link are percent-encoded (& is Slack-escaped)."""
    if ch in _URL_ESCAPES:
        return _URL_ESCAPES[ch]
    return quote(ch, safe="", errors="replace") if ch.isspace() or not ch.isprintable() else ch


def _mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn text object that Slack shows as written: ``verbatim`` stops it from turning
    bare URLs and domain names in feed text into links (our own ``<url|label>`` stay links)."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def _section(text: str) -> Block:
    return {"type": "section", "text": _mrkdwn(clip(text, MAX_SECTION))}


def _context(*parts: str) -> Block:
    elements = [_mrkdwn(clip(p, MAX_SECTION)) for p in parts if p]
    return {"type": "context", "elements": elements[:MAX_CONTEXT_ELEMENTS]}


def _timestamp(published: datetime | None) -> str:
    """Slack's date token: shown in each reader's own time zone, with a UTC fallback."""
    if published is None:
        return ""
    when = published if published.tzinfo else published.replace(tzinfo=UTC)
    fallback = when.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def _byline(alert: Alert) -> str:
    parts = [f"*{inline(alert.source, 200)}*"]
    if alert.published:
        parts.append(_timestamp(alert.published))
    if alert.topics:
        parts.append("matched " + ", ".join(inline(t.topic, 80) for t in alert.topics))
    return " · ".join(parts)


def _entity_lines(alert: Alert, budget: int = MAX_SECTION) -> list[str]:
    lines = []
    for kind, names in entities_by_kind(alert.topics).items():
        head = f"{KIND_ICONS[kind]} *{KIND_LABELS[kind]}:* "
        lines.append(head + inline(", ".join(names), max(20, budget // 3 - len(head))))
    notes = match_notes(alert.topics)
    if notes:
        lines.append("*Why:* " + inline(" · ".join(notes), max(20, budget // 3 - 8)))
    return lines


def _bullets(heading: str, items: Sequence[str], limit: int, most: int) -> str:
    """A heading and up to ``most`` bullet lines, as many as fit in ``limit`` characters, and
    how many were left out."""
    text, shown = heading, 0
    for item in items[:most]:
        line = "\n• " + item
        if len(text) + len(line) + 20 > limit:  # room for the "…and N more" line
            break
        text += line
        shown += 1
    return text + (f"\n…and {len(items) - shown} more" if shown < len(items) else "")


def _figure_text(figure: Figure) -> str:
    return inline(figure.text, 300)


def _quote_text(quote: Quote) -> str:
    speaker = inline(quote.speaker, 200) if quote.speaker else "unattributed"
    body = inline(quote.text, MAX_SECTION - len(speaker) - 20)
    return f">“{body}”\n>— _{speaker}_"


def _figures_block(figures: Sequence[Figure]) -> Block | None:
    if not figures:
        return None
    return _section(_bullets(":bar_chart: *Key figures*", [_figure_text(f) for f in figures],
                             MAX_SECTION, MAX_FIGURES))


def _quote_blocks(quotes: Sequence[Quote]) -> list[Block]:
    blocks = [_section(_quote_text(q)) for q in quotes[:MAX_QUOTES]]
    if len(quotes) > MAX_QUOTES:
        blocks.append(_context(f"…and {len(quotes) - MAX_QUOTES} more quotes"))
    return blocks


def _fallback(head: str, lines: Iterable[str] = ()) -> str:
    """The notification text: ``head`` (already mrkdwn) and feed text lines, escaped."""
    rest = clip_escaped("\n".join(line for line in lines if line), MAX_FALLBACK - len(head) - 1)
    return f"{head}\n{rest}" if rest else head


def _cap(blocks: list[Block], most: int = MAX_BLOCKS) -> list[Block]:
    """Keep a message within Slack's block limit (or ``most``), saying what was left out."""
    if len(blocks) <= most:
        return blocks
    kept = blocks[:most - 1]
    return [*kept, _context(f"…{len(blocks) - len(kept)} more parts not shown")]


def alert_message(alert: Alert) -> Message:
    """The full alert: headline, byline, why it matched, summary, figures and quotes."""
    title = alert_title(alert)
    blocks: list[Block] = [_section(headline(alert.url, title)), _context(_byline(alert))]
    note = cut_note(alert)
    if note:
        blocks.append(_context(f"_{note}_"))
    entity_lines = _entity_lines(alert)
    if entity_lines:
        blocks.append(_section("\n".join(entity_lines)))
    extraction = alert.extraction
    if extraction.summary:
        note = "\n_The source text is stemmed._" if alert.text_form == "stemmed" else ""
        blocks.append(_section(inline(summary_text(extraction.summary),
                                      MAX_SECTION - len(note)) + note))
    figures = _figures_block(extraction.figures)
    if figures:
        blocks.append(figures)
    blocks.extend(_quote_blocks(extraction.quotes))
    matched = "; ".join(f"{KIND_LABELS[k]}: {', '.join(v)}"
                        for k, v in entities_by_kind(alert.topics).items())
    text = _fallback(link(alert.url, title), [alert.source, f"Matched {matched}" if matched
                                              else "", summary_text(extraction.summary)])
    return {"text": text, "blocks": _cap(blocks)}


def followup_message(alert: Alert, earlier: Sequence[Alert] = ()) -> Message:
    """A short threaded reply: another source for a story already posted, with only the
    figures and quotes that ``earlier`` alerts of the story did not have."""
    seen_figures = {f.text for a in earlier for f in a.extraction.figures}
    seen_quotes = {q.text for a in earlier for q in a.extraction.quotes}
    figures = [f for f in alert.extraction.figures if f.text not in seen_figures]
    quotes = [q for q in alert.extraction.quotes if q.text not in seen_quotes]
    title = alert_title(alert)
    head = (f":heavy_plus_sign: Also reported by *{inline(alert.source, 200)}*: "
            f"{headline(alert.url, title, bold=False)}")
    blocks: list[Block] = [_section(head)]
    notes = [_timestamp(alert.published), "stemmed source text" if alert.text_form == "stemmed"
             else "", f"_{cut_note(alert)}_" if alert.cut else ""]
    if any(notes):
        blocks.append(_context(" · ".join(n for n in notes if n)))
    figures_block = _figures_block(figures)
    if figures_block:
        blocks.append(figures_block)
    blocks.extend(_quote_blocks(quotes))
    text = _fallback(f"Also reported by {inline(alert.source, 200)}: {link(alert.url, title)}")
    return {"text": text, "blocks": _cap(blocks)}


def digest_message(alerts: Sequence[Alert]) -> Message:
    """Several alerts in one message: each one's headline, source and matched entities."""
    count = len(alerts)
    header = clip(f"{count} new alert{'s' if count != 1 else ''}", MAX_HEADER)
    blocks: list[Block] = [{"type": "header",
                            "text": {"type": "plain_text", "text": header, "emoji": True}}]
    room = MAX_BLOCKS - 2  # the header, and a closing line when some alerts do not fit
    shown = alerts if count <= MAX_BLOCKS - 1 else alerts[:room]
    for alert in shown:
        lines = [headline(alert.url, alert_title(alert)), _byline(alert)]
        lines += [" ".join(_entity_lines(alert, budget=900))]
        blocks.append(_section("\n".join(line for line in lines if line)))
    if len(shown) < count:
        blocks.append(_context(f"…and {count - len(shown)} more alerts not shown"))
    text = _fallback(header + ":", [f"• {alert_title(a)} ({a.source})" for a in alerts])
    return {"text": text, "blocks": _cap(blocks)}


def headline_message(alert: Alert) -> Message:
    """The alert as its title, linked, and its byline (``format = "headline"``)."""
    title = alert_title(alert)
    return {"text": _fallback(link(alert.url, title), [alert.source]),
            "blocks": [_section(headline(alert.url, title)), _context(_byline(alert))]}


def with_mention(message: Message, mentions: Sequence[str]) -> Message:
    """The message with the configured mentions in front, where Slack notifies them: the
    notification text and the first block. Mentions come from the config, never from a feed
    (``bot.delivery.alertstyle`` checks their form), so they are the only ``<!...>`` a message
    holds."""
    if not mentions:
        return message
    tokens = " ".join("<!here>" if m == "here" else m for m in mentions)
    return {"text": f"{tokens} {message['text']}",
            "blocks": _cap([_section(tokens), *message["blocks"]])}


def notice_message(notice: Alert) -> Message:
    """A notice about the bot itself (a feed paused or recovered): its title and lines."""
    title = inline(notice.title, MAX_TITLE)
    lines = [inline(line, MAX_SECTION // 2) for line in notice.extraction.summary]
    if notice.url:
        lines.append("Feed: " + link(notice.url, notice.url, MAX_URL))
    blocks = [_section(f":warning: *{title}*"), _section("\n".join(lines))] if lines else \
        [_section(f":warning: *{title}*")]
    return {"text": _fallback(title, notice.extraction.summary), "blocks": blocks}


def text_message(text: str, alert: Alert | None = None) -> Message:
    """A command reply: its text (escaped), then the alert it shows, if any."""
    blocks: list[Block] = [_section(clip_escaped(text, MAX_SECTION))] if text else []
    fallback = clip_escaped(text, MAX_FALLBACK)
    if alert is not None:
        rendered = alert_message(alert)
        blocks = _cap(blocks + rendered["blocks"])
        fallback = f"{clip_escaped(text, 1000)}\n{link(alert.url, alert_title(alert))}"
    return {"text": fallback, "blocks": blocks}


def _button(label: str, name: str, value: str, style: str | None = None) -> dict[str, Any]:
    button = {"type": "button", "action_id": ACTION_PREFIX + name, "value": value,
              "text": {"type": "plain_text", "text": clip(label, 75), "emoji": False}}
    if style:
        button["style"] = style
    return button


def with_actions(message: Message, alert_id: int) -> Message:
    """The message with the alert's buttons under it ("Mute this story", "Not relevant",
    "Unsubscribe topic"), each carrying the alert's id; within the block limit."""
    buttons = [_button(label, name, action_value(alert_id))
               for name, label in ACTION_LABELS.items()]
    blocks = _cap(message["blocks"], MAX_BLOCKS - 1)
    return {**message, "blocks": [*blocks, {"type": "actions", "block_id": ACTIONS_BLOCK,
                                            "elements": buttons}]}


def choices_message(text: str, choices: Sequence[Choice]) -> Message:
    """A question with its answers as buttons (the confirmation of an unsubscribe)."""
    buttons = [_button(c.label, c.name, c.value, "danger" if c.danger else None)
               for c in choices[:MAX_BUTTONS]]
    blocks: list[Block] = [_section(clip_escaped(text, MAX_SECTION))]
    if buttons:
        blocks.append({"type": "actions", "block_id": f"{ACTIONS_BLOCK}_confirm",
                       "elements": buttons})
    return {"text": clip_escaped(text, MAX_FALLBACK), "blocks": blocks}
