"""Names in attributions: which words name a person or an organization ("Amnesty Secretary
General Agnes Callamard" -> "Agnes Callamard"; "the ICC's prosecutor" names no one), and the full
name a surname stands for in the article ("Callamard" -> "Agnes Callamard")."""

from __future__ import annotations

import re

from bot.extract.lexicon import (
    ABBREVIATED,
    ADVERBS,
    AGE_NOUN,
    AUXILIARIES,
    CAPITAL_RUN,
    COMMON_SUBJECTS,
    DASHES,
    DATE_WORDS,
    DETERMINERS,
    FUNCTION_WORDS,
    HONORIFICS,
    LEADING,
    LOWER_WORD,
    NAME_PREFIXES,
    NOT_NAMES,
    PARTICLES,
    PLACEHOLDER,
    POST_NOMINALS,
    ROLES,
    SENTENCE_WORDS,
    STEMMED_TITLES,
    SUBORDINATORS,
    SURNAME_TITLES,
    TIME_WORDS,
    TITLES,
    VERBS,
    fold,
    is_title,
    without_brackets,
)
from bot.extract.vocab import first_name_pronoun, is_word, words
from bot.extract.wordfind import edge, starts, word_char_at
from bot.models import TextForm

__all__ = ["Names", "initials", "is_demonym"]

_ENDS_NAME = re.compile(r"\d{1,2}")
# "9/11 widow", "800m record holder", "19-year-old Simpson"
_NUMBER_WORD = re.compile(rf"\d[\d/\-,]*(?:m|km)?|/|{AGE_NOUN.pattern}")
# A name that opens with a number and goes on with a capital: "4Cast", "3Com", "7-Eleven".
_DIGIT_NAME = re.compile(r"\d+-?[A-Z][\w'’-]*[a-z][\w'’-]*")
_BEFORE_INSIDE = frozenset("abcdefghijklmnopqrstuvwxyz,")
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss|Lord|Sir|Lady|Dame|Baroness)\.? ([A-Z][\w'’-]+)")


def _ends_word(text: str, end: int) -> bool:
    """A word written at ``end``'s left ends there, before a space, a stop that is not part
    of a web address (``fbi.gov``) or other punctuation that closes a word."""
    if end >= len(text):
        return False
    after = text[end]
    return after.isspace() or after in ",;:!?" or (after == "." and not word_char_at(text, end + 1))


class Names:
    """Recognizes names in a chunk of words, and completes a surname from the article."""

    def __init__(self, text: str, form: TextForm) -> None:
        self.form = form
        self.text = text
        self._full: dict[str, str] = {}
        self._index: dict[str, str] | None = None
        self._proper: dict[str, bool] = {}
        self._common: dict[str, bool] = {}
        self._titled: dict[str, str | None] | None = None  # surname -> "he" / "she"
        self._spelled: set[str] = set()  # every full name the article spells out
        self._aliases: dict[str, str] | None = None  # "JK" -> "Jason King"

    def is_proper(self, word: str) -> bool:
        """Whether ``word`` is written capitalized inside a sentence somewhere in the article,
        or spelled out as part of a longer name: a proper noun, not a sentence opener."""
        if word not in self._proper:
            if self._index is None:
                self._index = self._full_names()
            inside = any(  # "said Brown", "Labour's Brown": after a lowercase word or a comma
                i > 1 and self.text[i - 1] == " " and self.text[i - 2] in _BEFORE_INSIDE
                and edge(self.text, i + len(word))
                for i in starts(self.text, word)
            )
            self._proper[word] = (
                bool(inside) or word in self._index or word.isupper() or self.text.count(word) >= 2
            )
        return self._proper[word]

    def is_common(self, word: str) -> bool:
        """Whether ``word`` is a common noun that opened a sentence ("Officials said"); a
        web address is no use of the word ("shut down fbi.gov accounts" leaves "the FBI
        said" a name)."""
        lower = word.lower()
        if lower not in self._common:
            self._common[lower] = lower in COMMON_SUBJECTS or any(
                i > 0 and self.text[i - 1].isspace() and _ends_word(self.text, i + len(lower))
                for i in starts(self.text, lower)
            )
        return self._common[lower]

    def gender(self, name: str) -> str | None:
        """The pronoun ("he" or "she") the article's title for this person implies ("Ms
        Kelly", "Mr Brown", "Baroness Kennedy", "Lord Falconer"), or None when the article
        gives no title or both."""
        if self._titled is None:
            self._titled = {}
            for m in _TITLED.finditer(self.text):
                pronoun = "he" if m.group(1) in ("Mr", "Lord", "Sir") else "she"
                seen = self._titled.setdefault(m.group(2), pronoun)
                if seen != pronoun:
                    self._titled[m.group(2)] = None
        return self._titled.get(name.split()[-1])

    def likely_gender(self, name: str) -> str | None:
        """The pronoun the article's title implies, else the one the first name usually takes
        ("Irene Khan" -> "she"); weaker evidence, since "Kim Collins" is a man."""
        titled = self.gender(name)
        if titled is None and " " in name and self.form == "raw":
            return first_name_pronoun(name.split()[0])
        return titled

    def full_name(self, name: str) -> str:
        if " " in name:
            return name
        if name not in self._full:
            self._full[name] = self._complete(name)
        return self._full[name]

    def _complete(self, surname: str) -> str:
        """The longest "First Surname" spelled out in the article, else the surname."""
        if self.form == "stemmed":
            pattern = rf"(?<![\w'])([a-z]+) (?:[a-z]\. )?{re.escape(surname)}\b"
            counts: dict[str, int] = {}
            for m in re.finditer(pattern, self.text):
                first = m.group(1)
                if (
                    first not in STEMMED_TITLES
                    and first not in DETERMINERS
                    and first not in VERBS["stemmed"]
                    and len(first) > 2
                    and first not in ("and", "for", "the", "with", "said")
                ):
                    counts[first] = counts.get(first, 0) + 1
            if counts:
                best = max(counts, key=lambda k: counts[k])
                if counts[best] >= 2 or len(counts) == 1:
                    return f"{best} {surname}"
            return surname
        if self._index is None:
            self._index = self._full_names()
        if self._aliases is None:
            self._aliases = {m.group(1): m.group(2) for m in _ALIAS.finditer(self.text)}
        alias = self._aliases.get(surname)
        if alias and surname not in self._index and self._uses(alias.split()[-1]) > 1:
            # "JK, also known as Jason King" when the article goes on to call him "King";
            # not "50 Cent, real name Curtis Jackson", who stays 50 Cent
            return alias
        if surname in self._index:
            return self._index[surname]
        # "Sir Elton": a first name that begins one full name of the article, whichever
        # surname it shares ("Sir Ian" is Ian Blair though "Blair" alone is Tony Blair).
        firsts = {n for n in self._spelled if n.split()[0] == surname}
        if len(firsts) == 1:
            return firsts.pop()
        # "said Daveport" after "Lindsay Davenport": a surname the article spells with a letter
        # dropped, added or changed, no more often than the one person's it nearly matches, is a
        # slip for theirs (not "the Osbournes", a family; not "Abbott" beside one "Diane Abbot").
        if not (surname[:1].isupper() and surname.isalpha() and len(surname) >= _LONG_SURNAME):
            return surname
        near = {
            full for last, full in self._index.items()
            if last.isalpha() and _one_letter_apart(surname, last)
            and surname.rstrip("s") != last and last.rstrip("s") != surname
            and first_name_pronoun(full.split()[0])
            and self._uses(surname) <= self._uses(last)
        }
        return near.pop() if len(near) == 1 else surname

    def _uses(self, word: str) -> int:
        """How many times the article writes ``word`` as a word."""
        return len(re.findall(rf"(?<![\w'’]){re.escape(word)}(?![\w])", self.text))

    def _full_names(self) -> dict[str, str]:
        """Each surname of the article mapped to the longest full name it ends (titles and
        sentence-initial words dropped), from one pass over the runs of capitalized words."""
        index: dict[str, str] = {}
        owned: dict[str, str] = {}  # names spelled out only as an owner: "Clive Woodward's"
        self._spelled.clear()
        for m in CAPITAL_RUN.finditer(self.text):
            run = m.group().split()
            # A full stop that is no initial or abbreviation ends a sentence inside the run or
            # at its end: "said Lena Okoro. Okoro ..." spells out "Lena Okoro".
            cuts = [
                i + 1 for i, w in enumerate(run) if w.endswith(".") and not ABBREVIATED.fullmatch(w)
            ]
            for start, stop in zip([0, *cuts], [*cuts, len(run)], strict=True):
                words = run[start:stop]
                if words and stop in cuts:
                    words[-1] = words[-1][:-1]
                self._index_name(words, index)
                if len(words) > 1 and re.fullmatch(r"[A-Z][\w-]+['’]s", words[-1]):
                    self._index_name([*words[:-1], words[-1][:-2]], owned, as_owner=True)
        return owned | index

    def _index_name(
        self, words: list[str], index: dict[str, str], as_owner: bool = False
    ) -> None:
        """Adds the full name a run of capitalized words within one sentence spells out; one
        spelled only as an owner must open with a first name or initials ("Clive Woodward's",
        "JK Rowling's"; not "Despite Rubio's")."""
        owner = _owner_at(words)
        words = words[owner + 1 :]  # "Britain's Jason Gardener"
        words = words[_after_titles(words) :]
        while words and (
            fold(words[0]) in _NOT_OPENING_NAMES
            or words[0].endswith(".")
            or fold(words[0]).endswith("-old")  # "Fifteen-year-old Donald Young's"
        ):
            words = words[1:]
        words = words[_origin(words) :]  # "fellow American Robby Ginepri"
        while len(words) > 2 and words[-1] in POST_NOMINALS:
            words = words[:-1]  # "Peter Ainsworth MP"
        if len(words) > 4:
            # "Environmental Audit Committee Peter Ainsworth": the name opens at a first name
            first = next((i for i in range(1, len(words) - 1) if first_name_pronoun(words[i])),
                         0)
            words = words[first:] if len(words) - first in (2, 3) else words
        if not 2 <= len(words) <= 4 or any(w.endswith(("'s", "’s")) for w in words):
            return
        if as_owner and not (
            first_name_pronoun(words[0]) or re.fullmatch(r"[A-Z]{1,3}\.?", words[0])
        ):
            return
        name = " ".join(words)
        self._spelled.add(name)
        if _fuller(name, index.get(words[-1], "")):
            index[words[-1]] = name

    def name_in(
        self, chunk: list[str], appositive: bool = False, strict: bool = True
    ) -> str | None:
        """The person or organization a chunk of words names, or None for a description.
        ``strict`` asks a one-word name to be known as a proper noun; next to a speech verb
        ("Miller said") it need only not be a common noun ("Officials said")."""
        words = without_brackets([t for t in chunk if t not in (",", "``", "''", PLACEHOLDER)])
        while words and fold(words[0]) in LEADING:
            words = words[1:]
        while words and (
            words[-1] in POST_NOMINALS  # "Paul Boateng MP"
            or fold(words[-1]) in ADVERBS
            or (fold(words[-1]) in AUXILIARIES and not self._calendar_surname(words))
            or (words[-1].islower() and words[-1].endswith("ly"))
            # "Priebus later Thursday told"
            or (
                fold(words[-1]) in NOT_NAMES
                and len(words) > 1
                and words[-2].islower()
                and words[-2] not in ("on", "in", "last", "this")
            )
        ):
            words = words[:-1]
        if len(words) > 2 and fold(words[-2]) in ("on", "in", "last", "this") and (
            fold(words[-1]) in NOT_NAMES or fold(words[-1]) in TIME_WORDS
        ):
            words = words[:-2]  # "Beck on Wednesday called"
        if len(words) > 1 and words[-1] in DASHES and any(w in DASHES for w in words[:-1]):
            # "Jason Sims — a teacher from Mount Pleasant — says": the aside is left out.
            opening = max(i for i, w in enumerate(words[:-1]) if w in DASHES)
            words = words[:opening]
        if self.form == "raw" and _linked_organization(words):
            return " ".join(words[1:])  # "the Finance and Economy Ministry said"
        cut = max(
            (
                i
                for i, w in enumerate(words)
                if fold(w) in SUBORDINATORS
                or fold(w) in ("who", "whom", "what", "which")
                or w in DASHES
                or (fold(w) == "and" and i and words[i - 1][:1].islower())
            ),
            default=-1,
        )
        words = words[cut + 1 :]
        if not words:
            return None
        if self.form == "stemmed":
            return self._stemmed_name(words, appositive)
        link = next((i for i, w in enumerate(words[1:], 1) if w in ("of", "from", "at")), 0)
        if link:
            # "Joel Pollak of Breitbart California", "Sen. Ted Cruz of Texas", "Mr Hirsch from
            # Retail Banking Research"
            head = self.name_in(words[:link])
            if head and (
                fold(words[0]) in HONORIFICS
                or (" " in head and (words[link] == "of" or first_name_pronoun(head.split()[0])))
            ):
                return head
        # The name is the run of capitalized words at the end of the chunk, with a number
        # that ends a name the article uses again, next to a speech verb ("Radio 1 said"; not
        # a line's label, "Scene 1: ...", "Figure 1: ...").
        end = len(words)
        start = end - 1 if (
            not strict and _ENDS_NAME.fullmatch(words[-1]) and len(words) > 1
        ) else end
        if start < end and not (
            words[start - 1][:1].isupper() and is_word(words[start - 1])
            and self._uses(f"{words[start - 1]} {words[-1]}") > 1
        ):
            start = end
        while start > 0 and (
            words[start - 1][:1].isupper()
            or (words[start - 1].lower() in PARTICLES and start < end)
            or (start == end and _DIGIT_NAME.fullmatch(words[start - 1]))
        ):
            start -= 1
        run = words[start:end]
        dated = False
        while len(run) > 1 and (fold(run[0]) in DATE_WORDS or (
            len(run) > 2 and fold(run[0]) in _DATE_MODIFIERS and fold(run[1]) in DATE_WORDS
        )):
            # "On Tuesday Mr Ebbers denied": the day opens the clause, the name is its subject
            run, start, dated = run[1:], start + 1, True
        # "the Prime Minister's Office": a body named by whom it serves, titles and all
        body = len(run) > 1 and run[-2].endswith(("'s", "’s")) and fold(run[-1]) in _OWNED_BODIES
        whole = run[1:] if run and fold(run[0]) == "the" else run
        # Drop titles at the front of the run ("Secretary General Agnes Callamard").
        last_title = _after_titles(run) - 1
        if last_title == len(run) - 1:
            if len(run) != 1 or not self._spelled_after_first_name(run[0]):
                return None
            last_title = -1  # not a title: a surname the article spells out, "Billie Jean King"
        run = run[last_title + 1 :]
        if len(run) > 1 and fold(run[0]) == "the" and start > 0:
            return None  # "Remember how The Good Wife fell flat": a title inside a sentence
        while run and fold(run[0]) in SENTENCE_WORDS and not (
            len(run) == 1 and self._calendar_surname(run)
        ):
            run = run[1:]  # "Another", "Neither Alan Grayson"
        run = run[_origin(run) :]  # "Australian Lynton Crosby": where he is from, not his name
        owner = _owner_at(run)
        if body:
            run, owner = whole, -1
        run = run[owner + 1 :]  # "Tennis Australia's Geoff Pollard"
        if self.form == "raw" and len(run) > 3 and first_name_pronoun(run[0]) is None:
            # "United Auto Workers Secretary-Treasurer Gary Casteel": an organization and a post
            # before the name, which starts at its first name
            first = next(
                (i for i in range(1, len(run) - 1) if first_name_pronoun(run[i])), len(run)
            )
            post = run[first - 1] if first < len(run) else ""
            if len(run) - first in (2, 3) and any(
                part in TITLES or part in ROLES for part in fold(post).split("-")
            ):
                run = run[first:]
        if not run or len(run) > 5 or any(
            w.lower() in NOT_NAMES and not (w is run[-1] and self._calendar_surname(run))
            for w in run
        ):
            return None  # six capitalized words and more make a headline, not a name
        if (
            len(run) == 1
            and last_title < 0
            and (not self.is_proper(run[0]) if strict else self.is_common(run[0]))
            and not self._spelled_after_first_name(run[0])  # "Young told" after "Dai Young"
        ):
            return None  # "Much", "Fundraising": capitalized only to start a sentence
        if run[-1].endswith(("'s", "’s")):
            return None
        if len(run) == 1 and is_demonym(run[0]) and self.full_name(run[0]) == run[0]:
            return None  # "the British producers ... they claim": a people, not a person
        if len(run) > 1 and all(w.isupper() and len(w) > 2 for w in run):
            return None  # a headline in capitals
        prefix = [fold(w) for w in words[:start]]
        if owner >= 0 and len(prefix) == 2 and prefix[1] in ("and", "&") and (
            words[0][:1].isupper() and not words[0].endswith(("'s", "’s"))
        ):
            prefix = []  # "Ernst and Young's Sanjay Mehta": the owner's name runs back
        if (
            len(prefix) > 1
            and prefix[-1] in ("and", "nor", "or")
            and words[start - 2][:1].isupper()
            and fold(words[start]) in HONORIFICS
        ):
            return None  # "Mr Howard and Mr Letwin said", "Neither ... nor Mr Letwin": two
        if (
            last_title < 0
            and prefix
            and not dated
            and any(
                (w in FUNCTION_WORDS and not _joins_descriptor(words, i))
                or (w not in TITLES and w not in DETERMINERS and not LOWER_WORD.fullmatch(w)
                    and not _NUMBER_WORD.fullmatch(w))  # "said 9/11 widow Terry Strada"
                for i, w in enumerate(prefix)
            )
        ):
            return None  # "who met Smith", "the ambassador to Israel"
        if len(run) == 1 and any(AGE_NOUN.fullmatch(w) for w in prefix) and (
            self.full_name(run[0]) == run[0]
        ):
            return None  # "the 24-year-old Swiss": an age names the one the article names
        name = " ".join(run)
        if len(run) == 1 and (family := _family_name(words[:start], run[0])):
            return f"{name} {family}"  # "Nogar's son Stephen" is Stephen Nogar
        return self.full_name(name) if len(run) == 1 else name

    def _calendar_surname(self, words: list[str]) -> bool:
        """Whether a month or a weekday (or "May") ending ``words`` is a surname: written
        capitalized after a first name ("Theresa May", "Mike Friday"), or alone when the article
        spells it out after one ("May said")."""
        last = words[-1] if words else ""
        if self.form != "raw" or not last[:1].isupper() or fold(last) not in NOT_NAMES:
            return False
        if len(words) > 1 and words[-2][:1].isupper():
            return first_name_pronoun(words[-2]) is not None
        return self._spelled_after_first_name(last)

    def _spelled_after_first_name(self, surname: str) -> bool:
        """Whether the article spells ``surname`` out after a first name ("Dai Young")."""
        full = self.full_name(surname)
        return " " in full and first_name_pronoun(full.split()[-2]) is not None

    def _stemmed_name(self, words: list[str], appositive: bool) -> str | None:
        """Stemmed text has no capitals: a name is the one to three words after a title
        ("prime minist rishi sunak") or an appositive between commas (", jack lew ,")."""
        last_title = max((i for i, w in enumerate(words) if w in STEMMED_TITLES), default=-1)
        rest = words[last_title + 1 :]
        if last_title < 0 and (not appositive or len(rest) < 2):
            return None
        if not 1 <= len(rest) <= 3 or any(
            w in FUNCTION_WORDS or w in DETERMINERS or not w.isalpha() for w in rest
        ):
            return None
        name = " ".join(rest)
        return self.full_name(name) if len(rest) == 1 else name


_DATE_MODIFIERS = frozenset({"last", "this", "next", "early", "late"})  # "Last Sunday"
_NOT_OPENING_NAMES = SENTENCE_WORDS | DATE_WORDS | _DATE_MODIFIERS
_KIN = frozenset({"son", "daughter", "brother", "sister", "father", "wife", "husband", "widow"})


def _family_name(before: list[str], given: str) -> str | None:
    """The surname a lone first name takes from the relative it is named by: "Nogar's son
    Stephen", "Mr Blair's wife Cherie" (a given name the name data knows, after a capitalized
    owner and a word of kin)."""
    if len(before) < 2 or fold(before[-1]) not in _KIN or first_name_pronoun(given) is None:
        return None
    owner = re.sub(r"['’]s$", "", before[-2])
    if owner == before[-2] or not re.fullmatch(r"[A-Z][\w'’-]+", owner) or (
        fold(owner) in NOT_NAMES | SENTENCE_WORDS | TITLES | ROLES
    ):
        return None  # not "The Queen's son Andrew", "the President's wife"
    return owner


_NAME_JOINERS = frozenset({"of", "and", "for", "on", "the", "&"})


def _fuller(name: str, than: str) -> bool:
    """Whether ``name`` spells a surname out better than ``than``: with a first name that says a
    sex ("Robert Kilroy-Silk", not "Euro-Sceptic Kilroy-Silk"; "Pete Doherty", not "Rocker
    Doherty"), else longer."""
    def rank(full: str) -> tuple[bool, int]:
        return bool(full) and first_name_pronoun(full.split()[0]) is not None, len(full)

    return rank(name) > rank(than)


def initials(name: str) -> str:
    """What an organization's name is short for: "QCA" for "Qualifications and Curriculum
    Authority", its lowercase joining words left out ("The" of "The Hague" is a word of it)."""
    return "".join(w[0] for w in name.split() if w not in _NAME_JOINERS).upper()


# Bodies named by whom they serve: "the Prime Minister's Office", "the Chancellor's Department".
_OWNED_BODIES = frozenset({"office", "department", "ministry", "secretariat", "bureau", "cabinet",
                           "council", "foundation", "trust", "fund", "institute"})


def _owner_at(words: list[str]) -> int:
    """Where the last owner before a name in a run of capitals is ("Tennis Australia's Geoff
    Pollard", "Atticus' David Slager" before a first name, not "Actors' Equity Association"),
    or -1."""
    return max(
        (i for i, w in enumerate(words[:-1])
         if w.endswith(("'s", "’s"))
         or (w.endswith(("s'", "s’")) and first_name_pronoun(words[i + 1]))),
        default=-1,
    )


_LONG_SURNAME = 5
"""Letters a surname needs before a one-letter slip in it is read as a misspelling."""


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter dropped, added or changed ("Daveport" and
    "Davenport", "Chada" and "Chadha"), keeping their first letter."""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _joins_descriptor(words: list[str], i: int) -> bool:
    """Whether the function word ``words[i]``, before the name at the end of ``words``, is
    inside the descriptor that leads to the name rather than a clause: "and" or "of" inside an
    organization's name ("Richard and Judy executive producer Amanda Ross", "Bank of England
    governor Mervyn King"), or the "of" or "for" of a post ("Newcastle director of rugby Rob
    Andrew", "deputy minister for women Jacqui Smith"; never "the ambassador to Israel", "a
    spokesman for Tony Blair" or "who met Smith")."""
    word = fold(words[i])
    if word not in ("and", "of", "for") or i == 0 or i + 1 >= len(words):
        return False
    before, after = words[i - 1], words[i + 1]
    if before[:1].isupper() and after[:1].isupper():
        # a descriptor follows before the name; "Princes William and Harry" are two people
        return any(w.islower() for w in words[i + 2 :])
    if word == "and" or fold(before) not in TITLES:
        return False
    field = []
    for w in words[i + 1 :]:
        if w[:1].isupper():
            break
        field.append(w)
    return 1 <= len(field) <= 2 and all(
        LOWER_WORD.fullmatch(w) and fold(w) not in FUNCTION_WORDS | DETERMINERS for w in field
    )


_ORG_LINKS = frozenset({"of", "for", "and"})
_LONGEST_ORGANIZATION = 7


def _linked_organization(words: list[str]) -> bool:
    """Whether "the" opens an organization's name whose capitalized words "of", "for" or
    "and" join ("the Finance and Economy Ministry", "the Bank of England", "the Department
    for Work and Pensions"); two people joined by "and" have no "the" before them."""
    if not 4 <= len(words) <= _LONGEST_ORGANIZATION + 1 or fold(words[0]) != "the":
        return False
    inner = words[1:]
    links = [i for i, w in enumerate(inner) if w in _ORG_LINKS]
    return (
        bool(links)
        and inner[0][:1].isupper()
        and inner[-1][:1].isupper()
        and all(w[:1].isupper() and w.isalpha() or i in links for i, w in enumerate(inner))
        and not any(j - i == 1 for i, j in zip(links, links[1:], strict=False))
        and first_name_pronoun(inner[0]) is None
        # "the Tories and Labour", "the Lib Dems and Labour": two parties
        and not any(fold(w).removesuffix("s") in _PARTIES for w in inner)
        # "the Archbishop of Canterbury", "the CTO of Application Modernization": a post
        and not any(
            (is_title(w) or fold(w) in ROLES)
            and (i + 1 == len(inner) or inner[i + 1] in ("of", "for"))
            for i, w in enumerate(inner)
        )
    )


# A stage name's real one after it: "JK, also known as Jason King", "Cent, real name Curtis
# Jackson".
_ALIAS = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]*),? (?:also known as|better known as|real "
                    r"name|whose real name is) ([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})")


def is_demonym(word: str) -> bool:
    """Whether a capitalized word opening a name is a nationality ("Australian", "French",
    "Japanese", "Spaniard", and its people: "Englishman", "Welshwoman", "Scotsman"), not a
    first name ("Brian", "Julian", "Richard")."""
    stem = re.sub(r"(?:wo)?m[ae]n$", "", word)
    if stem != word and len(stem) >= 5 and stem.endswith(("ish", "ench", "utch", "elsh", "ots")):
        return True  # not "Lishman"
    return (
        len(word) > 5
        and word.endswith(("ian", "ean", "ese", "ish", "ench", "utch", "iard"))
        and not word.isupper()
        and first_name_pronoun(word) is None
        and fold(word) not in TITLES
    )


def _origin(run: list[str]) -> int:
    """How many words opening a run of capitalized words say where a person is from before
    their name: "Australian Lynton Crosby", "New Yorker Dick Morris" (0 when none do)."""
    if len(run) > 2 and is_demonym(run[0]):
        return 1
    if len(run) > 3 and run[0] == "New" and run[1].endswith(("er", "an")) and \
            first_name_pronoun(run[2]):
        return 2  # "New Zealander Jonah Lomu"
    return 0


def _after_titles(run: list[str]) -> int:
    """Where the name starts in a run of capitalized words: after its last title, and after a
    party or sentence adverb before it ("Earlier Conservative Graham Brady"), though a party
    alone names itself ("Labour", "Lib Dems")."""
    if len(run) > 1 and all(fold(w).removesuffix("s") in _PARTIES for w in run):
        return 0
    last = len(run) - 1
    return 1 + max(
        (
            i
            for i, w in enumerate(run)
            if (is_title(w) and not (i == last and _surname_at_end(run)))
            or (fold(w) in NAME_PREFIXES and i < last)
            # "Guitarist Brian May": a role opening the run before a first name
            or (i == 0 and last > 1 and fold(w) in ROLES and first_name_pronoun(run[1]))
        ),
        default=-1,
    )


def _surname_at_end(run: list[str]) -> bool:
    """Whether the last word of a run is a surname though it reads as a title: after an
    honorific ("Mr Major"), after a first name ("John Major"), or alone when it is a common
    surname ("said White")."""
    if len(run) == 1:
        return fold(run[0]) in SURNAME_TITLES
    if "-" in run[-1] and is_title(run[-1]):
        return False  # "The Conservative Party Co-Chairman": no surname is a hyphenated title
    before = run[-2]
    if fold(before) in HONORIFICS:
        return True
    # "Charlie King", "John Major": a first name before it, not a title, party or acronym.
    return (
        not is_title(before)
        and fold(before) not in NAME_PREFIXES
        and not before.isupper()
        and not before.endswith(("'s", "’s"))  # "Time Warner's CEO": an owner, not a name
    )


# The party words among the prefixes: "Lib Dems" is a party's name, not "Dems".
_PARTIES = NAME_PREFIXES - words("earlier later meanwhile however separately elsewhere also")
