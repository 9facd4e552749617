"""Watchlist matching: decide, per article and topic, whether to alert and why.

``compile_topics(topics)`` builds one matcher per config load; ``Matcher.match(article)`` makes one
pass over the article for all topics at once. The rules:

- Text is compared as tokens (``bot.textnorm``): words and punctuation marks, folded to lowercase
  without diacritics. A term matches whole tokens only ("ICC" is not in "ICCID", "Hamas" is not
  in "Hamasaki"); "Netanyahu's", "Netanyahu’s", "Al-Qaeda"/"Al Qaeda" and "Agnès"/"Agnes" match.
- Capitals in a name or alias must be capitals in the text ("ICC" does not match "icc" in a URL,
  "Hamas" does not match "hamas"), except in a title or body that is lowercased as a whole, like
  stemmed text, where case says nothing; there, an acronym that spells a common word ("US",
  "IT") is not matched at all. Events are phrases and match in any case.
- People match on their name, an alias, or the surname alone: the last word of the name together
  with any lowercase particles before it ("von der Leyen", "bin Salman"), and that last word by
  itself (a lowercase last word in a capitalized name gives no surname); for a name written
  family name first ("Xi Jinping", "Kim Jong-un": ``namewords.family_name_first``) the family
  name, which the given name after it introduces, and which needs an introduction or another
  mention in the body. Every surname is resolved
  once the whole article is read (``Matcher._resolve``): after a first name or initial it is the
  person's only if that is one of their names, initials or nicknames (or, for a surname that is no
  English word, a first name one letter off); alone or after a title it is the person of that
  surname the article introduced last before it, or first after it ("Steve Brown ... Mr Brown" is
  not Gordon Brown); after a title naming an office, the person introduced with that office, and
  no one introduced only with other offices ("Former President Clinton" is not "Secretary of
  State Hillary Clinton"); with no one introduced it counts in the headline, except in a list
  of names, in a title-cased label ("the album Final Straw") or over a body that has it only
  inside a longer name ("Owens"), and in the body only with another mention of the person that
  counts (a bare "Robinson" no one is introduced with may be anyone of that surname: "Robinson
  will have to choose" is the England coach, not Jason Robinson). A title of the other gender
  is someone else ("Mrs Howard" is not Michael Howard:
  ``bot.matching.namewords.first_name_genders``). A surname right before a capitalized word that
  is not a common word is someone's first name or another name ("Howard Hughes", "Khan
  Younis"), where the text has case. A surname next to "&" or "+" and a
  capitalized word ("Johnson & Johnson", "Wieden + Kennedy") or before a company suffix ("Johnson
  plc") is part of a company's name. A surname that is an English dictionary word ("Jobs",
  "Gates") where its capital says nothing counts only if another mention of the person counts on
  its own, and so does a month, a day or a place ("May": "on 27 May"; "London", "Jordan":
  ``place_names``) no one of that surname is introduced with, and an
  initial in a line-up of initials ("R Jones, M Owen."), a bare surname right after "at" ("chief
  economist at Gerrard") and one no one is introduced with in a lowercased body ("davi cup").
  After "Sir" or "Dame" the word is a first name ("Sir Howard"), after "alias" or "known as" a
  name someone else goes by ("Athram Shobhan alias Charles"); a quoted nickname between first
  name and surname keeps the first name (Dwayne "The Rock" Johnson). With
  ``surname = false``, the surname counts only after a title, when the article also names the
  person in full.
- An organization's one-word name or alias that is a common word ("Next", "Shell") or a two-letter
  acronym ("BA") counts only with a mention whose capital tells a name (not after a determiner:
  "The Next Step") and a sign of the organization: another of its names, a possessive or company
  suffix, or a context word of its topic. A name in mixed case ("WorldCom") also matches
  capitalized ("Worldcom").
- Events match on Porter stems ("arrest warrant" finds "arrest warrants", "indictment" finds
  "indicted"); built-in event sets add aliases for other wordings ("warrant for the arrest"), and
  so does a topic's own event named like a built-in one ("lawsuit" finds "sued"). A one-word event
  with other senses ("appeal", "trial", "fine": ``bot.matching.vocabulary.CONTEXT_WORDS``) counts
  only with a word that gives it its sense nearby in the same sentence and none that takes it away
  right next to it ("a free trial", "fine weather", a price: "charged £5", "a service charge");
  phrases containing it ("on trial") count as
  usual, and in raw text so do the verb forms of a word whose verb has one sense ("fined"); a
  word right before one may give it another sense always ("cardiac arrest",
  ``OTHER_SENSE_BEFORE``). Common event words a desk watches by name ("strike", "fire", "crash",
  "hack", "explosion", "blaze", "collision", "derailment": ``COMMON_EVENT_SENSES``) are read
  the same way, whichever topic lists them: "strike", "crash" and "derailment" need a word of
  their news senses nearby (a strike by workers or from the air, a crash of vehicles, a train
  derailed, not talks), the others count wherever no word next to them takes the sense away
  ("opened fire", "crashed out", "hacked to death"), and in raw text "fired", "firing",
  "blazed", "blazing" and "hacks" never do. A wording often only
  threatened ("sue", "legal action") does not count below the lead after a word of intent
  ("will take legal action"); in an article not in English,
  an event counts only in a wording the topic gives it, not by its stem (Spanish "sus", stemmed
  "su" like "sue") nor by the built-in English wordings it gets for its name (Italian "le sue
  parole", "his words", is no lawsuit).
- Stemmed articles (``text_form == "stemmed"``) are matched against the watchlist stemmed the same
  way ("International Criminal Court" -> "intern crimin court", "Hamas" -> "hama"); a title with
  capitals above a stemmed body is stemmed first. Raw articles are never matched against stems of
  names, so raw "Hama" stays a city.
- A topic alerts when one of its entities matches and none of its ``exclude`` terms does (they
  follow the name rules); with ``require_event`` it needs an event and a person or organization.
  A mention inside one of its ``ignore`` phrases (name rules too) does not count; the article's
  other mentions do.
  A stemmed key shared by two names ("hama") counts only where the article shows its topic.
- Each match has a prominence (headline, lead, body, passing); matches below a topic's
  ``min_prominence``, or below a name's own where it has one, do not count. An organization
  named only as the market shares trade on ("traded on the London Stock Exchange") is a passing
  mention. A topic with ``commentators = false`` leaves out an organization named only as the
  employer of an analyst, economist or strategist the article quotes ("economist at UBS").

Every match carries its evidence: how many times the entity was found, the surface forms as they
appear in the article (spellings that differ only in spacing or hyphens are given once, as first
found), whether the title has one, its prominence, and for people the mentions that name them only
once resolved ("Mr Brown → Gordon Brown").
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, count
from operator import add
from typing import NamedTuple

import ahocorasick

from bot.matching.namewords import (
    COMMON_WORDS,
    COMPANY_SUFFIXES,
    FEMALE_TITLES,
    HONORIFICS,
    MALE_TITLES,
    OFFICE_ABBREVIATIONS,
    TITLE_ABBREVIATIONS,
    TITLE_QUALIFIERS,
    TITLE_WORDS,
    english_words,
    family_name_first,
    first_name_genders,
    first_names,
    frequent_words,
    name_forms,
    place_names,
)
from bot.matching.vocabulary import (
    ALIAS_MARKS,
    COMMENTATOR_WORDS,
    COMMON_EVENT_SENSES,
    CONTEXT_SPAN,
    CONTEXT_WORDS,
    FOLLOWER_NOUNS,
    INTENT_WORDS,
    LISTING_WORDS,
    MEDIUM_NOUNS,
    OTHER_SENSE_BEFORE,
    POSTING_WORDS,
    THREATENED_WORDINGS,
    builtin_aliases,
    builtin_not_as,
)
from bot.models import (
    PROMINENCE_LEVELS,
    Article,
    Entity,
    EntityKind,
    EntityMatch,
    Topic,
    TopicMatch,
)
from bot.textnorm import STEMS, fold, is_word, tokenize

__all__ = ["Matcher", "ambiguous_entries", "compile_topics", "employs_commentator"]

# How a hit on a key counts for an entity.
_FULL = 0  # a name or alias: always counts
_SURNAME = 1  # a person's surname, surname = true: counts when it resolves to the person
_TITLED = 2  # a person's surname, surname = false: counts after a title when the full name is found
_CONTEXT = 3  # an event word with other senses ("trial"): counts near a word that gives its sense
_GUARDED = 4  # an organization's name or alias that is a common word ("Next") or a two-letter
# acronym ("BA"): counts with a sign of the organization in the article
_MARKER = 5  # a topic's context word: never counts, tells what the article is about

_SENTENCE_ENDS = frozenset(".!?:\n")  # a word after one of these is capitalized anyway
_OPENERS = frozenset("\"'([")  # may stand between a sentence end and its first word
_STOPS = frozenset(".!?\n")  # the context of an event word does not reach past these
_LIST_MARKS = frozenset(",;()")  # around a surname in a list of names ("Orr, Brown.")
_SHORT_ACRONYM = 2  # letters up to which an all-capitals alias is ambiguous ("BA", "EU")
_REMEMBERED = 100_000  # (surname group, first name) answers kept before starting afresh
_SHORTEST_EVENT_WORD = 3  # a one-word event found as a shorter word is its stem only ("su")
_CALENDAR = frozenset([
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
"""Month and day names, capitalized wherever they stand: as a bare surname ("May", "March") the
capital cannot tell the person from the date ("on 27 May")."""
_LINK_LEADS = frozenset([":", "(", "-", "\u2013", "|", "at", "on"])  # "Facebook: https://..."
_SCHEMES = frozenset(["http", "https"])
_OTHER_SENSE = {STEMS[word]: frozenset(STEMS[w] for w in before)
                for word, before in OTHER_SENSE_BEFORE.items()}  # by stem, as events are read
_ADJECTIVE_TITLES = frozenset(["major", "general"])  # titles only capitalized ("major London")
_KNIGHTLY = frozenset(["sir", "dame"])  # titles used with a first name: "Sir Howard" is no surname
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019")  # around a nickname: Dwayne "The Rock" Johnson
_LINE_UP_SPAN = 8  # tokens around an initial and surname searched for other initials
_NICKNAME_WORDS = 4  # words a quoted nickname between first name and surname may have
_SENSE_WORDS = 3  # words a phrase that takes an event word's sense away may have ("a monthly fee")
_GIVEN_PART = 3  # letters of a lowercase given name's part after a hyphen ("Jong-il", "Geun-hye")
_PARTICLES = frozenset(["van", "von", "de", "der", "den", "da", "di", "du", "le", "la", "bin"])
_TITLE_RUN = 4  # tokens a title may span before a name ("Former Secretary of State")
_SOMEONE_ELSE = ""  # the first name of a person no watched person can be
_INTENT_SPAN = 3  # words before a threatened wording that a word of intent may stand within
_ENGLISH_SHARE = 0.15  # share of small English words below which a text is in another language
_ENGLISH_SAMPLE = 12  # words a text needs before its language is judged

_Context = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str] | None, bool,
                 frozenset[str]]
"""Stems of: the words that give an event word its sense, the words right before it and the
words right after it that take it away, and the words that may follow it as a noun; whether its
verb forms have only its sense; stems of the words that make its other forms a general mention
(see ``bot.matching.vocabulary.Sense``)."""

_Hit = tuple[int, int, int]
"""A key found: its first token, the token after it, the first token of the evidence."""
_Hits = dict[int, list[_Hit]]  # by item

_TITLE_GENDERS = {**dict.fromkeys(FEMALE_TITLES, "female"), **dict.fromkeys(MALE_TITLES, "male")}
_TITLE_GENDERS |= {STEMS[title]: gender for title, gender in _TITLE_GENDERS.items()
                   if STEMS[title] not in _TITLE_GENDERS}  # stemmed, "mrs" is "mr": a man
_OTHER = {"male": "female", "female": "male"}
_THREATENED = frozenset(" ".join(STEMS[w] for w in fold(p).split()) for p in THREATENED_WORDINGS)
_THREATENED_FIRST = frozenset(p.split(" ")[0] for p in _THREATENED)
_INTENT = frozenset(STEMS[w] for w in INTENT_WORDS)
_LISTING = LISTING_WORDS | frozenset(STEMS[w] for w in LISTING_WORDS)
_ALIAS_MARKS = frozenset(form for phrase in ALIAS_MARKS for form in (
    phrase, " ".join(STEMS[w] for w in phrase.split())))
_ALIAS_WORDS = max(len(p.split()) for p in _ALIAS_MARKS)

_SEPARATOR = "\n"  # the token between title and body; the tokenizer never makes it
_GAP = r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d_]*"  # what may lie between two tokens


@dataclass(slots=True)
class _Item:
    """A watched entity, exclude term or context word, and the topics its match can make alert
    (or veto, or tell about)."""

    kind: EntityKind | None  # None: an exclude term or a context word
    name: str
    given: frozenset[str] = frozenset()
    """People: the other words of their names, their nicknames and initials, folded and
    stemmed: a first name before the surname that is one of these is the person's."""
    given_names: tuple[str, ...] = ()  # people: the other words of their names, folded
    variants: bool = False  # people: a surname rare enough that a misspelt first name is theirs
    word_surname: bool = False  # people: the bare surname is an English word ("Jobs")
    place_surname: bool = False  # people: the bare surname is a month, a day or a place ("May",
    # "London")
    family_first: str | None = None
    """People whose family name comes first ("Xi Jinping"): their given name, folded ("jinping",
    "jong un"), which follows the family name where the article introduces them."""
    marker: bool = False  # a topic's context word
    ignore: bool = False  # a topic's ignore phrase: no veto, only its mentions inside stop counting
    triggers: tuple[int, ...] = ()
    """Topic indexes, one tuple shared by all items with the same ones. An event does not trigger
    a topic that requires an event, since such a topic alerts only with a person or
    organization, which triggers it. For a context word: the topics it tells about."""


class _Group(NamedTuple):
    """The items that share one key with the same role and the same capitals."""

    role: int
    case: str | None  # the key as written, when its capitals must be capitals in the text
    items: tuple[int, ...]


class _Pending(NamedTuple):
    """A surname found, to be resolved once the whole article has been read."""

    value: int  # the key's automaton value
    group: _Group
    start: int
    end: int
    evidence: int
    titled: bool
    first: str | None  # the first name or initial before it
    uninformative: bool  # its capital says nothing
    labelled: bool  # after a capitalized common word mid-sentence: in a label ("Final Straw")
    gender: str | None  # "male" or "female" when its title names a man ("Mr") or a woman ("Mrs")
    office: str | None  # the office its title names ("President Clinton"), if any


@dataclass
class _Found:
    """What one pass over an article found, before resolution."""

    hits: _Hits = field(default_factory=lambda: defaultdict(list))
    dependent: _Hits = field(default_factory=lambda: defaultdict(list))
    """Hits that count only if the item has a hit in ``hits``."""
    guarded: dict[int, list[tuple[_Hit, bool, bool, bool]]] = field(
        default_factory=lambda: defaultdict(list))
    """Per item: hits on an ambiguous key, whether the capital tells a name, whether the hit
    carries its own sign of the organization (a possessive or a company suffix after it), and
    whether it is a stemmed key that two names share."""
    pending: list[_Pending] = field(default_factory=list)
    introduced: dict[int, list[tuple[int, str, str | None]]] = field(
        default_factory=lambda: defaultdict(list))
    """Per surname key: where it follows a first name or initial, that name, and the office a
    title before the name gives ("former US president Bill Clinton"), if any."""
    markers: set[int] = field(default_factory=set)  # topics whose context words were found
    listed: set[tuple[int, int]] = field(default_factory=set)
    """(item, start) of organization hits that name the market shares trade on ("shares traded
    on the London Stock Exchange"): they make a match no more than a passing mention."""
    cited: set[tuple[int, int]] = field(default_factory=set)
    """(item, start) of organization hits that name a commentator's employer ("economist at
    UBS"): a topic with ``commentators = false`` leaves out a name found only so."""
    english: bool | None = None  # whether the article is in English, once asked


@dataclass(frozen=True)
class _Words:
    """The word lists for reading the tokens around a surname, folded, plus their stems."""

    abbreviations: frozenset[str]
    titles: frozenset[str]
    extenders: frozenset[str]  # titles and their qualifiers
    common: frozenset[str]
    companies: frozenset[str]  # suffixes that make a name a company's
    offices: dict[str, str]  # titles that name an office, by the office they name

    @classmethod
    def build(cls) -> _Words:
        def with_stems(words: frozenset[str]) -> frozenset[str]:
            return words | {STEMS[w] for w in words}

        titles = with_stems(TITLE_WORDS)
        offices = {form: OFFICE_ABBREVIATIONS.get(title, title)
                   for title in TITLE_WORDS - HONORIFICS for form in (title, STEMS[title])}
        return cls(with_stems(TITLE_ABBREVIATIONS), titles,
                   titles | with_stems(TITLE_QUALIFIERS), with_stems(COMMON_WORDS),
                   with_stems(COMPANY_SUFFIXES), offices)


class _Automaton:
    """Keys mapped to their groups in one Aho-Corasick automaton.

    A key is a run of folded (or stemmed) tokens joined and surrounded by spaces, matched against
    the article's tokens joined the same way, so a hit is always a run of whole tokens.
    """

    def __init__(self) -> None:
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.groups: list[tuple[int, tuple[_Group, ...]]] = []  # (tokens in key, groups), by value
        self._building: list[list[tuple[int, str | None, list[int]]]] = []  # groups, by value
        self._lengths: list[int] = []  # tokens in key, by value

    def add(self, tokens: Sequence[str], role: int, case: str | None, item: int) -> None:
        key = " " + " ".join(tokens) + " "
        value = self.automaton.get(key, -1)
        if value < 0:
            value = len(self._building)
            self.automaton.add_word(key, value)
            self._building.append([])
            self._lengths.append(len(tokens))
        groups = self._building[value]
        for group_role, group_case, items in groups:
            if (group_role, group_case) == (role, case):
                if items[-1] != item:  # an entity adds its keys one after the other
                    items.append(item)
                return
        groups.append((role, case, [item]))

    def build(self) -> None:
        self.groups = [(length, tuple(_Group(role, case, tuple(items))
                                      for role, case, items in groups))
                       for length, groups in zip(self._lengths, self._building, strict=True)]
        self._building, self._lengths = [], []
        if self.groups:
            self.automaton.make_automaton()

    def find(self, tokens: list[str]) -> list[tuple[int, int, int]]:
        """(first token, token after the key, value) of every key found in ``tokens``."""
        if not self.groups:
            return []
        found = list(self.automaton.iter(" " + " ".join(tokens) + " "))
        if not found:
            return []
        spaces = list(map(add, accumulate(map(len, tokens), initial=0), count()))  # before token i
        groups = self.groups
        return [(end - groups[value][0], end, value)
                for end, value in ((bisect_left(spaces, last), value) for last, value in found)]


def _surnames(tokens: list[str]) -> list[list[str]]:
    """The surname forms of a person's name tokens: with its lowercase particles, and bare; the
    first word of a name written family name first ("Xi Jinping", "Kim Jong-un", "Park
    Chan-wook"). Otherwise a lowercase last word in a capitalized name is no surname."""
    words = [t for t in tokens if is_word(t)]
    if family_name_first(tokens):
        return [words[:1]]
    if len(words) < 2 or (words[-1].islower() and not all(w.islower() for w in words)):
        return []
    start = len(words) - 1
    while start > 1 and words[start - 1].islower():
        start -= 1
    forms = [words[start:]]
    if start < len(words) - 1:
        forms.append(words[-1:])
    return forms


@dataclass
class _Text:
    """One article prepared for matching: title and body as one list of tokens."""

    tokens: list[str]  # title tokens, _SEPARATOR, body tokens; case kept
    folded: list[str]  # the same tokens, folded
    title_len: int  # tokens before this index are in the title
    lowered: tuple[bool, bool]  # (title, body) lowercased as a whole: case says nothing
    caseless: tuple[bool, bool]  # (title, body) lowercased, uppercased or in title case: capitals
    # cannot tell a first name from any other word
    source: str  # the NFC text that surfaces are looked up in
    paragraphs: frozenset[int]  # the first token of each body paragraph after the first

    @classmethod
    def of(cls, article: Article) -> _Text:
        title, body = article.title.strip(), article.text.strip()
        if title == body:
            body = ""
        title_tokens = tokenize(title)
        tokens = [*title_tokens, _SEPARATOR]
        paragraphs = set()
        for paragraph in _PARAGRAPH_BREAK.split(body):
            words = tokenize(paragraph)
            if words and len(tokens) > len(title_tokens) + 1:
                paragraphs.add(len(tokens))
            tokens += words
        words = [t for t in title_tokens if t[:1].isalpha()]
        title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        source = f"{title}\n{body}"
        return cls(tokens, fold(" ".join(tokens)).split(" "), len(title_tokens),
                   (title.islower(), body.islower()),
                   (title.islower() or title.isupper() or title_case,
                    body.islower() or body.isupper()),
                   source if source.isascii() else unicodedata.normalize("NFC", source),
                   frozenset(paragraphs))


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_OWNERS = frozenset(["his", "her", "their", "its", "our", "my", "your", "the"])


_POSTED_WITHIN = 6
"""Words before "on <name>" in which a word of posting makes the name the medium."""
_CLAUSE_ENDS = frozenset(".;:!?,")
_JOINERS = frozenset("&+")
"""Signs that join the names of a firm's founders ("Marks & Spencer", "Wieden + Kennedy")."""


def _as_medium(folded: list[str], original: list[str], start: int, end: int) -> bool:
    """Whether the organization at ``start:end`` is named as the medium something was posted
    on: before a word of posts ("a Facebook video", "his Twitter account"), or after "on" or
    "to", "via" or "from" (and an owner) with a word of posting shortly before in the same
    clause ("posted on Facebook", "wrote on her Instagram page", "posted video of the attack on
    Facebook", "downloaded from Google Play Store", "available on Amazon"). Like
    a market shares trade on, it is then named in passing. A word of posts in capitals names a
    product of the company's ("Google Photos"): news of it."""
    if end < len(folded) and folded[end] in MEDIUM_NOUNS and original[end].islower():
        return True
    at = start - 1
    if at >= 0 and folded[at] in _OWNERS:
        at -= 1
    if at < 0 or folded[at] not in ("on", "to", "via", "from"):
        return False
    for i in range(at - 1, max(at - _POSTED_WITHIN, 0) - 1, -1):
        if folded[i] in _CLAUSE_ENDS:
            return False
        if folded[i] in POSTING_WORDS:
            return True
    return False


_EMPLOYER_LINKS = frozenset(["at", "of", "from", "with", "for"])
"""Words between a commentator's job (and name) and their employer: "economist at UBS"."""
_COMMENTATOR_NAME = 5
"""Tokens of a person's name and a comma that may stand between a commentator's job and
"at", "of"... ("analyst Nick Van den Brul of BNP Paribas"), or after the employer and before
the job ("Citigroup Global Markets analyst", "Morgan Stanley equity strategist")."""


_SPEAKER_LINKS = frozenset(["at", "from", "with"])
"""Words between a quoted person's name and their employer when no job is given."""
_SPEECH_VERBS = frozenset(["said", "says", "told", "added"])


def _speech_after(original: list[str], end: int) -> bool:
    """Whether a verb of speech follows the employer's name and unit ("from UBS, told")."""
    j = end
    while j < min(end + _COMMENTATOR_NAME, len(original)) and \
            (original[j][:1].isupper() and is_word(original[j]) or original[j] == ","):
        j += 1
    return j < len(original) and fold(original[j]) in _SPEECH_VERBS


def employs_commentator(original: list[str], start: int, end: int) -> bool:
    """Whether the organization at ``start:end`` is named as the employer of someone a story
    quotes or cites on its subject: after a commentator's job and "at", "of", "from", "with"
    or "for", a name between them or not ("said Jane Doe, an economist at UBS", "analyst Orin
    Middleton of Barclays Capital", "analysts at Goldman Sachs"); right after the job ("Der
    Analyst UBS AG"); or before the job and the person's name ("UBS economist Maury Harris",
    "Citigroup Global Markets analyst Kyle Cooper", "Morgan Stanley equity strategist Naoki
    Kamiyama"). Capitalized words next to the name are the employer's unit ("Brunswick UBS",
    "UBS Securities"). The jobs are ``COMMENTATOR_WORDS``: a bank's chief executive or
    spokesman quoted is its own news."""
    def job(i: int) -> bool:
        return 0 <= i < len(original) and fold(original[i]) in COMMENTATOR_WORDS

    def capital(i: int) -> bool:
        return 0 <= i < len(original) and original[i][:1].isupper() and is_word(original[i])

    def in_name(i: int) -> bool:  # a word of a person's name, particles included ("van den")
        return capital(i) or original[i].isalpha() and original[i].islower() and \
            capital(i - 1) and capital(i + 1)

    i = start - 1
    while i >= max(start - _COMMENTATOR_NAME, 0) and capital(i) and not job(i):
        i -= 1  # the employer's unit ("Brunswick UBS")
    if job(i):
        return True
    if i >= 0 and fold(original[i]) == "the":
        i -= 1
    if i >= 0 and fold(original[i]) in _EMPLOYER_LINKS:
        names = 0
        for before in range(i - 1, max(i - 1 - _COMMENTATOR_NAME, -1), -1):
            if job(before):
                return True
            if original[before] != "," and not in_name(before):
                break
            names += original[before] != ","
        else:
            before = -1
        if fold(original[i]) in _SPEAKER_LINKS and names >= 2 and (
                before >= 0 and fold(original[before]) in _SPEECH_VERBS or
                _speech_after(original, end)):
            return True  # "said Jason Daw at Merrill Lynch", "Jo Bloggs, from UBS, told"
    j, lowercase = end, 0
    while j < min(end + _COMMENTATOR_NAME, len(original)) and not job(j):
        if original[j].isalpha() and original[j].islower() and lowercase < 2 and \
                fold(original[j]) not in COMMON_WORDS and not _inflected_verb(original[j]):
            lowercase += 1  # "senior", "equity"; not "hires", "names"
        elif not capital(j):
            return False
        j += 1
    return job(j) and capital(j + 1)


def _inflected_verb(word: str) -> bool:
    """Whether ``word`` is an inflected form of a verb ("hires", "named", "promoting"): between
    a company and a job it tells news of the company's staff ("HSBC hires analyst John Smith"),
    where a base form ("credit", "market") qualifies the job."""
    from lemminflect import getAllLemmas  # loaded on the first company named before a job

    verbs = getAllLemmas(word).get("VERB", ())
    return bool(verbs) and word not in verbs


_COMPANY_NOUNS = frozenset([
    "firms", "companies", "manufacturers", "makers", "rivals", "retailers", "brands", "vendors",
    "suppliers", "competitors", "carmakers", "automakers", "banks", "chains", "groups", "giants",
    "labels", "studios", "networks", "businesses"])
"""Nouns of companies: a surname listed after one with "like" or "such as" is a company's."""

_VENUES = frozenset(["Center", "Centre", "Arena", "Stadium", "Field", "Dome"])
_NAMESAKES = _VENUES | frozenset([
    "Hospital", "University", "Airport", "Bridge", "Street", "Road", "Avenue", "Square", "School",
    "College", "Institute", "Foundation", "Memorial", "Award", "Awards", "Prize", "Trophy",
    "Building", "Tower", "Library", "Museum", "Theatre", "Theater", "Hall", "Station"])


def _names_a_place(original: list[str], end: int, kind: str) -> bool:
    """Whether a name is the first part of the name of a place or an honour named after it: a
    person's before "Hospital", "Airport", "Award" ("Queen Elizabeth University Hospital",
    "John F. Kennedy Airport"), a company's before a venue ("Barclays Center", "Bank of America
    Stadium"). A company's own university or foundation is still the company's news."""
    if kind == "person" and end + 1 < len(original) and original[end][:1].isupper() and \
            original[end + 1] in _NAMESAKES:
        return True  # "George Bush Intercontinental Airport"
    return end < len(original) and original[end] in (_NAMESAKES if kind == "person" else _VENUES)


_ACRONYM_LETTERS = 4  # the longest word in capitals read as an acronym, not a surname


def _written_as_acronym(original: list[str], start: int, end: int) -> bool:
    """Whether a bare surname is written in capitals in running text, as an acronym is: "UN" is
    the United Nations, not Kim Jong Un; "US", "IT" and "MAY" the same."""
    word = original[start]
    return end - start == 1 and 1 < len(word) <= _ACRONYM_LETTERS and word.isupper() and \
        word.isalpha()


def _labels_own_link(folded: list[str], start: int, end: int) -> bool:
    """Whether the name at ``start:end`` labels a link to its own site, as the follow-us lines
    under a video and the shop links of a podcast's notes do ("Find us on Facebook:
    https://www.facebook.com/aljazeera/", "Amazon: http://www.amazon.co.uk/dp/..."): the
    name is then no news of the organization. The link comes right after the name, with at most
    two words or marks between, and the name, without its spaces, is a part of its host."""
    key = "".join(c for c in "".join(folded[start:end]) if c.isalnum())
    at = end
    while at < len(folded) and at < end + 2 and folded[at] in _LINK_LEADS:
        at += 1
    if folded[at:at + 4] and folded[at] in _SCHEMES and folded[at + 1:at + 4] == [":", "/", "/"]:
        at += 4
    elif folded[at:at + 1] != ["www"]:
        return False
    host = []
    while at < len(folded) and folded[at] not in ("/", ")", "?"):
        host.append(folded[at])
        at += 1
    return key in host[::2] and all(dot == "." for dot in host[1::2])


class Matcher:
    """All topics' terms in three automata: names as written and events as stems, for raw
    articles, built at once; everything as stems, for stemmed articles, built on first use."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._topics = tuple(topics)
        self._items: list[_Item] = []
        self._topic_items: list[tuple[int, ...]] = []  # per topic: its entities' items, in order
        self._topic_events: list[tuple[int, ...]] = []  # per topic: its events' items
        self._topic_ignores: list[tuple[int, ...]] = []  # per topic: its ignore phrases' items
        self._topic_minimum = [PROMINENCE_LEVELS.index(t.min_prominence) for t in self._topics]
        self._own_minimum: list[dict[int, int]] = []  # per topic: items with a minimum of their own
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple per distinct list
        self._sources: list[Entity | str] = []  # per item: the entity, or the other term
        self._raw, self._events = _Automaton(), _Automaton()
        self._stemmed: _Automaton | None = None
        self._ambiguous_stems: frozenset[int] = frozenset()  # stemmed keys two names share
        self._first_names: dict[tuple[int, str], tuple[int, ...]] = {}  # see _named
        self._genders: dict[str, str] | None = None  # see _of_gender
        self._shared: dict[frozenset[str], frozenset[str]] = {}  # one set per distinct value
        self._given_forms: dict[tuple[frozenset[str], bool], frozenset[str]] = {}
        self._names: dict[tuple[str, ...], tuple[str, ...]] = {}  # one tuple per distinct value
        self._words = _Words.build()
        self._wordings: dict[int, frozenset[str]] = {}  # per event item: see _own_wording
        self._not_as: dict[int, frozenset[str]] = {}  # per event item: forms that do not count
        self._family_first = False  # whether anyone watched has the family name first
        self._word_surnames = english_words(  # read first: the dictionary then frees its memory
            fold(forms[-1][-1]) for topic in self._topics for person in topic.people
            if (forms := _surnames(tokenize(person.name))))
        self._place_surnames = place_names() if any(t.people for t in self._topics) \
            else frozenset()
        self._common_names = frequent_words(
            fold(tokens[0]) for topic in self._topics for entity in topic.organizations
            for name in (entity.name, *entity.aliases) if len(tokens := tokenize(name)) == 1)
        self._contexts: dict[str, _Context] = {
            " ".join(STEMS[w] for w in word.split()): (
                *(frozenset(" ".join(STEMS[w] for w in entry.split()) for entry in entries)
                  for entries in sense[:3]),
                sense.followers, sense.verb, frozenset(map(STEMS.__getitem__, sense.generic)))
            for word, sense in (CONTEXT_WORDS | COMMON_EVENT_SENSES).items()}  # type: ignore[misc]
        ids: dict[object, int] = {}
        for t_index, topic in enumerate(self._topics):
            # One item per name, whatever minimum each topic gives it (see _own_minimum)
            watched: list[tuple[object, EntityKind | None, str]] = [
                (replace(e, min_prominence=None), e.kind, e.name) for e in topic.entities]
            watched += [(("exclude", term), None, term) for term in topic.exclude]
            watched += [(("ignore", term), None, term) for term in topic.ignore]
            watched += [(("context", term), None, term) for term in topic.context]
            items = []
            for identity, kind, name in watched:
                item = ids.get(identity)
                if item is None:
                    item = ids[identity] = len(self._items)
                    entity = identity if isinstance(identity, Entity) else None
                    marker = isinstance(identity, tuple) and identity[0] == "context"
                    ignore = isinstance(identity, tuple) and identity[0] == "ignore"
                    not_as = (*entity.not_as, *builtin_not_as(entity.name)) \
                        if entity is not None and entity.kind == "event" else ()
                    if not_as:  # "fired" for a topic that follows "fire"
                        self._not_as[len(self._items)] = frozenset(not_as)
                    self._items.append(_Item(kind, name, marker=marker, ignore=ignore))
                    self._sources.append(entity if entity is not None else name)
                    self._add(item, entity, name, stemmed=False)
                if kind is not None:
                    items.append(item)
                if kind != "event" or not topic.require_event:
                    triggers = (*self._items[item].triggers, t_index)
                    self._items[item].triggers = shared.setdefault(triggers, triggers)
            self._own_minimum.append({
                item: PROMINENCE_LEVELS.index(e.min_prominence)
                for item, e in zip(items, topic.entities, strict=True)
                if e.min_prominence is not None})
            items = tuple(dict.fromkeys(items))
            self._topic_items.append(shared.setdefault(items, items))
            events = tuple(i for i in items if self._items[i].kind == "event")
            self._topic_events.append(shared.setdefault(events, events))
            ignores = tuple(ids[("ignore", term)] for term in dict.fromkeys(topic.ignore))
            self._topic_ignores.append(shared.setdefault(ignores, ignores))
        self._event_items = frozenset(i for i, item in enumerate(self._items)
                                      if item.kind == "event")
        self._raw.build()
        self._events.build()

    def _add(self, item: int, entity: Entity | None, term: str, stemmed: bool,
             stem_sources: dict[tuple[str, ...], set[tuple[int, tuple[str, ...]]]] | None = None
             ) -> None:
        """Add an item's keys: to the raw and event automata, or (``stemmed``) to the automaton
        for stemmed articles (noting in ``stem_sources`` which names each stemmed key stands
        for)."""
        marker = self._items[item].marker
        names = [entity.name, *entity.aliases] if entity else [term]
        is_event = entity is not None and entity.kind == "event"
        if is_event:
            names += [a for a in builtin_aliases(entity.name) if a not in names]
        for name in names:
            tokens = tokenize(name)
            if not tokens:
                raise ValueError(f"{name!r} has no letters, digits or marks to match")
            folded = fold(" ".join(tokens)).split(" ")
            guarded = entity is not None and entity.kind == "organization" and \
                self._is_ambiguous(name, folded)
            if stemmed:
                if not self._spells_common_word(name, folded):
                    stems = [STEMS[t] for t in folded]
                    role = self._event_role(stems) if is_event else \
                        _MARKER if marker else _GUARDED if guarded else _FULL
                    self._stemmed.add(stems, role, None, item)  # type: ignore[union-attr]
                    if stem_sources is not None and not is_event and not marker:
                        stem_sources[tuple(stems)].add((item, tuple(folded)))
            elif is_event or marker:
                stems = [STEMS[t] for t in folded]
                self._events.add(stems, _MARKER if marker else self._event_role(stems), None,
                                 item)
            else:
                case = " ".join(tokens) if any(c.isupper() for c in name) else None
                self._raw.add(folded, _GUARDED if guarded else _FULL,
                              name if case == name else case, item)
        if entity is None or entity.kind != "person":
            return
        role = _SURNAME if entity.surname else _TITLED
        surnames = _surnames(tokenize(entity.name))
        for surname in surnames:
            folded = fold(" ".join(surname)).split(" ")
            if stemmed:
                self._stemmed.add([STEMS[t] for t in folded], role, None, item)  # type: ignore[union-attr]
            else:
                case = sys.intern(" ".join(surname)) if any(
                    c.isupper() for c in "".join(surname)) else None
                self._raw.add(folded, role, case, item)
        if not surnames:
            return
        person = self._items[item]
        last = fold(surnames[-1][-1])
        if not stemmed:
            if family_name_first(tokenize(entity.name)):
                person.family_first = " ".join(
                    fold(t) for t in tokenize(entity.name)[1:] if is_word(t))
                self._family_first = True
            person.word_surname = last in self._word_surnames
            person.place_surname = last in _CALENDAR or last in self._place_surnames
            person.variants = not person.word_surname
        given = frozenset({fold(t) for n in names for t in tokenize(n) if is_word(t)} -
                          {fold(t) for t in surnames[0]})
        forms = self._given_forms.get((given, stemmed))
        if forms is None:  # people share first names: each set of them is read once
            found = {form for g in given for form in name_forms(g)} | {g[0] for g in given}
            forms = self._given_forms[(given, stemmed)] = frozenset(
                {STEMS[f] for f in found} if stemmed else found)
        if not stemmed:
            given_names = tuple(sorted(g for g in given if len(g) > 2))
            person.given_names = self._names.setdefault(given_names, given_names)
        if person.family_first:  # the whole given name, as it follows the family name
            forms |= {" ".join(STEMS[w] for w in person.family_first.split()) if stemmed
                      else person.family_first}
        given_forms = person.given | forms if person.given else forms
        person.given = self._shared.setdefault(given_forms, given_forms)

    def _is_ambiguous(self, name: str, folded: list[str]) -> bool:
        """Whether an organization's name or alias needs a sign of the organization: one word
        that is a common English word ("Next", "Shell"), or an acronym of two letters ("BA")."""
        if len(folded) != 1:
            return False
        return folded[0] in self._common_names or (
            name.isupper() and len(name) <= _SHORT_ACRONYM and name.isalpha())

    def _event_role(self, stems: list[str]) -> int:
        """An event wording with other senses (a word, or a phrase such as "cleared of") needs its
        context; others always count."""
        return _CONTEXT if " ".join(stems) in self._contexts else _FULL

    def _spells_common_word(self, name: str, folded: list[str]) -> bool:
        """Whether ``name`` is an acronym that spells a common word ("US", "IT"): in lowercased
        text it cannot be told from the word, so it matches only where case is kept."""
        return name.isupper() and len(folded) == 1 and folded[0] in self._words.common

    def _stemmed_automaton(self) -> _Automaton:
        """The automaton for stemmed articles, built when the first one comes: most configs
        never see one, and at 100,000 entities it takes seconds and ~100 MB. A key that stands
        for different names ("hama": Hamas and the city of Hama) is noted as ambiguous."""
        if self._stemmed is None:
            self._stemmed = _Automaton()
            sources: dict[tuple[str, ...], set[tuple[int, tuple[str, ...]]]] = defaultdict(set)
            for item, source in enumerate(self._sources):
                entity = source if isinstance(source, Entity) else None
                self._add(item, entity, source if isinstance(source, str) else source.name,
                          stemmed=True, stem_sources=sources)
            self._stemmed.build()
            self._ambiguous_stems = frozenset(
                self._stemmed.automaton.get(" " + " ".join(key) + " ")
                for key, names in sources.items()
                if len({folded for _, folded in names}) > 1 and len({i for i, _ in names}) > 1)
        return self._stemmed

    def match(self, article: Article) -> tuple[TopicMatch, ...]:
        """Return the topics that alert for this article, each with its evidence."""
        text = _Text.of(article)
        found = _Found()
        if article.text_form == "stemmed":
            tokens = text.folded
            if not text.lowered[0]:  # a title with capitals was not stemmed: stem it here
                tokens = [STEMS[t] for t in tokens[:text.title_len]] + tokens[text.title_len:]
            self._collect(self._stemmed_automaton(), tokens, text, found, stemmed=True)
        else:
            self._collect(self._raw, text.folded, text, found)
            self._collect(self._events, list(map(STEMS.__getitem__, text.folded)), text, found)
        self._resolve(text, found)
        hits = found.hits
        for item, item_hits in found.dependent.items():
            if item in hits:  # another mention counts on its own: these count with it
                hits[item].extend(item_hits)
        return self._topic_matches(text, found)

    def _collect(self, automaton: _Automaton, tokens: list[str], text: _Text, found: _Found,
                 stemmed: bool = False) -> None:
        """Read the hits of ``automaton`` on ``tokens`` (the article's tokens, folded or
        stemmed) into ``found``: names, aliases and events that count, ambiguous names and
        surnames to be resolved against the whole article, and context words."""
        original = text.tokens
        for start, end, value in automaton.find(tokens):
            groups = automaton.groups[value][1]
            in_title = start < text.title_len
            lowered = text.lowered[0] if in_title else text.lowered[1]
            uninformative = text.caseless[0] if in_title else text.caseless[1]
            surname_read: tuple[int, bool, str | None, str | None] | None = None
            office: str | None = None
            for group in groups:
                if group.case is not None:
                    if lowered:
                        if self._spells_common_word(group.case, tokens[start:end]):
                            continue
                    else:
                        seen = original[start] if end - start == 1 else \
                            " ".join(original[start:end])
                        if seen != group.case and not _case_agrees(seen, group.case):
                            continue
                role = group.role
                if role == _MARKER:
                    for item in group.items:
                        found.markers.update(self._items[item].triggers)
                    continue
                if role == _CONTEXT and not self._in_sense(tokens, text, start, end, stemmed):
                    continue
                if role in (_FULL, _CONTEXT):
                    kind = self._items[group.items[0]].kind
                    if kind == "event" and end - start == 1 and start > 0 and \
                            tokens[start - 1] in _OTHER_SENSE.get(tokens[start], ()):
                        continue  # "cardiac arrest"
                    if kind == "event" and not stemmed and (
                            end - start == 1 and (
                                len(text.folded[start]) < _SHORTEST_EVENT_WORD or
                                not uninformative and self._names_someone(text, start, end)) or
                            self._threatened(tokens, start, end) and
                            start >= _lead_end(text) or
                            not self._in_english(text, found) and
                            not self._own_wording(group.items[0], text, start, end)):
                        continue  # "su" (the stem of "sued"), "Sue Barker", "Fine Art", "will
                        # sue", Spanish "sus", Italian "le sue parole" ("his words")
                    if kind in ("person", "organization") and not stemmed and \
                            _names_a_place(original, end, kind):
                        continue  # "Queen Elizabeth University Hospital", "Barclays Center"
                    if kind == "organization" and not stemmed and \
                            _labels_own_link(text.folded, start, end):
                        continue  # "Find us on Facebook: https://www.facebook.com/..."
                    if kind == "organization" and not stemmed and end - start == 1 and \
                            _after_first_name(original, start):
                        continue  # "Alex Saab", "Nikola Tesla": someone's surname
                    if kind == "organization" and not stemmed and end - start == 1 and \
                            not uninformative and _tail_of_name(text, start):
                        continue  # "Manchester United", "Glasgow Rangers": another's name
                    if kind == "organization" and (
                            self._on_market(tokens, start) or
                            not stemmed and _as_medium(tokens, original, start, end)):
                        found.listed.update((item, start) for item in group.items)
                    if kind == "organization" and not stemmed and \
                            employs_commentator(original, start, end):
                        found.cited.update((item, start) for item in group.items)
                    ambiguous = stemmed and value in self._ambiguous_stems
                    written = " ".join(text.folded[start:end]) if self._not_as and \
                        not stemmed else ""
                    for item in group.items:
                        if written and written in self._not_as.get(item, ()):
                            continue  # "fired" for a topic that follows "fire"
                        if ambiguous:
                            found.guarded[item].append(((start, end, start), False, False, True))
                        else:
                            found.hits[item].append((start, end, start))
                    continue
                if role == _GUARDED and not stemmed and (
                        _labels_own_link(text.folded, start, end) or
                        end - start == 1 and not uninformative and _tail_of_name(text, start)):
                    continue  # "Find us on Facebook: https://...", "Manchester United"
                if role == _GUARDED:  # in stemmed text only a sign of the company can tell
                    telling = stemmed or not uninformative and \
                        not _sentence_start(original, start) and \
                        not _in_label(text, start, end) and not _after_determiner(text, start)
                    signed = self._signed(text, end)
                    for item in group.items:
                        found.guarded[item].append(((start, end, start), telling, signed, False))
                    continue
                # A surname: read its surroundings once, resolve it when the article is read.
                if surname_read is None:
                    given = self._given_after(groups, tokens, text, end, uninformative)
                    if given is not None:  # "Xi Jinping", "Kim Yo Jong": introduced
                        found.introduced[value].append((start, given[0],
                                                        self._office(tokens, start)))
                        surname_read = (start, False, "", None)
                        self._named_in_full(groups, given, start, original, found)
                    elif not uninformative and (_written_as_acronym(original, start, end) or
                                              self._name_follows(text, end)) or \
                            start > 0 and tokens[start - 1] in _KNIGHTLY or \
                            _after_alias_mark(tokens, start) or \
                            self._in_company_name(text, start, end, uninformative) or \
                            not uninformative and _a_thing_here(text, start, end) or \
                            in_title and uninformative and \
                            self._names_something_in_body(text, tokens, start, end):
                        surname_read = (start, False, "", None)  # not a surname here
                    else:
                        surname_read = self._before(text, start, uninformative)
                        evidence, titled, first, _ = surname_read
                        if titled or first:
                            office = self._office(tokens, start if titled else evidence)
                        if first:
                            found.introduced[value].append((start, first, office))
                evidence, titled, first, gender = surname_read
                if first == "":
                    continue
                labelled = not titled and first is None and (
                    not uninformative and _after_capitalized_word(text, start) or
                    _quoted_alone(text.tokens, start, end))
                found.pending.append(_Pending(value, group, start, end, evidence, titled, first,
                                              uninformative, labelled, gender, office))

    def _resolve(self, text: _Text, found: _Found) -> None:
        """Decide the surnames and ambiguous names of ``found`` now that the article is read.

        A surname after a first name or initial is the person's when that name is one of
        theirs (a nickname or, for a rare surname, a one-letter misspelling included). A surname
        alone or after a title refers to the person of that surname the article introduced
        last before it (or, before any introduction, first after it: headlines come first):
        it is the watched person's only if that is them. A surname no one is introduced with
        counts in the headline, except in a list of names ("Orr, Brown."); in the body it needs
        another mention of the person. An ambiguous name counts when the article shows a sign of the
        organization and one of its mentions is capitalized mid-sentence."""
        hits, dependent = found.hits, found.dependent
        in_body = {p.value for p in found.pending if p.start > text.title_len}
        body_without = {p.value: p.value not in in_body and
                        _in_longer_name(text, text.folded[p.start:p.end])
                        for p in found.pending if p.start < text.title_len}
        for pending in found.pending:
            group, start, end = pending.group, pending.start, pending.end
            first = pending.first
            evidence = pending.evidence
            referent = first if first is not None else _referent(
                found.introduced.get(pending.value), start, pending.office)
            items = group.items if referent is None else self._named(group, referent)
            if pending.gender is not None:  # "Mrs Howard" is not Michael Howard, nor his wife
                items = tuple(i for i in items if self._of_gender(i) != _OTHER[pending.gender])
            if group.role == _TITLED:
                if pending.titled:
                    for item in items:
                        dependent[item].append((start, end, evidence))
                continue
            # Unresolved: at a sentence start or in caseless text, a surname that is an English
            # word may be the word ("Jobs will be lost"); in a list of names it may be anyone.
            weak = not pending.titled and first is None and (
                pending.uninformative or _sentence_start(text.tokens, start))
            # In a label ("album Final Straw"), in a list of names, or alone in a headline over
            # a body that has it only inside a longer name ("Owen awards" over "Jesse Owens
            # Awards"), a surname needs another mention of the person.
            listed = referent is None and not pending.titled and (
                pending.labelled or _in_list(text, start, end) or
                start < text.title_len and first is None and body_without[pending.value] or
                first is None and start > 0 and text.folded[start - 1] == "at")
            # An initial in a line-up of initials and surnames ("R Jones, M Owen.") may be
            # anyone's: it needs another mention of the person.
            listed = listed or first is not None and len(first) == 1 and \
                _in_list(text, evidence, end) and \
                _among_initials(text, evidence, end, pending.uninformative)
            # Where capitals say nothing (stemmed text), a bare surname no one is introduced with
            # may be anything that starts with it ("davi cup", "howard archer"): it needs
            # another mention of the person.
            listed = listed or referent is None and not pending.titled and \
                pending.uninformative and text.lowered[1]
            # A surname that is a month, a day or a place, with no one of that surname
            # introduced, may be the date or the place ("on 27 May", "in London"): it needs
            # another mention of the person.
            placed = referent is None and not pending.titled and first is None
            # A family name that comes first, with no one introduced, is anyone's of the many
            # who share it ("Kim", "Moon", "Li"): titled or not, in the body it needs another
            # mention. A headline names the famous one so ("As Trump courts Kim"), though not
            # after a determiner ("on the Moon").
            shared = referent is None and first is None and (
                start > text.title_len or text.folded[start - 1] in _DETERMINERS)
            # A bare surname in the body that no one is introduced with, named nowhere in full,
            # with a title or in the headline, is anyone's of that surname ("Robinson will have
            # to choose" is the England coach): it needs another mention of the person.
            unintroduced = referent is None and not pending.titled and first is None and \
                start >= text.title_len
            for item in items:
                if listed or unintroduced or weak and self._items[item].word_surname or \
                        placed and self._items[item].place_surname or \
                        shared and self._items[item].family_first is not None:
                    dependent[item].append((start, end, evidence))
                else:
                    hits[item].append((start, end, evidence))
        if not found.guarded:
            return
        topics_found = {t for i in hits for t in self._items[i].triggers}
        for item, guarded in found.guarded.items():
            triggers = self._items[item].triggers
            own = item in hits
            context = not found.markers.isdisjoint(triggers)
            if all(shared for *_, shared in guarded):
                # A stemmed key two names share: a topic of this one must show in the article.
                counts = own or context or not topics_found.isdisjoint(triggers)
            else:
                signed = any(sign for _, _, sign, _ in guarded)
                counts = (own or signed or context) and (
                    own or signed or any(telling for _, telling, _, _ in guarded))
            if counts:
                hits[item].extend(hit for hit, *_ in guarded)

    def _named(self, group: _Group, first: str) -> tuple[int, ...]:
        """The people of ``group`` (who share a surname) whose first name ``first`` can be;
        remembered, since common surnames and first names come back in article after article."""
        key = (id(group), first)
        items = self._first_names.get(key)
        if items is None:
            if len(self._first_names) >= _REMEMBERED:
                self._first_names.clear()
            items = self._first_names[key] = tuple(
                i for i in group.items if self._is_first_name_of(i, first))
        return items

    def _of_gender(self, item: int) -> str | None:
        """The gender of a watched person's first name ("male", "female"), when the
        ``gender-guesser`` dataset tells it; read for all watched people the first time a
        gendered title ("Mrs", "Sir") stands before a watched surname."""
        if self._genders is None:
            self._genders = first_name_genders({_given_word(i) for i in self._items
                                                if i.kind == "person"})
        return self._genders.get(_given_word(self._items[item]))

    def _is_first_name_of(self, item: int, first: str) -> bool:
        """Whether ``first`` (folded, or stemmed in stemmed text) is a first name or initial of
        the person: one of their given names, a nickname of one, or a one-letter misspelling of
        one when their surname is rare."""
        person = self._items[item]
        if first in person.given:
            return True
        return person.variants and len(first) > 3 and any(
            g[0] == first[0] and _one_edit_apart(g, first) for g in person.given_names)

    def _in_sense(self, stems: list[str], text: _Text, start: int, end: int,
                  stemmed: bool) -> bool:
        """Whether an event word with other senses has its event sense at ``start``: in raw
        text, for a word whose verb has only the event's sense, a form of that verb always does
        ("fined") and a form of another word never does ("finely"); otherwise its context
        decides (``_in_context``)."""
        context = self._contexts[" ".join(stems[start:end])]
        if not stemmed and context[4]:
            sense = _form_sense(text.folded[start], stems[start])
            if sense is not None:
                return sense
            if self._near(stems, start, end, context[5]):
                return False  # "penalties such as fines": no one was fined
        return self._in_context(stems, start, end)

    def _in_context(self, stems: list[str], start: int, end: int) -> bool:
        """Whether an event word at ``start`` has its sense here: a word that gives it lies within
        the span in its sentence, and no word that takes it away stands right next to it."""
        giving, not_before, not_after, followers, *_ = self._contexts[" ".join(stems[start:end])]
        for length in range(1, _SENSE_WORDS + 1):
            if start >= length and " ".join(stems[start - length:start]) in not_before or \
                    end + length <= len(stems) and " ".join(stems[end:end + length]) in not_after:
                return False
        if followers is not None and end < len(stems) and stems[end][:1].isalpha() and \
                stems[end] not in followers and stems[end] not in _STOPS:
            return False  # an adjective before its noun: "fine weather"
        return not giving or self._near(stems, start, end, giving)

    @staticmethod
    def _near(stems: list[str], start: int, end: int, words: frozenset[str]) -> bool:
        """Whether one of ``words`` lies within ``CONTEXT_SPAN`` words of the word at ``start``,
        in its sentence."""
        for step, edge in ((-1, max(start - 1 - CONTEXT_SPAN, -1)),
                           (1, min(end + CONTEXT_SPAN, len(stems)))):
            i = start - 1 if step < 0 else end
            while i != edge and (stems[i] not in _STOPS or _decimal_point(stems, i)):
                if stems[i] in words:
                    return True
                i += step
        return False

    @staticmethod
    def _threatened(stems: list[str], start: int, end: int) -> bool:
        """Whether an event's wording is only threatened or supposed here: a wording that often
        is ("sue", "legal action") after a word of intent ("will take legal action"). Below the
        lead such a threat is a passing remark; in the headline or lead it is the story."""
        if stems[start] not in _THREATENED_FIRST or " ".join(stems[start:end]) not in _THREATENED:
            return False
        return any(stems[i] in _INTENT for i in range(max(start - _INTENT_SPAN, 0), start))

    def _own_wording(self, item: int, text: _Text, start: int, end: int) -> bool:
        """Whether an event was found in a wording the topic gives it, as written there: not by
        its stem ("sus" for "sue") nor by a built-in English wording that a topic naming the
        event ("lawsuit") gets as well ("sue", Italian for "his"). An article in another
        language counts only those."""
        wordings = self._wordings.get(item)
        if wordings is None:
            source = self._sources[item]
            names = (source.name, *source.aliases) if isinstance(source, Entity) else (source,)
            wordings = self._wordings[item] = frozenset(
                fold(" ".join(tokenize(n))) for n in names)
        return " ".join(text.folded[start:end]) in wordings

    @staticmethod
    def _in_english(text: _Text, found: _Found) -> bool:
        """Whether the article is in English, judged once per article by the share of its words
        that are small English words ("the", "of", "was"); too short a text counts as English."""
        if found.english is None:
            words = [w for w in text.folded if w[:1].isalpha()]
            found.english = len(words) < _ENGLISH_SAMPLE or \
                sum(w in COMMON_WORDS for w in words) >= _ENGLISH_SHARE * len(words)
        return found.english

    @staticmethod
    def _on_market(tokens: list[str], start: int) -> bool:
        """Whether an organization found at ``start`` is named as the market shares trade on:
        after "on" or "on the", with a word of trading shortly before ("shares traded on the
        London Stock Exchange", "floated on the LSE")."""
        at = start - 1
        if at >= 0 and tokens[at] == "the":
            at -= 1
        if at < 0 or tokens[at] != "on":
            return False
        return any(tokens[i] in _LISTING for i in range(max(at - _NICKNAME_WORDS - 2, 0), at))

    def _names_someone(self, text: _Text, start: int, end: int) -> bool:
        """Whether a one-word event capitalized mid-text is part of a name: followed by another
        capitalized word ("Sue Barker", "Fine Art")."""
        tokens = text.tokens
        return tokens[start][:1].isupper() and end < len(tokens) and \
            tokens[end][:1].isupper() and tokens[end].isalpha()

    def _signed(self, text: _Text, end: int) -> bool:
        """Whether an ambiguous name is followed by a sign that it is the organization: a
        possessive ("Next's") or a company suffix ("Shell plc")."""
        folded = text.folded
        if end + 1 < len(folded) and folded[end] == "'" and folded[end + 1] == "s":
            return True
        return end < len(folded) and folded[end] in self._words.companies

    def _names_something_in_body(self, text: _Text, tokens: list[str], start: int,
                                 end: int) -> bool:
        """In a title whose capitals say nothing, whether the surname and the word after it are
        a name the body spells with capitals ("Henman quits Davis Cup" ... "the Davis Cup")."""
        if end >= text.title_len:
            return False
        if tokens is not text.folded or text.caseless[1]:
            return False  # stemmed, or a body in one case: capitals cannot tell
        following, key = tokens[end], tokens[start:end]
        length = end - start
        return any(tokens[i + length] == following and tokens[i:i + length] == key and
                   self._name_follows(text, i + length)
                   for i in range(text.title_len + 1, len(tokens) - length))

    def _in_company_name(self, text: _Text, start: int, end: int, uninformative: bool) -> bool:
        """Whether a surname is part of a company's name: next to "&" or "+" and a capitalized
        word ("Johnson & Johnson", "Marks & Spencer", the agency "Wieden + Kennedy") or before a
        company suffix ("Brown plc")."""
        folded, tokens = text.folded, text.tokens

        def capitalized(i: int) -> bool:
            return 0 <= i < len(tokens) and tokens[i][:1].isalpha() and (
                uninformative or tokens[i][0].isupper())

        if end < len(folded) and (folded[end] in self._words.companies or
                                  folded[end] in _JOINERS and capitalized(end + 1)):
            return True
        if start >= 2 and folded[start - 1] in _JOINERS and capitalized(start - 2):
            return True
        # "manufacturers like Dell", "rivals such as HP, Dell and Apple": a company of a list
        at = start - 1
        while at > 0 and start - at < 8 and (folded[at] in (",", "and", "or") or capitalized(at)):
            at -= 1
        if at > 1 and folded[at - 1 : at + 1] == ["such", "as"]:
            return folded[at - 2] in _COMPANY_NOUNS
        return at > 0 and folded[at] in ("like", "including") and folded[at - 1] in _COMPANY_NOUNS

    def _name_follows(self, text: _Text, end: int) -> bool:
        """Whether a capitalized word that is not a common word follows a surname, also after an
        initial or a lowercase particle: then the surname is someone's first name or part of
        another name ("Howard Hughes", "Blair Witch", "Khan Younis", "Charles A Blixt")."""
        if end >= len(text.tokens):
            return False
        following = text.tokens[end]
        if following in _PARTICLES or len(following) == 1 and following.isupper():
            # An initial or a particle before a surname: "Charles A Blixt", "Charles van Commenee"
            after = end + 2 if end + 1 < len(text.tokens) and text.tokens[end + 1] == "." \
                else end + 1
            return after < len(text.tokens) and self._capitalized_name(text, after)
        return self._capitalized_name(text, end)

    def _capitalized_name(self, text: _Text, at: int) -> bool:
        """Whether the token at ``at`` is a capitalized word that is not a common word."""
        word = text.tokens[at]
        return word[0].isupper() and word.isalpha() and text.folded[at] not in self._words.common

    def _before(self, text: _Text, start: int, uninformative: bool
                ) -> tuple[int, bool, str | None, str | None]:
        """Read the tokens before a surname at ``start``: returns where the evidence starts (a
        title or a first name is included), whether a title precedes it, the first name or
        initial when one precedes it, and the gender the title names, if any ("Mrs", "Lord")."""
        folded, words = text.folded, self._words
        if start == 0:
            return start, False, None, None
        previous = folded[start - 1]
        if previous in _QUOTES:
            nicknamed = _nicknamed(text, start, uninformative)
            if nicknamed is not None and nicknamed not in words.common and \
                    nicknamed not in words.titles:
                return start - 1, False, nicknamed, None
        if previous == ".":
            if start >= 2 and folded[start - 2] in words.abbreviations:
                return start - 2, True, None, _TITLE_GENDERS.get(folded[start - 2])
            if start >= 2 and len(folded[start - 2]) == 1 and folded[start - 2].isalpha() and (
                    uninformative or text.tokens[start - 2].isupper()):
                # An initial ("F. Kennedy"); after a first name, a middle one ("John F.").
                if start >= 3 and folded[start - 3][:1].isalpha() and \
                        folded[start - 3] not in words.common and \
                        folded[start - 3] not in words.titles and \
                        (uninformative or text.tokens[start - 3][0].isupper()):
                    return start - 3, False, folded[start - 3], None
                return start - 2, False, folded[start - 2], None
            return start, False, None, None
        if previous in words.titles and not (
                previous in _ADJECTIVE_TITLES and not uninformative and
                text.tokens[start - 1].islower()):
            evidence = start - 1
            while evidence > 0 and folded[evidence - 1] in words.extenders:
                evidence -= 1
            # The gender a title names may come before the post: "Lord Justice May", a man.
            gender = next((_TITLE_GENDERS[w] for w in reversed(folded[evidence:start])
                           if w in _TITLE_GENDERS), None)
            return evidence, True, None, gender
        if not previous[:1].isalpha() or previous in words.common:
            return start, False, None, None
        if previous == "s" and start >= 2 and folded[start - 2] == "'":
            return start, False, None, None  # a possessive's "s" ("Obama’s Jobs Record")
        if uninformative or text.tokens[start - 1][0].isupper():
            return start - 1, False, previous, None
        return start, False, None, None

    def _given_after(self, groups: Sequence[_Group], tokens: list[str], text: _Text, end: int,
                     uninformative: bool) -> tuple[str, int] | None:
        """For a family name that comes first ("Xi", "Kim"), the given name after it, which
        introduces a person: a watched person's ("Xi Jinping", also in "Xi Jinping Thought"),
        or, where capitals tell names, anyone's ("Kim Yo Jong", "Kim Jong-il"), as tokens of
        ``tokens`` joined by spaces, and the token after it; None when no given name follows or
        for other surnames."""
        if not self._family_first:
            return None
        watched = {self._items[i].family_first for g in groups for i in g.items} - {None}
        if not watched:
            return None
        if tokens is not text.folded:  # stemmed
            watched = {" ".join(STEMS[w] for w in name.split()) for name in watched}
        words: list[str] = []
        while end + len(words) < len(tokens) and len(words) < 2 and \
                text.tokens[end + len(words)][:1].isalpha():
            words.append(tokens[end + len(words)])
        for length in (2, 1):  # the watched given name, in any case: "Kim Jong-un"
            if len(words) >= length and " ".join(words[:length]) in watched:
                return " ".join(words[:length]), end + length
        if uninformative or not self._name_follows(text, end):
            return None
        # Another given name: a second part capitalized, or short after a hyphen ("Jong-il")
        length = 2 if len(words) == 2 and (text.tokens[end + 1][0].isupper() or len(
            words[1]) <= _GIVEN_PART and words[1] not in self._words.common) else 1
        return " ".join(words[:length]), end + length

    def _named_in_full(self, groups: Sequence[_Group], given: tuple[str, int], start: int,
                       original: list[str], found: _Found) -> None:
        """Count a family name and the given name after it that are a watched person's as their
        name, whatever the capitals after a hyphen: "Kim Jong-un" is Kim Jong Un."""
        name, end = given
        if _names_a_place(original, end, "person"):
            return
        for group in groups:
            for item in group.items:
                family_first = self._items[item].family_first
                if family_first is not None and name in self._items[item].given and \
                        len(name.split()) == len(family_first.split()):
                    found.hits[item].append((start, end, start))

    def _office(self, tokens: list[str], end: int) -> str | None:
        """The office a title right before ``end`` names ("former President", "Secretary of
        State", "Sen."), read back over the title's words; None for none or a courtesy ("Mr")."""
        words = self._words
        for i in range(end - 1, max(end - 1 - _TITLE_RUN, -1), -1):
            if tokens[i] in words.offices:
                return words.offices[tokens[i]]
            if tokens[i] not in words.extenders and tokens[i] != "of" and not (
                    tokens[i] == "." and i > 0 and tokens[i - 1] in words.abbreviations):
                return None
        return None

    def _topic_matches(self, text: _Text, found: _Found) -> tuple[TopicMatch, ...]:
        """The topics that alert, from the hits: only topics that a hit triggers are looked at,
        and evidence is gathered only for the topics that alert. A match less prominent than its
        topic's ``min_prominence`` does not count."""
        hits = found.hits
        triggered: set[int] = set()
        vetoed: set[int] = set()
        for item_id in hits:
            item = self._items[item_id]
            if item.kind is None and not item.marker and not item.ignore:
                vetoed.update(item.triggers)
            elif item.kind is not None:
                triggered.update(item.triggers)
        matches: dict[int | tuple[int, int], EntityMatch] = {}
        evidence: dict[tuple[_Hit, ...],
                       tuple[int, tuple[str, ...], bool, str, tuple[str, ...], bool]] = {}
        surfaces: dict[str, str] = {}
        lead: list[int] = []
        result = []
        for index in sorted(triggered - vetoed):
            topic = self._topics[index]
            minimum = self._topic_minimum[index]
            own_minimum = self._own_minimum[index]
            commentators = topic.commentators
            spans = [hit[:2] for i in self._topic_ignores[index] for hit in hits.get(i, ())]
            shown = []
            for item_id in self._topic_items[index]:
                if item_id not in hits:
                    continue
                item_hits = hits[item_id]
                own: int | tuple[int, int] = item_id  # its match, or one without ignored hits
                if spans:
                    # "Volvo Women's Open": the mentions inside an ignore phrase do not count
                    kept = [h for h in item_hits
                            if not any(s <= h[0] and h[1] <= e for s, e in spans)]
                    if not kept:
                        continue
                    if len(kept) < len(item_hits):
                        item_hits, own = kept, (item_id, index)
                if own not in matches:
                    item = self._items[item_id]
                    key = tuple(item_hits)  # items found by the same hits share the evidence
                    if key not in evidence or item.kind == "person":
                        if not lead:
                            lead.append(_lead_end(text))
                        evidence[key] = _evidence(text, item_hits, surfaces, lead[0], item,
                                                  item_id, found.listed, found.cited)
                    matches[own] = EntityMatch(item.kind, item.name,  # type: ignore[arg-type]
                                               *evidence[key])
                match = matches[own]
                if match.cited and not commentators:
                    continue  # only a commentator's employer ("economist at UBS")
                if PROMINENCE_LEVELS.index(match.prominence) >= own_minimum.get(item_id, minimum):
                    shown.append(match)
            if not shown:
                continue
            if topic.require_event and (all(m.kind == "event" for m in shown) or
                                        all(m.kind != "event" for m in shown)):
                continue  # it needs an event and a person or organization, both prominent enough
            result.append(TopicMatch(topic.id, tuple(shown)))
        return tuple(result)


_LEMMAS: dict[tuple[str, str], bool | None] = {}


def _form_sense(word: str, stem: str) -> bool | None:
    """What the form of an event word with other senses says: True when it has only a verb's
    reading of the event word ("fined", "fining"), False when it is a form of another word
    ("finely", "finest"), None when its context must decide ("fine", "fines")."""
    key = (word, stem)
    if key not in _LEMMAS:
        from lemminflect import getAllLemmas  # loaded on the first such event word

        lemmas = getAllLemmas(word)
        readings = {pos for pos, forms in lemmas.items() if any(STEMS[f] == stem for f in forms)}
        if not readings:
            _LEMMAS[key] = False if lemmas else None
        elif readings == {"VERB"} and set(lemmas) == {"VERB"} and word != lemmas["VERB"][0]:
            _LEMMAS[key] = True
        else:
            _LEMMAS[key] = None
    return _LEMMAS[key]


def _after_first_name(original: list[str], start: int) -> bool:
    """Whether a one-word name follows a capitalized first name, and so is the surname of
    someone named by both ("Alex Saab", "Nikola Tesla", "Harrison Ford")."""
    if start == 0:
        return False
    before = original[start - 1]
    return before[:1].isupper() and before[1:].islower() and fold(before) in first_names()


def _tail_of_name(text: _Text, start: int) -> bool:
    """Whether a one-word name ends a longer one: after a capitalized word that is no English
    word, nor a day or a month ("Manchester United", "Dundee United", "Glasgow Rangers"; not
    "Air Sahara", "But Apple", "on Monday Ryanair said")."""
    if start == 0:
        return False
    before = text.tokens[start - 1]
    if not (len(before) > 1 and before.isalpha() and before[0].isupper()
            and before[1:].islower()):
        return False
    word = text.folded[start - 1]
    if word in _CALENDAR or word in COMMON_WORDS or word in HONORIFICS or word in TITLE_WORDS:
        return False
    from lemminflect import getAllLemmas  # loaded with the first such name

    return not getAllLemmas(word)


def _decimal_point(tokens: list[str], i: int) -> bool:
    """Whether the full stop at ``i`` is a decimal point ("$3.5m"), which ends no sentence."""
    return tokens[i] == "." and 0 < i < len(tokens) - 1 and tokens[i - 1][-1:].isdigit() and \
        tokens[i + 1][:1].isdigit()


def _referent(introduced: list[tuple[int, str, str | None]] | None, start: int,
              office: str | None = None) -> str | None:
    """The first name of the person a surname alone or after a title at ``start`` refers to:
    the one introduced last before it, else the first introduced after it; None when no one is
    introduced. After a title that names an office ("President Clinton"), the person introduced
    with that office, if any; and if the person it would refer to was introduced only with
    other offices, someone else (``_SOMEONE_ELSE``): "Former President Clinton" over "Former
    Secretary of State Hillary Clinton" is not her."""
    if not introduced:
        return None
    if office is not None:
        holders = [entry for entry in introduced if entry[2] == office]
        if holders:
            introduced = holders
    before = bisect_left(introduced, (start, ""))
    first = introduced[before - 1][1] if before else introduced[0][1]
    if office is not None:
        offices = {entry[2] for entry in introduced if entry[1] == first}
        if None not in offices and office not in offices:
            return _SOMEONE_ELSE
    return first


def _after_alias_mark(tokens: list[str], start: int) -> bool:
    """Whether a word at ``start`` is the alias or nickname of someone named before it ("Athram
    Shobhan alias Charles", "better known as Charles"), an opening quote between or not: a name
    someone else goes by, not the watched person's."""
    at = start - 1 if start > 0 and tokens[start - 1] in _QUOTES else start
    return any(at >= length and " ".join(tokens[at - length:at]) in _ALIAS_MARKS
               for length in range(1, _ALIAS_WORDS + 1))


def _nicknamed(text: _Text, start: int, uninformative: bool) -> str | None:
    """The first name before a quoted nickname that ends right before a surname at ``start``
    (Dwayne "The Rock" Johnson), folded; None when there is none."""
    tokens, folded = text.tokens, text.folded
    for quote in range(start - 2, max(start - 3 - _NICKNAME_WORDS, 0), -1):
        if folded[quote] in _QUOTES:
            if quote == start - 2 or quote < 1:
                return None
            first = tokens[quote - 1]
            if first.isalpha() and (uninformative or first[0].isupper()):
                return folded[quote - 1]
            return None
        if not folded[quote][:1].isalnum():
            return None
    return None


def _in_label(text: _Text, start: int, end: int) -> bool:
    """Whether a name stands in a title-cased label, where its capital says nothing: after a
    capitalized word mid-sentence ("Like A Virgin", "The Next Generation", "Find Next") or
    before two more capitalized words ("Next Generation Secure Computing Base")."""
    tokens = text.tokens
    if start >= 2 and tokens[start - 1][:1].isupper() and tokens[start - 1].isalpha() and \
            not _sentence_start(tokens, start - 1):
        return True
    return end + 1 < len(tokens) and all(
        tokens[i][:1].isupper() and tokens[i].isalpha() for i in (end, end + 1))


_DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "his", "her", "their",
     "its"])
_IS_CONTRACTED = frozenset(["what", "that", "who", "it", "here", "there"])  # "what's", "it's"


def _a_thing_here(text: _Text, start: int, end: int) -> bool:
    """Whether a surname after an article names a thing, not the person: "a Dell", "The Dell
    provides enough power" (a verb follows), but not before a noun it describes: "the Blair
    government", "a Trump antagonist"."""
    article = text.folded[start - 1] if start else ""
    if article not in ("a", "an", "the"):
        return False
    following = text.tokens[end] if end < len(text.tokens) else ""
    if not (following.isalpha() and following.islower()):
        return article != "the"  # "a Dell.", "a Dell Optiplex"; not "the Bush White House"
    from lemminflect import getAllLemmas  # loaded on the first such surname

    readings = getAllLemmas(following)
    if "NOUN" in readings:
        return False  # "a Trump antagonist", "the Blair government"
    return article != "the" or "VERB" in readings


def _after_determiner(text: _Text, start: int) -> bool:
    """Whether a common-word name follows a determiner or "what's", where the word is the word
    ("The Next Step", "Your Next Desktop", "What's Next?"), unless a model name in capitals or
    digits follows it ("the Orange E200", "the Apple TV")."""
    folded, tokens = text.folded, text.tokens
    following = tokens[start + 1] if start + 1 < len(tokens) else ""
    if following[:1].isupper() and not (following.isalpha() and following[1:].islower()):
        return False
    if start >= 1 and folded[start - 1] in _DETERMINERS:
        return True
    return start >= 3 and folded[start - 1] == "s" and folded[start - 2] == "'" and \
        folded[start - 3] in _IS_CONTRACTED


def _given_word(person: _Item) -> str:
    """A person's first given name, folded: the first word of the name, or the word after the
    family name where it comes first ("Jong" of Kim Jong Un, not "Kim")."""
    return person.family_first.split(" ")[0] if person.family_first else _first_word(person.name)


def _first_word(name: str) -> str:
    """The first word of a name, folded: a person's first name."""
    tokens = tokenize(name)
    return fold(tokens[0]) if tokens else ""


def _in_longer_name(text: _Text, key: list[str]) -> bool:
    """Whether the body has the one-word ``key`` only as the start of a longer capitalized word
    ("Owens" for "Owen")."""
    if len(key) != 1:
        return False
    word = key[0]
    return any(f.startswith(word) and f != word and t[:1].isupper()
               for t, f in zip(text.tokens[text.title_len + 1:],
                               text.folded[text.title_len + 1:], strict=True))


def _after_capitalized_word(text: _Text, start: int) -> bool:
    """Whether a surname follows a capitalized word that is no name mid-sentence, as in a
    title-cased label ("the album Final Straw"); a first name there would have been read as
    one, so this is a common word."""
    tokens = text.tokens
    return start >= 2 and tokens[start - 1][:1].isupper() and tokens[start - 1].isalpha() and \
        not _sentence_start(tokens, start - 1)


_OPENING_QUOTES = frozenset(["“", "‘", '"', "'", "``", "«"])
_CLOSING_QUOTES = frozenset(["”", "’", '"', "'", "''", "»"])


def _quoted_alone(tokens: list[str], start: int, end: int) -> bool:
    """Whether a surname is all a quotation holds, as the title of a work is ("celebrate
    “Hamilton”", "the unstoppability of “Hamilton.”"): a label, not the person."""
    if start < 1 or tokens[start - 1] not in _OPENING_QUOTES:
        return False
    if end < len(tokens) and tokens[end] in ".,!?":
        end += 1
    return end < len(tokens) and tokens[end] in _CLOSING_QUOTES


def _in_list(text: _Text, start: int, end: int) -> bool:
    """Whether a surname stands in a list of names: a comma, semicolon or bracket between it and
    a capitalized word on either side ("Orr, Brown.", "Wilkinson, Grindal;"), and on its other
    side no word of running text: a surname that a lowercase word follows ("However, Blair
    said") or comes after ("on Obama, Obama's adviser") is a sentence's, not a list's."""
    tokens = text.tokens
    before = start >= 2 and tokens[start - 1] in _LIST_MARKS and (
        tokens[start - 2][:1].isupper() or tokens[start - 2] == ")") and \
        not _running_word(tokens, end)
    after = end + 1 < len(tokens) and tokens[end] in _LIST_MARKS and (
        tokens[end + 1][:1].isdigit() or  # a line-up's minute: "Strudwick for Kennedy (60)"
        tokens[end + 1][:1].isupper() and not _running_word(tokens, start - 1))
    return before or after


def _running_word(tokens: list[str], at: int) -> bool:
    """Whether the token at ``at`` is a lowercase word other than "and" or "or", which a list
    of names may have between its last two, and "for", which a line-up's replacements have
    ("Reid for Murphy (47)")."""
    return 0 <= at < len(tokens) and tokens[at][:1].islower() and \
        tokens[at] not in ("and", "or", "for")


def _among_initials(text: _Text, start: int, end: int, uninformative: bool) -> bool:
    """Whether other initials with surnames stand near a name at ``start:end``, as in a
    line-up ("R Jones, M Williams, M Owen.")."""
    tokens = text.tokens if not uninformative else text.folded
    return any(len(tokens[i]) == 1 and tokens[i].isalpha() and
               (uninformative or tokens[i].isupper() and tokens[i + 1][:1].isupper()) and
               tokens[i + 1].isalpha() and len(tokens[i + 1]) > 1
               for i in range(max(start - _LINE_UP_SPAN, 0), min(end + _LINE_UP_SPAN,
                                                                 len(tokens) - 1))
               if not start <= i < end)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether two words differ by one letter changed, added, dropped or two letters swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:]


def _lead_end(text: _Text) -> int:
    """The token after the lead: the first two sentences of the body. A paragraph ends a
    sentence, stop or not: in show notes and link lists each line is an item of its own
    ("Tesla update", "Apple Music sunsets Connect"), and the tenth is no lead."""
    tokens = text.tokens
    ends, open_ = 0, False  # open_: a word since the last end
    for i in range(text.title_len + 1, len(tokens)):
        if tokens[i] in _STOPS and (tokens[i] != "." or _sentence_start(tokens, i + 1)) or \
                open_ and i + 1 in text.paragraphs:
            ends += 1
            open_ = False
            if ends == 2:
                return i + 1
        elif is_word(tokens[i]):
            open_ = True
    return len(tokens)


def _evidence(text: _Text, hits: list[_Hit], surfaces: dict[str, str], lead_end: int,
              item: _Item, item_id: int, listed: set[tuple[int, int]],
              cited: set[tuple[int, int]]
              ) -> tuple[int, tuple[str, ...], bool, str, tuple[str, ...], bool]:
    """Count, surface forms, whether the title has one, the prominence, and for people the
    mentions that name them only once resolved, from an entity's hits, and whether every hit
    names a commentator's employer. An organization named only as the market shares trade on,
    and a person named only to describe someone else ("a Trump antagonist",
    ``FOLLOWER_NOUNS``), is a passing mention however often it is."""
    kept = _outermost(hits)
    describing = item.kind == "person" and all(
        end < len(text.folded) and text.folded[end] in FOLLOWER_NOUNS for _, end, _ in kept)
    forms = tuple(dict.fromkeys(
        _surface(text, text.tokens[first:end], surfaces) for _, end, first in kept))
    in_title = any(start < text.title_len for start, _, _ in kept)
    if in_title:
        prominence = "headline"
    elif describing or all((item_id, start) in listed for start, _, _ in kept):
        prominence = "passing"
    elif any(start < lead_end for start, _, _ in kept):
        # Named in the first two sentences, even once ("Britney Spears is suing..."): the
        # story is about it.
        prominence = "lead"
    elif len(kept) < 2 and not (item.kind == "person" and _acts(text.tokens, *kept[0])):
        prominence = "passing"
    else:
        prominence = "body"
    shown: tuple[str, ...] = ()
    if item.kind == "person":
        own = {fold(item.name)}
        shown = tuple(f"{form} → {item.name}" for form in forms if fold(form) not in own)
    return len(kept), forms, in_title, prominence, shown, \
        all((item_id, start) in cited for start, _, _ in kept)


_FINITE = frozenset(["will", "would", "can", "could", "may", "might", "must", "shall", "should",
                     "have", "do"])
"""Verbs whose base form follows a subject ("Jason Robinson have both said")."""
_NOT_A_SUBJECT = frozenset([
    "of", "to", "for", "from", "by", "with", "like", "than", "as", "on", "against", "behind",
    "over", "under", "after", "before", "without", "including", "about", "unlike", "at", "into",
    "who", "whom", "and", "or"])
"""Words before a name that make it no subject ("the return of Wayne Rooney is...", "knew who
Michael Howard was")."""
_AWARDED = frozenset(["went", "goes", "awarded", "presented"])
"""Verbs of a prize going to someone, before "to" and the winner's name."""
_APPOSITION = 12
"""Tokens an apposition may hold between a name and its verb ("Jason Robinson, the England
captain, said")."""


def _acts(tokens: list[str], start: int, end: int, first: int) -> bool:
    """Whether a person named once in the body is the one who acts or speaks there: the subject
    of a verb that follows the name, an apposition or an adverb between them ("Jack Straw
    said", "Michael Howard, asked by reporters, said", "Steven Gerrard also revealed"), or the
    one a verb of speech names ("said Clare Short"). A name after a preposition, in a possessive
    or as an object is named in passing ("second to Paula Radcliffe", "Kelly Holmes' golden
    double", "succeeded Paula Radcliffe")."""
    before = tokens[first - 1] if first > 0 else ""
    if fold(before) in _SPEECH_VERBS:
        return end >= len(tokens) or tokens[end] in _CLAUSE_ENDS
    if fold(before) == "to" and first > 1 and fold(tokens[first - 2]) in _AWARDED:
        # a prize's winner: "the director award went to Clint Eastwood"; not an owner ("went
        # to Clint Eastwood's ranch")
        return end >= len(tokens) or fold(tokens[end]) not in ("'", "’")
    if fold(before) in _NOT_A_SUBJECT:
        return False
    j = end
    if j < len(tokens) and tokens[j] == "," and before != ",":
        close = next((k for k in range(j + 1, min(j + _APPOSITION, len(tokens)))
                      if tokens[k] in _CLAUSE_ENDS or tokens[k] in _QUOTES and not (
                          tokens[k] == "'" and tokens[k + 1:k + 2] == ["s"])), None)
        if close is None or tokens[close] != ",":
            return False
        j = close + 1
    elif j < len(tokens) and tokens[j] == ",":
        j += 1  # the name is the apposition ("His party leader, Michael Howard, argued")
    while j < min(end + _APPOSITION, len(tokens)) and tokens[j].islower() and _adverb(tokens[j]):
        j += 1
    if j >= len(tokens) or not tokens[j].islower():
        return False
    return tokens[j] in _FINITE or _inflected_verb(tokens[j])


def _adverb(word: str) -> bool:
    """Whether ``word`` is only ever an adverb ("also", "recently"), as may stand between a
    subject and its verb."""
    from lemminflect import getAllLemmas

    return set(getAllLemmas(word)) == {"ADV"}


def _sentence_start(tokens: list[str], start: int) -> bool:
    """Whether the token at ``start`` begins a sentence, the title or the body. A full stop after
    a single letter ends an initial, not a sentence ("George W. Bush")."""
    i = start - 1
    while i >= 0 and tokens[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if tokens[i] == ".":
        return i == 0 or len(tokens[i - 1]) != 1 or not tokens[i - 1].isalpha()
    return tokens[i] in _SENTENCE_ENDS


def _case_agrees(found: str, written: str) -> bool:
    """Whether a name found in other capitals than written still is the name: every capital as
    written is a capital in the text, or a name written in mixed case ("WorldCom") is found
    capitalized or in capitals ("Worldcom", "WORLDCOM")."""
    if found.islower():
        return False
    if all(f.isupper() for f, w in zip(found, written, strict=True) if w.isupper()):
        return True
    mixed = any(c.isupper() for c in written[1:]) and any(c.islower() for c in written)
    return mixed and found[0].isupper() and " " not in written


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """The hits not inside a longer hit: "Netanyahu" within "Benjamin Netanyahu" counts once."""
    kept: list[_Hit] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h[0], -h[1])):
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def _surface(text: _Text, tokens: list[str], cache: dict[str, str]) -> str:
    """The article's own spelling of a run of tokens (its spacing, hyphens and line breaks)."""
    joined = " ".join(tokens)
    if joined not in cache:
        cache[joined] = joined
        if len(tokens) > 1:
            found = re.search(_GAP.join(map(re.escape, tokens)), text.source)
            if found:
                cache[joined] = " ".join(found.group().split())
    return cache[joined]


def compile_topics(topics: Sequence[Topic]) -> Matcher:
    """Build the matcher for a config's topics (once per config load)."""
    return Matcher(topics)


def ambiguous_entries(topics: Sequence[Topic]) -> list[str]:
    """One line per watchlist entry that matches only with more than its name, naming its key and
    what it needs: organizations named by a common word or a two-letter acronym, and people whose
    surname is an English word. ``newsalert check-config`` prints them."""
    orgs = [(f"topics.{t.id}.organizations[{i}]", t, e)
            for t in topics for i, e in enumerate(t.organizations)]
    people = [(f"topics.{t.id}.people[{i}]", t, e) for t in topics for i, e in enumerate(t.people)]
    common = frequent_words(fold(tokens[0]) for _, _, e in orgs for name in (e.name, *e.aliases)
                            if len(tokens := tokenize(name)) == 1)
    lines = []
    for key, topic, entity in orgs:
        names = (entity.name, *entity.aliases)
        for name in names:
            tokens = tokenize(name)
            if len(tokens) != 1:
                continue
            if name.isupper() and name.isalpha() and len(name) <= _SHORT_ACRONYM:
                why = "is a two-letter acronym"
            elif fold(tokens[0]) in common:
                why = "is a common word"
            else:
                continue
            signs = [f"another of its names ({', '.join(n for n in names if n != name)})"
                     ] if len(names) > 1 else []
            signs += [f"a possessive or company suffix (\"{name}'s\", \"{name} plc\")"]
            signs += [f"a context word ({', '.join(topic.context)})"] if topic.context else []
            advice = "" if topic.context else f"; give topics.{topic.id}.context words to " \
                "recognise it by"
            lines.append(f"{key}: \"{name}\" {why}: it matches capitalized mid-sentence, in an "
                         f"article with {' or '.join(signs)}{advice}")
    words = english_words(fold(forms[-1][-1]) for _, _, e in people
                          if (forms := _surnames(tokenize(e.name))))
    for key, _, entity in people:
        forms = _surnames(tokenize(entity.name))
        if entity.surname and forms and fold(forms[-1][-1]) in words:
            lines.append(f"{key}: the surname \"{forms[-1][-1]}\" is an English word: alone at "
                         "the start of a sentence or in a title-case headline it counts only "
                         f"with another mention of {entity.name}")
    return lines
