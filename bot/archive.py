"""The archive in the chat: what ``/news recent`` and ``/news search`` show, worked out from the
stored articles (pure: stored values in, text out). The query and the ranking are
``bot.searchquery``'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.defang import defang
from bot.render import alert_title, safe_link, shorten
from bot.searchquery import PAGE_SIZE, SearchQuery
from bot.storage.records import StoredArticle

__all__ = ["RECENT_DEFAULT", "RECENT_MAX", "RECENT_SCAN", "StoryLine", "collapse_stories",
           "parse_recent", "recent_text", "search_text"]

RECENT_DEFAULT = 5
RECENT_MAX = 25
"""Stories ``/news recent`` lists by default and at most (a chat reply stays readable)."""
RECENT_SCAN = 500
"""Latest alerts of a topic read to list its stories, and to count each story's others."""


def parse_recent(args: str, topics: Sequence[str]) -> tuple[str, int] | str:
    """The topic and how many stories ``/news recent <topic> [n]`` asks for; or what is wrong."""
    parts = args.split()
    if not parts:
        return f"Which topic? recent <topic> [n]; topics: {', '.join(topics)}"
    if parts[0] not in topics:
        return f"There is no topic {parts[0]!r}. Choose one of: {', '.join(topics)}"
    if len(parts) > 2:
        return "recent takes a topic and a number: recent <topic> [n]"
    if len(parts) == 1:
        return parts[0], RECENT_DEFAULT
    if not parts[1].isdigit() or not 1 <= int(parts[1]) <= RECENT_MAX:
        return f"The number of stories is 1 to {RECENT_MAX}, not {parts[1]!r}."
    return parts[0], int(parts[1])


@dataclass(frozen=True)
class StoryLine:
    """One story of a topic: its latest alert, and how many others of it were read."""

    latest: StoredArticle
    more: int = 0


def collapse_stories(articles: Sequence[StoredArticle], most: int) -> list[StoryLine]:
    """The ``most`` latest stories among ``articles`` (newest first): an alert outside any
    story is a story of its own; a threaded story is one line, with the count of its others."""
    lines: dict[object, StoryLine] = {}
    for article in articles:
        key = ("alert", article.alert_id) if article.story_id is None else article.story_id
        line = lines.get(key)
        if line is None:
            if len(lines) < most:
                lines[key] = StoryLine(article)
        else:
            lines[key] = StoryLine(line.latest, line.more + 1)
    return list(lines.values())


def recent_text(topic: str, lines: Sequence[StoryLine]) -> str:
    """One line per story, times in UTC."""
    if not lines:
        return f"No alerts for {topic!r} are stored yet."
    head = f"The last {len(lines)} {'story' if len(lines) == 1 else 'stories'} of {topic!r}:"
    body = []
    for line in lines:
        more = f" (+{line.more} more in this story)" if line.more else ""
        body.append(_line(line.latest) + more)
    return defang("\n".join([head, *body]))


def search_text(query: SearchQuery, hits: Sequence[StoredArticle], total: int) -> str:
    """A page of results, best first, and how to ask for the next one."""
    pages = max(1, -(-total // PAGE_SIZE))
    left_out = (f" ({', '.join(query.common)}: too common to search for, left out)"
                if query.common else "")
    if total == 0:
        return f"Nothing stored matches {query.words}{left_out}."
    if not hits:
        return (f"{query.words}: page {query.page} is past the end ({total} results, "
                f"{pages} {'page' if pages == 1 else 'pages'}).")
    first = (query.page - 1) * PAGE_SIZE + 1
    head = (f"{query.words}{left_out}: {total} result{'s' if total != 1 else ''}, "
            f"{first}-{first + len(hits) - 1} shown (page {query.page} of {pages}):")
    body = [_line(h) for h in hits]
    if query.page < pages:
        body.append(f"More: search {query.words} page {query.page + 1}")
    return defang("\n".join([head, *body]))


def _line(article: StoredArticle) -> str:
    alert = article.alert
    topics = ", ".join(t.topic for t in alert.topics)
    title = shorten(alert_title(alert), 150)
    link = safe_link(alert.url)
    return (f"• {_when(article.created_at)} {title} ({alert.source}; {topics})"
            + (f" {link}" if link else ""))


def _when(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M")
