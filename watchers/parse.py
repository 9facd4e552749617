"""Feed bytes -> normalized entries: lxml for plain, well-formed RSS and Atom (watchers/feedxml.py),
the JSON Feed reader for a body that is a JSON object (watchers/jsonfeed.py), feedparser for every
other feed. feedparser's dictionaries never leave this module."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import feedparser
from lxml import etree

from bot.fieldlimits import MAX_ID, MAX_LINK, MAX_TEXT, MAX_TITLE, cut, cut_raw
from bot.models import Entry
from watchers.feedxml import RawItem, read_feed, utc_datetime
from watchers.htmltext import html_to_text
from watchers.items import DIGEST_SIZE, split_items
from watchers.jsonfeed import JsonFeedError, looks_like_json, read_json_feed

__all__ = ["ParsedFeed", "parse_feed", "parse_feed_changes", "parse_with_feedparser"]

MAX_ENTRIES = 500

# Raised for feeds that parse completely: a missing or generic Content-Type, or a declared
# encoding that feedparser had to correct.
_HARMLESS = (feedparser.NonXMLContentType, feedparser.CharacterEncodingOverride)


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[Entry, ...]
    problem: str | None = None
    """Why the feed was not well-formed, when feedparser had to recover; None when it was."""
    item_digests: bytes = b""
    """The digests of the body's items (see ``parse_feed_changes``); empty when not known."""
    partial: bool = False
    """Whether ``entries`` are only the items new or edited since the digests given."""


def parse_feed(data: bytes, base_url: str, feed_id: str, content_type: str | None = None,
               max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    """Parse RSS, Atom or JSON Feed ``data`` fetched from ``base_url`` into at most
    ``max_entries`` entries.

    Entries keep the feed's order (newest first in most feeds). A feed that is not well-formed
    is parsed as far as possible, and the problem is returned alongside.
    """
    if looks_like_json(data):
        return _parse_json_feed(data, base_url, feed_id, max_entries)
    if data[:1].isspace() and data.lstrip().startswith(b"<?xml"):
        # Whitespace before the XML declaration (a stray newline from a template) makes it
        # not well-formed, for nothing: without it the same document parses cleanly.
        data = data.lstrip()
    fast = read_feed(data, base_url, content_type, max_entries)
    if fast is None:
        return parse_with_feedparser(data, base_url, feed_id, content_type, max_entries)
    entries = (_entry(item, feed_id) for item in fast.items)
    return ParsedFeed(html_to_text(fast.title) or None,
                      tuple(e for e in entries if e is not None))


def parse_with_feedparser(data: bytes, base_url: str, feed_id: str,
                          content_type: str | None = None,
                          max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    """``parse_feed`` by feedparser alone, which reads any feed, broken ones included."""
    headers = {"content-location": base_url}
    if content_type:
        headers["content-type"] = content_type
    # Entry links are resolved against the base URL either way. The links inside entry HTML
    # are not needed (entries keep their plain text), and resolving them re-parses every HTML
    # block: about 40% of the parsing time.
    try:
        parsed = feedparser.parse(_CHARREF.sub(_safe_charref, data), response_headers=headers,
                                  sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # a parser bug on one document must not stop a poll
        return ParsedFeed(None, (), f"unreadable feed ({type(exc).__name__}: {exc})")
    problem = None
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, _HARMLESS):
        problem = f"{type(exc).__name__}: {exc}" if exc else "not well-formed"
    entries = []
    captions = _media_captions(data)
    for raw in parsed.entries[:max_entries]:
        entry = _entry(_raw_item(raw, captions), feed_id)
        if entry is not None:
            entries.append(entry)
    title = html_to_text(parsed.feed.get("title", "")) or None
    if not entries and not parsed.get("version"):
        problem = "not an RSS or Atom feed" + (f" ({problem})" if problem else "")
    return ParsedFeed(title, tuple(entries), problem)


def parse_feed_changes(data: bytes, base_url: str, feed_id: str,
                       content_type: str | None = None, known: bytes = b"",
                       max_entries: int = MAX_ENTRIES) -> ParsedFeed:
    """Parse only the items of ``data`` that are not among ``known``, the ``item_digests`` of the
    body parsed last time; every item when ``known`` is empty.

    Items byte for byte the same as last time were parsed then, and their entries seen, so the
    entries returned are the new and the edited ones. When the body cannot be cut into items,
    or the smaller document does not parse cleanly into one entry per item, the whole body is
    parsed.
    """
    parts = None if looks_like_json(data) else split_items(data)
    if parts is None:
        return parse_feed(data, base_url, feed_id, content_type, max_entries)
    digests = parts.digests
    joined = b"".join(digests)
    old = {known[i:i + DIGEST_SIZE] for i in range(0, len(known), DIGEST_SIZE)}
    fresh = [i for i, digest in enumerate(digests) if digest not in old]
    if not fresh:
        return ParsedFeed(None, (), None, joined)
    if len(fresh) < len(digests):
        partial = parse_feed(parts.document(fresh), base_url, feed_id, content_type,
                             max_entries)
        if partial.problem is None and len(partial.entries) == len(fresh):
            return ParsedFeed(partial.title, partial.entries, None, joined, partial=True)
    whole = parse_feed(data, base_url, feed_id, content_type, max_entries)
    return ParsedFeed(whole.title, whole.entries, whole.problem, joined)


def _parse_json_feed(data: bytes, base_url: str, feed_id: str, max_entries: int) -> ParsedFeed:
    try:
        feed = read_json_feed(data, base_url, max_entries)
    except JsonFeedError as exc:
        return ParsedFeed(None, (), str(exc))
    entries = (_entry(item, feed_id) for item in feed.items)
    return ParsedFeed(html_to_text(feed.title) or None,
                      tuple(e for e in entries if e is not None))


_MEDIA_RSS = b"http://search.yahoo.com/mrss/"
_CHARREF = re.compile(rb"&#(x[0-9a-fA-F]+|[0-9]+);")


def _safe_charref(match: re.Match[bytes]) -> bytes:
    """A character reference Python can encode; U+FFFD for surrogates and out-of-range codes,
    on which feedparser's recovering parser raises."""
    ref = match.group(1)
    code = int(ref[1:], 16) if ref[:1] == b"x" else int(ref)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group(0)


def _media_captions(data: bytes) -> frozenset[str]:
    """The texts of the media:description elements of a document feedparser reads, as
    ``_plain`` gives them: feedparser keeps them as summaries with nothing to tell them apart,
    so they are read again here, by lxml recovering what it can of a broken document."""
    if _MEDIA_RSS not in data:
        return frozenset()
    try:
        root = etree.fromstring(data, etree.XMLParser(recover=True, resolve_entities=False,
                                                      no_network=True, huge_tree=False))
    except etree.LxmlError:
        return frozenset()
    if root is None:
        return frozenset()
    return frozenset(_plain("".join(e.itertext()))
                     for e in root.iter(f"{{{_MEDIA_RSS.decode()}}}description"))


def _plain(text: str) -> str:
    return " ".join(html_to_text(text).split())


def _raw_item(raw: Any, captions: frozenset[str] = frozenset()) -> RawItem:
    """The fields of one of feedparser's entries that an ``Entry`` is made of."""
    texts = [c.get("value", "") for c in raw.get("content", []) or []]
    texts.append(raw.get("summary", "") or "")
    # dict.get: feedparser's own get() maps a missing published to updated, with a warning.
    dates = {key: utc_datetime(dict.get(raw, f"{key}_parsed"))
             for key in ("published", "updated", "created")}
    return RawItem(title=raw.get("title", "") or "", link=raw.get("link") or None,
                   guid=raw.get("id") or None, texts=texts, dates=dates,
                   captions=[t for t in texts if captions and _plain(t) in captions])


def _entry(raw: RawItem, feed_id: str) -> Entry | None:
    """One entry, each field within its limit (``bot.fieldlimits``) before anything reads it."""
    raw_title, title_cut = cut_raw(raw.title, MAX_TITLE)
    title, cut_more = cut(html_to_text(raw_title), MAX_TITLE)
    title_cut = title_cut or cut_more
    # The longest of the entry's content blocks and summary, as plain text. A media:description
    # tells of the item's picture ("A job fair in Brighton, Colo., on Dec. 14."): the item's
    # own description or content is its text when it has one, even a shorter one; a video's
    # description is its only text and stays.
    texts = [t for t in raw.texts if t.strip() and t not in raw.captions] or raw.texts
    raw_text, text_cut = cut_raw(max(texts, key=len), MAX_TEXT) if texts else ("", False)
    text, cut_more = cut(html_to_text(raw_text), MAX_TEXT)
    text_cut = text_cut or cut_more
    link = raw.link or None
    guid = raw.guid[:MAX_ID] if raw.guid else None
    if not (title or text or link):
        return None
    if guid:
        entry_id = guid
    elif link:
        entry_id = link
    else:
        entry_id = "sha1:" + hashlib.sha1(f"{title}\n{text}".encode()).hexdigest()
    return Entry(
        feed_id=feed_id,
        entry_id=entry_id[:MAX_ID],
        title=title,
        link=link if link is None or len(link) <= MAX_LINK else None,
        published=raw.published,
        text=text,
        guid=guid,
        cut=tuple(name for name, was_cut in (("title", title_cut), ("text", text_cut))
                  if was_cut),
    )
