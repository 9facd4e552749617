"""One story, one alert: the pure decisions behind story grouping, follow-ups and bursts.

The store looks up what it knows (the story an article belongs to, which channels already have
it, how many alerts a channel got lately) and these functions decide what to post; the store
then writes the outcome in the same transaction that marks the entries seen.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.config import ChannelRule
from bot.models import Alert, Entry, Extraction, Figure, Quote, TextForm
from bot.stories.dedup import (
    CLOSE_AGREEMENT,
    CLOSE_HOURS,
    DAY_MARK,
    DEATH_MARK,
    EVENT_AGREEMENT,
    EXPLAINER_MARK,
    HEADLINE_AGREEMENT,
    HEADLINE_LEAD_AGREEMENT,
    HEADLINE_MARK,
    LANGUAGE_MARK,
    LEAD_DEATH_MARK,
    LEAD_SHOOTING_MARK,
    MIN_EVENT_TERMS,
    MIN_EVENT_TERMS_SHORT,
    MIN_WATCHED,
    NAME_MARK,
    NEAR_HOURS,
    PERSON_MARK,
    PHRASE_MARK,
    SAME_FEED_AGREEMENT,
    SAME_FEED_ALIKE,
    SAME_FEED_ALIKE_AGREEMENT,
    SAME_FEED_SKETCH,
    SHOOTING_MARK,
    SHORT_FEATURES,
    SHOW_MARK,
    SKETCH_AGREEMENT,
    SKETCH_AGREEMENT_SAME_FEED,
    SKETCH_JOIN,
    SURVEY,
    Fingerprint,
    canonical_url,
    clue_agreement,
    counted,
    deaths_told,
    event_agreement,
    event_clues,
    event_terms,
    explainer,
    fingerprint,
    headline_agreement,
    headline_label,
    headline_people,
    headline_phrases,
    headline_terms,
    language,
    marked,
    named_days,
    plain_terms,
    rare_name,
    rare_watched,
    recalled_years,
    shootings_told,
    show_label,
    similarity,
    specificity,
    tokens,
)

__all__ = [
    "Candidate",
    "Grouping",
    "Post",
    "StoryMark",
    "StoryMatch",
    "Verdict",
    "best_match",
    "burst_digest_due",
    "bursting",
    "event_time",
    "find_story",
    "follow_up",
    "folds_bursts",
    "followup_alert",
    "group_marks",
    "held_for_digest",
    "judge",
    "plan_posts",
    "shared_keys",
    "story_keys",
    "story_mark",
]

MatchKind = Literal["exact", "near"]


@dataclass(frozen=True)
class StoryMark:
    """What identifies an article across feeds: its exact keys, its text fingerprint, the terms
    specific to its event (see ``bot.stories.dedup.event_terms``) and when it was published."""

    keys: tuple[str, ...]
    fingerprint: Fingerprint
    terms: frozenset[str] = frozenset()
    published: float | None = None
    """Seconds since the epoch; None when the feed gave no date."""
    feed: str = ""
    """The feed it came from."""


def story_keys(entry: Entry) -> tuple[str, ...]:
    """The keys that name an article exactly: its canonical address and a GUID that looks
    globally unique."""
    keys = []
    if entry.link:
        keys.append("url:" + canonical_url(entry.link))
    # A GUID is only a cross-feed key when it looks globally unique (a URL, a tag: or urn: id or
    # a long token); short ones like "1234" are per-feed counters. A GUID that is a URL is keyed
    # as one, so that it meets another feed's link to the same article.
    if entry.guid and (len(entry.guid) >= 16 or ":" in entry.guid):
        guid = canonical_url(entry.guid)
        key = ("url:" if guid.startswith("https://") else "guid:") + guid
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def story_mark(entry: Entry, text_form: TextForm, house: frozenset[str] = frozenset(),
               watched: Iterable[str] = (), shared_keys: frozenset[str] = frozenset()
               ) -> StoryMark:
    """The keys, fingerprint and event terms of a feed entry. ``house`` are its feed's common
    features (``house_features``), left out of both; ``watched`` are the names that made it
    alert (every alert of a topic has them), left out of its event terms; ``shared_keys`` are
    keys several entries of its feed have (a podcast whose episodes all link to its home page),
    which name no one article."""
    watched = list(watched)
    names = {w for name in watched for w in tokens(name, "raw")}
    written = language(entry.title, entry.text, text_form)
    code = next(iter(marked(written, LANGUAGE_MARK)), "en")
    return StoryMark(
        tuple(k for k in story_keys(entry) if k not in shared_keys),
        fingerprint(f"{entry.title}\n{entry.text}", text_form, ignore=house),
        event_terms(entry.title, entry.text, text_form, ignore=names | house, code=code)
        | explainer(entry.title, text_form)
        | event_clues(entry.title, entry.text, text_form, watched)
        | headline_terms(entry.title, text_form, ignore=house, code=code)
        | headline_phrases(entry.title, text_form, ignore=house, code=code)
        | named_days(entry.title, text_form)
        | show_label(entry.title, text_form)
        | headline_people(entry.title, text_form)
        | deaths_told(entry.title, entry.text, text_form)
        | headline_label(entry.title, entry.text, text_form)
        | shootings_told(entry.title, entry.text, text_form)
        | written,
        entry.published.timestamp() if entry.published else None, entry.feed_id)


def shared_keys(entries: Iterable[Entry]) -> frozenset[str]:
    """The keys that more than one entry (by id) of a feed has."""
    owners: dict[str, str] = {}
    shared = set()
    for entry in entries:
        for key in story_keys(entry):
            if owners.setdefault(key, entry.entry_id) != entry.entry_id:
                shared.add(key)
    return frozenset(shared)


def event_time(mark: StoryMark, now: float) -> float:
    """When an article's event happened, as far as grouping is concerned: its publication date,
    or when it was first seen if it has none (or one in the future)."""
    return now if mark.published is None else min(mark.published, now)


@dataclass(frozen=True)
class Candidate:
    """An article of a recent story, as the store found it by shared event terms."""

    story_id: int
    fingerprint: Fingerprint
    terms: frozenset[str]
    alert_id: int = 0
    feed: str = ""
    at: float | None = None
    """When its event happened (``event_time``); None when not known."""


@dataclass(frozen=True)
class Verdict:
    """Whether two articles tell one story, and why: what they share and how much."""

    same: bool
    agreement: float
    shared: frozenset[str]
    sketch: float

    def reason(self) -> str:
        terms = ", ".join(sorted(self.shared, key=lambda t: (-specificity(t), t))[:8])
        return (f"shared event terms: {terms or 'none'} (agreement {self.agreement:.2f}, "
                f"word sketch {self.sketch:.2f})")


def judge(mark: StoryMark, candidate: Candidate, *, agreement: float = EVENT_AGREEMENT,
          sketch_join: float = SKETCH_JOIN, sketch_agreement: float = SKETCH_AGREEMENT,
          same_feed: float = SAME_FEED_AGREEMENT,
          close_agreement: float = CLOSE_AGREEMENT,
          same_feed_sketch: float = SAME_FEED_SKETCH, at: float | None = None) -> Verdict:
    """Whether an article (its event terms and word sketch) tells the story of ``candidate``.

    They must share at least ``MIN_EVENT_TERMS`` event terms, years not counted
    (``MIN_EVENT_TERMS_SHORT`` when one is a title-only or very short entry, or when they were
    published more than ``NEAR_HOURS`` apart: ``near``) and agree on them
    (``event_agreement`` at least ``agreement``), or, when neither is short, agree on them
    somewhat (``sketch_agreement``) and have word sketches alike (``similarity`` at least
    ``sketch_join``). Two entries of one
    feed must agree more (``same_feed``, or ``SKETCH_AGREEMENT_SAME_FEED`` with alike
    sketches, or ``SAME_FEED_ALIKE_AGREEMENT`` with sketches ``SAME_FEED_ALIKE`` alike) and, with
    text, have sketches at least ``same_feed_sketch`` alike, and be published within
    ``NEAR_HOURS``: what a feed's entries share is more often its show, host or beat than
    one event told twice. ``at`` is when the article's event happened (``event_time``), when
    known. Two articles
    of different feeds published within ``CLOSE_HOURS`` may instead join on their clues
    (``bot.stories.dedup.event_clues``): a shared name or figure, or ``MIN_WATCHED`` rare watched
    names, and an agreement of ``close_agreement`` counting the watched names
    (``clue_agreement``) when their headlines share a term (``same_headline_term``) and they
    share more than the words of a name. Within one feed, items of different programmes
    (``one_show``) never join, the words of shared names do not count towards the two shared
    terms (``shared_name_words``), and names only the leads credit do not count in the
    agreement (``credited_names``). Two articles of different feeds published within
    ``CLOSE_HOURS`` may also join as a follow-up (``follow_up``): headlines that agree on a rare
    name or give the event's name in the same words or one day's name, or one event's name in
    two languages.
    Before all of these, two articles that tell one person's death or name one shooting by
    its place (``one_incident``) join. A survey (a headline that takes "a look at" a subject,
    ``bot.stories.dedup.explainer``) joins nothing; an explainer whose headline opens with a
    question joins on event terms only when the headlines share one (``asked_apart``); and
    two articles that share a year long before both (``bot.stories.dedup.recalled_years``)
    recall an old event, and do not join on clues or as a follow-up. The rule and its
    measurements are in docs/stories.md.
    """
    sketch = mark.fingerprint
    score, shared = event_agreement(mark.terms, candidate.terms)
    one_feed = bool(mark.feed) and mark.feed == candidate.feed
    long_enough = min(sketch.size, candidate.fingerprint.size) >= SHORT_FEATURES
    recent = near(mark, candidate, at)
    if SURVEY in marked(mark.terms, EXPLAINER_MARK) | marked(candidate.terms, EXPLAINER_MARK):
        return Verdict(False, score, shared, 0.0)
    incident = one_incident(mark, candidate, at)
    if incident:
        return Verdict(True, score, shared | incident, 0.0)
    least = MIN_EVENT_TERMS if long_enough and recent else MIN_EVENT_TERMS_SHORT
    if one_feed and (not one_show(mark.terms, candidate.terms) or not recent
                     or counted(shared - shared_name_words(mark.terms, candidate.terms))
                     < MIN_EVENT_TERMS):
        return Verdict(False, score, shared, 0.0)
    if one_feed:
        credits = credited_names(mark.terms, candidate.terms) & shared
        if credits:
            score *= sum(map(specificity, shared - credits)) / sum(map(specificity, shared))
    same, alike = False, 0.0
    if counted(shared) >= least:
        alike = similarity(sketch, candidate.fingerprint)
        if one_feed:
            agreement = same_feed
            sketch_agreement = max(sketch_agreement, SKETCH_AGREEMENT_SAME_FEED)
        same = score >= agreement or (long_enough and score >= sketch_agreement
                                      and alike >= sketch_join)
        if one_feed and long_enough and alike >= SAME_FEED_ALIKE:
            same = same or score >= SAME_FEED_ALIKE_AGREEMENT
        if one_feed and long_enough and alike < same_feed_sketch:
            same = False
        if same and not asked_apart(mark.terms, candidate.terms):
            same = False
    if same or one_feed or not close(mark, candidate) or recalled_years(
            shared, (mark.published, candidate.at)):
        return Verdict(same, score, shared, alike)
    if same_headline_term(mark.terms, candidate.terms):
        weighted, strong, watched = clue_agreement(mark.terms, candidate.terms)
        if ((strong or rare_watched(watched) >= MIN_WATCHED) and weighted >= close_agreement
                and len(shared) + len(strong) + len(watched) >= MIN_EVENT_TERMS_SHORT
                and (watched or shared - shared_name_words(mark.terms, candidate.terms))):
            return Verdict(True, weighted, shared | strong | watched, alike)
    followed = follow_up(mark.terms, candidate.terms, score)
    if followed is not None:
        return Verdict(True, followed[0], followed[1], alike)
    return Verdict(False, score, shared, alike)


def follow_up(a: frozenset[str], b: frozenset[str], agreement: float = 0.0
              ) -> tuple[float, frozenset[str]] | None:
    """The agreement and shared terms by which two articles of different feeds published within
    ``CLOSE_HOURS`` are one event told in other words, or None. (Within one feed, items of one
    beat share its rare words across events: "Power loom workers on indefinite strike" and
    "Railway union holds meetings on indefinite strike".)

    Either their headlines agree (``headline_agreement`` at least ``HEADLINE_AGREEMENT``, or at
    least ``HEADLINE_LEAD_AGREEMENT`` when the articles' event terms, ``agreement`` from
    ``event_agreement``, agree as much) on at least two rare stems, one of them a name: a word
    of a name both give (``event_clues``), of a person's name (``headline_people``) or a stem
    ``rare_name``. An aftermath or reaction piece names the event's people and places in its
    headline; its lead tells the new part. Headlines that share only the words of names must
    name a person by them, and the event terms must agree as much: "Fort Lauderdale" in two
    headlines may be two events of one place, "George Floyd" a report and a feature. Or their
    headlines share ``MIN_EVENT_TERMS_SHORT`` rare stems, two of them one after the other in
    both (``bot.stories.dedup.headline_phrases``) and not only the words of a person's name:
    the name an outlet gives the event ("Florida airport shooting", "Super Saturday"), which
    other outlets' headlines repeat while their leads each tell their own part. Or both
    headlines name one day (``bot.stories.dedup.named_days``: "Super Saturday"), a day's event
    whose name is of common words. Or, in
    two different languages (``bot.stories.dedup.language``), both headlines give one rare
    two-word name ("Fort Lauderdale" in "Fusillade à Fort Lauderdale" and "Fort
    Lauderdale airport shooting"), or their headlines and leads share ``MIN_EVENT_TERMS_SHORT``
    stems ``rare_name`` (the players a Spanish and a French match report both name): across
    languages, names are all that two reports share."""
    score, shared = headline_agreement(a, b)
    enough = score >= HEADLINE_AGREEMENT or min(score, agreement) >= HEADLINE_LEAD_AGREEMENT
    people = marked(a, PERSON_MARK) & marked(b, PERSON_MARK) & shared
    named = shared_name_words(a, b) & shared | people
    if (enough and len(shared) >= MIN_EVENT_TERMS and (named or any(map(rare_name, shared)))
            and (shared - named or people and agreement >= HEADLINE_LEAD_AGREEMENT)):
        return score, shared
    if counted(shared) >= MIN_EVENT_TERMS_SHORT:
        phrases = frozenset(p for p in marked(a, PHRASE_MARK) & marked(b, PHRASE_MARK)
                            if set(p.split("_")) <= shared and set(p.split("_")) - people)
        if phrases:
            return score, shared | {PHRASE_MARK + p for p in phrases}
    days = marked(a, DAY_MARK) & marked(b, DAY_MARK)
    if days:
        return score, shared | {DAY_MARK + day for day in days}
    if marked(a, LANGUAGE_MARK) == marked(b, LANGUAGE_MARK):
        return None
    both = frozenset(name for name in marked(a, NAME_MARK) & marked(b, NAME_MARK)
                     if set(name.split("_")) <= shared)
    if both:
        return score, shared | {NAME_MARK + name for name in both}
    names = frozenset(filter(rare_name, plain_terms(a) & plain_terms(b)))
    return (score, names) if len(names) >= MIN_EVENT_TERMS_SHORT else None


_TOLD = {LEAD_DEATH_MARK: DEATH_MARK, LEAD_SHOOTING_MARK: SHOOTING_MARK}
"""The mark of a death or shooting told in the headline or the lead's first sentence -> the
mark of one told in the headline."""


def one_incident(mark: StoryMark, candidate: Candidate, at: float | None = None
                 ) -> frozenset[str]:
    """The person whose death, or the place whose shooting, both articles tell, marked, when
    both are dated and published within ``CLOSE_HOURS`` of each other (two items of one feed:
    within ``NEAR_HOURS``, of one programme). A person dies once, and the reactions, tributes
    and inquiries that name the death in their headlines ("George Floyd death: How black
    British people are reacting", "How George Floyd Was Killed in Police Custody") are that
    story, however little else their leads share: one headline tells the death and the other
    article's headline or lead's first sentence tells it too
    (``bot.stories.dedup.deaths_told``), or the other headline is labelled by the person
    (``bot.stories.dedup.headline_label``). So is a shooting named by one place, in the same way
    ("Conan O'Brien on Orlando shooting", "The Orlando mass shooting is a reminder of why
    pride is so important"; ``bot.stories.dedup.shootings_told``)."""
    a, b = mark.terms, candidate.terms
    both = frozenset(_TOLD[t[0]] + t[1:] for t in a & b if t[0] in _TOLD
                     and (_TOLD[t[0]] + t[1:] in a or _TOLD[t[0]] + t[1:] in b))
    if not both or not close(mark, candidate):
        return frozenset()
    if mark.feed and mark.feed == candidate.feed and not (
            near(mark, candidate, at) and one_show(a, b)):
        return frozenset()
    return both


def one_show(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two items of one feed belong to one programme as their headlines name it
    (``bot.stories.dedup.show_label``): both the same, or neither named."""
    return marked(a, SHOW_MARK) == marked(b, SHOW_MARK)


def asked_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two articles may join on their event terms as far as explainers go: unless one
    headline asks a question of a subject (``bot.stories.dedup.explainer``), or the two
    headlines share an event term. "Why average people decide to become terrorists" names the
    day's dead IS leader in its lead, not in its headline. (A survey, "A look at other deadly
    attacks at US airports", joins nothing: see ``judge``.)"""
    return not (marked(a, EXPLAINER_MARK) or marked(b, EXPLAINER_MARK)) or (
        bool(marked(a, HEADLINE_MARK) & marked(b, HEADLINE_MARK)))


def same_headline_term(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether the two headlines share an event term (``bot.stories.dedup.headline_terms``);
    true when either was stored before headline terms were kept, which has none."""
    head_a, head_b = marked(a, HEADLINE_MARK), marked(b, HEADLINE_MARK)
    return not head_a or not head_b or bool(head_a & head_b)


def _name_words(names: frozenset[str]) -> frozenset[str]:
    return frozenset(w for name in names for w in name.split("_"))


def shared_name_words(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """The stems of the names (``bot.stories.dedup.event_clues``) both articles have: two
    segments of one host share his name and little else, and a place name alone is a beat."""
    return _name_words(marked(a, NAME_MARK) & marked(b, NAME_MARK))


def credited_names(a: frozenset[str], b: frozenset[str]) -> frozenset[str]:
    """The stems of the names both articles have that neither headline has: within one feed,
    a byline or the reporters its link posts credit ("Matt Apuzzo and Katie Benner, reporting
    for the NYT"), which says who wrote, not what happened."""
    heads = marked(a, HEADLINE_MARK) | marked(b, HEADLINE_MARK)
    return _name_words(frozenset(name for name in marked(a, NAME_MARK) & marked(b, NAME_MARK)
                                 if not set(name.split("_")) & heads))


def near(mark: StoryMark, candidate: Candidate, at: float | None = None) -> bool:
    """Whether the two events happened within ``NEAR_HOURS`` of each other, as far as is
    known: ``at`` is when the article's event happened (``event_time``; its publication date
    when not given), the candidate's is ``Candidate.at``."""
    at = mark.published if at is None else at
    return (at is None or candidate.at is None
            or abs(at - candidate.at) <= NEAR_HOURS * 3600)


def close(mark: StoryMark, candidate: Candidate) -> bool:
    """Whether both are dated and were published within ``CLOSE_HOURS`` of each other."""
    return (mark.published is not None and candidate.at is not None
            and abs(mark.published - candidate.at) <= CLOSE_HOURS * 3600)


@dataclass(frozen=True)
class StoryMatch:
    story_id: int
    kind: MatchKind
    similarity: float
    reason: str = ""
    """Why the article joined the story (for the log and for auditing)."""
    closest: int = 0
    """The alert (``Candidate.alert_id``) of the story's article it agrees with most."""


def best_match(mark: StoryMark, candidates: Iterable[Candidate], at: float | None = None
               ) -> StoryMatch | None:
    """The recent story the article agrees with most (see ``judge``), if any. Ties go to the
    older story, so the outcome does not depend on the order of the candidates."""
    best: tuple[float, int] | None = None
    found: StoryMatch | None = None
    for candidate in candidates:
        verdict = judge(mark, candidate, at=at)
        if not verdict.same:
            continue
        rank = (verdict.agreement + verdict.sketch, -candidate.story_id)
        if best is None or rank > best:
            best = rank
            found = StoryMatch(candidate.story_id, "near", verdict.agreement, verdict.reason(),
                               candidate.alert_id)
    return found


def find_story(mark: StoryMark, now: float, window: float,
               exact: Callable[[Sequence[str], float], int | None],
               candidates: Callable[[frozenset[str], float, float, float], Iterable[Candidate]],
               ) -> StoryMatch | None:
    """The story of the same article (same URL or GUID, seen within the window: ``exact``
    looks its keys up among those seen since a time), else of the same event among the recent
    articles whose events happened within the window of its own, however alike their text
    (``candidates`` reads them, by event terms, event time, seen since, and window, only when
    needed)."""
    since = now - window
    if mark.keys:
        story_id = exact(mark.keys, since)
        if story_id is not None:
            return StoryMatch(story_id, "exact", 1.0, "the same address or GUID")
    if not mark.terms:
        return None
    at = event_time(mark, now)
    return best_match(mark, candidates(mark.terms, at, since, window), at)


@dataclass(frozen=True)
class Grouping:
    """One article's grouping decision: the story it joins (the index of that story's first
    article) or None for a new story, and why."""

    story: int | None
    reason: str


def group_marks(marks: Sequence[StoryMark], window: float) -> list[Grouping]:
    """How the store would group these articles, taken in order and all seen together: each
    joins the story it agrees with most (``best_match``) among the earlier ones, else starts
    one. The reason of a new story names the closest miss, if any."""
    story_of: list[int] = []
    out = []
    for i, mark in enumerate(marks):
        at = event_time(mark, 0.0)
        candidates = [Candidate(story_of[j], other.fingerprint, other.terms, j, other.feed,
                                other.published)
                      for j, other in enumerate(marks[:i])
                      if abs(event_time(other, 0.0) - at) <= window]
        exact = next((story_of[j] for j, other in enumerate(marks[:i])
                      if set(other.keys) & set(mark.keys)), None)
        if exact is not None:
            story_of.append(exact)
            out.append(Grouping(exact, "the same address or GUID"))
            continue
        match = best_match(mark, candidates)
        if match is not None:
            story_of.append(match.story_id)
            out.append(Grouping(match.story_id,
                                f"closest to article {match.closest + 1}: {match.reason}"))
            continue
        story_of.append(i)
        verdicts = [(judge(mark, c), c) for c in candidates]
        near = max(verdicts, key=lambda v: v[0].agreement, default=None)
        out.append(Grouping(None, f"closest: article {near[1].alert_id + 1}, "
                            f"{near[0].reason()}" if near is not None and near[0].shared
                            else "no earlier article shares its event terms"))
    return out


@dataclass(frozen=True)
class Post:
    channel: str
    kind: Literal["alert", "followup"]
    parent_id: int | None = None
    """For a follow-up: the delivery that brought the story to this channel."""


def plan_posts(channels: Sequence[str], match: StoryMatch | None,
               parents: Mapping[str, int]) -> list[Post]:
    """What each channel gets for a new article.

    The same article again (same URL or GUID) is posted nowhere it already went. A new article
    of a known story is a follow-up where the story already went. Everywhere else it alerts.
    """
    posts = []
    for channel in channels:
        parent = parents.get(channel) if match is not None else None
        if parent is None:
            posts.append(Post(channel, "alert"))
        elif match is not None and match.kind == "near":
            posts.append(Post(channel, "followup", parent))
    return posts


def held_for_digest(rule: ChannelRule) -> bool:
    """Whether a channel's alerts wait in a held digest until its time, rather than go out
    one by one."""
    return rule.mode != "instant"


def folds_bursts(rule: ChannelRule) -> bool:
    """Whether a channel that gets its alerts one by one has them folded into a digest when
    too many come at once."""
    return rule.mode == "instant" and rule.burst_size is not None


def burst_digest_due(last_digest: float | None, now: float, rule: ChannelRule) -> float:
    """When a new burst digest goes out: now, or one burst window after the channel's previous
    digest, so that a long burst gives one digest per window."""
    return now if last_digest is None else last_digest + rule.burst_window


def bursting(recent_alerts: int, rule: ChannelRule) -> bool:
    """Whether a channel that got ``recent_alerts`` alerts within its burst window (counting
    the new ones) should get them as one digest."""
    return rule.burst_size is not None and recent_alerts > rule.burst_size


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


def _new_figures(figures: Sequence[Figure], known: Iterable[Figure]) -> tuple[Figure, ...]:
    seen = {(f.value, f.unit, f.currency) for f in known}
    return tuple(f for f in figures if (f.value, f.unit, f.currency) not in seen)


def _new_quotes(quotes: Sequence[Quote], known: Iterable[Quote]) -> tuple[Quote, ...]:
    seen = [_norm(q.text) for q in known]
    out = []
    for quote in quotes:
        text = _norm(quote.text)
        if text and not any(text in s or s in text for s in seen if s):
            out.append(quote)
    return tuple(out)


def followup_alert(alert: Alert, earlier: Sequence[Alert]) -> Alert:
    """The alert as a follow-up shows it: only the figures and quotes the story's earlier
    articles did not have, and no summary (the thread above has it)."""
    extraction = Extraction(
        summary=(),
        figures=_new_figures(alert.extraction.figures,
                             (f for a in earlier for f in a.extraction.figures)),
        quotes=_new_quotes(alert.extraction.quotes,
                           (q for a in earlier for q in a.extraction.quotes)),
    )
    return replace(alert, extraction=extraction)
