"""The plain values the store hands out and takes in: a feed's state, a poll's outcome, a post
waiting in the outbox, and the policy that groups alerts into stories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.config import ChannelRule
from bot.delivery.alertstyle import AlertStyle
from bot.models import Alert, Entry
from bot.stories.grouping import StoryMark

__all__ = ["Delivery", "FeedState", "FeedbackMark", "PollRecord", "StoredArticle", "StoryPolicy"]


@dataclass(frozen=True)
class FeedState:
    feed_id: str
    etag: str | None = None
    last_modified: str | None = None
    last_polled: float | None = None
    last_success: float | None = None
    last_error: str | None = None
    last_error_at: float | None = None
    consecutive_errors: int = 0
    next_poll: float | None = None
    body_hash: str | None = None
    """A digest of the last body parsed, so an unchanged body is not parsed again."""
    item_digests: bytes | None = None
    """Digests of the last body's items, so a changed body has only its new items parsed."""
    house: bytes | None = None
    """The feed's house style (``bot.stories.dedup.house_features``), newline-separated; None when
    not worked out yet. See ``house_style``."""
    took: float | None = None
    """Seconds its last poll took; slow feeds are polled first (see ``Store.due_feeds``)."""
    failing_since: float | None = None
    """When the current run of failures began; None while the feed answers."""
    paused_at: float | None = None
    """When the feed was paused for failing too long (``bot.feedhealth``); None when not."""
    entries_seen: int = 0

    @property
    def house_style(self) -> frozenset[str] | None:
        if self.house is None:
            return None
        return frozenset(self.house.decode().split("\n")) - {""}


@dataclass(frozen=True)
class PollRecord:
    """What one poll of a feed leaves in the store: its outcome, the entries it saw for the
    first time and the alerts they raised."""

    feed_id: str
    polled_at: float
    next_poll: float
    error: str | None = None
    """Why the poll failed; None when it succeeded."""
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    """The digest of the body parsed; None keeps the one recorded before (a 304, say)."""
    item_digests: bytes | None = None
    """The digests of its items; None keeps the ones recorded before."""
    house: frozenset[str] | None = None
    """The feed's house style, when this poll worked it out; None keeps the one recorded."""
    entries: Sequence[Entry] = ()
    alerts: Sequence[tuple[Alert, Sequence[str]]] = ()
    marks: Mapping[str, StoryMark] | None = None
    """Per alerting entry id, what tells its story (see ``Store.commit_entries``)."""
    problem: str | None = None
    """A problem that did not stop the poll (a feed that needed repairs), noted without
    counting as a failure."""
    took: float | None = None
    """Seconds from the start of the poll until its outcome was known."""
    pause: bool = False
    """A failed poll: pause the feed from now (``bot.feedhealth``). A successful poll always
    ends a pause."""
    notices: Sequence[tuple[Alert, str]] = ()
    """Notices about the feed itself (paused, recovered), each with the channel it goes to."""


@dataclass(frozen=True)
class Delivery:
    """One post waiting to go to one channel.

    ``kind`` says what to render: "alert" (one full alert), "followup" (a later article of a
    story already posted in this channel: a short threaded reply to ``thread_ref``), or "digest"
    (several alerts in one message). ``alerts`` holds one alert, or the digest's alerts.

    A follow-up is handed out only once the post it replies to was sent (``thread_ref`` is that
    post's reference) or failed or was dropped (``thread_ref`` is None: post it on its own). Its
    ``alert`` carries only the figures and quotes the story did not have yet.
    """

    id: int
    alert_id: int
    channel: str
    alert: Alert
    attempts: int
    status: str
    created_at: float
    kind: str = "alert"
    thread_ref: str | None = None
    """The platform's reference of the message this one replies to, in the same channel."""
    alerts: tuple[Alert, ...] = ()
    parent_id: int | None = None
    """For a follow-up: the delivery it replies to; it waits until that one is sent."""
    style: AlertStyle = field(default_factory=AlertStyle)
    """How the channel's subscription wants it shown, set by the outbox when it is posted
    (the alerts are already shaped to it: ``bot.delivery.alertstyle.shape``)."""

    def __post_init__(self) -> None:
        if not self.alerts:
            object.__setattr__(self, "alerts", (self.alert,))

    @property
    def platform(self) -> str:
        return self.channel.partition(":")[0]

    @property
    def target(self) -> str:
        """The channel id on its platform."""
        return self.channel.partition(":")[2]

    @property
    def key(self) -> str:
        """A stable idempotency key: the same for every attempt at this delivery."""
        return f"newsalert-{self.alert_id}-{self.id}"


@dataclass(frozen=True)
class StoryPolicy:
    """How new alerts are grouped into stories and delivered to their channels."""

    window: float = 72 * 3600.0
    """Seconds during which a later article joins an earlier story: articles seen further
    apart, or published (when undated: first seen) further apart, never join, whatever their
    text."""
    rules: Mapping[str, ChannelRule] = field(default_factory=dict)
    """Per channel: instant or digest, burst size and window (default: instant, no bursts)."""

    def rule(self, channel: str) -> ChannelRule:
        return self.rules.get(channel) or _DEFAULT_RULE


_DEFAULT_RULE = ChannelRule()


FEEDBACK_KINDS = ("not_relevant", "mute")


@dataclass(frozen=True)
class FeedbackMark:
    """What a channel's reader said of one alert: "not_relevant" to one of its topics, or
    "mute" for its story. ``mentions`` are the topic's names and wordings the alert matched on,
    kept so that the report can tell which of them misled the matcher."""

    alert_id: int
    channel: str
    topic: str
    kind: str
    by: str
    at: float
    mentions: tuple[str, ...] = ()
    story_id: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in FEEDBACK_KINDS:
            raise ValueError(f"feedback kind {self.kind!r}: expected one of "
                             f"{', '.join(FEEDBACK_KINDS)}")


@dataclass(frozen=True)
class StoredArticle:
    """An alert as stored, with the text it was matched on ("" for alerts stored before the
    texts were kept), so that matching can be run on it again and it can be searched."""

    alert_id: int
    created_at: float
    story_id: int | None
    text: str
    alert: Alert
