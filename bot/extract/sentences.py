"""A sentence splitter for news text that keeps sentences exactly as written.

Raw text ends a sentence at ., ! or ? (and any closing quote or bracket after it) followed by a
capital letter or an opening quote (or glued to a capitalized word after a lowercase one:
"April.Previously"), except after an abbreviation ("Mr.", "Jan.", "Gen."), an
initial ("Karim A. A. Khan") or a dotted acronym followed by a word that does not start a
sentence ("U.S. President"). Stemmed text ends a sentence at a " . ", " ? " or " ! " token (not
between digits), and keeps a closing quote token that follows it. Neither splits inside a
quotation that closes within a few hundred characters, so a quoted passage of two sentences stays
with its attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from bot.extract.marks import Paragraph, QuotedSpan, paragraphs, quoted_spans
from bot.models import TextForm

__all__ = ["Sentence", "split_sentences"]

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "capt",
        "cmdr",
        "sgt",
        "maj",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "sr",
        "jr",
        "hon",
        "pres",
        "supt",
        "insp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "no",
        "nos",
        "vs",
        "etc",
        "al",
        "approx",
        "dept",
        "est",
        "fig",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "univ",
        "ave",
        "blvd",
        "rd",
        "mt",
        "ft",
        "rs",
    ]
)
_STARTERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "but",
        "and",
        "in",
        "on",
        "at",
        "this",
        "that",
        "these",
        "those",
        "there",
        "his",
        "her",
        "its",
        "their",
        "our",
        "after",
        "before",
        "when",
        "while",
        "as",
        "if",
        "so",
        "yet",
        "still",
        "however",
        "meanwhile",
        "also",
        "for",
        "one",
        "some",
        "many",
    ]
)
# A stop between a lowercase word, a number, a closing bracket or a closing quote and a
# capitalized word with no space ends a sentence too: feeds that join their paragraphs lose the
# space ("in April.Previously, Modi...", "on Saturday.A team", "(RIMS).The police", "on June
# 17.As many as", "“videos”.Mr. Kumar").
_RAW_END = re.compile(
    r"[.!?]+[\"'”’»)\]]*(?=\s+(?:''|[\"“'‘«(\[])?[A-Z0-9])"
    r"|(?:(?<=[a-z]{2})|(?<=\d)|(?<=[A-Za-z][)”\"’]))[.!?](?=[A-Z][a-z]|[AI]\s)"
)
# A spaced stop ends a stemmed sentence, except between digits ("1 . 5").
_STEM_END = re.compile(r"(?<=\s)(?:(?<!\d\s)[.!?]|[.!?](?!\s\d))(?=\s|$)")
_WORD_BEFORE = re.compile(r"[\w.]*$")
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NEXT_WORD = re.compile(r"\s+[\"“]?(\w+)")
_LONGEST_UNSPLIT_QUOTE = 400


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` belongs to the word before it rather than ending a
    sentence."""
    if text[dot] != ".":
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - 20), dot).group()  # type: ignore[union-attr]
    if not word:
        return False
    last = word.rsplit(".", 1)[-1]  # "Monday.Mr": a feed lost the space after a stop
    if word.lower() in _ABBREVIATIONS or last.istitle() and last.lower() in _ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial
    if word in ("v", "vs"):
        return True  # a case or a match: "District of Columbia v. Heller", "Chelsea vs. Arsenal"
    if _ACRONYM.fullmatch(word):
        # U.S. / U.N.: a sentence end only when the next word starts a sentence.
        following = _NEXT_WORD.match(text, dot + 1, dot + 40)
        return following is not None and following.group(1).lower() not in _STARTERS
    return False


_PLAIN_BEFORE = re.compile(r"[(“\"‘]?[A-Za-z0-9]+[)”\"’]?$")
_PLAIN_AFTER = re.compile(r"[A-Za-z]+[.,;:]?(?:\s|$)")


def _in_code(text: str, stop: int, end: int) -> bool:
    """Whether a stop with no space after it joins the parts of a name in code
    ("Newtonsoft.Json.Linq", "client.GetStringAsync(url)") rather than two sentences: the
    words on both sides are not plain words."""
    if end < len(text) and text[end].isspace():
        return False
    start = max(text.rfind(" ", 0, stop), text.rfind("\n", 0, stop)) + 1
    return not (_PLAIN_BEFORE.fullmatch(text, start, stop) and
                _PLAIN_AFTER.match(text, end))


def _quote_at(pos: int, quotes: list[QuotedSpan], starts: list[int]) -> QuotedSpan | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and quotes[i].start <= pos < quotes[i].end:
        return quotes[i]
    return None


def split_sentences(
    text: str,
    form: TextForm = "raw",
    blocks: list[Paragraph] | None = None,
    quotes: list[QuotedSpan] | None = None,
) -> list[Sentence]:
    """The sentences of ``text`` with their offsets, paragraph by paragraph."""
    blocks = paragraphs(text) if blocks is None else blocks
    quotes = quoted_spans(text, form, blocks) if quotes is None else quotes
    starts = [q.start for q in quotes]
    ender = _STEM_END if form == "stemmed" else _RAW_END
    out: list[Sentence] = []
    for index, block in enumerate(blocks):
        start = block.start
        for m in ender.finditer(text, block.start, block.end):
            pos, end = m.start(), m.end()
            if form == "raw" and (_is_abbreviation(text, pos) or _in_code(text, pos, end)):
                continue
            quote = _quote_at(pos, quotes, starts)
            if quote is not None:
                if text[end : quote.end].strip():
                    if quote.end - quote.start <= _LONGEST_UNSPLIT_QUOTE and not quote.continued:
                        continue  # a sentence inside a short quotation
                else:
                    end = max(end, quote.close)  # the closing mark stays with its sentence
            _add(out, text, start, end, index)
            start = end
        _add(out, text, start, block.end, index)
    return out


_NO_START = " \t\r\n:;,"
"""Characters no sentence starts with: a dateline the feed left out leaves its colon (": BJP
councillor Shobha Vijender on Monday...")."""


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    stripped = piece.lstrip(_NO_START).rstrip()
    if stripped:
        lead = len(piece) - len(piece.lstrip(_NO_START))
        out.append(Sentence(start + lead, start + lead + len(stripped), stripped, paragraph))
