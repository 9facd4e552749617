"""Word lists the extractors share, in raw form and as the Porter stems a stemmed text carries."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from lemminflect import getAllLemmas

from bot.textnorm import stem

__all__ = ["both_forms", "is_plural_noun", "raw_forms", "reads_as_verb_too", "words"]


@lru_cache(maxsize=8192)
def is_plural_noun(word: str) -> bool:
    """Whether a word is the plural of a noun ("hunts", "foxes", "Conservatives"), by the
    English lemma tables; a word they do not know ("quangos") is read by its -s."""
    word = word.lower()
    if not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return False
    lemmas = getAllLemmas(word)
    if not lemmas:
        return len(word) > 3
    return any(lemma != word for lemma in lemmas.get("NOUN", ()))

@lru_cache(maxsize=8192)
def reads_as_verb_too(word: str) -> bool:
    """Whether a word is also a form of a verb ("handles", "rises")."""
    return bool(getAllLemmas(word.lower(), upos="VERB"))


def both_forms(words: str | Iterable[str]) -> frozenset[str]:
    """Each word lowercased and as its stem (multi-word entries are stemmed word by word), so
    one set serves raw and stemmed text. A string is a whitespace-separated list of words."""
    out: set[str] = set()
    for word in words.split() if isinstance(words, str) else words:
        word = word.lower()
        out.add(word)
        out.add(" ".join(stem(w) for w in word.split()))
    return frozenset(out)


def raw_forms(words: str | Iterable[str]) -> dict[str, str]:
    """Each word and its stem mapped to the word itself, to name a stemmed match plainly."""
    out: dict[str, str] = {}
    for word in words.split() if isinstance(words, str) else words:
        word = word.lower()
        out.setdefault(" ".join(stem(w) for w in word.split()), word)
        out[word] = word
    return out


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())
