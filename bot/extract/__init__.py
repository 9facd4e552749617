"""Alert content: a short summary, the key figures and the quotes, as pure functions of text."""

from __future__ import annotations

import bisect
import time
from collections.abc import Sequence

from bot.extract.choose import choose_quotes, worth_showing
from bot.extract.figures import find_figures
from bot.extract.layout import classify
from bot.extract.marks import QuotedSpan, paragraphs, quoted_spans
from bot.extract.quotes import find_quotes, one_name_per_person
from bot.extract.sentences import Sentence, split_sentences
from bot.extract.summary import summarize
from bot.models import Article, Extraction, TopicMatch

__all__ = ["extract"]

MAX_FIGURES = 5
MAX_QUOTES = 4
_LEAD_SENTENCES = 3
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
    block_texts = [text[b.start : b.end] for b in blocks]
    summary = summarize(text, sentences, topics, block_texts, article.title,
                        [(s.start, s.end) for s in spans])
    if time.perf_counter() - started > budget:
        return Extraction(summary=summary)
    lead_end = sentences[0].end if sentences else 0
    found = one_name_per_person([
        q
        for q in find_quotes(text, form, blocks, spans, sentences, article.title)
        if worth_showing(q, q.spans[0][1] <= lead_end)
    ])
    # A phrase quoted again inside a longer quote is shown once, in the longer one.
    quotes = [q for q in found if not any(q.text in o.text and q is not o for o in found)]
    # A photo caption's quote is shown only when the story itself quotes no one.
    furniture = classify(block_texts)
    starts = [b.start for b in blocks]
    story = [
        q for q in quotes if bisect.bisect_right(starts, q.spans[0][0]) - 1 not in furniture
    ]
    quotes = story or quotes
    highlights = _highlights(text, spans, sentences) + [
        article.title[s.start : s.end] for s in quoted_spans(article.title, form)
    ]
    chosen = tuple(
        q.as_quote() for q in choose_quotes(quotes, MAX_QUOTES, topics, highlights, form)
    )
    if time.perf_counter() - started > budget:
        return Extraction(summary=summary, quotes=chosen)
    return Extraction(
        summary=summary,
        # A figure in the headline counts, and counts first.
        figures=tuple(
            find_figures(text, form, MAX_FIGURES, headline=article.title,
                         quoted=[(s.start, s.end) for s in spans])
        ),
        quotes=chosen,
    )


def _highlights(text: str, spans: list[QuotedSpan], sentences: list[Sentence]) -> list[str]:
    """The words the lead puts in quotation marks ("had drawn a “despicable” parallel"): the
    quote that holds them, like the one the headline quotes, is the story's headline quote."""
    if not sentences:
        return []
    lead_end = sentences[min(len(sentences), _LEAD_SENTENCES) - 1].end
    return [
        text[s.start : s.end].strip(" ,.")
        for s in spans
        if s.end <= lead_end and 1 <= len(text[s.start : s.end].split()) <= 2
    ]
