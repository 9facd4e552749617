"""Quotation marks: which marks open and close a quotation, in raw and in stemmed text.

Raw text uses straight and curly double quotes (and guillemets). Stemmed text was tokenized the
Treebank way, so its quotes are the tokens ``, '', “ and ”, and a tokenizer that met an opening
quote it could not place wrote `` at both ends; there every quote token toggles. A quotation that
runs over several paragraphs leaves its paragraphs open and opens the next one again; a quote
still open at the end of a paragraph that does not continue that way is dropped as unbalanced.
Where paragraphs were run together, a straight quote mark after the end of a sentence and before
a capital opens the next part of such a quotation rather than closing it.
A curly quote opened inside a curly quote is nested and closes before its outer one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.models import TextForm

__all__ = ["Paragraph", "QuotedSpan", "paragraphs", "quoted_spans"]

_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]*)*")
# Raw text quotes with straight and curly double marks, guillemets, and two apostrophes
# (''like this'') as some archives set them.
_RAW_MARK = re.compile(r"[\"“”«»„]|''")
_STEM_MARK = re.compile(r"(?:(?<=\s)|^)(?:``|''|“|”|\")(?=\s|$)")
_OPENERS = frozenset("“«„")
# Single curly quotes, as the Guardian sets quotations: an opening mark after a space or a
# bracket, a closing mark after a word and before no letter ("Ali’s" is an apostrophe).
_SINGLE = re.compile(
    r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?=\S)"
    r"([^‘’\n]*?(?:’(?=[A-Za-z])[^‘’\n]*?)*)(?<=\S)’(?![A-Za-z])"
)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


@dataclass(frozen=True)
class QuotedSpan:
    """The text between a pair of quotation marks: ``start``/``end`` exclude the marks,
    ``open``/``close`` are the offsets of the marks themselves (``close`` is the mark's end).
    ``continued`` says the quotation goes on in the next paragraph."""

    start: int
    end: int
    open: int
    close: int
    paragraph: int
    continued: bool = False


def paragraphs(text: str) -> list[Paragraph]:
    """Blocks of text separated by blank lines (a stemmed text is usually one block). A break
    inside a sentence, as pages leave where a publication's name was a link ("McCreadie told
    the\n\nNews Letter\n\n. ''We want ..."), is no paragraph break: a block that starts with
    a full stop or a comma is joined to the block before it, and to the one before that when
    it does not end a sentence."""
    blocks: list[Paragraph] = []
    for m in _PARAGRAPH.finditer(text):
        body = m.group()
        if not body.strip():
            continue
        if blocks and body.lstrip()[:1] in _CONTINUING:
            start = blocks.pop().start
            if blocks and not text[blocks[-1].start : blocks[-1].end].rstrip().endswith(
                _SENTENCE_ENDS
            ):
                start = blocks.pop().start  # the sentence the link's words were cut from
            blocks.append(Paragraph(start, m.end()))
        else:
            blocks.append(Paragraph(m.start(), m.end()))
    return blocks


_CONTINUING = (".", ",", ";")
_SENTENCE_ENDS = (".", "!", "?", ":", '"', "”", "'", "’", ")")


def _starts_with_quote(text: str, paragraph: Paragraph, form: TextForm) -> bool:
    head = text[paragraph.start : paragraph.start + 3].lstrip()
    return head.startswith(('"', "“", "«", "„", "``", "''"))


_INTRODUCED = re.compile(r"[.!?](?=\s+[^.!?\"“”]{1,60}:$)")


def _reopens(text: str, content_start: int, mark: int, mark_end: int) -> int | None:
    """Where the quotation left open ends, when a straight quote mark that would close it rather
    opens a new one: the mark follows a space, a capitalized word or a number follows it
    ("... lives. "2005 offers ..."), and it follows the
    end of a sentence (the quotation ran on there) or a short sentence ending in a colon that
    brings in the next quotation ("... because I was a Muslim. He added: "The ...": the first
    ends before "He added:")."""
    after = text[mark_end : mark_end + 1]
    if not (text[mark - 1 : mark].isspace() and (after.isupper() or after.isdigit())):
        return None
    before = text[content_start:mark].rstrip()
    if before.endswith((".", "!", "?")):
        return content_start + len(before)
    introduced = _INTRODUCED.search(before)
    return content_start + introduced.end() if introduced else None


def quoted_spans(
    text: str, form: TextForm = "raw", blocks: list[Paragraph] | None = None
) -> list[QuotedSpan]:
    """Every balanced quotation in ``text``, in order."""
    blocks = paragraphs(text) if blocks is None else blocks
    pattern = _STEM_MARK if form == "stemmed" else _RAW_MARK
    spans: list[QuotedSpan] = []
    for index, block in enumerate(blocks):
        opened: tuple[int, int] | None = None  # (mark offset, content start)
        nested = 0  # curly quotes opened inside a curly quote
        for m in pattern.finditer(text, block.start, block.end):
            mark = m.group()
            if form == "stemmed" or mark in ('"', "''"):
                opening = opened is None
                end = (
                    _reopens(text, opened[1], m.start(), m.end())
                    if not opening and mark in ('"', "''")
                    else None
                )
                if end is not None:
                    # "...house. "Some exhibitors...": the quote before ran on unclosed into
                    # the next (run-together) paragraph, which opens it again; or a sentence
                    # brings in the next quote ("He added: "...").
                    assert opened is not None
                    continued = end == len(text[: m.start()].rstrip())
                    spans.append(
                        QuotedSpan(opened[1], end, opened[0], end, index, continued=continued)
                    )
                    opening = True
            elif mark in _OPENERS:
                if opened is not None and text[opened[0]] in _OPENERS:
                    nested += 1
                    continue
                opening = True
            else:
                if opened is None:
                    continue  # a stray closing mark
                if nested:
                    nested -= 1
                    continue
                opening = False
            if opening:
                opened = (m.start(), m.end())
            else:
                assert opened is not None
                spans.append(QuotedSpan(opened[1], m.start(), opened[0], m.end(), index))
                opened = None
        if (
            opened is not None
            and index + 1 < len(blocks)
            and _starts_with_quote(text, blocks[index + 1], form)
        ):
            end = len(text[: block.end].rstrip())
            spans.append(QuotedSpan(opened[1], end, opened[0], end, index, continued=True))
    if form == "raw" and "‘" in text:
        spans = _with_single_quotes(text, blocks, spans)
    return spans


def _with_single_quotes(
    text: str, blocks: list[Paragraph], spans: list[QuotedSpan]
) -> list[QuotedSpan]:
    """``spans`` and the single-quoted quotations outside them ("‘[He] wanted to use his life
    as a teaching moment,’ she said"); a single quote inside a double one is nested in it."""
    starts = [b.start for b in blocks]
    extra = []
    for m in _SINGLE.finditer(text):
        if any(s.open <= m.start() < s.close for s in spans):
            continue
        index = max(0, bisect.bisect_right(starts, m.start()) - 1)
        extra.append(QuotedSpan(m.start(1), m.end(1), m.start(), m.end(), index))
    return sorted(spans + extra, key=lambda s: s.open) if extra else spans
