"""Word lists the extractors share, in raw form and as the Porter stems a stemmed text carries."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from lemminflect import getAllLemmas, getInflection

from bot.matching.namewords import first_name_genders
from bot.textnorm import fold, stem

__all__ = [
    "both_forms",
    "first_name_also",
    "first_name_pronoun",
    "is_noun",
    "is_past_participle",
    "is_word",
    "is_adjective",
    "is_plural_noun",
    "raw_forms",
    "reads_as_verb_too",
    "words",
]


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

@cache
def _first_name_genders() -> dict[str, str]:
    return first_name_genders(None)


def first_name_pronoun(first: str) -> str | None:
    """"he" or "she" for a first name one gender clearly prevails for in the gender-guesser
    dataset ("Irene" -> "she", "Andrew" -> "he"), else None ("Kim Collins" and "Robin Cook"
    are read from the dataset too; initials and unknown names give None). The whole table is
    read once, on the first call."""
    gender = _first_name_genders().get(fold(first))
    return {"male": "he", "female": "she"}.get(gender) if gender else None


@lru_cache(maxsize=8192)
def is_noun(word: str) -> bool:
    """Whether a word is an English noun by the lemma tables ("Research", "Chronicle", "Year");
    most surnames are not ("Hewitt"), some are ("Brown")."""
    return bool(getAllLemmas(word.lower()).get("NOUN"))


@lru_cache(maxsize=8192)
def is_adjective(word: str) -> bool:
    """Whether a word can be an English adjective by the lemma tables ("political", "local")."""
    return bool(getAllLemmas(word.lower()).get("ADJ"))


@lru_cache(maxsize=8192)
def is_manner_adverb(word: str) -> bool:
    """Whether a lowercase word in -ly is only an adverb (or also an adjective) by the lemma
    tables: "bitterly", "reportedly", "only"; not "family", "rally" or "supply"."""
    if not (word.islower() and word.endswith("ly")):
        return False
    kinds = set(getAllLemmas(word))
    return "ADV" in kinds and kinds <= {"ADV", "ADJ"}


@lru_cache(maxsize=8192)
def is_past_participle(word: str) -> bool:
    """Whether a word can be a verb's past participle ("debuted", "been", "grown", "cut"), by
    the lemma tables."""
    word = word.lower()
    return any(
        word in getInflection(lemma, tag="VBN") for lemma in getAllLemmas(word).get("VERB", ())
    )


@lru_cache(maxsize=8192)
def is_word(word: str) -> bool:
    """Whether the English lemma tables know a word ("Continental", "Apple"; not "Kanye")."""
    return bool(getAllLemmas(word.lower()))


def first_name_also(first: str, pronoun: str) -> bool:
    """Whether the gender-guesser dataset gives a first name to people ``pronoun`` stands for
    in Britain, Ireland or the US ("Jamie" and "Matty" are men's names there too, though the
    dataset's other countries make them women's): its usual gender is then too weak to
    overrule whom the text was speaking of. The names are read once, on the first call."""
    male, female = _english_weights().get(fold(first), (0, 0))
    return (male if pronoun == "he" else female) > 0


@cache
def _english_weights() -> dict[str, tuple[int, int]]:
    """Each first name's (male, female) weight in the dataset's columns for Great Britain,
    Ireland and the USA (columns 31 to 33; the name fills columns 4 to 29)."""
    from importlib.resources import files

    weights: dict[str, tuple[int, int]] = {}
    data = files("gender_guesser") / "data" / "nam_dict.txt"
    with data.open(encoding="utf-8") as lines:
        for line in lines:
            code = line[:2].strip()
            if code[-1:] not in ("M", "F"):
                continue
            weight = sum(int(c, 16) for c in line[30:33] if c in "0123456789ABCDEFabcdef")
            name = fold(line[3:29].strip().replace("+", " "))
            male, female = weights.get(name, (0, 0))
            weights[name] = (male + weight, female) if code[-1] == "M" else (male, female + weight)
    return weights


@lru_cache(maxsize=8192)
def is_inflected_verb(word: str) -> bool:
    """Whether a word is a verb's form other than its base ("spent", "securing"; not "line")."""
    return any(lemma != word for lemma in getAllLemmas(word, upos="VERB").get("VERB", ()))


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
