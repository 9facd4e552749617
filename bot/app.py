"""The running bot: the current config and matcher, the store, the adapters, and the loops."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from adapters.base import Adapter
from adapters.webhook import WebhookAdapter
from bot.commands import CommandHandler, today_start
from bot.config import Config, FeedConfig, load_config
from bot.defang import printable
from bot.delivery.deliverer import Deliverer
from bot.delivery.digests import DigestSchedule
from bot.errors import ConfigError, FetchError, PlatformUnreachable
from bot.feedhealth import PausePolicy
from bot.fieldlimits import MAX_TEXT, MAX_TITLE, cut, cut_raw
from bot.logs import event, register_secrets
from bot.matching.matcher import Matcher, compile_topics
from bot.matching.textform import detect_text_form
from bot.models import Article
from bot.pipeline import Subscribers
from bot.precision import PRECISION_DAYS, precision_line, read_precision
from bot.render import count
from bot.render import span as _duration
from bot.storage import Store, StoryPolicy, database_password, open_store
from watchers.batch import BatchWriter
from watchers.discover import discover_feeds
from watchers.fetch import Fetcher
from watchers.fulltext import extract_main_text
from watchers.htmltext import html_to_text
from watchers.netguard import NetPolicy
from watchers.parse import parse_feed
from watchers.parse_pool import ParsePool, default_parse_workers
from watchers.poll import Poller, PollOutcome
from watchers.schedule import PollScheduler

if TYPE_CHECKING:
    from bot.web.server import WebServer

__all__ = ["App", "build_adapters"]

log = logging.getLogger(__name__)

COMMANDS_RECHECK = 15.0
"""Seconds between two checks of who takes each platform's commands (many workers)."""
ONCE_DELIVERY = 120.0
"""Seconds ``run --once`` goes on posting after its polls while posts go out."""
ONCE_WAIT = 20.0
"""Of those, how long it waits for posts not due yet (a short Retry-After, a backoff, a
platform still connecting); what is left then stays in the outbox, and is reported."""
RECONNECT_FIRST = 5.0
RECONNECT_MAX = 300.0
"""Pauses between attempts to connect to a platform that cannot be reached: doubling from
the first to the last."""


def build_adapters(config: Config) -> dict[str, Adapter]:
    """One adapter per enabled platform; Slack's and Discord's libraries load only when used."""
    adapters: dict[str, Adapter] = {}
    if config.console.enabled:
        from adapters.console import ConsoleAdapter
        adapters["console"] = ConsoleAdapter(file=config.console.file)
    if config.slack.enabled:
        from adapters.slack_adapter import SlackAdapter
        adapters["slack"] = SlackAdapter(config.slack)
    if config.discord.enabled:
        from adapters.discord_adapter import DiscordAdapter
        adapters["discord"] = DiscordAdapter(config.discord)
    if config.webhooks:
        adapters["webhook"] = WebhookAdapter(
            config.webhooks, user_agent=config.bot.user_agent,
            policy=NetPolicy.allowing(config.bot.allow_hosts))
    return adapters


class App:
    def __init__(self, config: Config, store: Store, adapters: Mapping[str, Adapter] | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.matcher: Matcher = compile_topics(config.topics)
        self.adapters = dict(build_adapters(config) if adapters is None else adapters)
        self.deliverer = Deliverer(store, self.adapters, clock,
                                   retention=config.bot.outbox_retention,
                                   styles=lambda: self.config.alert_styles())
        self.commands = CommandHandler(self)
        self.digests = DigestSchedule(store, lambda: self.config.channel_rules(), clock,
                                      self.deliverer.wake)
        self._fetcher: Fetcher | None = None
        self.web: WebServer | None = None
        """The status page and metrics server, while the bot runs with ``[web] listen``."""
        self.poll_observers: list[Callable[[PollOutcome, float], None]] = []
        """Told each poll's outcome and how many seconds it took (the metrics)."""
        register_secrets([config.slack.bot_token, config.slack.app_token,
                          config.slack.signing_secret, config.discord.token,
                          database_password(config.bot.database),
                          config.web.token, config.web.admin_token, *config.env_values])

    @classmethod
    def from_config_file(cls, path: str | Path) -> App:
        """The app that runs: it takes the database's single-writer lock."""
        config = load_config(path)
        return cls(config, open_store(config.bot.database, writer=True, lease=config.bot.lease))

    # -- state the commands and the pipeline read -------------------------------------------

    def subscribers(self) -> Subscribers:
        pairs = [(s.channel, t) for s in self.config.subscriptions for t in s.topics]
        pairs += self.store.subscriptions()
        minimums = {(s.channel, t): s.min_prominence for s in self.config.subscriptions
                    for t in s.topics}
        return Subscribers(pairs, self.adapters, minimums)

    def context(self) -> tuple[Matcher, Subscribers]:
        return self.matcher, self.subscribers()

    def story_policy(self) -> StoryPolicy:
        return StoryPolicy(window=self.config.bot.story_window,
                           rules=self.config.channel_rules())

    def pause_policy(self) -> PausePolicy:
        return PausePolicy(after=self.config.bot.pause_after,
                           admin_channel=self.config.bot.admin_channel)

    def config_channels(self, topic: str) -> list[str]:
        return [s.channel for s in self.config.subscriptions if topic in s.topics]

    def channel_topics(self, channel: str) -> list[str]:
        topics = [t for s in self.config.subscriptions if s.channel == channel for t in s.topics]
        topics += [t for c, t in self.store.subscriptions() if c == channel]
        return sorted(set(topics))

    def reload(self) -> tuple[bool, str]:
        """Re-read the config file; on any error keep the running config and say why."""
        try:
            config = load_config(self.config.path)
            matcher = compile_topics(config.topics)
        except ConfigError as exc:
            event(log, "config.reload_failed", logging.WARNING, error=str(exc))
            return False, str(exc)
        register_secrets(config.env_values)
        self.config, self.matcher = config, matcher
        self.deliverer.retention = config.bot.outbox_retention
        if self._fetcher is not None:
            self._fetcher.policy = NetPolicy.allowing(config.bot.allow_hosts)
        webhooks = self.adapters.get("webhook")
        if isinstance(webhooks, WebhookAdapter):
            webhooks.reconfigure(config.webhooks, NetPolicy.allowing(config.bot.allow_hosts))
        self.digests.reschedule()
        event(log, "config.reloaded", feeds=len(config.feeds), topics=len(config.topics))
        entities = sum(len(t.entities) for t in config.topics)
        return True, (f"Reloaded: {count(len(config.feeds), 'feed')}, "
                      f"{count(len(config.topics), 'topic')}, {count(entities, 'entity')}.")

    def article_from_text(self, title: str, text: str, url: str | None = None) -> Article:
        """An article from a preview's text or page, its fields cut to the feeds' limits."""
        title = cut(title.strip(), MAX_TITLE)[0]
        text = cut(text.strip(), MAX_TEXT)[0]
        return Article(title=title, text=text, url=url,
                       text_form=detect_text_form(f"{title}\n{text}"))

    async def fetch_article(self, url: str) -> Article:
        """Fetch a web page for a preview and read it as an article (in a worker thread: a
        big page takes seconds to read, and commands must be acknowledged meanwhile)."""
        if self._fetcher is None:
            raise FetchError("fetching is not available while the bot is not running")
        result = await self._fetcher.fetch(url, accept="text/html, */*;q=0.5")
        return await asyncio.to_thread(self._read_page, result.body or b"", result.url)

    def _read_page(self, body: bytes, url: str) -> Article:
        page = body.decode("utf-8", errors="replace")
        title = ""
        lower = page.lower()
        start, end = lower.find("<title"), lower.find("</title>")
        if start != -1 and end > start:
            title = html_to_text(cut_raw(page[page.find(">", start) + 1:end], MAX_TITLE)[0])
        # The page's main text, as for full_text feeds; the whole page only when none is found.
        text = extract_main_text(body, url, title)
        return self.article_from_text(title, text or html_to_text(page), url)

    async def fetch_site_articles(self, url: str, most: int = 20
                                  ) -> tuple[str, list[Article]] | None:
        """For a site address: the first feed it advertises (or keeps at a usual path), and
        the articles of its ``most`` newest entries; None when it has no feed."""
        if self._fetcher is None:
            raise FetchError("fetching is not available while the bot is not running")
        found = await discover_feeds(self._fetcher, url)
        if not found:
            return None
        result = await self._fetcher.fetch(found[0].url)
        parsed = await asyncio.to_thread(parse_feed, result.body or b"", result.url, "preview",
                                         result.content_type, most)
        return found[0].url, [self.article_from_text(e.title, e.text or e.title, e.link)
                              for e in parsed.entries]

    def status_text(self) -> str:
        """Health at a glance: per feed the last poll, failures and the next poll; per channel
        what was sent, what waits and what failed."""
        now = self.clock()
        states = self.store.feed_states()
        lines = [f"{len(self.config.feeds)} feeds, {len(self.config.topics)} topics; "
                 f"{self.store.sent_since(today_start(now))} alerts sent today (UTC)."]
        for feed in self.config.feeds:
            state = states.get(feed.id)
            if state is None or state.last_polled is None:
                lines.append(f"• {feed.id}: not polled yet")
                continue
            parts = [f"last poll {_ago(now, state.last_polled)}"]
            if state.paused_at is not None:
                parts.insert(0, f"PAUSED since {_ago(now, state.paused_at)} "
                                f"(/news resume {feed.id} polls it now)")
            if state.consecutive_errors:
                parts.append(f"FAILING x{state.consecutive_errors}: {state.last_error}")
                parts.append(f"last success {_ago(now, state.last_success)}")
            elif state.last_error:
                parts.append(f"last error {_ago(now, state.last_error_at)}: {state.last_error}")
            if state.next_poll:
                wait = state.next_poll - now
                parts.append(f"next poll in {_duration(wait)}" if wait > 0 else "next poll due")
            lines.append(f"• {feed.id}: " + "; ".join(parts))
        errors = self.store.channel_errors()
        for channel, counts in sorted(self.store.channel_stats().items()):
            dropped = f", {counts['dropped']} dropped" if counts.get("dropped") else ""
            line = (f"• {channel}: {counts['sent']} sent, {counts['pending']} pending, "
                    f"{counts['failed']} failed{dropped}")
            if channel in errors and (counts["pending"] or counts["failed"]):
                line += f"; last error: {errors[channel]}"
            lines.append(line)
        if self.config.topics:
            lines.append(f"Topics, last {PRECISION_DAYS} days:")
            lines += [f"• {precision_line(row)}" for row in read_precision(
                self.store, [t.id for t in self.config.topics], now)]
        # Feed errors carry a server's own words (its status text, its encoding name).
        return "\n".join(printable(line) for line in lines)

    def failing(self) -> list[str]:
        """The configured feeds whose last poll failed and the channels whose posts are
        failing, by name; empty when all is well."""
        states = self.store.feed_states()
        feeds = [f.id for f in self.config.feeds
                 if (state := states.get(f.id)) is not None and state.consecutive_errors]
        return feeds + self.store.failing_channels()

    # -- running -----------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def fetching(self) -> AsyncIterator[Fetcher]:
        """The guarded fetcher that feeds and previews use while it is open."""
        policy = NetPolicy.allowing(self.config.bot.allow_hosts)
        async with Fetcher(self.config.bot.user_agent, policy=policy) as fetcher:
            self._fetcher = fetcher
            try:
                yield fetcher
            finally:
                self._fetcher = None

    async def run(self, once: bool = False, stop: asyncio.Event | None = None) -> None:
        """Poll and deliver: one round with ``once``, else until ``stop`` is set or a signal.

        Adapters connect beside the polling, each on its own: a platform that cannot be
        reached holds only its own posts in the outbox while its connection is tried again.
        A platform that refuses the bot (a wrong token) stops the run with that error.
        """
        stop = stop or asyncio.Event()
        workers = self.config.bot.parse_workers
        writer = BatchWriter(self.store, self.clock, self.story_policy,
                             max_batch=max(1, self.config.bot.concurrency // 2))
        async with self.fetching() as fetcher, ParsePool(
                default_parse_workers() if workers is None else workers, self.matcher) as parser:
            poller = Poller(self.store, fetcher, self.context, self.clock,
                            on_alerts=lambda _n: self.deliverer.wake(),
                            max_entries=self.config.bot.max_entries,
                            policy=self.story_policy, parser=parser, writer=writer,
                            pauses=self.pause_policy)
            scheduler = PollScheduler(self.store, lambda: self.config.feeds,
                                      self._observed(poller.poll),
                                      self.config.bot.concurrency, self.clock)
            started: list[Adapter | WebServer] = []
            if self.config.web.enabled and not once:
                from bot.web.server import WebServer
                self.web = WebServer(self)
                self.poll_observers.append(self.web.metrics.observe_poll)
                await self.web.start()
                started.append(self.web)
            leading = {name: self.store.hold_commands(name) for name in self.adapters}
            answered = {name: asyncio.Event() for name in self.adapters}
            connecting = [asyncio.ensure_future(
                self._connect(name, adapter, started, leading, answered[name]))
                for name, adapter in self.adapters.items()]
            refusal = asyncio.ensure_future(_first_error(connecting))
            work = asyncio.ensure_future(
                self._run_once(scheduler, writer) if once
                else self._run_until(stop, scheduler, writer, started, leading))
            try:
                await asyncio.wait({work, refusal}, return_when=asyncio.FIRST_COMPLETED)
                if not work.done():  # a platform refused the bot: stop, then say why
                    if once:
                        work.cancel()
                    else:
                        stop.set()
                    await asyncio.gather(work, return_exceptions=True)
                    raise refusal.result()
                work.result()
                if once:
                    await self._hear_refusals(answered, connecting)
            finally:
                for task in (*connecting, refusal, work):
                    task.cancel()
                await asyncio.gather(*connecting, refusal, work, return_exceptions=True)
                for adapter in started:
                    await adapter.stop()

    async def _follow_commands(self, leading: dict[str, bool], stop: asyncio.Event,
                               started: list[Adapter | WebServer]) -> None:
        """With workers sharing the database, one takes each platform's commands: a worker
        that only posts takes them over when the one that took them is gone, and one that lost
        its hold (its lock's connection broke) goes back to posting only. It looks every
        ``COMMANDS_RECHECK`` seconds, read as it runs."""
        if not self.store.shared:
            return
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), COMMANDS_RECHECK)
            for name, adapter in self.adapters.items():
                holds = self.store.hold_commands(name)
                if holds == leading[name] or stop.is_set():
                    continue
                event(log, "commands.taken" if holds else "commands.lost", platform=name)
                leading[name] = holds
                if adapter not in started:  # still connecting: it starts as ``leading`` says
                    continue
                started.remove(adapter)
                await adapter.stop()
                await self._connect(name, adapter, started, leading)

    def _observed(self, poll: Callable[[FeedConfig], Awaitable[PollOutcome]]
                  ) -> Callable[[FeedConfig], Awaitable[PollOutcome]]:
        async def observed(feed: FeedConfig) -> PollOutcome:
            started = time.perf_counter()
            outcome = await poll(feed)
            for observer in self.poll_observers:
                observer(outcome, time.perf_counter() - started)
            return outcome
        return observed

    @staticmethod
    async def _hear_refusals(answered: Mapping[str, asyncio.Event],
                             connecting: list[asyncio.Future[None]]) -> None:
        """After a ``run --once`` whose polls ended before every platform answered its first
        connection: wait up to ``ONCE_WAIT`` seconds for those answers, so that a platform
        refusing the bot (a wrong token) still ends the run with that error."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(ONCE_WAIT):
                await asyncio.gather(*(e.wait() for e in answered.values()))
        for task in connecting:
            if task.done() and not task.cancelled() and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]

    async def _connect(self, name: str, adapter: Adapter, started: list[Adapter | WebServer],
                       leading: Mapping[str, bool],
                       answered: asyncio.Event | None = None) -> None:
        """Start one adapter, trying again with a growing pause while its platform cannot be
        reached; its posts wait in the outbox meanwhile. A refusal is raised. It takes the
        platform's commands when ``leading`` says this worker holds them, else it only posts.
        ``answered``, when given, is set once the platform answered a first time, or could not
        be reached."""
        self.deliverer.hold(name)
        delay = RECONNECT_FIRST
        while True:
            try:
                await adapter.start(self.commands if leading[name] else None)
            except PlatformUnreachable as exc:
                event(log, "adapter.unreachable", logging.WARNING, platform=name,
                      error=str(exc), retry_in=delay, effect="its alerts wait in the outbox")
                await asyncio.sleep(delay)
                delay = min(RECONNECT_MAX, delay * 2)
                continue
            finally:
                if answered is not None:
                    answered.set()  # a refusal too: it is raised right after
            started.append(adapter)
            self.deliverer.release(name)
            return

    async def _run_once(self, scheduler: PollScheduler, writer: BatchWriter) -> None:
        await scheduler.poll_all()
        await writer.close()
        await self.deliverer.drain(timeout=ONCE_DELIVERY, wait=ONCE_WAIT)

    async def _run_until(self, stop: asyncio.Event, scheduler: PollScheduler,
                         writer: BatchWriter, started: list[Adapter | WebServer],
                         leading: dict[str, bool]) -> None:
        signals = self._install_signals(stop)
        scheduler.start()
        self.digests.start()
        deliveries = asyncio.ensure_future(self.deliverer.run_forever())
        handover = asyncio.ensure_future(self._follow_commands(leading, stop, started))
        event(log, "bot.started", feeds=len(self.config.feeds),
              adapters=",".join(self.adapters))
        try:
            await stop.wait()
        finally:
            self._remove_signals(signals)
        self.digests.stop()
        handover.cancel()
        await asyncio.gather(handover, return_exceptions=True)
        await self._shut_down(scheduler, deliveries)
        await writer.close()

    def undelivered(self) -> dict[str, tuple[int, str | None]]:
        """Per channel with posts still waiting in the outbox: how many, and the last error."""
        errors = self.store.channel_errors()
        return {channel: (counts["pending"], errors.get(channel))
                for channel, counts in sorted(self.store.channel_stats().items())
                if counts["pending"]}

    async def _shut_down(self, scheduler: PollScheduler, deliveries: asyncio.Future[None]
                         ) -> None:
        """Stop polling, finish the posts under way and deliver what is due, all within
        ``bot.shutdown_grace`` seconds; whatever is left stays in the outbox for next time."""
        grace = self.config.bot.shutdown_grace
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        event(log, "bot.stopping", grace=grace)
        self.digests.stop()
        await scheduler.stop(grace / 2)
        self.deliverer.stop()
        try:
            async with asyncio.timeout_at(deadline):
                await deliveries
                while await self.deliverer.run_once():
                    pass
        except TimeoutError:
            deliveries.cancel()
            await asyncio.gather(deliveries, return_exceptions=True)
            event(log, "bot.stop_timeout", logging.WARNING, grace=grace,
                  pending=sum(c["pending"] for c in self.store.channel_stats().values()))
        event(log, "bot.stopped")

    def _install_signals(self, stop: asyncio.Event) -> list[signal.Signals]:
        """SIGINT and SIGTERM stop the bot; SIGHUP re-reads the config file."""
        loop = asyncio.get_running_loop()
        installed = []
        for sig, action in ((signal.SIGINT, stop.set), (signal.SIGTERM, stop.set),
                            (signal.SIGHUP, self.reload)):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, action)
                installed.append(sig)
        return installed

    @staticmethod
    def _remove_signals(signals: list[signal.Signals]) -> None:
        loop = asyncio.get_running_loop()
        for sig in signals:
            loop.remove_signal_handler(sig)


async def _first_error(tasks: list[asyncio.Future[None]]) -> BaseException:
    """The first error among ``tasks``; waits forever when they all succeed."""
    for next_done in asyncio.as_completed(tasks):
        try:
            await next_done
        except Exception as exc:
            return exc
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


def _ago(now: float, then: float | None) -> str:
    if then is None:
        return "never"
    return _duration(max(0.0, now - then)) + " ago"

