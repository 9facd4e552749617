"""Which quotes an alert shows: the story's headline quote and what the people the alert is
about said first, then one quote from each other named speaker, then their further quotes, then
unattributed ones, each step taking statements before a few words woven into a sentence; shown
in the article's order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.quotes import FoundQuote
from bot.extract.wordfind import has_word
from bot.models import TextForm, TopicMatch

__all__ = ["choose_quotes", "worth_showing"]

_WORD = re.compile(r"\w[\w'’-]*")
_STATEMENT = 4
"""Words a quote needs to be shown: fewer make a phrase, not a statement."""
_FRAGMENT = 5
"""Words at most of a fragment no one is said to speak that is not shown."""
_PARTIAL = 8
"""Words at most of a partial quote, taken after the statements."""


def worth_showing(quote: FoundQuote, in_lead: bool = False) -> bool:
    """Whether an alert shows a quote: a statement rather than a phrase. A quote of three
    words or fewer is a phrase ("margins of society", "early Christmas present") unless the
    lead puts it in quotation marks as the story's words ("Tony Blair has promised that
    “sport is back”"); and a fragment of five words or fewer opening in lowercase with no one
    said to speak it is a set phrase or a name ("based on “ripped from the headlines”",
    "the ability to ‘pay with your name.’"), no one's words to a reader."""
    size = len(quote.text.split())
    if size < _STATEMENT:
        return in_lead
    return bool(quote.speaker) or size > _FRAGMENT or not quote.text[:1].islower()


def choose_quotes(
    quotes: Sequence[FoundQuote],
    limit: int,
    topics: Sequence[TopicMatch] = (),
    highlights: Sequence[str] = (),
    form: TextForm = "raw",
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
    taken: list[str] = []  # the words of the quotes taken, lowercased

    def take(quote: FoundQuote) -> bool:
        # the same words quoted twice ("said “throughout this process ...”" and, paragraphs
        # on, "“Throughout this process ...”"), or a part of them, are shown once, as first
        # taken, whoever they are given to
        words = f" {' '.join(_WORD.findall(quote.text.lower()))} "
        if quote in first or any(words in other or other in words for other in taken):
            return False
        first.append(quote)
        taken.append(words)
        return True

    for quote in quotes:
        text = quote.text.lower()
        if any(has_word(text, m) for m in marks):
            take(quote)
    # A few words woven into the writer's sentence ("insisted he had been involved in “all
    # decisions at all times”") tell less than a statement: statements are taken first (in
    # raw text, where a capital tells one from the other).
    if form == "raw":
        quotes = sorted(quotes, key=_partial)
    for quote in quotes:
        # "Gary Lightbody and Jonny Quinn": either of two speaking together
        if quote.speaker and {_surname(n) for n in quote.speaker.split(" and ")} & people:
            take(quote)
            break
    seen = {q.speaker for q in first if q.speaker}
    more = []
    for quote in quotes:
        if quote.speaker and quote.speaker not in seen:
            if take(quote):
                seen.add(quote.speaker)
        elif quote.speaker:
            more.append(quote)
    for quote in more + [q for q in quotes if not q.speaker]:
        take(quote)
    return sorted(first[:limit], key=lambda q: q.spans[0][0])


def _partial(quote: FoundQuote) -> bool:
    """Whether a quote is a few words woven into a sentence: it opens in lowercase and is no
    longer than a clause."""
    return quote.text[:1].islower() and len(quote.text.split()) <= _PARTIAL


def _surname(name: str) -> str:
    words = _WORD.findall(name.lower())
    return words[-1] if words else ""
