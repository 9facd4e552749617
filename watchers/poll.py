"""One feed refresh, top to bottom: fetch conditionally, parse, keep the new entries, match,
queue the alerts and record the outcome on the feed."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from bot.config import FeedConfig
from bot.dedup import house_features
from bot.errors import FetchError
from bot.logs import event
from bot.matching import Matcher
from bot.pipeline import Subscribers, article_for, evaluate
from bot.store import Store, StoryPolicy
from bot.stories import story_mark
from watchers.fetch import Fetcher
from watchers.fulltext import with_full_text
from watchers.parse import MAX_ENTRIES, parse_feed

__all__ = ["PollOutcome", "Poller", "backoff_delay", "next_poll_delay"]

log = logging.getLogger(__name__)

MAX_BACKOFF = 6 * 3600.0


@dataclass(frozen=True)
class PollOutcome:
    feed_id: str
    ok: bool
    new_entries: int = 0
    alerts: int = 0
    not_modified: bool = False
    error: str | None = None


def next_poll_delay(interval: float, rng: random.Random) -> float:
    """The interval with up to 10% jitter, so feeds polled together drift apart."""
    return interval * (1.0 + rng.uniform(-0.05, 0.1))


def backoff_delay(interval: float, errors: int, retry_after: float | None = None) -> float:
    """Exponential backoff after ``errors`` consecutive failures, capped at six hours (or the
    interval when that is longer); a server's Retry-After is respected when it asks for more."""
    delay = min(interval * 2.0 ** max(0, errors - 1), max(MAX_BACKOFF, interval))
    return max(delay, retry_after or 0.0)


class Poller:
    def __init__(self, store: Store, fetcher: Fetcher,
                 context: Callable[[], tuple[Matcher, Subscribers]],
                 clock: Callable[[], float], rng: random.Random | None = None,
                 on_alerts: Callable[[int], None] | None = None,
                 max_entries: int = MAX_ENTRIES,
                 policy: Callable[[], StoryPolicy] = StoryPolicy) -> None:
        self.store = store
        self.fetcher = fetcher
        self.context = context
        self.clock = clock
        self.rng = rng or random.Random()
        self.on_alerts = on_alerts
        self.max_entries = max_entries
        self.policy = policy

    async def poll(self, feed: FeedConfig) -> PollOutcome:
        """Refresh one feed. Any failure, even a bug, is recorded on the feed with backoff, so
        a feed that cannot be processed is retried later instead of at every tick."""
        started = self.clock()
        try:
            return await self._poll(feed, started)
        except Exception as exc:
            log.exception("unexpected error polling feed %s", feed.id)
            return self._failed(feed, started, f"internal error: {type(exc).__name__}: {exc}",
                                None)

    async def _poll(self, feed: FeedConfig, started: float) -> PollOutcome:
        state = self.store.feed_state(feed.id)
        try:
            if feed.path is not None:
                body = await asyncio.to_thread(_read_local, feed)
                base_url, content_type, etag, modified = feed.path.as_uri(), None, None, None
            else:
                assert feed.url is not None
                result = await self.fetcher.fetch(feed.url, state.etag, state.last_modified)
                if result.not_modified:
                    self.store.record_poll(feed.id, started,
                                           started + next_poll_delay(feed.interval, self.rng),
                                           etag=result.etag, last_modified=result.last_modified)
                    event(log, "feed.not_modified", logging.DEBUG, feed=feed.id)
                    return PollOutcome(feed.id, ok=True, not_modified=True)
                assert result.body is not None
                body, base_url = result.body, result.url
                content_type, etag, modified = (result.content_type, result.etag,
                                                result.last_modified)
            parsed = parse_feed(body, base_url, feed.id, content_type, self.max_entries)
        except FetchError as exc:
            return self._failed(feed, started, str(exc), exc.retry_after)
        if parsed.problem:
            if not parsed.entries:
                return self._failed(feed, started, parsed.problem, None)
            if state.last_error != parsed.problem:
                event(log, "feed.malformed", logging.WARNING, feed=feed.id, problem=parsed.problem)
        matcher, subscribers = self.context()
        new = self.store.unseen(feed.id, parsed.entries)
        if feed.full_text and new:
            new = await with_full_text(self.fetcher, new)
        # Oldest first, so a channel reads a burst of news in the order it happened.
        new.reverse()
        alerts = evaluate(feed, new, matcher, subscribers, feed.title or parsed.title)
        by_id = {e.entry_id: e for e in new}
        # What this feed's entries share is its house style, not a story; a hundred entries
        # show it as well as five hundred.
        house = house_features([(f"{e.title}\n{e.text}", article_for(feed, e).text_form)
                                for e in parsed.entries[:100]]) if alerts else frozenset()
        marks = {a.entry_id: story_mark(by_id[a.entry_id], a.text_form, house)
                 for a, _ in alerts}
        self.store.commit_entries(feed.id, new, alerts, self.clock(), marks=marks,
                                  policy=self.policy())
        self.store.record_poll(feed.id, started, started + next_poll_delay(feed.interval, self.rng),
                               etag=etag, last_modified=modified)
        if parsed.problem and state.last_error != parsed.problem:
            # Remember the problem without counting it as a failure, so it is logged once.
            self.store.note_problem(feed.id, parsed.problem, started)
        event(log, "feed.polled", feed=feed.id, entries=len(parsed.entries), new=len(new),
              alerts=len(alerts))
        if alerts and self.on_alerts:
            self.on_alerts(len(alerts))
        return PollOutcome(feed.id, ok=True, new_entries=len(new), alerts=len(alerts))

    def _failed(self, feed: FeedConfig, started: float, error: str,
                retry_after: float | None) -> PollOutcome:
        errors = self.store.feed_state(feed.id).consecutive_errors + 1
        delay = backoff_delay(feed.interval, errors, retry_after)
        self.store.record_poll(feed.id, started, started + delay, error=error)
        event(log, "feed.failed", logging.WARNING, feed=feed.id, url=feed.location, error=error,
              failures=errors, retry_in=round(delay))
        return PollOutcome(feed.id, ok=False, error=error)


def _read_local(feed: FeedConfig) -> bytes:
    assert feed.path is not None
    try:
        return feed.path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read {feed.path}: {exc.strerror or exc}") from None
