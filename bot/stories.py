"""One story, one alert: the pure decisions behind story grouping, follow-ups and bursts.

The store looks up what it knows (the story an article belongs to, which channels already have
it, how many alerts a channel got lately) and these functions decide what to post; the store
then writes the outcome in the same transaction that marks the entries seen.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from bot.config import ChannelRule
from bot.dedup import MIN_SHARED, THRESHOLD, Fingerprint, canonical_url, fingerprint, similarity
from bot.models import Alert, Entry, Extraction, Figure, Quote, TextForm

__all__ = [
    "Candidate",
    "Post",
    "StoryMark",
    "StoryMatch",
    "best_match",
    "burst_digest_due",
    "bursting",
    "find_story",
    "folds_bursts",
    "followup_alert",
    "held_for_digest",
    "plan_posts",
    "story_mark",
    "worth_comparing",
]

MatchKind = Literal["exact", "near"]


@dataclass(frozen=True)
class StoryMark:
    """What identifies an article across feeds: its exact keys and its text fingerprint."""

    keys: tuple[str, ...]
    fingerprint: Fingerprint


def story_mark(entry: Entry, text_form: TextForm,
               house: frozenset[str] = frozenset()) -> StoryMark:
    """The keys and fingerprint of a feed entry; ``house`` are its feed's common features
    (``house_features``), left out of the fingerprint."""
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
    return StoryMark(tuple(keys), fingerprint(f"{entry.title}\n{entry.text}", text_form,
                                              ignore=house))


@dataclass(frozen=True)
class Candidate:
    """An article of a recent story, as the store found it by shared sketch values."""

    story_id: int
    fingerprint: Fingerprint


@dataclass(frozen=True)
class StoryMatch:
    story_id: int
    kind: MatchKind
    similarity: float


def best_match(mark: Fingerprint, candidates: Iterable[Candidate],
               threshold: float = THRESHOLD) -> StoryMatch | None:
    """The most similar recent story at or above ``threshold``, if any."""
    best: StoryMatch | None = None
    for candidate in candidates:
        score = similarity(mark, candidate.fingerprint)
        if score >= threshold and (best is None or score > best.similarity):
            best = StoryMatch(candidate.story_id, "near", score)
    return best


def find_story(mark: StoryMark, exact: Callable[[Sequence[str]], int | None],
               candidates: Callable[[], Iterable[Candidate]],
               threshold: float = THRESHOLD) -> StoryMatch | None:
    """The story a new article belongs to: the one that has an article with one of its exact
    keys (``exact`` looks them up), else the most similar recent one (``candidates`` reads
    them, only when needed)."""
    if mark.keys:
        story_id = exact(mark.keys)
        if story_id is not None:
            return StoryMatch(story_id, "exact", 1.0)
    if not mark.fingerprint.hashes:
        return None
    return best_match(mark.fingerprint, candidates(), threshold)


def worth_comparing(shared: int, mark: Fingerprint, size: int, k: int,
                    threshold: float) -> bool:
    """Whether an article of ``size`` features whose sketch shares ``shared`` values with
    ``mark`` may reach ``threshold``, so that its sketch is worth reading and comparing.

    For small J, similarity² ≈ J²·(|A| + |B|) / min(|A|, |B|), so reaching t needs
    J ≥ t·√(min / (|A| + |B|)); the two sketches then share about J times the smaller
    sketch's length. Asking for half of that skips most unrelated articles and almost no match.
    When both sketches hold all their articles' features, the shared values are the shared
    features, and fewer than ``MIN_SHARED`` cannot make one story.
    """
    if size <= 0 or mark.size <= 0:
        return False
    least = threshold * math.sqrt(min(size, mark.size) / (size + mark.size))
    floor = MIN_SHARED if max(size, mark.size) <= k else 2
    return shared >= max(floor, 0.5 * least * min(k, size, mark.size))


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
