"""What ``/news search`` looks for, and how its results are ranked. Pure: the words typed
in, a query each full-text engine takes out.

Search words are never handed to a full-text engine as syntax. They are cut into words (letters
and digits) and each word, or each run of words the user put in double quotes, is written as a
quoted phrase, so that ``NEAR``, ``OR``, ``*``, ``-``, ``:`` or an unbalanced quote are just
text: nothing a user types can make SQLite's FTS5 or PostgreSQL's tsquery fail, or change what
is matched beyond those words. A single word is looked for in its other inflections too
(``bot.searchwords``): the forms are OR-ed, each a quoted phrase again, and every word is still
required; the OR and the grouping are written here, never taken from the user. Words too
common for PostgreSQL's index are left out of a search on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.searchwords import STOP_WORDS, porter_stem, snowball_stem, word_forms

__all__ = ["PAGE_SIZE", "RANKING", "RANK_WINDOW", "Ranking", "SearchQuery", "fts5_expression",
           "parse_search", "websearch_groups"]

PAGE_SIZE = 5
"""Search results per page."""
RANK_WINDOW = 1000
"""How many of the newest matches of a search are ranked (more when a later page needs
them): ranking every match of a common word costs a score per article, and one among the
thousand newest matches is what a news search wants."""
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
    """Every phrase must be found; a phrase's words next to each other, in order; a phrase of
    one word in any of its inflections."""
    page: int = 1
    common: tuple[str, ...] = ()
    """Words typed but left out of the search as too common (``STOP_WORDS``)."""

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
    common = [p for p in dict.fromkeys(phrases) if STOP_WORDS.issuperset(p)]
    phrases = [p for p in dict.fromkeys(phrases) if p not in common]
    if not phrases:
        said = " ".join(" ".join(p) if len(p) == 1 else '"' + " ".join(p) + '"'
                        for p in common)
        one = len(common) == 1 and len(common[0]) == 1
        return (f"{said}: {'that word is' if one else 'those words are'} too common to search "
                "for. Add a less common word: search <words>.")
    if max(len(w) for p in phrases for w in p) < MIN_CHARACTERS:
        return f"Give a word of at least {MIN_CHARACTERS} letters or digits to search for."
    return SearchQuery(tuple(phrases), page, tuple(" ".join(p) for p in common))


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def fts5_expression(query: SearchQuery) -> str:
    """The query as an FTS5 MATCH expression: each phrase a double-quoted string (a quote
    inside is doubled, though words hold none), a word's forms OR-ed in parentheses, all of
    them required (AND: FTS5 takes no implicit AND after a parenthesis)."""
    return " AND ".join(_fts5_group(g) for g in _groups(query, porter_stem))


def _fts5_group(group: tuple[str, ...]) -> str:
    quoted = ['"' + text.replace('"', '""') + '"' for text in group]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def websearch_groups(query: SearchQuery) -> tuple[tuple[str, ...], ...]:
    """The query for PostgreSQL's ``websearch_to_tsquery``, which never fails on its input: per
    phrase, every text that may match it (a word's forms), each in double quotes, single words
    too, so that "or" and a leading "-" are words to find rather than its operators. The
    store ORs a group's queries and requires every group, in SQL."""
    return tuple(tuple(f'"{text}"' for text in group)
                 for group in _groups(query, snowball_stem))


def _groups(query: SearchQuery, stem: Callable[[str], str]) -> list[tuple[str, ...]]:
    return [word_forms(p[0], stem) if len(p) == 1 else (" ".join(p),) for p in query.phrases]
