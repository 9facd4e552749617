"""``/metrics``: the bot's counters and latencies in the Prometheus text format.

What happens in this process (polls, their outcome and duration) is counted as it happens;
what the database holds (entries, alerts, posts by outcome, the outbox per platform, the feeds'
health) is read from the store at each scrape, so the figures survive a restart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import Collector

if TYPE_CHECKING:
    from bot.config import Config
    from bot.storage import Store
    from watchers.poll import PollOutcome

__all__ = ["CONTENT_TYPE", "Metrics"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_POLL_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_POST_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600, 4 * 3600, 24 * 3600)


class Metrics:
    """One registry per running bot (tests start several bots in one process)."""

    def __init__(self, store: Callable[[], Store], config: Callable[[], Config],
                 clock: Callable[[], float]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.polls = Counter("newsalert_polls", "Feed polls by outcome (ok, not_modified, "
                             "failed)", ["outcome"], registry=self.registry)
        self.poll_seconds = Histogram("newsalert_poll_seconds", "How long one feed poll took",
                                      buckets=_POLL_BUCKETS, registry=self.registry)
        self.entry_to_post = Histogram(
            "newsalert_entry_to_post_seconds",
            "Seconds from an entry being read to its alert being posted",
            buckets=_POST_BUCKETS, registry=self.registry)
        self._posts_seen = clock()
        self._store = store
        self.registry.register(_StoreCollector(store, config, clock))

    def observe_poll(self, outcome: PollOutcome, seconds: float) -> None:
        label = "failed" if not outcome.ok else "not_modified" if outcome.not_modified else "ok"
        self.polls.labels(label).inc()
        self.poll_seconds.observe(seconds)

    def render(self) -> bytes:
        # Posts made since the last scrape (or since the bot started) enter the histogram.
        for sent_at, latency in self._store().post_latencies(self._posts_seen):
            self.entry_to_post.observe(max(0.0, latency))
            self._posts_seen = max(self._posts_seen, sent_at)
        return generate_latest(self.registry)


class _StoreCollector(Collector):
    def __init__(self, store: Callable[[], Store], config: Callable[[], Config],
                 clock: Callable[[], float]) -> None:
        self.store, self.config, self.clock = store, config, clock

    def describe(self) -> list[object]:
        return []  # read at each scrape only

    def collect(self) -> Iterator[CounterMetricFamily | GaugeMetricFamily]:
        store, config = self.store(), self.config()
        totals = store.totals()
        yield CounterMetricFamily("newsalert_entries", "Feed entries read (each once)",
                                  value=totals["entries"])
        yield CounterMetricFamily("newsalert_alerts", "Alerts raised", value=totals["alerts"])
        counts = store.delivery_counts()
        posts = CounterMetricFamily("newsalert_deliveries", "Posts by platform and outcome "
                                    "(sent, failed, dropped, muted)",
                                    labels=["platform", "outcome"])
        depth = GaugeMetricFamily("newsalert_outbox_depth", "Posts waiting to be made, digests "
                                  "still collecting included", labels=["platform"])
        waiting: dict[str, int] = dict.fromkeys(config.enabled_platforms, 0)
        for (platform, status), n in sorted(counts.items()):
            if status in ("sent", "failed", "dropped", "muted"):
                posts.add_metric([platform, status], n)
            elif status in ("pending", "sending", "held"):
                waiting[platform] = waiting.get(platform, 0) + n
        for platform, n in sorted(waiting.items()):
            depth.add_metric([platform], n)
        yield posts
        yield depth
        states = store.feed_states()
        feeds = GaugeMetricFamily("newsalert_feeds", "Configured feeds by state (ok, failing, "
                                  "never polled)", labels=["state"])
        by_state = {"ok": 0, "failing": 0, "never_polled": 0}
        for feed in config.feeds:
            state = states.get(feed.id)
            key = ("never_polled" if state is None or state.last_polled is None
                   else "failing" if state.consecutive_errors else "ok")
            by_state[key] += 1
        for key, n in by_state.items():
            feeds.add_metric([key], n)
        yield feeds
