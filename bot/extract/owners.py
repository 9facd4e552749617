"""Whose a figure is, when its words open with a pronoun or a description: "its film division
saw profits slump 27%" says nothing alone; "Time Warner's film division saw profits slump 27%"
does. Pure: the article's text in, a figure's words out.

A desk reads a figure's bullet without the sentences before it, so "He", "his", "Its" or "The
firm" at its start is named when the article makes plain who it is, and left as it is when not:

- "he", "she", "his", "her": the last person named earlier in its sentence, else the subject of
  a sentence before it (in its paragraph or the one before), whom the pronoun fits by the
  article's title for them ("Mr Glazer") or by the first name ("Victoria Lapete"); for "his"
  and "her", people it does not fit are passed over ("actress Ruby Dee his wife" is Ossie
  Davis's wife); a name that may be a person of either sex, or an unnamed spokesman, between
  them leaves the words alone;
- "its", "the firm", "the company" and the like: the organization the headline names, when it
  is the last name before the words in that stretch of text ("WMC said ... Swiss Xstrata, which
  the firm raised" is Xstrata's doing, no name the headline gives: left alone).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from bot.extract.lexicon import (
    AUXILIARIES,
    DATE_WORDS,
    HONORIFICS,
    SENTENCE_WORDS,
    TITLES,
    fold,
)
from bot.extract.names import Names, is_demonym
from bot.extract.vocab import first_name_pronoun, is_noun
from bot.extract.wordfind import bounded, count_bounded
from bot.matching.namewords import country_names
from bot.models import TextForm

__all__ = ["Owners"]

_PERSON = {"he": "he", "his": "he", "she": "she", "her": "she"}
_POSSESSIVE = frozenset({"his", "her", "its"})
# What a business story calls the organization it is about.
_DESCRIPTIONS = frozenset(
    ["firm", "company", "bank", "airline", "carmaker", "retailer", "insurer", "lender", "club"]
)
# A description of another organization between a name and the words: "LSE chief executive
# Clara Furse amid rumours the German group may raise its bid" is not the LSE's bid.
# ("the club" is passed: a sports story calls its own club so, and names others).
_DESCRIBED = re.compile(
    r"\b[Tt]he (?:[\w-]+ )?(?:"
    + "|".join(sorted(_DESCRIPTIONS - {"club"} | {"group", "giant", "operator"}))
    + r")\b"
)
_OPENING = re.compile(r"(?:(?P<pronoun>[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Ii]ts)|[Tt]he (?P<noun>\w+))\b")
_CAPITALIZED = re.compile(r"\b[A-Z][\w’'&-]*")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[.!?]\S\s+)$")
_NAME_RUN = re.compile(r"[A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*)*")
# Words opening a run of capitals that are not a name's: "But Time Warner", "Mr Glazer".
_TITLE_WORDS = HONORIFICS | TITLES
_NOT_A_NAME = SENTENCE_WORDS | AUXILIARIES | _TITLE_WORDS | DATE_WORDS
_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|on|from|to|into|of|near|with|against|by|for)\s+(?:the\s+)?$", re.IGNORECASE
)
# "its IPO": a thing of someone's, not a name
_AFTER_OWNER = re.compile(r"\b(?:its|his|her|their|our|my|your|a|an)\s+$", re.IGNORECASE)
# Someone the text does not name, whom "he" or "she" after it may stand for.
_UNNAMED = re.compile(
    r"\b[Aa]n? (?:[\w-]+ )?(?:spokes(?:man|woman|person)|official|source|man|woman|boy|girl"
    r"|friend|neighbour|witness|lawyer|aide)\b"
)
# Places the gazetteer does not name as such.
_PLACES = frozenset(["uk", "us", "usa", "britain", "america", "europe", "africa", "asia"])
_WINDOW_PARAGRAPHS = 2  # the figure's paragraph and the one before


class _Mention(NamedTuple):
    """A run of capitalized words read as a name (see ``Owners._mentions``)."""

    words: list[str]
    end: int
    opens: bool  # it opens a sentence
    titled: bool  # a title came before it
    object: bool  # a preposition came before it: "the stadium in Stanley Park"


class Owners:
    """Names the owner a figure's opening words stand for, reading the article once."""

    def __init__(
        self,
        text: str,
        form: TextForm,
        headline_end: int = 0,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        """``quoted`` are the (start, end) offsets of the text's quotations."""
        self.text = text
        self.quoted = quoted
        self.form = form
        self.headline_end = headline_end
        self._names: Names | None = None
        self._organizations: set[str] | None = None

    def named(self, phrase: str, at: int) -> str:
        """``phrase`` (the words of a figure found at ``at`` in the text) with its opening
        pronoun or description replaced by the name it stands for, when the text makes it
        plain; else ``phrase`` as it is."""
        m = _OPENING.match(phrase)
        if self.form != "raw" or not m or at < self.headline_end:
            return phrase
        pronoun = (m.group("pronoun") or "").lower()
        noun = m.group("noun")
        if noun is not None and noun not in _DESCRIPTIONS:
            return phrase
        rest = phrase[m.end() :]
        if pronoun == "her" and re.match(r"\s*[\d$£€¥]", rest):
            return phrase  # "paid her £5m": whom, not whose
        window = self._window(at)
        if pronoun in _PERSON:
            name = self._person(window, at, _PERSON[pronoun], pronoun in _POSSESSIVE)
        else:
            name = self._organization(window, at)
        if not name or name in phrase:
            return phrase
        if pronoun in _POSSESSIVE:
            name += "'" if name.endswith("s") else "'s"
        return name + rest

    @property
    def names(self) -> Names:
        if self._names is None:
            self._names = Names(self.text, self.form)
        return self._names

    def _window(self, at: int) -> int:
        """Where the stretch of text the owner is looked for in starts."""
        start = at
        for _ in range(_WINDOW_PARAGRAPHS):
            start = self.text.rfind("\n\n", self.headline_end, max(start - 1, 0))
            if start < 0:
                return self.headline_end
        return start

    def _mentions(self, window: int, at: int) -> list[_Mention]:
        """The runs of capitalized words between ``window`` and ``at``, last first, as names
        with where they end, whether they open a sentence and whether a title came before
        them: without a sentence's opening
        word, a title or an owner before the name ("France's Suez", "Science Minister Lord
        Sainsbury"); not those inside a quotation (someone speaking of "Brian and Seamus" names
        no one "he" may stand for) or after "its" or "a" ("its IPO"); each says whether a
        preposition came before it ("the stadium in Stanley Park", "owing $23bn to the IMF"):
        no subject."""
        found = []
        for m in _NAME_RUN.finditer(self.text, window, at):
            before = self.text[self.text.rfind("\n", 0, m.start()) + 1 : m.start()]
            if _AFTER_OWNER.search(before) or any(a <= m.start() < b for a, b in self.quoted):
                continue
            written = m.group().split()
            cut = max(
                (i + 1 for i, w in enumerate(written[:-1])
                 if w.endswith(("'s", "’s")) or fold(w) in _TITLE_WORDS),
                default=0,
            )
            if m.group() in self.text[: self.headline_end]:
                cut = 0  # a name the headline gives whole: "Angie’s List"
            words = [re.sub(r"['’]s?$", "", w) for w in written[cut:]]
            opens = _SENTENCE_START.search(before) is not None and cut == 0
            if opens and len(words) > 1 and not self.names.is_proper(words[0]):
                words, opens = words[1:], False  # "Casual games like poker"
            while words and (fold(words[0]) in _NOT_A_NAME or _nationality(words[0])):
                words = words[1:]
            if words:
                titled = cut > 0 and fold(written[cut - 1]) in _TITLE_WORDS
                found.append(_Mention(words, m.end(), opens, titled,
                                      bool(_AFTER_PREPOSITION.search(before))))
        return found[::-1]

    def _person(self, window: int, at: int, pronoun: str, possessive: bool) -> str | None:
        """The person ``pronoun`` stands for: the last one named in its sentence before it, or
        else the first one named in each sentence before (its subject, as "Mueller lost his
        job ... after Swift's management told him ... He subsequently sued" is Mueller's),
        whom the pronoun fits; none when someone read first may be a person whose sex the
        text does not tell, and, for "he" or "she", when someone it does not fit was (the
        wife of director John Bryson, and that she earned": the one meant may be no one
        named)."""
        sentence = max(
            (m.end() for m in _SENTENCE_END.finditer(self.text, window, at)), default=window
        )
        candidates = [m for m in self._mentions(sentence, at) if not m.object]
        while sentence > window:
            before = max(
                (m.end() for m in _SENTENCE_END.finditer(self.text, window, sentence - 1)),
                default=window,
            )
            subject = next(
                (m for m in reversed(self._mentions(before, sentence))
                 if not m.object and self._reading(m.words, m.opens)[1] != "none"),
                None,
            )
            if subject:
                candidates.append(subject)
            sentence = before
        for mention in candidates:
            name, gender = self._reading(mention.words, mention.opens)
            if gender == "none":
                continue  # a place or a body: "Liverpool", "Labour"
            if gender == "unknown":
                return None  # someone, or something, the pronoun may stand for
            if gender == pronoun:
                # "A spokesman for the Business Software Alliance said: ... He said 29%"
                return None if _UNNAMED.search(self.text, mention.end, at) else name
            if not possessive:
                return None
        return None

    def _reading(self, words: list[str], opens: bool) -> tuple[str, str]:
        """The full name a mention gives and the pronoun it takes: "he", "she", "unknown"
        for one that may be a person of either, "none" for a place or a body."""
        name = " ".join(words)
        titled = self.names.gender(words[-1])
        if len(words) == 1:
            name = self.names.full_name(words[0])
            if fold(name.split()[0]) in _NOT_A_NAME:
                name = words[0]  # "Will Tory" from the headline "Will Tory tax cuts lift"
            if " " not in name and not titled:
                if opens and self.names.is_proper(name) and fold(name) not in country_names():
                    return name, "unknown"  # "Parry is currently ...": not named in full
                return name, "none"
        first = first_name_pronoun(name.split()[0]) if " " in name else None
        if titled and first and titled != first:
            return name, "unknown"  # "Mr Jackson" and "Katherine Jackson": which Jackson?
        gender = titled or first
        if len(words) > 1 and not titled and (
            not self._used_alone(words[-1], name) or (len(words) > 2 and is_noun(words[-1]))
        ):
            gender = None  # "Satyajit Ray Award": no one the text goes on to name
        if gender is None:
            return name, "unknown" if len(words) > 1 else "none"
        return name, gender

    def _used_alone(self, surname: str, name: str) -> bool:
        """Whether the text writes a surname without the first name it has here: how it
        speaks of a person ("Fisher said"), not of a place or a prize."""
        return count_bounded(self.text, surname) > count_bounded(self.text, name)

    def _organization(self, window: int, at: int) -> str | None:
        """The organization the headline names, when it is the last one named before ``at``
        (people passed over; a place, another name or another description ends the search),
        as that mention names it."""
        for mention in self._mentions(window, at):
            words = mention.words
            name = " ".join(words)
            full = self.names.full_name(words[0]) if len(words) == 1 else name
            if self.names.gender(words[-1]) or (
                " " in full and first_name_pronoun(full.split()[0])
            ):
                continue  # a person: "Chief executive Bill Gammell added"
            place = fold(name) in _PLACES or fold(name) in country_names()
            if mention.object and place:
                continue  # "Lenovo's move, designed to take it out of China. Its shares"
            if mention.titled or place or mention.object:
                # "Turkey has a huge debt burden"; "Dr Reddy's"; "an offer from Swiss Xstrata,
                # which the firm raised"
                return None
            if not any(w in self._headline_names() for w in words):
                return None  # another name came last: "Swiss Xstrata, which the firm raised"
            if _DESCRIBED.search(self.text, mention.end, at):
                return None  # "the German group may raise its bid"
            return name
        return None

    def _headline_names(self) -> set[str]:
        """The headline's names that are no person's: its capitalized words the text writes
        capitalized too, the first only when the text uses it as a name."""
        if self._organizations is None:
            headline = self.text[: self.headline_end]
            found = set()
            for m in _CAPITALIZED.finditer(headline):
                word = re.sub(r"['’]s?$", "", m.group())
                first = m.start() == 0 or not headline[: m.start()].strip(" '‘\"“")
                if (
                    fold(word) in SENTENCE_WORDS
                    or (first and not self.names.is_proper(word))
                    or self.names.is_common(word)  # "'Last chance' warning": the text's "last"
                ):
                    continue
                if next(bounded(self.text[self.headline_end :], word), None) is None:
                    continue
                full = self.names.full_name(word)
                if not (self.names.gender(full) or self.names.likely_gender(full)):
                    found.add(word)
            self._organizations = found
        return self._organizations


def _nationality(word: str) -> bool:
    """Whether a capitalized word says where someone or something is from ("German",
    "Russian", "French"), as the gazetteer's country names it."""
    folded = fold(word)
    places = country_names()
    return is_demonym(word) or folded + "y" in places or folded[:-1] in places
