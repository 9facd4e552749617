"""What the status page shows, read from the config and the store into plain values for the
templates; the hits chart's bars are worked out here so the page needs no script."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.precision import read_precision
from bot.render import count, span

if TYPE_CHECKING:
    from bot.config import Config
    from bot.storage import Store

__all__ = ["Bar", "channel_rows", "chart_bars", "feed_rows", "topic_rows", "web_link", "when"]

CHART_DAYS = 14
CHART_WIDTH = 168
CHART_HEIGHT = 32


def when(now: float, then: float | None) -> dict[str, str] | None:
    """A moment as the page shows it: ISO-8601 UTC, and how long ago or how far ahead."""
    if then is None:
        return None
    delta = then - now
    return {"iso": datetime.fromtimestamp(then, UTC).strftime("%Y-%m-%d %H:%M:%SZ"),
            "relative": f"in {span(delta)}" if delta > 0 else f"{span(-delta)} ago"}


def web_link(url: str | None) -> str | None:
    """A feed's article URL when it is one a page may link to (http or https only)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def feed_rows(config: Config, store: Store, now: float) -> list[dict[str, Any]]:
    states = store.feed_states()
    rows = []
    for feed in config.feeds:
        state = states.get(feed.id)
        polled = state is not None and state.last_polled is not None
        failing = bool(state and state.consecutive_errors)
        rows.append({
            "id": feed.id, "title": feed.title or "", "location": feed.location,
            "state": "failing" if failing else "ok" if polled else "not polled yet",
            "failures": state.consecutive_errors if state else 0,
            "last_poll": when(now, state.last_polled if state else None),
            "last_success": when(now, state.last_success if state else None),
            "last_error": state.last_error if state else None,
            "next_poll": when(now, state.next_poll if state else None),
            # A failing feed is retried later and later (backoff): polling waits until then.
            "backoff": failing and state is not None and (state.next_poll or 0) > now,
            # Failing past bot.pause_after: tried only every few hours until /news resume.
            "paused": when(now, state.paused_at) if state and state.paused_at else None,
            "entries": state.entries_seen if state else 0,
        })
    return rows


def channel_rows(store: Store) -> list[dict[str, Any]]:
    errors = store.channel_errors()
    failing = set(store.failing_channels())
    return [{"channel": channel, "sent": c["sent"], "pending": c["pending"],
             "failed": c["failed"], "dropped": c.get("dropped", 0),
             "failing": channel in failing,
             "last_error": errors.get(channel) if c["pending"] or c["failed"] else None}
            for channel, c in sorted(store.channel_stats().items())]


@dataclass(frozen=True)
class Bar:
    day: str
    hits: int
    x: float
    y: float
    width: float
    height: float


def chart_bars(hits: dict[str, int], today: datetime, days: int = CHART_DAYS,
               width: float = CHART_WIDTH, height: float = CHART_HEIGHT) -> list[Bar]:
    """One bar per day, oldest first, ending ``today``; the busiest day fills the height and
    a day with hits is at least one unit tall so that it never looks like none."""
    dates = [(today - timedelta(days=days - 1 - i)).strftime("%Y-%m-%d") for i in range(days)]
    top = max((hits.get(d, 0) for d in dates), default=0) or 1
    step = width / days
    bars = []
    for i, day in enumerate(dates):
        n = hits.get(day, 0)
        h = max(1.0, height * n / top) if n else 0.0
        bars.append(Bar(day, n, round(i * step + 1, 2), round(height - h, 2),
                        round(step - 2, 2), round(h, 2)))
    return bars


def topic_rows(config: Config, store: Store, now: float) -> list[dict[str, Any]]:
    today = datetime.fromtimestamp(now, UTC)
    start = (today - timedelta(days=CHART_DAYS - 1)).replace(hour=0, minute=0, second=0,
                                                            microsecond=0)
    hits = store.topic_hits(start.timestamp())
    precision = read_precision(store, [t.id for t in config.topics], now)
    rows = []
    for topic, marked in zip(config.topics, precision, strict=True):
        bars = chart_bars(hits.get(topic.id, {}), today)
        total = sum(b.hits for b in bars)
        share = marked.precision
        rows.append({"id": topic.id, "title": topic.title, "entities": len(topic.entities),
                     "bars": bars, "total": total,
                     "summary": f"{count(total, 'alert')} in {CHART_DAYS} days",
                     "sent": marked.sent, "not_relevant": marked.not_relevant,
                     "muted": marked.muted,
                     "precision": f"{share:.0%}" if share is not None else "—"})
    return rows
