"""Config changes that would have spared a desk the alerts it marked "not relevant".

``suggest(topic, alerts, marked)`` takes a topic as configured, the alerts it raised (each with
the text it was matched on) and the ids of those the desk marked not relevant, and proposes
changes to the topic's config: an ``exclude`` term, an ``ignore`` phrase, dropping a
``context`` word, ``surname = false`` for a person, ``commentators = false`` (a name only as an
analyst's employer stops counting), a higher ``min_prominence`` for the topic or for one of its
names. Each
change is checked by matching every alert again with the real matcher on the topic as changed:
it *removes* the marked alerts that would no longer alert and *loses* the unmarked ones that
would no longer alert. Nothing here changes a
config; each suggestion carries the TOML an admin may paste.

Candidate ``exclude`` terms are runs of one to three words found in at least two marked alerts
(one when a single alert is marked), with no stop word at either end and no word of the topic's
own names or events; those found in the most marked and the fewest unmarked alerts are checked.
Besides those, every *phrase of a marked mention*, the mention with the words next to it ("air
strikes", "a 25-yard strike", "hacked to death"), found in no unmarked alert, is checked, as
``exclude`` and, around a person's or organization's name, as ``ignore`` (only the mentions
inside it stop counting); not one whose other words only frame an event ("took legal action").
Candidates that differ only in ``exclude``, ``min_prominence`` or ``commentators`` are matched
in one pass: each is a copy of the topic under its own id in one compiled matcher.

A change is *specific* when it narrows the topic only where the marked alerts' own wording or the
way they matched is found again: a phrase of a marked mention as ``exclude`` (for a person, one that
tells another person or what the marked story said of them, not their title or office: "Kate Bush",
"Mr Howard is likely", not "President George W Bush" or "Bush administration"), ``surname = false``
when a marked alert names the person by the surname alone with no title (only bare surnames stop
counting, and an untitled one in a headline with no full name in the story is the sign of a
namesake), dropping a ``context`` word (only the
names it signed stop counting), ``commentators = false`` when two marked alerts (the one, when one
is marked) name an organization only as an analyst's or economist's employer, and ``min_prominence =
"body"`` for an organization or a person named in passing in two marked alerts, or in the one marked
(only that name's single mentions past the lead stop counting: an article that names a company once,
after its lead, is not news of the company, and a person named once who acts or speaks there is not
in passing), and ``min_prominence = "body"`` for a topic of people alone when two marked alerts name
them only in passing.
The others are *broad*: a higher ``min_prominence`` for any other topic drops every passing
mention, an event's passing mention may still be a point of the news ("the union said a strike
would follow"), a person's ``surname = false`` from a mark that names them with a title or in
full besides ("Mr Howard ... Howard said") drops their news told that way, and a
word of a marked article as ``exclude`` drops every article with that word,
whatever it says of the topic. Twenty marks and the few alerts a desk keeps while it marks them
cannot show that a broad change spares the alerts the desk wants and has not read yet (a word in
none of 20 kept alerts may still be in one alert in ten of those it wants), so only specific
changes are applied together.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from bot.matching.matcher import compile_topics, employs_commentator
from bot.matching.namewords import (
    COMMON_WORDS,
    HONORIFICS,
    TITLE_QUALIFIERS,
    TITLE_WORDS,
    first_name_genders,
    only_stop_words,
)
from bot.matching.vocabulary import EVENT_FRAME_WORDS, builtin_aliases
from bot.models import PROMINENCE_LEVELS, Article, Entity, EntityMatch, Topic
from bot.textnorm import STEMS, fold, is_word, tokenize

__all__ = ["ChangeKind", "Combined", "Suggestion", "TopicSuggestions", "still_alerting", "suggest"]

ChangeKind = Literal["exclude", "ignore", "context", "surname", "not_as", "min_prominence",
                     "name_prominence", "commentators"]

LONGEST_TERM = 3
"""Words in the longest candidate ``exclude`` term."""
NEAR = 2
"""Words before or after a mention that a candidate ``exclude`` term around it may have."""
COMMON_TERM_ZIPF = 5.0
"""Zipf frequency (``wordfreq``) from which one word is too common to suggest as ``exclude``:
100 uses per million words, so in about one article in twenty whatever it is about."""
CHECKED_TERMS = 60
"""Candidate ``exclude`` terms matched again, the best by how often they are in marked alerts."""
SHOWN = 5
"""Suggestions listed per topic that remove more marked alerts than they lose, best first."""
BROAD = 2
"""Suggestions listed after those that remove more marked alerts but lose as many or more."""


@dataclass(frozen=True)
class Suggestion:
    """One change to a topic and what it would have done to the alerts it raised."""

    kind: ChangeKind
    value: str
    """The ``exclude`` term added, the ``context`` word dropped, the person whose surname alone
    stops counting, the new ``min_prominence``, or the name given a ``min_prominence`` of its
    own."""
    topic: Topic
    """The topic as changed."""
    removed: tuple[int, ...]
    """Marked alerts that would not have been raised."""
    lost: tuple[int, ...]
    """Unmarked alerts that would not have been raised either."""
    specific: bool = False
    """Whether the change narrows the topic only where a marked alert's own wording or way of
    matching is found again (see the module's docstring); otherwise it is broad."""
    employer: bool = False
    """A phrase found only around a commentator's employer ("economist at UBS Securities"):
    the words of the bank's own units, which ``commentators = false`` makes needless."""

    @property
    def net(self) -> int:
        return len(self.removed) - len(self.lost)

    @property
    def key(self) -> str:
        if self.kind == "name_prominence":
            return f"topics.{self.topic.id}.{_list_of(self.topic, self.value)}"
        return f"topics.{self.topic.id}.{_LIST_OF_KIND.get(self.kind, self.kind)}"

    def describe(self) -> str:
        if self.kind in ("exclude", "ignore"):
            return f"add {json.dumps(self.value, ensure_ascii=False)} to {self.kind}"
        if self.kind == "context":
            return f"drop {json.dumps(self.value, ensure_ascii=False)} from context"
        if self.kind == "surname":
            return f"surname = false for {self.value}"
        if self.kind == "not_as":
            event = next(e for e in self.topic.events if e.name == self.value)
            return f"not_as = {_array(event.not_as)} for {self.value}"
        if self.kind == "name_prominence":
            level = next(e.min_prominence for e in self.topic.entities if e.name == self.value)
            return f"min_prominence = \"{level}\" for {self.value}"
        if self.kind == "commentators":
            return "commentators = false (leave out a name that is only an analyst's or " \
                "economist's employer)"
        return f"min_prominence = \"{self.value}\""

    def toml(self) -> str:
        """The changed key under its table, to paste over the topic's own."""
        return _toml(self.topic, [self.kind])


@dataclass(frozen=True)
class Combined:
    """Several suggestions applied at once, and what they would have done together."""

    parts: tuple[Suggestion, ...]
    topic: Topic
    removed: tuple[int, ...]
    lost: tuple[int, ...]

    def describe(self) -> str:
        named = "; ".join(s.describe() for s in self.parts[:SHOWN])
        more = len(self.parts) - SHOWN
        return f"{named}; and {more} more, all in the snippet" if more > 0 else named

    def toml(self) -> str:
        return _toml(self.topic, list(dict.fromkeys(s.kind for s in self.parts)))


@dataclass(frozen=True)
class TopicSuggestions:
    topic: str
    marked: tuple[int, ...]
    """Marked alerts that the topic as configured raises again from their stored text."""
    kept: tuple[int, ...]
    """Unmarked alerts it raises again."""
    unmatched: tuple[int, ...]
    """Alerts it no longer raises (no stored text, or a config changed since): not counted."""
    suggestions: tuple[Suggestion, ...]
    """Best first: most marked alerts removed less unmarked ones lost, specific changes first
    among equals; then up to ``BROAD``
    that remove more marked alerts than any of those but lose as many unmarked ones."""
    together: Combined | None = None
    """Every specific change that loses nothing, applied at once (when there are two or more),
    whether listed or not."""


def suggest(topic: Topic, alerts: Iterable[tuple[int, Article]], marked: Collection[int],
            shown: int = SHOWN) -> TopicSuggestions:
    """Suggestions for ``topic`` from the ``alerts`` it raised (alert id, article as matched)
    and the ids of those the desk ``marked`` not relevant."""
    articles = dict(alerts)
    base = still_alerting(articles, [topic])[0]
    marked_ids = tuple(i for i in articles if i in base and i in marked)
    kept_ids = tuple(i for i in articles if i in base and i not in marked)
    unmatched = tuple(i for i in articles if i not in base)
    if not marked_ids:
        return TopicSuggestions(topic.id, marked_ids, kept_ids, unmatched, ())
    candidates = list(_changes(topic, {i: articles[i] for i in marked_ids},
                               {i: articles[i] for i in kept_ids}))
    alerting = still_alerting({i: articles[i] for i in (*marked_ids, *kept_ids)},
                               [changed for _, _, changed, _, _ in candidates])
    found = []
    for (kind, value, changed, specific, employer), still in zip(candidates, alerting,
                                                                 strict=True):
        removed = tuple(i for i in marked_ids if i not in still)
        if removed:
            found.append(Suggestion(kind, value, changed, removed,
                                    tuple(i for i in kept_ids if i not in still), specific,
                                    employer))
    found.sort(key=lambda s: (-s.net, len(s.lost), not s.specific, _KIND_ORDER[s.kind],
                              len(s.value)))
    together = _together(topic, found, articles, marked_ids, kept_ids)
    found = _distinct(found)
    best = [s for s in found if s.net > 0][:shown]
    # Changes that remove more marked alerts than these, at the cost of unmarked ones: an
    # admin reads those before deciding (the desk may not have marked every wrong one).
    most = max((len(s.removed) for s in best), default=0)
    broad = sorted((s for s in found if s.net <= 0 and len(s.removed) > most),
                   key=lambda s: (-len(s.removed), len(s.lost)))[:BROAD]
    return TopicSuggestions(topic.id, marked_ids, kept_ids, unmatched, (*best, *broad),
                            together)


_Matched = tuple[Article, tuple[EntityMatch, ...]]
"""A marked alert's article and what the topic as configured matched in it."""

# The list a change of one watched name's table is made in.
_LIST_OF_KIND = {"surname": "people", "not_as": "events"}

_KIND_ORDER = {"surname": 0, "not_as": 0, "context": 1, "commentators": 2, "ignore": 3,
               "exclude": 3, "name_prominence": 4, "min_prominence": 5}


def _changes(topic: Topic, marked: dict[int, Article], kept: dict[int, Article]
             ) -> Iterable[tuple[ChangeKind, str, Topic, bool, bool]]:
    """Every change worth checking, each with the topic as changed, whether it is specific,
    and whether it is a phrase found only around a commentator's employer."""
    matcher = compile_topics([topic])  # each marked alert matched once, for all that follows
    matched = [(article, tuple(m for match in matcher.match(article) for m in match.matches))
               for article in marked.values()]
    start = PROMINENCE_LEVELS.index(topic.min_prominence)
    passing = _people_in_passing(topic, matched) >= min(2, len(marked))
    for level in PROMINENCE_LEVELS[start + 1:]:
        yield ("min_prominence", level, replace(topic, min_prominence=level),
               level == "body" and passing, False)
    for word in topic.context:
        yield "context", word, replace(topic, context=tuple(c for c in topic.context
                                                            if c != word)), True, False
    for person in topic.people:
        if person.surname:
            people = tuple(replace(p, surname=False) if p is person else p
                           for p in topic.people)
            yield ("surname", person.name, replace(topic, people=people),
                   _bare_surname(person, matched), False)
    for event, forms in _marked_forms(topic, matched):
        yield "not_as", event.name, _with_forms(topic, event.name, forms), False, False
    cited = sum(any(m.cited for m in matches) for _, matches in matched)
    if cited and topic.commentators:
        yield ("commentators", "false", replace(topic, commentators=False),
               cited >= min(2, len(marked)), False)
    for entity, level, below in _name_levels(topic, matched):
        yield ("name_prominence", entity.name, _with_level(topic, entity.name, level),
               level == "body" and entity.kind in ("organization", "person") and
               below >= min(2, len(marked)),
               False)
    phrases = _mention_phrases(topic, matched, kept.values())
    for term, (employer, sense) in phrases.items():
        if not sense:  # "Volvo Women's Open": that mention is another's; the article's others may
            # be the topic's own (see _together)
            yield "ignore", term, replace(topic, ignore=(*topic.ignore, term)), True, employer
        yield "exclude", term, replace(topic, exclude=(*topic.exclude, term)), True, employer
    for term in _exclude_candidates(topic, matched, kept.values()):
        if term not in phrases:
            yield "exclude", term, replace(topic, exclude=(*topic.exclude, term)), False, False


def _people_in_passing(topic: Topic, marked: Sequence[_Matched]) -> int:
    """How many marked alerts of a topic that watches people alone name them only in passing:
    once each, past the lead, neither acting nor speaking there. ``min_prominence = "body"``
    leaves out just such alerts, so two of them marked show it is what the desk does not want
    (a person who says or does something, even once, stays ``body``)."""
    if topic.organizations or topic.events:
        return 0
    return sum(bool(matches) and all(m.prominence == "passing" for m in matches)
               for _, matches in marked)


def _bare_surname(person: Entity, marked: Sequence[_Matched]) -> bool:
    """Whether a marked alert names ``person`` only by the surname alone, with no title before it
    and no full name besides ("Go Modules: the Short field"): the sign of another owner of the
    surname, which ``surname = false`` leaves out. Such a mark has the surname in its headline,
    since one in the body that no one is introduced with needs another mention of the person.
    "Mr Howard" is a title the person's own (a man's, resolved to the one the article
    introduced), so a mark of it is about what the article says of the person, and ``surname =
    false`` would drop their news told the same way."""
    surname = fold(tokenize(person.name)[-1])
    return any(m.name == person.name and all(
        [fold(t) for t in tokenize(form)] == [surname] for form in m.evidence)
        for _, matches in marked for m in matches)


def _marked_forms(topic: Topic, marked: Sequence[_Matched]
                  ) -> Iterable[tuple[Entity, tuple[str, ...]]]:
    """For each event, the forms of its word as a verb ("-ed", "-ing") that two marked alerts
    (the one, when one is marked) were found in ("attacked" and "attacking" in football reports
    for a desk that follows "attack"): another sense of the word, which ``not_as`` leaves out
    wherever it is written so.
    Not a noun or adjective of the word ("explosives" for "explosion"), which is as often the
    desk's news; never the event's own name or aliases as written, nor a form of stemmed text,
    which tells no form from another. The change is broad: a verb form may have the desk's sense
    too ("the plane crashed" beside "the program crashed"), and the alerts it loses are counted
    like any other change's."""
    for event in topic.events:
        own = {" ".join(fold(t) for t in tokenize(n)) for n in (event.name, *event.aliases)}
        own |= {" ".join(STEMS[w] for w in name.split()) for name in own}
        counts = Counter(form for _, matches in marked for form in {
            " ".join(fold(t) for t in tokenize(found))
            for m in matches if m.name == event.name for found in m.evidence})
        found = tuple(form for form in sorted(counts)
                      if counts[form] >= min(2, len(marked)) and form.endswith(_VERB_ENDINGS)
                      and form not in own and form not in event.not_as)
        if found:
            yield event, found


_VERB_ENDINGS = ("ed", "ing", "ings")


def _with_forms(topic: Topic, name: str, forms: Sequence[str]) -> Topic:
    """``topic`` with these forms of the event ``name`` no longer counting."""
    return replace(topic, events=tuple(
        replace(e, not_as=tuple(dict.fromkeys((*e.not_as, *forms)))) if e.name == name else e
        for e in topic.events))


def _name_levels(topic: Topic, marked: Sequence[_Matched]
                 ) -> Iterable[tuple[Entity, str, int]]:
    """For each name of a topic that watches several, matched in a marked alert below the
    headline: each level above its own minimum (the topic's when it has none) that a marked
    match misses, with how many marked alerts match the name below it. A topic of one name is
    better served by its own ``min_prominence``."""
    if len(topic.entities) < 2:
        return
    levels: dict[str, list[int]] = defaultdict(list)
    cited: dict[str, list[int]] = defaultdict(list)
    for _, matches in marked:
        for m in matches:
            levels[m.name].append(PROMINENCE_LEVELS.index(m.prominence))
            if m.cited:
                cited[m.name].append(PROMINENCE_LEVELS.index(m.prominence))
    for entity in topic.entities:
        if entity.name not in levels:
            continue
        own = PROMINENCE_LEVELS.index(entity.min_prominence or topic.min_prominence)
        for level in range(own + 1, min(levels[entity.name]) + 2):
            if level < len(PROMINENCE_LEVELS):
                # a commentator's employer is left out by ``commentators = false`` instead
                below = sum(found < level for found in levels[entity.name]) - \
                    sum(found < level for found in cited[entity.name])
                yield entity, PROMINENCE_LEVELS[level], below


def _with_level(topic: Topic, name: str, level: str) -> Topic:
    """``topic`` with ``name`` given its own ``min_prominence``."""
    def change(entities: tuple[Entity, ...]) -> tuple[Entity, ...]:
        return tuple(replace(e, min_prominence=level) if e.name == name else e  # type: ignore[arg-type]
                     for e in entities)
    return replace(topic, people=change(topic.people), organizations=change(topic.organizations),
                   events=change(topic.events))


def _list_of(topic: Topic, name: str) -> str:
    """The key of the list that watches ``name``."""
    for key, entities in (("people", topic.people), ("organizations", topic.organizations),
                          ("events", topic.events)):
        if any(e.name == name for e in entities):
            return key
    raise KeyError(name)


def _exclude_candidates(topic: Topic, marked: Sequence[_Matched], kept: Collection[Article],
                        limit: int = CHECKED_TERMS) -> list[str]:
    """Terms to try as ``exclude``: found in the most marked alerts and the fewest kept ones;
    spelt in lowercase when the alerts have them so (then they match in any case). Besides
    the words of the marked alerts, the words around each mention of the topic with the mention
    ("air strike", "taxes and fines"), and a mention's other forms ("striking"), which tell the
    sense the desk did not want."""
    own = _own_stems(topic)
    names = {fold(n) for e in topic.entities for n in (e.name, *e.aliases)}
    in_marked: Counter[tuple[str, ...]] = Counter()
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for article, matches in marked:
        tokens = tokenize(f"{article.title}\n{article.text}")
        grams = _grams(tokens, own)
        forms = {form for m in matches for form in m.evidence}
        events = {form for m in matches if m.kind == "event" for form in m.evidence}
        for form, gram, _ in _around(tokens, forms):
            if form in events and _frames_event(gram, form):
                continue  # "took legal action": the event's own frame, in any of its news
            if fold(form) not in names or len(gram) > len(tokenize(form)):
                grams[tuple(fold(w) for w in gram)].add(" ".join(gram))
        for gram, spelt in grams.items():
            in_marked[gram] += 1
            spellings[gram].update(spelt)
    least = 2 if len(marked) > 1 else 1
    wanted = [gram for gram, n in in_marked.items() if n >= least and not _too_common(gram)]
    texts = [" " + " ".join(fold(t) for t in tokenize(f"{a.title}\n{a.text}")) + " "
             for a in kept]
    in_kept = {gram: sum(f" {' '.join(gram)} " in text for text in texts) for gram in wanted}
    ranked = sorted(wanted, key=lambda g: (in_kept[g] - in_marked[g], in_kept[g], len(g), g))
    terms: list[str] = []
    for gram in ranked:
        if in_marked[gram] <= in_kept[gram] or len(terms) >= limit:
            break
        lower = [s for s in spellings[gram] if s == s.lower()]
        term = lower[0] if lower else spellings[gram].most_common(1)[0][0]
        if term not in terms and term not in topic.exclude and not only_stop_words(term):
            terms.append(term)
    return terms


def _mention_phrases(topic: Topic, marked: Sequence[_Matched], kept: Collection[Article]
                     ) -> dict[str, tuple[bool, bool]]:
    """Each mention of the topic in a marked alert with the words next to it ("air strikes",
    "a 25-yard strike"), found in no kept alert: the sense the desk did not want, in the words
    that gave it. Spelt as in the alert, in lowercase when one alert has it so. Each with
    whether it was found only around a commentator's employer ("UBS Securities" in "economist
    at UBS Securities") and whether only around an event's word (a sense of the word: "air
    strikes"; around a name, someone else or something else of that name: "Volvo Women's
    Open")."""
    names = {fold(n) for e in topic.entities for n in (e.name, *e.aliases)}
    own = _own_stems(topic)
    spellings: dict[str, set[str]] = defaultdict(set)
    other: set[str] = set()  # found around a mention that is not a commentator's employer
    named_around: set[str] = set()  # found around a person's or organization's name
    for article, matches in marked:
        tokens = tokenize(f"{article.title}\n{article.text}")
        named = {form for m in matches if m.kind != "event" for form in m.evidence}
        people = {form for m in matches if m.kind == "person" for form in m.evidence}
        employers = {form for m in matches if m.kind == "organization" for form in m.evidence}
        events = {form for m in matches if m.kind == "event" for form in m.evidence}
        forms = {form for m in matches for form in m.evidence}
        for form, gram, end in _around(tokens, forms):
            if len(gram) > len(tokenize(form)) and not only_stop_words(" ".join(gram)) and \
                    not (form in events and _frames_event(gram, form)) and \
                    not (form in named and _names_itself(tokens, gram, form, end)) and \
                    not (form in people and _says_who(gram, form)) and \
                    not _holds_own_word(gram, form, own) and not _ends_in_title(gram, form):
                folded = " ".join(fold(w) for w in gram)
                spellings[folded].add(" ".join(gram))
                if form not in events:
                    named_around.add(folded)
                if form not in employers or not employs_commentator(
                        tokens, end - len(tokenize(form)), end):
                    other.add(folded)
    texts = [" " + " ".join(fold(t) for t in tokenize(f"{a.title}\n{a.text}")) + " "
             for a in kept]
    phrases = {}
    for folded, spelt in spellings.items():
        if folded in names or folded in (fold(t) for t in topic.exclude) or \
                any(f" {folded} " in text for text in texts):
            continue
        phrases[folded if folded in spelt else min(spelt)] = (folded not in other,
                                                              folded not in named_around)
    return dict(sorted(phrases.items(), key=lambda p: (len(p[0].split()), p[0])))


def _mention_in(gram: list[str], form: str) -> tuple[int, int]:
    """Where the mention ``form`` starts in ``gram`` (a phrase ``_around`` made of it), and how
    many words it has."""
    key = [fold(t) for t in tokenize(form)]
    folded = [fold(t) for t in gram]
    return next(i for i in range(len(folded)) if folded[i:i + len(key)] == key), len(key)


_KINDS = frozenset([
    "firm", "company", "group", "maker", "carmaker", "manufacturer", "giant", "carrier",
    "airline", "bank", "lender", "retailer", "insurer", "chain", "label", "studio", "network",
    "brand", "operator", "conglomerate", "broadcaster"])
"""Kinds of organization a noun before a name says it is ("firm Boeing", "carrier Ryanair"):
words that are verbs or adjectives too ("firm", "bank"), so the lemma tables do not tell."""


def _names_itself(tokens: list[str], gram: list[str], form: str, end: int) -> bool:
    """Whether the words around a person's or organization's name (ending at ``end`` in
    ``tokens``) in ``gram`` say what it is rather than that it is someone else: a noun before
    it that describes it ("carmaker General Motors", "singer Britney Spears"), a job's initials
    before a full name ("CEO Tim Cook"), or a model after
    it ("BMW 3", "Tesla Model 3", "Amazon S3"), or a kind of organization before it ("aircraft
    firm Boeing"). Such a phrase is as likely in the news the desk
    wants, so it tells no other sense."""
    at, size = _mention_in(gram, form)
    if at and gram[at - 1].islower() and (
        fold(gram[at - 1]) in _KINDS or _describes(gram[at - 1], size > 1)
    ):
        return True
    if at and size > 1 and gram[at - 1].isalpha() and gram[at - 1].isupper():
        return True  # a job's initials before a full name ("CEO Tim Cook")
    after = tokens[end:end + 2]
    return bool(after) and (_has_digit(after[0]) or len(after) == 2 and after[0][:1].isupper()
                            and _has_digit(after[1]))


def _frames_event(gram: list[str], form: str) -> bool:
    """Whether the words around an event's mention in ``gram`` only frame it ("took legal
    action", "lawsuits launched", "faces a fine"): such a phrase is in the news the desk wants
    as often as in the alert it marked."""
    at, size = _mention_in(gram, form)
    rest = [fold(w) for w in (*gram[:at], *gram[at + size:])]
    return bool(rest) and all(w in EVENT_FRAME_WORDS or w in COMMON_WORDS for w in rest) and \
        any(w in EVENT_FRAME_WORDS for w in rest)


def _says_who(gram: list[str], form: str) -> bool:
    """Whether the words next to a watched person's mention only say who the matcher took them
    for: words before it that are a title, an office, a party or a nation ("President George W
    Bush", "Russian President Vladimir Putin arrived", "Democrat Charles Kennedy", "Tory leader
    Michael Howard", "former president George Bush"), or a noun after it ("Bush
    administration", "Howard leader"). Such a phrase is in the desk's own news of that person as
    often as in the alert it marked. It is no such phrase when the words make the mention
    another person's name: a surname alone with a given name before it ("Kate Bush", "Andy
    Robinson") or another surname after it ("Kelly Holmes", "Sharon Osbourne"). A text in
    lowercase (stemmed feeds) shows no names: there no phrase is."""
    if form == form.lower():
        return False
    at, size = _mention_in(gram, form)
    before, after = gram[:at], gram[at + size:]
    if size == 1 and (before and _given_name(before[-1])
                          or after and after[0][:1].isupper() and not after[0].isupper()):
        return False
    if before:
        return all(w[:1].isupper() or fold(w) in TITLE_QUALIFIERS or _describes(w, True)
                   for w in before)
    return len(after) == 1 and after[0].islower() and _describes(after[0], False)


@cache
def _given_name(word: str) -> bool:
    """Whether a capitalized word before a surname is a given name ("Kate", "Andy"; the
    ``gender-guesser`` names), not a title, an office or a party ("President", "Democrat")."""
    if not word[:1].isupper() or word.isupper() or fold(word) in TITLE_WORDS | HONORIFICS:
        return False
    return fold(word) in first_name_genders({fold(word)})


def _holds_own_word(gram: list[str], form: str, own: frozenset[str]) -> bool:
    """Whether a word next to the mention is a word of the topic's own names or events
    ("Kingfisher Airlines" on a desk that watches Singapore Airlines, "take legal action" on one
    whose events include "taken into custody"): the phrase then says the topic again."""
    mention = {fold(t) for t in tokenize(form)}
    return any(STEMS[fold(w)] in own for w in gram if fold(w) not in mention and is_word(w))


def _ends_in_title(gram: list[str], form: str) -> bool:
    """Whether the words after the mention end in a title or in the first word of the next
    name of a list ("Mr Howard and Mr", "Joss Stone and Franz"): the phrase then holds half of
    the next name, which says nothing of the mention."""
    key = [fold(t) for t in tokenize(form)]
    if [fold(w) for w in gram[-len(key):]] == key:
        return False
    return fold(gram[-1]) in TITLE_WORDS or \
        len(gram) >= 2 and gram[-2] == "and" and gram[-1][:1].isupper()


def _describes(word: str, full_name: bool) -> bool:
    """Whether a lowercase word can only be a noun, or is no word of the lemma tables (a
    compound such as "carmaker"): a description set before a name, not a verb or adjective.
    Before a name of several words, a noun that is also a verb's base form describes it too
    ("captain Martin Johnson", "skipper Jason Robinson"): a verb before a full name is inflected
    ("succeeded Paula Radcliffe"), where one before a surname alone may not be ("tip Lampard")."""
    from lemminflect import getAllLemmas  # loaded with the first report

    readings = getAllLemmas(word)
    if not word.isalpha():
        return False
    if not readings or "NOUN" in readings and "VERB" not in readings:
        return True
    return full_name and word in readings.get("NOUN", ()) and word in readings.get("VERB", ())


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def _too_common(gram: tuple[str, ...]) -> bool:
    """Whether a one-word term is so frequent in English that, as ``exclude``, it would veto a
    share of all news whatever its subject ("time", "win", "side")."""
    if len(gram) > 1:
        return False
    import wordfreq  # loaded with the first report, as for the stop words

    return wordfreq.zipf_frequency(gram[0], "en") >= COMMON_TERM_ZIPF


def _grams(tokens: list[str], own: frozenset[str]) -> dict[tuple[str, ...], set[str]]:
    """The runs of one to ``LONGEST_TERM`` words, folded, each with its spellings; none starts
    or ends with a stop word or has a word of the topic's own terms."""
    out: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for i in range(len(tokens)):
        for n in range(1, LONGEST_TERM + 1):
            words = tokens[i:i + n]
            if len(words) < n or not all(is_word(w) and len(w) > 1 and not w.isdigit()
                                         for w in words):
                break
            folded = tuple(fold(w) for w in words)
            if any(STEMS[w] in own for w in folded):
                break
            if _apostrophe(tokens, i - 1) or _apostrophe(tokens, i + n):
                continue  # a piece of a contraction or a possessive ("didn", "ve")
            if folded[0] in COMMON_WORDS or folded[-1] in COMMON_WORDS:
                continue
            out[folded].add(" ".join(words))
    return out


def _apostrophe(tokens: list[str], i: int) -> bool:
    return 0 <= i < len(tokens) and tokens[i] in ("'", "\u2019")


def _around(tokens: list[str], forms: Iterable[str]
            ) -> Iterable[tuple[str, list[str], int]]:
    """Each mention of ``forms`` in ``tokens`` alone and with up to ``NEAR`` words before or
    after it (words only, no stop word at the outer end), with where the mention ends."""
    folded = [fold(t) for t in tokens]
    for form in forms:
        key = [fold(t) for t in tokenize(form)]
        for i in range(len(folded) - len(key) + 1):
            if folded[i:i + len(key)] != key:
                continue
            end = i + len(key)
            for before in range(NEAR + 1):
                for after in range(NEAR + 1 - before):
                    start, stop = i - before, end + after
                    if start < 0 or stop > len(tokens):
                        continue
                    gram = tokens[start:stop]
                    if before and _apostrophe(tokens, start - 1):
                        continue  # the "s" of a possessive ("Gerrard's strike")
                    if not all(is_word(w) for w in gram) or \
                            (before and folded[start] in COMMON_WORDS) or \
                            (after and folded[stop - 1] in COMMON_WORDS):
                        continue
                    yield form, gram, end


def _own_stems(topic: Topic) -> frozenset[str]:
    """Stems of the words of the topic's names, aliases and events (with the wordings a
    built-in event adds): excluding one of those would exclude the topic itself."""
    names = [n for e in topic.entities for n in (e.name, *e.aliases)]
    names += [a for e in topic.events for a in builtin_aliases(e.name)]
    return frozenset(STEMS[fold(w)] for n in names for w in tokenize(n) if is_word(w))


def still_alerting(articles: dict[int, Article], variants: Sequence[Topic]) -> list[set[int]]:
    """Per variant of a topic: the articles it alerts for. Variants that watch the same names
    with the same context words (they differ in ``exclude``, a ``min_prominence`` or
    ``commentators`` only) are matched in one pass, each under its own id in one matcher; the
    others each in a matcher of their own, since topics that share a name share what the
    article tells of it (a context word of one is a sign for the other, two watched people of
    one surname split its mentions)."""
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for n, v in enumerate(variants):
        names = tuple(replace(e, min_prominence=None) for e in v.entities)  # one matcher ranks
        groups[(names, v.context, v.require_event)].append(n)  # each topic's names by its own

    found: list[set[int]] = [set() for _ in variants]
    for members in groups.values():
        matcher = compile_topics([replace(variants[n], id=str(n)) for n in members])
        for alert_id, article in articles.items():
            for match in matcher.match(article):
                found[int(match.topic)].add(alert_id)
    return found


def _distinct(found: list[Suggestion]) -> list[Suggestion]:
    """One suggestion per effect: an exclude term that removes and loses just what a better
    ranked one does is left out."""
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    out = []
    for s in found:
        effect = (s.removed, s.lost)
        if s.kind in ("exclude", "ignore") and effect in seen:
            continue
        seen.add(effect)
        out.append(s)
    return out


def _together(topic: Topic, found: list[Suggestion], articles: dict[int, Article],
              marked: tuple[int, ...], kept: tuple[int, ...]) -> Combined | None:
    """Every specific change that loses nothing, applied at once and checked again. A phrase
    that removes only marked alerts others remove already is kept all the same, since it may
    remove wrong alerts the desk has not marked yet; one that holds a phrase already applied
    ("US air strikes" after "air strikes") is left out, as it changes nothing."""
    # A commentator's employer is left out by ``commentators = false`` where it is applied:
    # the words of the bank's units around it ("Barclays Capital") may be in its own news.
    quiet = any(s.kind == "commentators" and s.specific and not s.lost for s in found)
    # A phrase that removes as much ignored as excluded is ignored: the article's other
    # mentions, in news the desk has not read yet, still count.
    ignored = {(s.value, s.removed, s.lost) for s in found if s.kind == "ignore"}
    safe: list[Suggestion] = []
    for s in found:
        if s.employer and quiet:
            continue
        if s.kind == "exclude" and (s.value, s.removed, s.lost) in ignored:
            continue
        if s.specific and not s.lost and not any(
                s.kind == t.kind and s.kind in ("exclude", "ignore") and _holds(s.value, t.value)
                for t in safe):
            safe.append(s)
    if len(safe) < 2:
        return None
    read = {i: articles[i] for i in (*marked, *kept)}
    changed = topic
    for s in safe:
        changed = _apply(changed, s)
    still = still_alerting(read, [changed])[0]
    if any(i not in still for i in kept):
        safe, changed, still = _sparing(topic, safe, read, kept)
        if len(safe) < 2:
            return None
    return Combined(tuple(safe), changed, tuple(i for i in marked if i not in still),
                    tuple(i for i in kept if i not in still))


def _sparing(topic: Topic, safe: list[Suggestion], read: dict[int, Article],
             kept: tuple[int, ...]) -> tuple[list[Suggestion], Topic, set[int]]:
    """The changes of ``safe``, in order, each applied only if the changes so far with it lose
    no kept alert. Changes that lose nothing alone may together: ``surname = false`` takes a
    person's bare surname away and leaves one mention, which their own ``min_prominence`` then
    drops as passing."""
    applied: list[Suggestion] = []
    changed = topic
    still = set(read)
    for s in safe:
        trial = _apply(changed, s)
        left = still_alerting(read, [trial])[0]
        if all(i in left for i in kept):
            applied.append(s)
            changed, still = trial, left
    return applied, changed, still


def _holds(term: str, other: str) -> bool:
    """Whether the words of ``other`` are a run of the words of ``term``."""
    return f" {' '.join(fold(w) for w in tokenize(other))} " in \
        f" {' '.join(fold(w) for w in tokenize(term))} "


def _apply(topic: Topic, s: Suggestion) -> Topic:
    """``topic`` with the change of ``s`` made too."""
    if s.kind == "exclude":
        return replace(topic, exclude=(*topic.exclude, s.value))
    if s.kind == "ignore":
        return replace(topic, ignore=(*topic.ignore, s.value))
    if s.kind == "context":
        return replace(topic, context=tuple(c for c in topic.context if c != s.value))
    if s.kind == "surname":
        return replace(topic, people=tuple(replace(p, surname=False) if p.name == s.value else p
                                           for p in topic.people))
    if s.kind == "not_as":
        event = next(e for e in s.topic.events if e.name == s.value)
        return _with_forms(topic, s.value, event.not_as)
    if s.kind == "name_prominence":
        wanted = next(e.min_prominence for e in s.topic.entities if e.name == s.value)
        return _with_level(topic, s.value, wanted)  # type: ignore[arg-type]
    if s.kind == "commentators":
        return replace(topic, commentators=False)
    level = max(topic.min_prominence, s.value, key=PROMINENCE_LEVELS.index)
    return replace(topic, min_prominence=level)  # type: ignore[arg-type]


def _toml(topic: Topic, kinds: Sequence[ChangeKind]) -> str:
    lines = [f"[topics.{topic.id}]"]
    lists = {"people": topic.people, "organizations": topic.organizations,
             "events": topic.events}
    for kind in kinds:
        if kind in ("exclude", "ignore"):
            lines.append(f"{kind} = {_array(getattr(topic, kind))}")
        elif kind == "context":
            lines.append(f"context = {_array(topic.context)}")
        elif kind == "commentators":
            lines.append("commentators = false")
        elif kind in ("surname", "not_as", "name_prominence"):
            for key, entities in lists.items():
                changed = key == _LIST_OF_KIND[kind] if kind != "name_prominence" else \
                    any(e.min_prominence for e in entities)
                line = f"{key} = [" + ", ".join(map(_entity, entities)) + "]"
                if changed and line not in lines:
                    lines.append(line)
        else:
            lines.append(f'min_prominence = "{topic.min_prominence}"')
    return "\n".join(lines)


def _array(values: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def _entity(entity: Entity) -> str:
    """A watched name as the config writes it: a string, or a table when it has more."""
    if not entity.aliases and entity.surname and entity.min_prominence is None and \
            not entity.not_as:
        return json.dumps(entity.name, ensure_ascii=False)
    parts = [f"name = {json.dumps(entity.name, ensure_ascii=False)}"]
    if entity.aliases:
        parts.append(f"aliases = {_array(entity.aliases)}")
    if not entity.surname:
        parts.append("surname = false")
    if entity.min_prominence is not None:
        parts.append(f'min_prominence = "{entity.min_prominence}"')
    if entity.not_as:
        parts.append(f"not_as = {_array(entity.not_as)}")
    return "{ " + ", ".join(parts) + " }"
