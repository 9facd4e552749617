"""Text normalization shared by the matcher and the text-form detector.

Text becomes a list of tokens: runs of letters and digits, and single punctuation marks. Dashes and
hyphens separate words but are not tokens, so "Al-Qaeda", "Al‑Qaeda" and "Al Qaeda" are the same
two tokens. Tokens are then folded: lowercased, diacritics stripped ("Agnès" -> "agnes") and curly
quotes made straight. Folding maps every character to exactly one character, so a position in a
folded string is the same position in the unfolded one (the matcher reads capitals from there).
"""

from __future__ import annotations

import re
import unicodedata

from nltk.stem.porter import PorterStemmer

__all__ = ["STEMS", "WORD_TOKEN", "fold", "is_word", "stem", "tokenize"]

WORD_TOKEN = re.compile(r"[^\W_]+")
"""The word tokens of ``tokenize``, without its punctuation tokens."""
_TOKEN = re.compile(WORD_TOKEN.pattern + r"|[^\w\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
           "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
           "\u00ab": '"', "\u00bb": '"'}
_FOLDED: dict[str, str] = {}

_STEMMER = PorterStemmer()  # NLTK_EXTENSIONS mode, the one stemmed feeds were made with


class _StemCache(dict[str, str]):
    """Folded word -> Porter stem, filled on first use; ``STEMS[word]`` stems any word.

    News vocabulary repeats, so nearly every lookup is a plain dict hit (mapping a whole article
    through ``STEMS.__getitem__`` stays in C); the cache is emptied when it grows past a limit.
    """

    limit = 500_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        result = self[word] = _STEMMER.stem(word)
        return result


STEMS = _StemCache()


def tokenize(text: str) -> list[str]:
    """Words and single punctuation marks of ``text``, in order, case kept (NFC-normalized)."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _TOKEN.findall(text)


def _fold_char(match: re.Match[str]) -> str:
    char = match.group()
    folded = _FOLDED.get(char)
    if folded is None:
        base = "".join(c for c in unicodedata.normalize("NFKD", char)
                       if not unicodedata.combining(c)).lower()
        # Spacing accents ("¨", "¯") decompose to a space and a combining mark: keep them, so
        # that folding never splits a token.
        folded = _QUOTES.get(char, base if len(base) == 1 and not base.isspace() else char)
        _FOLDED[char] = folded
    return folded


def fold(text: str) -> str:
    """Lowercase, strip diacritics, straighten quotes; the result has the length of ``text``."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lowercase to two ("İ"); keep those as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low if low.isascii() else _NON_ASCII.sub(_fold_char, low)


def stem(word: str) -> str:
    """The Porter stem of a folded word."""
    return STEMS[word]


def is_word(token: str) -> bool:
    return token[:1].isalnum()
