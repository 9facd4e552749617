"""Watchlist matching: decide, per article and topic, whether to alert and why.

``compile_topics(topics)`` builds one matcher per config load; ``Matcher.match(article)`` makes one
pass over the article for all topics at once. The rules:

- Text is compared as tokens (``bot.textnorm``): words and punctuation marks, folded to lowercase
  without diacritics. A term matches whole tokens only ("ICC" is not in "ICCID", "Hamas" is not
  in "Hamasaki"); "Netanyahu's", "Netanyahu’s", "Al-Qaeda"/"Al Qaeda" and "Agnès"/"Agnes" match.
- Capitals in a name or alias must be capitals in the text ("ICC" does not match "icc" in a URL,
  "Hamas" does not match "hamas"), except in a title or body that is lowercased as a whole, like
  stemmed text, where case says nothing. Events are phrases and match in any case.
- People match on their name, an alias, or the surname alone: the last word of the name together
  with any lowercase particles before it ("von der Leyen", "bin Salman"), and that last word by
  itself. A surname right after a capitalized word that is neither a title nor a common word is
  taken as someone else's full name and does not count ("Sadiq Khan" is not "Karim Khan"), unless
  that word is one of the person's own given names. With ``surname = false``, the surname counts
  only after a title ("Mr Khan", "Prosecutor Khan", "Mr. Khan") and only when the article also
  names the person in full (name or alias): "Mr Khan" alone could be anyone called Khan.
- Events match on Porter stems ("arrest warrant" finds "arrest warrants", "indictment" finds
  "indicted"); built-in event sets add aliases for other wordings ("warrant for the arrest").
- Stemmed articles (``text_form == "stemmed"``) are matched against the watchlist stemmed the same
  way ("International Criminal Court" -> "intern crimin court", "Hamas" -> "hama"); raw articles
  are never matched against stems of names, so raw "Hama" stays a city.
- A topic alerts when one of its entities matches and none of its ``exclude`` terms does (they
  follow the name rules); with ``require_event`` it needs an event and a person or organization.

Every match carries its evidence: how many times the entity was found, the surface forms as they
appear in the article (spellings that differ only in spacing or hyphens are given once, as first
found), and whether the title has one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

import ahocorasick

from bot.models import Article, Entity, EntityKind, EntityMatch, Topic, TopicMatch
from bot.namewords import COMMON_WORDS, TITLE_ABBREVIATIONS, TITLE_QUALIFIERS, TITLE_WORDS
from bot.textnorm import fold, is_word, stem, tokenize

__all__ = ["Matcher", "compile_topics"]

# How a hit on a key counts for an entity.
_FULL = 0  # a name or alias: always counts
_SURNAME = 1  # a person's surname, surname = true: counts unless a different first name precedes
_TITLED = 2  # a person's surname, surname = false: counts after a title when the full name is found

_Hit = tuple[int, int, int, int]
"""A key found: the spaces around it in ``_Text.orig``, its role, where the evidence starts."""
_Hits = dict[int, list[_Hit]]  # by item

_SEPARATOR = "\n"  # the token between title and body; the tokenizer never makes it
_GAP = r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d_]*"  # what may lie between two tokens


@dataclass(slots=True)
class _Item:
    """A watched entity or exclude term, and the topics (index, position in topic) it serves."""

    kind: EntityKind | None  # None: an exclude term
    name: str
    topics: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Group:
    """The items that share one key with the same role and the same capitals."""

    role: int
    case: str | None  # the key as written, when its capitals must be capitals in the text
    items: tuple[int, ...]
    given: dict[str, tuple[int, ...]]  # surname keys: a given name -> the items that have it


@dataclass(frozen=True)
class _Words:
    """The word lists for reading the token before a surname, folded, plus their stems."""

    abbreviations: frozenset[str]
    titles: frozenset[str]
    extenders: frozenset[str]  # titles and their qualifiers
    common: frozenset[str]

    @classmethod
    def build(cls) -> _Words:
        def with_stems(words: frozenset[str]) -> frozenset[str]:
            return words | {stem(w) for w in words}

        titles = with_stems(TITLE_WORDS)
        return cls(with_stems(TITLE_ABBREVIATIONS), titles,
                   titles | with_stems(TITLE_QUALIFIERS), with_stems(COMMON_WORDS))


class _Automaton:
    """Keys (folded token strings padded with spaces) mapped to their groups, in one automaton."""

    def __init__(self) -> None:
        self._pending: dict[str, dict[tuple[int, str | None], tuple[list[int], dict]]] = {}
        self.groups: list[tuple[int, tuple[_Group, ...]]] = []  # (key length, groups), by value
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)

    def add(self, key: str, role: int, case: str | None, item: int,
            given: Iterable[str] = ()) -> None:
        items, given_map = self._pending.setdefault(key, {}).setdefault((role, case), ([], {}))
        if item not in items:
            items.append(item)
        for name in given:
            given_map.setdefault(name, []).append(item)

    def build(self) -> None:
        for key, by_rule in self._pending.items():
            groups = tuple(
                _Group(role, case, tuple(items), {g: tuple(i) for g, i in given.items()})
                for (role, case), (items, given) in by_rule.items())
            self.automaton.add_word(key, len(self.groups))
            self.groups.append((len(key), groups))
        self._pending.clear()
        if self.groups:
            self.automaton.make_automaton()

    def iter(self, text: str) -> Iterable[tuple[int, int]]:
        return self.automaton.iter(text) if self.groups else ()


def _key(tokens: Sequence[str], stemmed: bool) -> str:
    folded = fold(" ".join(tokens)).split(" ")
    return " " + " ".join([stem(t) for t in folded] if stemmed else folded) + " "


def _surnames(tokens: list[str]) -> list[list[str]]:
    """The surname forms of a person's name tokens: with its lowercase particles, and bare."""
    words = [t for t in tokens if is_word(t)]
    if len(words) < 2:
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
    """One article prepared for matching: title and body as one padded token string."""

    orig: str  # " tok tok ... \n tok ... ", case kept
    norm: str  # the same, folded; positions agree with ``orig``
    title_end: int  # positions before this are in the title
    lowered: tuple[bool, bool]  # (title, body) lowercased as a whole: case says nothing
    title_case: bool  # the title capitalizes its words, so capitals say nothing there
    source: str  # the NFC text that surfaces are looked up in

    @classmethod
    def of(cls, article: Article) -> _Text:
        title, body = article.title.strip(), article.text.strip()
        if title == body:
            body = ""
        title_tokens, body_tokens = tokenize(title), tokenize(body)
        words = [t for t in title_tokens if t[:1].isalpha()]
        title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)
        orig = " " + " ".join([*title_tokens, _SEPARATOR, *body_tokens]) + " "
        source = f"{title}\n{body}"
        return cls(orig, fold(orig), len(" ".join(title_tokens)) + 1,
                   (title.islower(), body.islower()), title_case,
                   source if source.isascii() else unicodedata.normalize("NFC", source))


class Matcher:
    """All topics' terms in three automata, built once: names as written, events as stems (for
    raw articles), and everything as stems (for stemmed articles)."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self._topics = tuple(topics)
        self._items: list[_Item] = []
        self._raw, self._events, self._stemmed = _Automaton(), _Automaton(), _Automaton()
        self._words = _Words.build()
        ids: dict[object, int] = {}
        for t_index, topic in enumerate(self._topics):
            watched: list[tuple[object, EntityKind | None, str]] = [
                (e, e.kind, e.name) for e in topic.entities]
            watched += [(("exclude", term), None, term) for term in topic.exclude]
            for position, (identity, kind, name) in enumerate(watched):
                item = ids.get(identity)
                if item is None:
                    item = ids[identity] = len(self._items)
                    self._items.append(_Item(kind, name))
                    self._add(item, identity if isinstance(identity, Entity) else None, name)
                self._items[item].topics.append((t_index, position))
        for automaton in (self._raw, self._events, self._stemmed):
            automaton.build()

    def _add(self, item: int, entity: Entity | None, exclude: str) -> None:
        names = [entity.name, *entity.aliases] if entity else [exclude]
        for name in names:
            tokens = tokenize(name)
            if not tokens:
                raise ValueError(f"{name!r} has no letters, digits or marks to match")
            case = " ".join(tokens) if any(c.isupper() for c in name) else None
            if entity is None or entity.kind != "event":
                self._raw.add(_key(tokens, False), _FULL, case, item)
            else:
                self._events.add(_key(tokens, True), _FULL, None, item)
            self._stemmed.add(_key(tokens, True), _FULL, None, item)
        if entity is None or entity.kind != "person":
            return
        tokens = tokenize(entity.name)
        role = _SURNAME if entity.surname else _TITLED
        for surname in _surnames(tokens):
            given = {t for n in names for t in tokenize(n) if is_word(t)} - set(surname)
            case = " ".join(surname) if any(c.isupper() for c in "".join(surname)) else None
            folded = {fold(g) for g in given}
            self._raw.add(_key(surname, False), role, case, item, folded)
            self._stemmed.add(_key(surname, True), role, None, item, {stem(g) for g in folded})

    def match(self, article: Article) -> tuple[TopicMatch, ...]:
        """Return the topics that alert for this article, each with its evidence."""
        text = _Text.of(article)
        hits: _Hits = defaultdict(list)
        if article.text_form == "stemmed":
            self._collect(self._stemmed, text, hits)
        else:
            self._collect(self._raw, text, hits)
            self._collect_events(text, hits)
        return self._topic_matches(text, hits)

    def _collect(self, automaton: _Automaton, text: _Text,
                 hits: _Hits) -> None:
        """Add the accepted hits of ``automaton`` on the article as (start, end, role, evidence
        start), positions of the spaces around the key in ``text.orig``."""
        orig, norm, title_end = text.orig, text.norm, text.title_end
        for end, value in automaton.iter(norm):
            length, groups = automaton.groups[value]
            start = end - length + 1
            in_title = start < title_end
            lowered = text.lowered[0] if in_title else text.lowered[1]
            for group in groups:
                if group.case is not None and not lowered and \
                        not _capitals_agree(orig[start + 1:end], group.case):
                    continue
                if group.role == _FULL:
                    for item in group.items:
                        hits[item].append((start, end, _FULL, start))
                    continue
                uninformative = lowered or (in_title and text.title_case)
                evidence, titled, first_name = self._before(text, start, uninformative)
                if group.role == _TITLED:
                    if titled:
                        for item in group.items:
                            hits[item].append((start, end, _TITLED, evidence))
                    continue
                items = group.given.get(first_name, ()) if first_name else group.items
                for item in items:
                    hits[item].append((start, end, _SURNAME, evidence))

    def _before(self, text: _Text, start: int, uninformative: bool) -> tuple[int, bool, str | None]:
        """Read the token before a surname that starts after ``start``: returns where the
        evidence starts (a title is included), whether a title precedes it, and the preceding
        token when it looks like a first name."""
        norm, words = text.norm, self._words
        if start == 0:
            return start, False, None
        space = norm.rfind(" ", 0, start)
        previous = norm[space + 1:start]
        if previous == ".":
            before = norm.rfind(" ", 0, space)
            if norm[before + 1:space] in words.abbreviations:
                return before, True, None
            return start, False, None
        if previous in words.titles:
            while space > 0:
                before = norm.rfind(" ", 0, space)
                if norm[before + 1:space] not in words.extenders:
                    break
                space = before
            return space, True, None
        if not previous[:1].isalpha() or previous in words.common:
            return start, False, None
        if uninformative or text.orig[space + 1].isupper():
            return start, False, previous
        return start, False, None

    def _collect_events(self, text: _Text, hits: _Hits) -> None:
        """Match the events on the stems of a raw article's tokens."""
        tokens = text.norm[1:-1].split(" ")
        stems = " " + " ".join([stem(t) for t in tokens]) + " "
        starts: list[int] = []
        for end, value in self._events.iter(stems):
            length, groups = self._events.groups[value]
            first = stems.count(" ", 0, end - length + 1)
            if not starts:  # where each token starts in text.orig, minus one: its space
                starts = list(accumulate((len(t) + 1 for t in tokens), initial=0))
            span = (starts[first], starts[first + stems.count(" ", end - length + 2, end) + 1])
            for group in groups:
                for item in group.items:
                    hits[item].append((span[0], span[1], _FULL, span[0]))

    def _topic_matches(self, text: _Text, hits: _Hits) -> tuple[TopicMatch, ...]:
        found: dict[int, list[tuple[int, EntityMatch]]] = defaultdict(list)
        vetoed: set[int] = set()
        surfaces: dict[str, str] = {}
        for item_id, item_hits in hits.items():
            item = self._items[item_id]
            if not any(role == _FULL for _, _, role, _ in item_hits):
                item_hits = [h for h in item_hits if h[2] != _TITLED]
                if not item_hits:
                    continue
            kept = _outermost(item_hits)
            if item.kind is None:
                vetoed.update(t for t, _ in item.topics)
                continue
            evidence = tuple(dict.fromkeys(
                _surface(text, text.orig[ev + 1:end], surfaces) for _, end, _, ev in kept))
            match = EntityMatch(item.kind, item.name, len(kept), evidence,
                                any(start < text.title_end for start, _, _, _ in kept))
            for topic, position in item.topics:
                found[topic].append((position, match))
        result = []
        for index, topic in enumerate(self._topics):
            if index in vetoed or index not in found:
                continue
            matches = tuple(m for _, m in sorted(found[index], key=lambda pair: pair[0]))
            if topic.require_event and not (any(m.kind == "event" for m in matches)
                                            and any(m.kind != "event" for m in matches)):
                continue
            result.append(TopicMatch(topic.id, matches))
        return tuple(result)


def _capitals_agree(found: str, written: str) -> bool:
    """Whether every capital in the term as written is a capital in the text."""
    return found == written or all(f.isupper() for f, w in zip(found, written, strict=True)
                                   if w.isupper())


def _outermost(hits: list[_Hit]) -> list[_Hit]:
    """The hits not inside a longer hit: "Netanyahu" within "Benjamin Netanyahu" counts once."""
    kept: list[_Hit] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h[0], -h[1])):
        if hit[0] >= last_end:
            kept.append(hit)
            last_end = hit[1]
    return kept


def _surface(text: _Text, joined: str, cache: dict[str, str]) -> str:
    """The article's own spelling of a run of tokens (its spacing, hyphens and line breaks)."""
    if joined not in cache:
        tokens = joined.split(" ")
        cache[joined] = joined
        if len(tokens) > 1:
            found = re.search(_GAP.join(map(re.escape, tokens)), text.source)
            if found:
                cache[joined] = " ".join(found.group().split())
    return cache[joined]


def compile_topics(topics: Sequence[Topic]) -> Matcher:
    """Build the matcher for a config's topics (once per config load)."""
    return Matcher(topics)
