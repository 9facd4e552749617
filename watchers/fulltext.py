"""Full text for feeds that carry only a teaser: fetch the article page and keep its main text.

The page is fetched with the feeds' fetcher under a smaller size cap and an overall time limit,
and its main text is extracted with trafilatura (boilerplate, navigation and comments dropped).
Whatever goes wrong, the entry keeps its feed text and the log says why.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import trafilatura

from bot.errors import FetchError
from bot.logs import event
from bot.models import Entry
from watchers.fetch import Fetcher

__all__ = ["FullTextLimits", "extract_main_text", "with_full_text"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FullTextLimits:
    max_bytes: int = 5 * 1024 * 1024
    timeout: float = 20.0
    """Seconds for fetching and extracting one page."""
    concurrency: int = 4
    """Pages fetched at once for one feed."""
    poll_budget: float = 60.0
    """Seconds for all of one poll's pages: the entries whose pages are not read by then are
    alerted from the feed's own text, so one feed of slow pages cannot hold the poll."""


def extract_main_text(page: bytes | str, url: str | None = None,
                      title: str | None = None) -> str | None:
    """The main text of an HTML page, paragraphs separated by blank lines, or None.

    A first paragraph that repeats ``title`` (the page's headline) is left out, so that it is
    not read as the article's lead sentence.
    """
    text = trafilatura.extract(page, url=url, include_comments=False, include_tables=False,
                               favor_precision=True)
    if not text:
        return None
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    if title and len(paragraphs) > 1 and paragraphs[0] == title.strip():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


async def _full_text(fetcher: Fetcher, entry: Entry, limits: FullTextLimits) -> Entry:
    url = entry.link
    if not url or not url.startswith(("http://", "https://")):
        event(log, "fulltext.fallback", logging.WARNING, feed=entry.feed_id,
              entry=entry.entry_id, reason="no http link")
        return entry
    try:
        async with asyncio.timeout(limits.timeout):
            result = await fetcher.fetch(url, accept="text/html, application/xhtml+xml;q=0.9",
                                         max_bytes=limits.max_bytes)
            text = await asyncio.to_thread(extract_main_text, result.body or b"", result.url,
                                           entry.title)
    except FetchError as exc:
        reason = str(exc)
    except TimeoutError:
        reason = f"timed out after {limits.timeout:g} s"
    else:
        if text and len(text) > len(entry.text):
            return dataclasses.replace(entry, text=text)
        reason = "no main text found" if not text else "page text shorter than the feed text"
    event(log, "fulltext.fallback", logging.WARNING, feed=entry.feed_id, url=url, reason=reason)
    return entry


async def with_full_text(fetcher: Fetcher, entries: Sequence[Entry],
                         limits: FullTextLimits | None = None) -> list[Entry]:
    """The entries with their article pages' main text, or their feed text where that fails
    or the poll's time budget runs out first."""
    limits = limits or FullTextLimits()
    gate = asyncio.Semaphore(limits.concurrency)

    async def one(entry: Entry) -> Entry:
        async with gate:
            return await _full_text(fetcher, entry, limits)

    tasks = [asyncio.ensure_future(one(e)) for e in entries]
    if not tasks:
        return []
    _, late = await asyncio.wait(tasks, timeout=limits.poll_budget)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    if late:
        event(log, "fulltext.budget_spent", logging.WARNING, feed=entries[0].feed_id,
              budget=limits.poll_budget, pages_read=len(tasks) - len(late), left=len(late),
              effect="alerted from the feed's own text")
    return [entry if task in late else task.result() for entry, task in zip(entries, tasks,
                                                                             strict=True)]
