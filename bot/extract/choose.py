"""Which quotes an alert shows: the story's headline quote and what the people the alert is
about said first, then one quote from each other named speaker, then their further quotes, then
unattributed ones; shown in the article's order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.quotes import FoundQuote
from bot.models import TopicMatch

__all__ = ["choose_quotes"]

_WORD = re.compile(r"\w[\w'’-]*")


def choose_quotes(
    quotes: Sequence[FoundQuote],
    limit: int,
    topics: Sequence[TopicMatch] = (),
    highlights: Sequence[str] = (),
) -> list[FoundQuote]:
    """Up to ``limit`` of ``quotes``. ``highlights`` are the words the headline and the lead
    quote ("despicable"): a quote that holds one is the story's headline quote."""
    people = {
        _surname(m.name)
        for t in topics
        for m in t.matches
        if m.kind == "person"
    } | {_surname(e) for t in topics for m in t.matches if m.kind == "person" for e in m.evidence}
    marks = [h.lower() for h in highlights if h.strip()]
    first: list[FoundQuote] = []

    def take(quote: FoundQuote) -> None:
        if quote not in first:
            first.append(quote)

    for quote in quotes:
        text = quote.text.lower()
        if any(re.search(rf"(?<!\w){re.escape(m)}(?!\w)", text) for m in marks):
            take(quote)
    for quote in quotes:
        if quote.speaker and _surname(quote.speaker) in people:
            take(quote)
            break
    seen = {q.speaker for q in first if q.speaker}
    more = []
    for quote in quotes:
        if quote.speaker and quote.speaker not in seen:
            seen.add(quote.speaker)
            take(quote)
        elif quote.speaker:
            more.append(quote)
    for quote in more + [q for q in quotes if not q.speaker]:
        take(quote)
    return sorted(first[:limit], key=lambda q: q.spans[0][0])


def _surname(name: str) -> str:
    words = _WORD.findall(name.lower())
    return words[-1] if words else ""
