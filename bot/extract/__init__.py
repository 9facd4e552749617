"""Alert content: a short summary, the key figures and the quotes, as pure functions of text."""

from __future__ import annotations

import time
from collections.abc import Sequence

from bot.extract.figures import find_figures
from bot.extract.marks import paragraphs, quoted_spans
from bot.extract.quotes import FoundQuote, find_quotes
from bot.extract.sentences import split_sentences
from bot.extract.summary import summarize
from bot.models import Article, Extraction, TopicMatch

__all__ = ["extract"]

MAX_FIGURES = 5
MAX_QUOTES = 4
BUDGET = 2.0
"""Seconds of analysis per article before figures and quotes are given up."""


def extract(article: Article, topics: Sequence[TopicMatch] = (), *,
            budget: float = BUDGET) -> Extraction:
    """The summary, key figures and quotes of ``article``; ``topics`` steer the summary towards
    the sentences that name what matched. Figures are read from the title and the text.

    Past ``budget`` seconds after a step (the text is cut to a size that takes well under one,
    see ``bot.fieldlimits``; this guards against a text slow in a way no limit foresaw), the
    steps left are skipped: the alert goes out with its summary, and its quotes when they were
    found in time, rather than late."""
    started = time.perf_counter()
    text, form = article.text, article.text_form
    blocks = paragraphs(text)
    spans = quoted_spans(text, form, blocks)
    sentences = split_sentences(text, form, blocks, spans)
    summary = summarize(text, sentences, topics, [text[b.start : b.end] for b in blocks])
    if time.perf_counter() - started > budget:
        return Extraction(summary=summary)
    # Quotes of three words are kept only with a speaker ("“deeply unhelpful development”").
    found = [
        q
        for q in find_quotes(text, form, blocks, spans, sentences)
        if len(q.text.split()) >= 4 or q.speaker
    ]
    # A phrase quoted again inside a longer quote is shown once, in the longer one.
    quotes = [q for q in found if not any(q.text in o.text and q is not o for o in found)]
    chosen = tuple(q.as_quote() for q in sorted(_choose(quotes, MAX_QUOTES),
                                                 key=lambda q: q.spans[0][0]))
    if time.perf_counter() - started > budget:
        return Extraction(summary=summary, quotes=chosen)
    return Extraction(
        summary=summary,
        # A figure in the headline counts, and counts first.
        figures=tuple(find_figures(text, form, MAX_FIGURES, headline=article.title)),
        quotes=chosen,
    )


def _choose(quotes: list[FoundQuote], limit: int) -> list[FoundQuote]:
    """Who said what, widely: the first quote of each named speaker, then their further quotes,
    then unattributed ones, each group in the article's order."""
    seen: set[str] = set()
    first, more = [], []
    for quote in quotes:
        if quote.speaker and quote.speaker not in seen:
            seen.add(quote.speaker)
            first.append(quote)
        elif quote.speaker:
            more.append(quote)
    unknown = [q for q in quotes if not q.speaker]
    return (first + more + unknown)[:limit]
