"""Plain-text rendering of alerts, follow-ups and digests: the console output and the
platforms' fallback text."""

from __future__ import annotations

import re
from collections.abc import Sequence

import yarl

from bot.defang import defang
from bot.fieldlimits import MAX_LINK, MAX_TEXT, MAX_TITLE
from bot.models import Alert, EntityKind, TopicMatch

__all__ = [
    "HEADLINE_CHARS", "KIND_LABELS", "QUOTE_CHARS", "clip", "count", "cut_note", "entities_by_kind",
    "alert_title", "link_host",
    "match_notes", "render_digest", "render_followup", "render_headline", "render_notice",
    "render_text", "safe_link", "shorten", "span", "summary_text",
]

QUOTE_CHARS = 300
HEADLINE_CHARS = 120  # a title made from the lead, for an article that has none
"""Longest quote shown in full; longer ones are cut at a word with an ellipsis."""

KIND_LABELS: dict[EntityKind, str] = {
    "person": "People",
    "organization": "Organizations",
    "event": "Events",
}


_ENDS_SENTENCE = re.compile(r"[.!?:;…][\s\"'”’)\]]*$")


def summary_text(sentences: Sequence[str]) -> str:
    """The summary's sentences as one paragraph. A sentence with no closing stop (a standfirst
    set as a paragraph of its own, a title-only entry's title) gets one, so that it does not
    run on into the next: "... posted video of attack on Facebook. The French government ..."."""
    return " ".join(
        s if _ENDS_SENTENCE.search(s) or i == len(sentences) - 1 else s + "."
        for i, s in enumerate(sentences)
    )


def entities_by_kind(topics: tuple[TopicMatch, ...]) -> dict[EntityKind, list[str]]:
    """Matched entity names grouped by kind, each once, in kind order, with counts over 1."""
    grouped: dict[EntityKind, dict[str, int]] = {k: {} for k in KIND_LABELS}
    for topic in topics:
        for match in topic.matches:
            names = grouped[match.kind]
            names[match.name] = max(names.get(match.name, 0), match.count)
    return {kind: [f"{n} ({c})" if c > 1 else n for n, c in names.items()]
            for kind, names in grouped.items() if names}


_PROMINENCE_NOTES = {"headline": "in the headline", "lead": "in the lead", "body": "in the body",
                     "passing": "in passing"}


def match_notes(topics: tuple[TopicMatch, ...]) -> list[str]:
    """How prominent each match is, and the mentions that name a person only once resolved:
    "Gordon Brown: in the headline; Mr Brown → Gordon Brown", then the events ("fined: in
    passing", a fine recalled as background), so a desk sees why even an alert on events alone
    went out."""
    notes: dict[str, str] = {}
    matches = [m for topic in topics for m in topic.matches]
    for match in sorted(matches, key=lambda m: m.kind == "event"):
        if match.name not in notes:
            notes[match.name] = "; ".join(
                [f"{match.name}: {_PROMINENCE_NOTES[match.prominence]}", *match.resolved[:3]])
    return list(notes.values())


def safe_link(url: str | None) -> str | None:
    """``url`` (without surrounding blanks) when it may be shown as a link: an http(s) URL with
    a plain host, within the length limit, without control characters; None for anything else
    (``javascript:``, ``data:``, a relative or mangled link), which is then shown as no link."""
    url = (url or "").strip()
    if not url or len(url) > MAX_LINK or not url.replace(" ", "").isprintable():
        return None
    try:
        parsed = yarl.URL(url)
        host = parsed.raw_host
    except (ValueError, UnicodeError):
        return None
    if parsed.scheme.lower() not in ("http", "https") or not host or "%" in host:
        return None
    return url


def link_host(url: str | None) -> str | None:
    """The host a link really goes to, as readers should see it beside the title: lowercase,
    without "www.", and in its ASCII (punycode) form, so a look-alike domain shows as one."""
    link = safe_link(url)
    if link is None:
        return None
    return (yarl.URL(link).raw_host or "").lower().removeprefix("www.")


def cut_note(alert: Alert) -> str | None:
    """What of the entry was left unread, when the feed gave more than the bot reads."""
    if not alert.cut:
        return None
    fields = " and ".join({"title": f"title (over {MAX_TITLE:,} characters)",
                           "text": f"text (over {MAX_TEXT:,} characters)"}.get(f, f)
                          for f in alert.cut)
    return f"The feed's {fields} was cut: only its start was read."


def render_text(alert: Alert) -> str:
    """The alert as plain text; feed-supplied text can neither ping nor control a terminal."""
    lines = [_titled(alert)]
    meta = [alert.source]
    if alert.published:
        meta.append(alert.published.strftime("%Y-%m-%d %H:%M UTC"))
    lines.append(" · ".join(meta))
    if safe_link(alert.url):
        lines.append(alert.url)
    lines.append("Matched " + ", ".join(t.topic for t in alert.topics) + ": " + "; ".join(
        f"{KIND_LABELS[k]}: {', '.join(v)}" for k, v in entities_by_kind(alert.topics).items()))
    notes = match_notes(alert.topics)
    if notes:
        lines.append("Why: " + " · ".join(notes))
    extraction = alert.extraction
    if extraction.summary:
        note = " (source text is stemmed)" if alert.text_form == "stemmed" else ""
        lines.append(f"Summary{note}: " + summary_text(extraction.summary))
    if extraction.figures:
        lines.append("Figures:")
        lines.extend(f"  • {f.text}" for f in extraction.figures)
    if extraction.quotes:
        lines.append("Quotes:")
        lines.extend(f"  • “{shorten(q.text, QUOTE_CHARS)}” — {q.speaker or 'speaker unknown'}"
                     for q in extraction.quotes)
    note = cut_note(alert)
    if note:
        lines.append(note)
    return defang("\n".join(lines))


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis when it was cut (for
    platform limits, where a cut mid-word is better than a failed post)."""
    if len(text) <= limit:
        return text
    return text[:max(0, limit - 1)].rstrip() + "…"


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"


def _source_line(alert: Alert) -> str:
    meta = [alert.source]
    if alert.published:
        meta.append(alert.published.strftime("%Y-%m-%d %H:%M UTC"))
    if alert.text_form == "stemmed":
        meta.append("stemmed text")
    return " · ".join(meta)


def render_followup(alert: Alert) -> str:
    """A later article of a story already posted: the reply under the first alert, naming the
    new source and only the figures and quotes the story did not have yet."""
    lines = [f"Also reported by {_source_line(alert)}: {_titled(alert)}"]
    if safe_link(alert.url):
        lines.append(alert.url)
    if alert.extraction.figures:
        lines.append("New figures: " + "; ".join(f.text for f in alert.extraction.figures))
    for quote in alert.extraction.quotes:
        lines.append(f"New quote: “{shorten(quote.text, QUOTE_CHARS)}” — "
                     f"{quote.speaker or 'speaker unknown'}")
    note = cut_note(alert)
    if note:
        lines.append(note)
    return defang("\n".join(lines))


def render_headline(alert: Alert) -> str:
    """The alert as its title, source and link only (``format = "headline"``)."""
    lines = [_titled(alert), _source_line(alert)]
    if safe_link(alert.url):
        lines.append(alert.url)
    return defang("\n".join(lines))


def render_notice(notice: Alert) -> str:
    """A notice about the bot itself (a feed paused or recovered): its title and lines."""
    lines = [notice.title, *notice.extraction.summary]
    if notice.url:
        lines.append(f"Feed: {notice.url}")
    return defang("\n".join(lines))


def render_digest(alerts: Sequence[Alert]) -> str:
    """Several alerts in one message: one line each with its source, topics and link."""
    count = len(alerts)
    lines = [f"{count} alert{'s' if count != 1 else ''}:"]
    for alert in alerts:
        topics = ", ".join(t.topic for t in alert.topics)
        line = f"• {alert_title(alert)} ({alert.source}; {topics})"
        lines.append(line + (f" {alert.url}" if safe_link(alert.url) else ""))
    return defang("\n".join(lines))


def span(seconds: float) -> str:
    """A length of time as status lines give it: "45s", "12m", "3.5h", "2.0d"."""
    if seconds < 90:
        return f"{int(seconds)}s"
    if seconds < 5400:
        return f"{int(seconds // 60)}m"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f}h"
    return f"{seconds / 86400:.1f}d"


def alert_title(alert: Alert) -> str:
    """The title; for an article that has none (a text whose first paragraph is a photo
    caption or its lead), the first sentence of its summary, cut to a headline's length."""
    if alert.title:
        return alert.title
    summary = alert.extraction.summary
    return shorten(summary[0], HEADLINE_CHARS) if summary else "(untitled)"


def _titled(alert: Alert) -> str:
    """The title, and in brackets the host its link goes to."""
    host = link_host(alert.url)
    return alert_title(alert) + (f" ({host})" if host else "")


def count(n: int, noun: str) -> str:
    """``n`` and the noun in the right number: "1 feed", "2 feeds", "3 entities"."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"
