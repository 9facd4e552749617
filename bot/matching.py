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
  itself (a lowercase last word, as in "Kim Jong-un", gives no surname). A surname right after a
  capitalized word that is neither a title nor a common word is taken as someone else's full name
  and does not count ("Sadiq Khan" is not "Karim Khan"), unless that word is one of the person's
  own given names; nor does a surname right before such a word ("Howard Hughes" is not "Michael
  Howard", "Khan Younis" is a town); the latter needs case, so it applies where the text has it.
  A surname next to "&" and a capitalized word ("Johnson & Johnson", "Marks & Spencer") or before
  a company suffix ("Johnson plc", "Brown Group") is part of a company's name and does not count.
  A surname that is an English dictionary word ("Jobs", "Gates"; plurals included) where its
  capital says nothing (at the start of a sentence, the title or the body, or in caseless text
  such as a title-case headline) counts only if the article has another mention of the person
  that counts on its own: the name, an alias, the surname after a title or mid-sentence.
  With ``surname = false``, the surname counts only after a title ("Mr Khan", "Prosecutor Khan",
  "Mr. Khan") and only when the article also names the person in full (name or alias): "Mr Khan"
  alone could be anyone called Khan.
- Events match on Porter stems ("arrest warrant" finds "arrest warrants", "indictment" finds
  "indicted"); built-in event sets add aliases for other wordings ("warrant for the arrest"). A
  one-word event with other senses ("appeal", "trial": ``bot.vocabulary.CONTEXT_WORDS``) counts
  only with a word that gives it its sense nearby in the same sentence and none that takes it
  away right next to it ("a free trial"); phrases containing it ("on trial") count as usual.
- Stemmed articles (``text_form == "stemmed"``) are matched against the watchlist stemmed the same
  way ("International Criminal Court" -> "intern crimin court", "Hamas" -> "hama"); a title with
  capitals above a stemmed body is stemmed first. Raw articles are never matched against stems of
  names, so raw "Hama" stays a city.
- A topic alerts when one of its entities matches and none of its ``exclude`` terms does (they
  follow the name rules); with ``require_event`` it needs an event and a person or organization.

Every match carries its evidence: how many times the entity was found, the surface forms as they
appear in the article (spellings that differ only in spacing or hyphens are given once, as first
found), and whether the title has one.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, count
from operator import add
from typing import NamedTuple

import ahocorasick

from bot.models import Article, Entity, EntityKind, EntityMatch, Topic, TopicMatch
from bot.namewords import (
    COMMON_WORDS,
    COMPANY_SUFFIXES,
    TITLE_ABBREVIATIONS,
    TITLE_QUALIFIERS,
    TITLE_WORDS,
    english_words,
)
from bot.textnorm import STEMS, fold, is_word, tokenize
from bot.vocabulary import CONTEXT_SPAN, CONTEXT_WORDS

__all__ = ["Matcher", "compile_topics"]

# How a hit on a key counts for an entity.
_FULL = 0  # a name or alias: always counts
_SURNAME = 1  # a person's surname, surname = true: counts unless a different first name precedes
_TITLED = 2  # a person's surname, surname = false: counts after a title when the full name is found
_CONTEXT = 3  # an event word with other senses ("trial"): counts near a word that gives its sense

_SENTENCE_ENDS = frozenset(".!?:\n")  # a word after one of these is capitalized anyway
_OPENERS = frozenset("\"'([")  # may stand between a sentence end and its first word
_STOPS = frozenset(".!?\n")  # the context of an event word does not reach past these

_Context = tuple[frozenset[str], frozenset[str], frozenset[str]]
"""Stems of: the words that give an event word its sense, the words right before it and the
words right after it that take it away (see ``bot.vocabulary.CONTEXT_WORDS``)."""

_Hit = tuple[int, int, int]
"""A key found: its first token, the token after it, the first token of the evidence."""
_Hits = dict[int, list[_Hit]]  # by item

_SEPARATOR = "\n"  # the token between title and body; the tokenizer never makes it
_GAP = r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d_]*"  # what may lie between two tokens


@dataclass(slots=True)
class _Item:
    """A watched entity or exclude term, and the topics its match can make alert (or veto)."""

    kind: EntityKind | None  # None: an exclude term
    name: str
    given: tuple[str, ...] = ()  # people: the other words of their names, folded and stemmed
    word_surname: bool = False  # people: the bare surname is an English word ("Jobs")
    triggers: list[int] = field(default_factory=list)
    """Topic indexes; an event does not trigger a topic that requires an event, since such a
    topic alerts only with a person or organization, which triggers it."""


class _Group(NamedTuple):
    """The items that share one key with the same role and the same capitals."""

    role: int
    case: str | None  # the key as written, when its capitals must be capitals in the text
    items: tuple[int, ...]


@dataclass(frozen=True)
class _Words:
    """The word lists for reading the tokens around a surname, folded, plus their stems."""

    abbreviations: frozenset[str]
    titles: frozenset[str]
    extenders: frozenset[str]  # titles and their qualifiers
    common: frozenset[str]
    companies: frozenset[str]  # suffixes that make a name a company's

    @classmethod
    def build(cls) -> _Words:
        def with_stems(words: frozenset[str]) -> frozenset[str]:
            return words | {STEMS[w] for w in words}

        titles = with_stems(TITLE_WORDS)
        return cls(with_stems(TITLE_ABBREVIATIONS), titles,
                   titles | with_stems(TITLE_QUALIFIERS), with_stems(COMMON_WORDS),
                   with_stems(COMPANY_SUFFIXES))


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
    """The surname forms of a person's name tokens: with its lowercase particles, and bare. A
    lowercase last word in a capitalized name is no surname ("Kim Jong-un")."""
    words = [t for t in tokens if is_word(t)]
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

    @classmethod
    def of(cls, article: Article) -> _Text:
        title, body = article.title.strip(), article.text.strip()
        if title == body:
            body = ""
        title_tokens = tokenize(title)
        tokens = [*title_tokens, _SEPARATOR, *tokenize(body)]
        words = [t for t in title_tokens if t[:1].isalpha()]
        title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        source = f"{title}\n{body}"
        return cls(tokens, fold(" ".join(tokens)).split(" "), len(title_tokens),
                   (title.islower(), body.islower()),
                   (title.islower() or title.isupper() or title_case,
                    body.islower() or body.isupper()),
                   source if source.isascii() else unicodedata.normalize("NFC", source))


class Matcher:
    """All topics' terms in three automata: names as written and events as stems, for raw
    articles, built at once; everything as stems, for stemmed articles, built on first use."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._topics = tuple(topics)
        self._items: list[_Item] = []
        self._topic_items: list[tuple[int, ...]] = []  # per topic: its entities' items, in order
        self._topic_events: list[tuple[int, ...]] = []  # per topic: its events' items
        shared: dict[tuple[int, ...], tuple[int, ...]] = {}  # one tuple per distinct list
        self._sources: list[tuple[Entity | None, str]] = []  # per item: entity or exclude term
        self._raw, self._events = _Automaton(), _Automaton()
        self._stemmed: _Automaton | None = None
        self._words = _Words.build()
        self._word_surnames = english_words(  # read first: the dictionary then frees its memory
            fold(forms[-1][-1]) for topic in self._topics for person in topic.people
            if (forms := _surnames(tokenize(person.name))))
        self._contexts: dict[str, _Context] = {
            STEMS[word]: tuple(frozenset(map(STEMS.__getitem__, words)) for words in context)
            for word, context in CONTEXT_WORDS.items()}  # type: ignore[misc]
        ids: dict[object, int] = {}
        for t_index, topic in enumerate(self._topics):
            watched: list[tuple[object, EntityKind | None, str]] = [
                (e, e.kind, e.name) for e in topic.entities]
            watched += [(("exclude", term), None, term) for term in topic.exclude]
            items = []
            for identity, kind, name in watched:
                item = ids.get(identity)
                if item is None:
                    item = ids[identity] = len(self._items)
                    entity = identity if isinstance(identity, Entity) else None
                    self._items.append(_Item(kind, name))
                    self._sources.append((entity, name))
                    self._add(item, entity, name, stemmed=False)
                if kind is not None:
                    items.append(item)
                if kind != "event" or not topic.require_event:
                    self._items[item].triggers.append(t_index)
            items = tuple(dict.fromkeys(items))
            self._topic_items.append(shared.setdefault(items, items))
            events = tuple(i for i in items if self._items[i].kind == "event")
            self._topic_events.append(shared.setdefault(events, events))
        self._event_items = frozenset(i for i, item in enumerate(self._items)
                                      if item.kind == "event")
        self._raw.build()
        self._events.build()

    def _add(self, item: int, entity: Entity | None, exclude: str, stemmed: bool) -> None:
        """Add an item's keys: to the raw and event automata, or (``stemmed``) to the automaton
        for stemmed articles."""
        names = [entity.name, *entity.aliases] if entity else [exclude]
        is_event = entity is not None and entity.kind == "event"
        for name in names:
            tokens = tokenize(name)
            if not tokens:
                raise ValueError(f"{name!r} has no letters, digits or marks to match")
            folded = fold(" ".join(tokens)).split(" ")
            if stemmed:
                if not self._spells_common_word(name, folded):
                    stems = [STEMS[t] for t in folded]
                    self._stemmed.add(stems, self._event_role(stems) if is_event else _FULL,
                                      None, item)
            elif is_event:
                stems = [STEMS[t] for t in folded]
                self._events.add(stems, self._event_role(stems), None, item)
            else:
                case = " ".join(tokens) if any(c.isupper() for c in name) else None
                self._raw.add(folded, _FULL, name if case == name else case, item)
        if entity is None or entity.kind != "person":
            return
        role = _SURNAME if entity.surname else _TITLED
        surnames = _surnames(tokenize(entity.name))
        for surname in surnames:
            folded = fold(" ".join(surname)).split(" ")
            if stemmed:
                self._stemmed.add([STEMS[t] for t in folded], role, None, item)
            else:
                case = sys.intern(" ".join(surname)) if any(
                    c.isupper() for c in "".join(surname)) else None
                self._raw.add(folded, role, case, item)
        if surnames and not stemmed:
            self._items[item].word_surname = fold(surnames[-1][-1]) in self._word_surnames
        if surnames:
            given = {fold(t) for n in names for t in tokenize(n) if is_word(t)} - \
                {fold(t) for t in surnames[0]}
            self._items[item].given += tuple(
                sys.intern(STEMS[g] if stemmed else g) for g in given)

    def _event_role(self, stems: list[str]) -> int:
        """An event that is one word with other senses needs its context; others always count."""
        return _CONTEXT if len(stems) == 1 and stems[0] in self._contexts else _FULL

    def _spells_common_word(self, name: str, folded: list[str]) -> bool:
        """Whether ``name`` is an acronym that spells a common word ("US", "IT"): in lowercased
        text it cannot be told from the word, so it matches only where case is kept."""
        return name.isupper() and len(folded) == 1 and folded[0] in self._words.common

    def _stemmed_automaton(self) -> _Automaton:
        """The automaton for stemmed articles, built when the first one comes: most configs
        never see one, and at 100,000 entities it takes seconds and ~100 MB."""
        if self._stemmed is None:
            self._stemmed = _Automaton()
            for item, (entity, exclude) in enumerate(self._sources):
                self._add(item, entity, exclude, stemmed=True)
            self._stemmed.build()
        return self._stemmed

    def match(self, article: Article) -> tuple[TopicMatch, ...]:
        """Return the topics that alert for this article, each with its evidence."""
        text = _Text.of(article)
        hits: _Hits = defaultdict(list)
        dependent: _Hits = defaultdict(list)
        if article.text_form == "stemmed":
            tokens = text.folded
            if not text.lowered[0]:  # a title with capitals was not stemmed: stem it here
                tokens = [STEMS[t] for t in tokens[:text.title_len]] + tokens[text.title_len:]
            self._collect(self._stemmed_automaton(), tokens, text, hits, dependent)
        else:
            self._collect(self._raw, text.folded, text, hits, dependent)
            self._collect(self._events, list(map(STEMS.__getitem__, text.folded)), text, hits,
                          dependent)
        for item, item_hits in dependent.items():
            if item in hits:  # another mention counts on its own: these count with it
                hits[item].extend(item_hits)
        return self._topic_matches(text, hits)

    def _collect(self, automaton: _Automaton, tokens: list[str], text: _Text, hits: _Hits,
                 dependent: _Hits) -> None:
        """Add the accepted hits of ``automaton`` on ``tokens`` (the article's tokens, folded or
        stemmed) to ``hits``, and to ``dependent`` the surnames that count only if the person has a
        hit in ``hits``: after a title with surname = false (where ``hits`` has only full names),
        and English-word surnames where a capital says nothing."""
        original = text.tokens
        for start, end, value in automaton.find(tokens):
            groups = automaton.groups[value][1]
            in_title = start < text.title_len
            lowered = text.lowered[0] if in_title else text.lowered[1]
            for group in groups:
                if group.case is not None:
                    if lowered:
                        if self._spells_common_word(group.case, tokens[start:end]):
                            continue
                    else:
                        found = original[start] if end - start == 1 else \
                            " ".join(original[start:end])
                        if found != group.case and (found.islower()
                                                    or not _capitals_agree(found, group.case)):
                            continue
                if group.role == _CONTEXT and not self._in_context(tokens, start, end):
                    continue
                if group.role in (_FULL, _CONTEXT):
                    for item in group.items:
                        hits[item].append((start, end, start))
                    continue
                uninformative = text.caseless[0] if in_title else text.caseless[1]
                if not uninformative and self._name_follows(text, end) or \
                        self._in_company_name(text, start, end, uninformative):
                    continue
                evidence, titled, first_name = self._before(text, start, uninformative)
                if group.role == _TITLED:
                    if titled:
                        for item in group.items:
                            dependent[item].append((start, end, evidence))
                    continue
                items = group.items
                if first_name:  # someone else's full name, unless it is this person's own
                    items = tuple(i for i in items if first_name in self._items[i].given)
                # At a sentence start or in caseless text, a surname that is an English word
                # may be the word ("Jobs will be lost"): it counts if another mention does.
                weak = not titled and (uninformative or _sentence_start(tokens, start))
                for item in items:
                    if weak and self._items[item].word_surname:
                        dependent[item].append((start, end, evidence))
                    else:
                        hits[item].append((start, end, evidence))

    def _in_context(self, stems: list[str], start: int, end: int) -> bool:
        """Whether an event word at ``start`` has its sense here: a word that gives it lies within
        the span in its sentence, and no word that takes it away stands right next to it."""
        giving, not_before, not_after = self._contexts[stems[start]]
        if start > 0 and stems[start - 1] in not_before or \
                end < len(stems) and stems[end] in not_after:
            return False
        for step, edge in ((-1, max(start - 1 - CONTEXT_SPAN, -1)),
                           (1, min(end + CONTEXT_SPAN, len(stems)))):
            i = start - 1 if step < 0 else end
            while i != edge and stems[i] not in _STOPS:
                if stems[i] in giving:
                    return True
                i += step
        return False

    def _in_company_name(self, text: _Text, start: int, end: int, uninformative: bool) -> bool:
        """Whether a surname is part of a company's name: next to "&" and a capitalized word
        ("Johnson & Johnson", "Marks & Spencer") or before a company suffix ("Brown plc")."""
        folded, tokens = text.folded, text.tokens

        def capitalized(i: int) -> bool:
            return 0 <= i < len(tokens) and tokens[i][:1].isalpha() and (
                uninformative or tokens[i][0].isupper())

        if end < len(folded) and (folded[end] in self._words.companies or
                                  folded[end] == "&" and capitalized(end + 1)):
            return True
        return start >= 2 and folded[start - 1] == "&" and capitalized(start - 2)

    def _name_follows(self, text: _Text, end: int) -> bool:
        """Whether a capitalized word that is not a common word follows a surname: then the
        surname is someone's first name or part of another name ("Howard Hughes", "Blair Witch",
        "Khan Younis")."""
        if end >= len(text.tokens):
            return False
        following = text.tokens[end]
        return following[0].isupper() and following.isalpha() and \
            text.folded[end] not in self._words.common

    def _before(self, text: _Text, start: int, uninformative: bool) -> tuple[int, bool, str | None]:
        """Read the token before a surname at ``start``: returns where the evidence starts (a
        title is included), whether a title precedes it, and the preceding token when it looks
        like a first name."""
        folded, words = text.folded, self._words
        if start == 0:
            return start, False, None
        previous = folded[start - 1]
        if previous == ".":
            if start >= 2 and folded[start - 2] in words.abbreviations:
                return start - 2, True, None
            return start, False, None
        if previous in words.titles:
            evidence = start - 1
            while evidence > 0 and folded[evidence - 1] in words.extenders:
                evidence -= 1
            return evidence, True, None
        if not previous[:1].isalpha() or previous in words.common:
            return start, False, None
        if uninformative or text.tokens[start - 1][0].isupper():
            return start, False, previous
        return start, False, None

    def _topic_matches(self, text: _Text, hits: _Hits) -> tuple[TopicMatch, ...]:
        """The topics that alert, from the hits: only topics that a hit triggers are looked at,
        and evidence is gathered only for the topics that alert."""
        found = hits
        triggered: set[int] = set()
        vetoed: set[int] = set()
        for item_id in hits:
            item = self._items[item_id]
            (vetoed if item.kind is None else triggered).update(item.triggers)
        events_found = self._event_items.intersection(found)
        matches: dict[int, EntityMatch] = {}
        evidence: dict[tuple[_Hit, ...], tuple[int, tuple[str, ...], bool]] = {}
        surfaces: dict[str, str] = {}
        result = []
        for index in sorted(triggered - vetoed):
            topic = self._topics[index]
            if topic.require_event and events_found.isdisjoint(self._topic_events[index]):
                continue  # the trigger was a person or organization, and there is no event
            for item_id in self._topic_items[index]:
                if item_id in found and item_id not in matches:
                    item_hits = found[item_id]
                    key = tuple(item_hits)  # items found by the same hits share the evidence
                    if key not in evidence:
                        evidence[key] = _evidence(text, item_hits, surfaces)
                    item = self._items[item_id]
                    matches[item_id] = EntityMatch(item.kind, item.name,  # type: ignore[arg-type]
                                                   *evidence[key])
            result.append(TopicMatch(topic.id, tuple(
                matches[i] for i in self._topic_items[index] if i in found)))
        return tuple(result)


def _evidence(text: _Text, hits: list[_Hit],
              surfaces: dict[str, str]) -> tuple[int, tuple[str, ...], bool]:
    """Count, surface forms and whether the title has one, from an entity's hits."""
    kept = _outermost(hits)
    forms = tuple(dict.fromkeys(
        _surface(text, text.tokens[first:end], surfaces) for _, end, first in kept))
    return len(kept), forms, any(start < text.title_len for start, _, _ in kept)


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


def _capitals_agree(found: str, written: str) -> bool:
    """Whether every capital in the term as written is a capital in the text."""
    return all(f.isupper() for f, w in zip(found, written, strict=True) if w.isupper())


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
