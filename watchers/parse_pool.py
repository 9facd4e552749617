"""Feed parsing, and the matching of many new entries, in worker processes.

Parsing is the costliest step of a poll (feedparser is pure Python), and matching and extracting
the entries of a feed polled for the first time comes next. Both hold the GIL, so in the event
loop's process they would cap throughput at one core and stall every fetch while they run.
Worker processes take them off the loop and use the other cores.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from bot.config import FeedConfig
from bot.errors import FetchError
from bot.matching.matcher import Matcher
from bot.models import Entry
from bot.pipeline import HOUSE_SECOND_LOOK, PollAlerts, Subscribers, evaluate_poll
from watchers.lifeline import die_with_parent, expect_parent
from watchers.parse import MAX_ENTRIES, ParsedFeed, parse_feed, parse_feed_changes

__all__ = ["INLINE_ENTRIES", "ParsePool", "default_parse_workers"]

log = logging.getLogger(__name__)

T = TypeVar("T")

INLINE_ENTRIES = 3
"""Up to this many new entries are matched in the calling process: quicker than a round trip."""

_matcher: Matcher | None = None
"""In a worker process: the matcher its pool was started with."""


def default_parse_workers() -> int:
    """One worker per core: a first poll of many feeds keeps them all busy, and the operating
    system shares the cores between them and the event loop's process."""
    return os.cpu_count() or 2


def _install(matcher: Matcher | None) -> None:
    global _matcher
    die_with_parent()
    # Ctrl-C in a terminal reaches every process of the group: the bot stops its workers
    # itself, so a worker takes no KeyboardInterrupt (and prints no traceback) of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _matcher = matcher


def _evaluate(feed: FeedConfig, entries: Sequence[Entry], subscribers: Subscribers,
              source: str | None, neighbours: Sequence[Entry] | None,
              house: frozenset[str] | None) -> PollAlerts:
    assert _matcher is not None
    return evaluate_poll(feed, entries, _matcher, subscribers, source, neighbours, house=house)


def _parse_and_evaluate(data: bytes, base_url: str, feed: FeedConfig, content_type: str | None,
                        known: bytes, max_entries: int, subscribers: Subscribers,
                        first_poll: bool, house: frozenset[str] | None
                        ) -> tuple[ParsedFeed, PollAlerts | None]:
    assert _matcher is not None
    parsed = parse_feed_changes(data, base_url, feed.id, content_type, known, max_entries)
    return parsed, _evaluate_parsed(parsed, feed, _matcher, subscribers, first_poll, house,
                                   lambda: parse_feed(data, base_url, feed.id, content_type,
                                                      min(max_entries, HOUSE_SECOND_LOOK)).entries)


def _evaluate_parsed(parsed: ParsedFeed, feed: FeedConfig, matcher: Matcher,
                    subscribers: Subscribers, first_poll: bool, house: frozenset[str] | None,
                    all_entries: Callable[[], Sequence[Entry]]) -> PollAlerts | None:
    """The alerts of a parse's entries when they are all likely new (a first poll, or only the
    items that changed since the last one), taken as the poller takes new entries: the first
    of each id, oldest first. None otherwise: then the store says which entries are new.

    ``house`` is the feed's house style kept from an earlier poll, used when only the changed
    items were parsed; when none was kept, ``all_entries()`` shows it."""
    if not (first_poll or parsed.partial):
        return None
    unique = list({e.entry_id: e for e in reversed(parsed.entries)}.values())
    return evaluate_poll(feed, unique, matcher, subscribers, feed.title or parsed.title,
                         house=house if parsed.partial else None,
                         all_entries=all_entries if parsed.partial else None)


class ParsePool:
    """Parses feed bodies, and evaluates new entries, in ``workers`` processes; in the calling
    thread when ``workers`` is 0. Use ``async with ParsePool(n)``; the processes start on first
    use. Each worker keeps a copy of the matcher: a new matcher (after a config reload) starts
    new workers, and the old ones finish what they were given."""

    def __init__(self, workers: int, matcher: Matcher | None = None) -> None:
        if workers < 0:
            raise ValueError(f"parse workers must be 0 or more, got {workers}")
        self.workers = workers
        self._matcher = matcher
        self._executor: Executor | None = None
        self._unpicklable: Matcher | None = None

    async def __aenter__(self) -> ParsePool:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    @property
    def pids(self) -> list[int]:
        """The worker processes' ids (for measuring them)."""
        processes = getattr(self._executor, "_processes", None) or {}
        return list(processes)

    async def parse(self, data: bytes, base_url: str, feed_id: str,
                    content_type: str | None = None, known: bytes = b"",
                    max_entries: int = MAX_ENTRIES) -> ParsedFeed:
        """``parse_feed_changes`` in a worker: only the items not among ``known``."""
        if self.workers == 0:
            return parse_feed_changes(data, base_url, feed_id, content_type, known, max_entries)
        return await self._run("parsing this feed", parse_feed_changes, data, base_url,
                               feed_id, content_type, known, max_entries)

    async def parse_and_evaluate(self, data: bytes, base_url: str, feed: FeedConfig,
                                 content_type: str | None, known: bytes, max_entries: int,
                                 matcher: Matcher, subscribers: Subscribers, first_poll: bool,
                                 house: frozenset[str] | None = None
                                 ) -> tuple[ParsedFeed, PollAlerts | None]:
        """``parse`` and, in the same worker call, ``_evaluate_parsed``: a poll of a feed
        that publishes one entry is one round trip, and its matching is off the event loop."""
        if self.workers == 0 or not self._use(matcher):
            parsed = await self.parse(data, base_url, feed.id, content_type, known, max_entries)
            return parsed, None
        return await self._run("parsing this feed", _parse_and_evaluate, data, base_url, feed,
                               content_type, known, max_entries, subscribers, first_poll, house)

    async def evaluate(self, feed: FeedConfig, entries: Sequence[Entry], matcher: Matcher,
                       subscribers: Subscribers, source: str | None = None,
                       neighbours: Sequence[Entry] | None = None,
                       house: frozenset[str] | None = None,
                       all_entries: Callable[[], Sequence[Entry]] | None = None) -> PollAlerts:
        """``bot.pipeline.evaluate_poll`` in a worker when there are more than a few entries.

        ``all_entries`` (called in this process, if at all) is only needed when the entries
        are too few to show the feed's house style, so those stay here too."""
        if self.workers == 0 or len(entries) <= INLINE_ENTRIES or not self._use(matcher):
            return evaluate_poll(feed, entries, matcher, subscribers, source, neighbours,
                                 house=house, all_entries=all_entries)
        return await self._run("matching its entries", _evaluate, feed, list(entries),
                               subscribers, source,
                               None if neighbours is None else list(neighbours), house)

    def _use(self, matcher: Matcher) -> bool:
        """Make ``matcher`` the workers' matcher (new workers after a reload); False when it
        cannot be copied to them, and matching stays in the main process."""
        if matcher is self._unpicklable:
            return False
        if matcher is not self._matcher:
            try:
                pickle.dumps(matcher)
            except Exception as exc:  # whatever the matcher holds that cannot be copied
                log.warning("matching stays in the main process: the matcher cannot be "
                            "copied to worker processes (%s)", exc)
                self._unpicklable = matcher
                return False
            self._retire()
            self._matcher = matcher
        return True

    def _retire(self) -> None:
        """Let the current workers finish their tasks and exit; new ones start on next use."""
        if self._executor is not None:
            self._executor.shutdown(wait=False)
            self._executor = None

    async def _run(self, doing: str, function: Callable[..., T], *args: object) -> T:
        if self._executor is None:
            # forkserver: workers are not forked from a process that runs threads. The
            # forkserver and its workers end with the bot, even when it is killed.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["watchers.forkserver_preload"])
            expect_parent()
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_install,
                initargs=(self._matcher,))
        executor = self._executor
        try:
            return await asyncio.get_running_loop().run_in_executor(executor, function, *args)
        except BrokenProcessPool:
            # A worker died (killed for memory, say): the next feeds get new workers, and this
            # one counts as failed, to be retried with backoff.
            if self._executor is executor:
                self._executor = None
                executor.shutdown(wait=False, cancel_futures=True)
            raise FetchError(f"a worker process died while {doing}") from None
