"""The rules the store applies, which are no storage: story lookup (exact keys, then event
terms), digest holding, bursts and retention. Pure functions, tested without a database."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time

from bot.config import ChannelRule
from bot.delivery.digests import overdue_channels
from bot.retention import dropped_note, outbox_horizon, story_horizon
from bot.stories.dedup import event_terms, fingerprint
from bot.stories.grouping import (
    Candidate,
    StoryMark,
    StoryMatch,
    burst_digest_due,
    find_story,
    folds_bursts,
    held_for_digest,
)

TEXT = ("The International Criminal Court opened the trial of the former minister on Monday, "
        "hearing prosecutors describe the charges against him in detail before the judges.")


def _never(*_: object) -> list[Candidate]:
    raise AssertionError("candidates read although an exact key matched")


def _mark(text: str, keys: tuple[str, ...] = (), published: float | None = None) -> StoryMark:
    return StoryMark(keys, fingerprint(text, "raw"), event_terms("", text, "raw"), published)


def test_an_exact_key_wins_without_reading_candidates() -> None:
    mark = _mark(TEXT, ("url:https://example.org/a",))
    asked: list[tuple[tuple[str, ...], float]] = []

    def exact(keys: Sequence[str], since: float) -> int | None:
        asked.append((tuple(keys), since))
        return 7

    found = find_story(mark, 1000.0, 100.0, exact, _never)
    assert found == StoryMatch(7, "exact", 1.0, "the same address or GUID")
    assert asked == [(("url:https://example.org/a",), 900.0)]


def test_no_exact_key_falls_back_to_the_candidate_of_the_same_event() -> None:
    mark = _mark(TEXT, ("url:https://example.org/b",), published=950.0)
    other = _mark("A storm closed the harbour and the ferries stayed in port all week "
                  "while the coast guard warned fishermen to keep their boats moored.")
    asked = []

    def candidates(terms: frozenset[str], at: float, since: float, window: float
                   ) -> list[Candidate]:
        asked.append((terms, at, since, window))
        return [Candidate(1, other.fingerprint, other.terms, 11),
                Candidate(2, mark.fingerprint, mark.terms, 12)]

    found = find_story(mark, 1000.0, 100.0, lambda keys, since: None, candidates)
    assert found is not None and (found.story_id, found.kind, found.closest) == (2, "near", 12)
    # Looked up by its event terms, around when it was published, among articles seen since.
    assert asked == [(mark.terms, 950.0, 900.0, 100.0)]


def test_an_article_without_keys_or_event_terms_belongs_to_no_story() -> None:
    mark = StoryMark((), fingerprint(TEXT, "raw"))
    assert find_story(mark, 1000.0, 100.0, lambda keys, since: 1, _never) is None


def test_digest_mode_holds_and_instant_mode_folds_bursts_only_with_a_size() -> None:
    assert held_for_digest(ChannelRule(mode="digest"))
    assert not held_for_digest(ChannelRule())
    assert folds_bursts(ChannelRule(burst_size=3))
    assert not folds_bursts(ChannelRule())
    assert not folds_bursts(ChannelRule(mode="digest", burst_size=3))


def test_a_long_burst_gets_one_digest_per_window() -> None:
    rule = ChannelRule(burst_size=3, burst_window=600.0)
    assert burst_digest_due(None, 1000.0, rule) == 1000.0
    assert burst_digest_due(900.0, 1000.0, rule) == 1500.0


def test_overdue_digests_are_those_past_their_time_and_those_out_of_digest_mode() -> None:
    slot = (time(8, 0), "UTC")
    since = datetime(2026, 3, 2, 7, 0, tzinfo=UTC).timestamp()
    before_eight = datetime(2026, 3, 2, 7, 59, tzinfo=UTC).timestamp()
    after_eight = datetime(2026, 3, 2, 8, 1, tzinfo=UTC).timestamp()
    held = {"slack:C1": since, "slack:C2": since}
    groups = {slot: ["slack:C1"]}
    assert overdue_channels(held, groups, before_eight) == ["slack:C2"]
    assert overdue_channels(held, groups, after_eight) == ["slack:C1", "slack:C2"]


def test_retention_horizons_and_the_note_of_a_dropped_post() -> None:
    assert story_horizon(100_000.0, 36_000.0) == 64_000.0
    assert outbox_horizon(100_000.0, 86_400.0) == 13_600.0
    assert dropped_note("dropped: undelivered after 1.0d", None) == \
        "dropped: undelivered after 1.0d (last error: none)"
    assert len(dropped_note("dropped", "x" * 1000)) == 500
