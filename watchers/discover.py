"""Finding the feeds of a site from its address, through the guarded fetcher.

The address may be a feed already. Otherwise its page is read for the feeds it advertises
(``<link rel="alternate" type="application/rss+xml" href=...>``, and Atom and JSON Feed), and
when it advertises none, the paths where sites most often keep a feed are tried. A candidate
counts only when it parses as a feed with entries or without a problem.
"""

from __future__ import annotations

import asyncio
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser

from bot.errors import FetchError
from watchers.fetch import Fetcher
from watchers.parse import ParsedFeed, parse_feed

__all__ = ["COMMON_PATHS", "FoundFeed", "advertised_feeds", "discover_feeds"]

FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json",
                        "application/json", "application/rdf+xml", "application/xml",
                        "text/xml"})
COMMON_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml",
                "/feed.json", "/feeds/posts/default", "/?feed=rss2")
MAX_PAGE_BYTES = 2 * 1024 * 1024
"""A page or candidate read for discovery; feeds themselves are read with the feed limit."""
MAX_ADVERTISED = 20


@dataclass(frozen=True)
class FoundFeed:
    url: str
    title: str | None
    entries: int


class _LinkReader(HTMLParser):
    """Collects the feed links of a page's ``<link>`` elements (in the head or not: pages put
    them anywhere)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or len(self.links) >= MAX_ADVERTISED:
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href", "").strip():
            self.links.append((values["href"].strip(), values.get("title") or None))


def advertised_feeds(page: str, base_url: str) -> list[tuple[str, str | None]]:
    """(absolute URL, title) of every feed the page advertises, each once, in page order."""
    reader = _LinkReader()
    reader.feed(page)
    reader.close()
    seen: set[str] = set()
    out = []
    for href, title in reader.links:
        url = urllib.parse.urljoin(base_url, href)
        if urllib.parse.urlsplit(url).scheme in ("http", "https") and url not in seen:
            seen.add(url)
            out.append((url, title))
    return out


async def discover_feeds(fetcher: Fetcher, url: str) -> list[FoundFeed]:
    """The feeds at or advertised by ``url``; FetchError when the address itself cannot be
    fetched. Candidates that fail are left out."""
    result = await fetcher.fetch(url, accept="text/html, application/rss+xml, "
                                 "application/atom+xml, application/feed+json, */*;q=0.5",
                                 max_bytes=MAX_PAGE_BYTES)
    body = result.body or b""
    itself = _as_feed(parse_feed(body, result.url, "discover", result.content_type))
    if itself is not None:
        return [FoundFeed(result.url, itself.title, len(itself.entries))]
    page = body.decode("utf-8", errors="replace")
    candidates = advertised_feeds(page, result.url)
    if not candidates:
        root = urllib.parse.urljoin(result.url, "/")
        candidates = [(urllib.parse.urljoin(root, path.lstrip("/")), None)
                      for path in COMMON_PATHS]
    found = await asyncio.gather(*(_try(fetcher, u, t) for u, t in candidates))
    unique: dict[str, FoundFeed] = {}
    for feed in found:
        if feed is not None and feed.url not in unique:
            unique[feed.url] = feed
    return list(unique.values())


async def _try(fetcher: Fetcher, url: str, title: str | None) -> FoundFeed | None:
    try:
        result = await fetcher.fetch(url, max_bytes=MAX_PAGE_BYTES)
    except FetchError:
        return None
    parsed = _as_feed(parse_feed(result.body or b"", result.url, "discover",
                                 result.content_type))
    if parsed is None:
        return None
    return FoundFeed(result.url, parsed.title or title, len(parsed.entries))


def _as_feed(parsed: ParsedFeed) -> ParsedFeed | None:
    """The parse, when the body was a feed: entries, or an empty feed that parsed cleanly."""
    if parsed.entries or parsed.problem is None:
        return parsed
    return None
