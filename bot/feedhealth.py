"""When a failing feed is paused, and the notices that tell an admin channel so.

A feed that fails now and then is retried with backoff and nobody needs to hear of it. One that
has failed for ``pause_after`` seconds on end is paused: it is tried again only once per
``retry`` seconds (the backoff cap), and one notice says which feed, since when, the last error
and how to resume it. When a paused feed answers again, one more notice says it recovered.
Pure: the poller decides with these functions and the store keeps what they return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.models import Alert, Extraction

__all__ = ["PausePolicy", "pause_due", "paused_notice", "recovered_notice"]

NOTICE_SOURCE = "newsalert"


@dataclass(frozen=True)
class PausePolicy:
    after: float = 24 * 3600.0
    """Seconds of failing on end after which a feed is paused."""
    retry: float = 6 * 3600.0
    """Seconds between the tries of a paused feed."""
    admin_channel: str | None = None
    """Where the notices go; None: the pause is only logged and shown in the status."""


def pause_due(failing_since: float | None, paused: bool, now: float,
              policy: PausePolicy) -> bool:
    """Whether a feed failing since ``failing_since`` should be paused by this failure."""
    return not paused and failing_since is not None and now - failing_since >= policy.after


def paused_notice(feed_id: str, location: str, error: str, failing_since: float,
                  now: float, policy: PausePolicy) -> Alert:
    """The notice that ``feed_id`` is paused: the error, since when, and how to resume."""
    return _notice(feed_id, f"paused:{int(now)}", f"Feed {feed_id} is paused: failing for "
                   f"{_span(now - failing_since)}", location, now, (
        f"Last error: {error}",
        f"Failing since {_when(failing_since)}; it is now tried once every "
        f"{_span(policy.retry)} and alerts again by itself when it answers.",
        f"To try it now: /news resume {feed_id} (or fix its url in the config and reload). "
        "To stop it, remove it from the config.",
    ))


def recovered_notice(feed_id: str, location: str, paused_at: float, now: float) -> Alert:
    """The notice that a paused feed answers again."""
    return _notice(feed_id, f"recovered:{int(now)}", f"Feed {feed_id} has recovered", location,
                   now, (f"Paused since {_when(paused_at)}, it answered again at {_when(now)} "
                         "and is polled at its interval.",))


def _notice(feed_id: str, key: str, title: str, location: str, now: float,
            lines: tuple[str, ...]) -> Alert:
    url = location if location.startswith(("http://", "https://")) else None
    return Alert(feed_id=feed_id, entry_id=f"notice:{key}", source=NOTICE_SOURCE, title=title,
                 url=url, published=datetime.fromtimestamp(now, tz=UTC), text_form="raw",
                 topics=(), extraction=Extraction(summary=lines))


def _when(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


def _span(seconds: float) -> str:
    hours = seconds / 3600
    if hours >= 48:
        return f"{hours / 24:.0f} days"
    if hours >= 1:
        return f"{hours:.0f} h"
    return f"{max(1, round(seconds / 60))} min"
