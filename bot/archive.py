"""The archive in the chat: what ``/news recent`` and ``/news search`` show, worked out from the
stored articles. Pure: arguments and stored values in, queries and text out.

Search words are never handed to a full-text engine as syntax. They are cut into words (letters
and digits) and each word, or each run of words the user put in double quotes, is written as a
quoted phrase, so that ``NEAR``, ``*``, ``-``, ``:`` or an unbalanced quote are just text:
nothing a user types can make SQLite's FTS5 or PostgreSQL's tsquery fail or change what is
matched beyond those words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.defang import defang
from bot.render import safe_link, shorten
from bot.storage.records import StoredArticle

__all__ = ["PAGE_SIZE", "RANKING", "RECENT_DEFAULT", "RECENT_MAX", "RECENT_SCAN", "Ranking",
           "SearchQuery", "StoryLine", "collapse_stories", "fts5_expression", "parse_recent",
           "parse_search", "recent_text", "search_text", "websearch_text"]

RECENT_DEFAULT = 5
RECENT_MAX = 25
"""Stories ``/news recent`` lists by default and at most (a chat reply stays readable)."""
RECENT_SCAN = 500
"""Latest alerts of a topic read to list its stories, and to count each story's others."""
PAGE_SIZE = 5
"""Search results per page."""
MAX_WORDS = 16
"""Words a search may have: more is a paste, not a search."""
MIN_CHARACTERS = 2
"""A search needs a word of at least this many characters: one letter matches everything."""

_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_PAGE = re.compile(r"\s+page\s+(\S+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Ranking:
    """How search results are ordered: a weighted sum of three parts, each between 0 and 1.

    - text: how well the words match (SQLite's BM25 over title, summary and quotes, and text;
      PostgreSQL's ``ts_rank`` over the same, weighted A, B and C), squashed as
      ``r / (r + text_half)`` so that a rank of ``text_half`` counts one half;
    - prominence: how prominent the article's strongest watched match is (headline 1, lead
      2/3, body 1/3, passing 0), so an article about a topic's names outranks one naming them
      in passing;
    - recency: ``1 / (1 + age / recency_half)``: one half at ``recency_half`` seconds old.
    """

    text: float = 0.5
    prominence: float = 0.2
    recency: float = 0.3
    recency_half: float = 7 * 86400.0
    bm25_half: float = 5.0
    """SQLite: BM25 (with the column weights below) whose part counts one half."""
    ts_rank_half: float = 0.3
    """PostgreSQL: ``ts_rank`` whose part counts one half."""
    title_weight: float = 10.0
    summary_weight: float = 4.0
    body_weight: float = 1.0
    """SQLite's BM25 weights per column; PostgreSQL weighs the same parts A, B and C."""


RANKING = Ranking()


@dataclass(frozen=True)
class SearchQuery:
    phrases: tuple[tuple[str, ...], ...]
    """Every phrase must be found; a phrase's words next to each other, in order."""
    page: int = 1

    @property
    def words(self) -> str:
        return " ".join(" ".join(p) if len(p) == 1 else '"' + " ".join(p) + '"'
                        for p in self.phrases)


def parse_search(args: str) -> SearchQuery | str:
    """The query in ``/news search`` arguments, "... page N" for a later page; or what is wrong
    with them."""
    text = args.strip()
    page = 1
    if found := _PAGE.search(" " + text):
        raw = found.group(1)
        if not raw.isdigit() or int(raw) < 1:
            return f"A page is a number from 1 up, not {raw!r}: search <words> page 2"
        page = int(raw)
        text = (" " + text)[:found.start()].strip()
    phrases = [tuple(words) for quoted in _PHRASE.findall(text) if (words := _words(quoted))]
    phrases += [(w,) for w in _words(_PHRASE.sub(" ", text))]
    words = sum(len(p) for p in phrases)
    if not phrases:
        return ("Search for what? Give some words: search <words> (\"quoted words\" are "
                "found together).")
    if words > MAX_WORDS:
        return f"That is {words} words; search with at most {MAX_WORDS}."
    if max(len(w) for p in phrases for w in p) < MIN_CHARACTERS:
        return f"Give a word of at least {MIN_CHARACTERS} letters or digits to search for."
    return SearchQuery(tuple(dict.fromkeys(phrases)), page)


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def fts5_expression(query: SearchQuery) -> str:
    """The query as an FTS5 MATCH expression: each phrase a double-quoted string (a quote
    inside is doubled, though words hold none), all of them required."""
    return " ".join('"' + " ".join(p).replace('"', '""') + '"' for p in query.phrases)


def websearch_text(query: SearchQuery) -> str:
    """The query for PostgreSQL's ``websearch_to_tsquery``, which never fails on its input:
    every phrase in double quotes, single words too, so that "or" and a leading "-" are words
    to find rather than its operators; all of them required."""
    return " ".join('"' + " ".join(p) + '"' for p in query.phrases)


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
    if total == 0:
        return f"Nothing stored matches {query.words}."
    if not hits:
        return (f"{query.words}: page {query.page} is past the end ({total} results, "
                f"{pages} {'page' if pages == 1 else 'pages'}).")
    first = (query.page - 1) * PAGE_SIZE + 1
    head = (f"{query.words}: {total} result{'s' if total != 1 else ''}, "
            f"{first}-{first + len(hits) - 1} shown (page {query.page} of {pages}):")
    body = [_line(h) for h in hits]
    if query.page < pages:
        body.append(f"More: search {query.words} page {query.page + 1}")
    return defang("\n".join([head, *body]))


def _line(article: StoredArticle) -> str:
    alert = article.alert
    topics = ", ".join(t.topic for t in alert.topics)
    title = shorten(alert.title or "(untitled)", 150)
    link = safe_link(alert.url)
    return (f"• {_when(article.created_at)} {title} ({alert.source}; {topics})"
            + (f" {link}" if link else ""))


def _when(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%d %H:%M")
