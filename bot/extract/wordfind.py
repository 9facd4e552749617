"""Where a given word stands in a text, found without a regular expression.

The rules ask "is this name written elsewhere as a word?" for a different name in every article.
A pattern built around each name (``rf"\\b{re.escape(name)}\\b"``) is compiled anew once Python's
small pattern cache is full, and that compiling cost more than the search: these scans give the
same answers as those patterns with ``str.find``.
"""

from __future__ import annotations

from collections.abc import Iterator


def word_char_at(text: str, i: int) -> bool:
    """Whether ``text[i]`` is what ``\\w`` matches (a letter, a digit or an underscore); False
    outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def edge(text: str, i: int) -> bool:
    """``\\b`` at ``i``: a word character on one side only."""
    return word_char_at(text, i - 1) != word_char_at(text, i)


def starts(text: str, word: str) -> Iterator[int]:
    """Every position where ``word`` is written in ``text``, overlapping ones too."""
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def standalone(text: str, word: str) -> Iterator[int]:
    """Where ``word`` has no word character either side (``(?<!\\w)word(?!\\w)``)."""
    end = len(word)
    for i in starts(text, word):
        if not word_char_at(text, i - 1) and not word_char_at(text, i + end):
            yield i


def bounded(text: str, word: str) -> Iterator[int]:
    """Where ``word`` has a word boundary at both ends (``\\bword\\b``)."""
    end = len(word)
    for i in starts(text, word):
        if edge(text, i) and edge(text, i + end):
            yield i


def has_word(text: str, word: str) -> bool:
    """Whether ``word`` stands alone somewhere in ``text``."""
    return next(standalone(text, word), None) is not None


def count_bounded(text: str, word: str) -> int:
    """How often ``word`` is written between word boundaries, without overlaps (as
    ``re.findall`` counts)."""
    count, after = 0, 0
    for i in bounded(text, word):
        if i >= after:
            count += 1
            after = i + len(word)
    return count
