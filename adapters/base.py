"""What every platform adapter provides: send an alert to a channel, and bring commands in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from bot.commands import CommandHandler
    from bot.storage.records import Delivery

__all__ = ["Adapter", "SendResult"]


@dataclass(frozen=True)
class SendResult:
    """The outcome of one post: sent (with the platform's message reference), worth retrying
    (after ``retry_after`` seconds when the platform said so), or failed for good."""

    status: Literal["sent", "retry", "failed"]
    ref: str | None = None
    error: str | None = None
    retry_after: float | None = None

    @classmethod
    def sent(cls, ref: str | None = None) -> SendResult:
        return cls("sent", ref=ref)

    @classmethod
    def retry(cls, error: str, retry_after: float | None = None) -> SendResult:
        return cls("retry", error=error, retry_after=retry_after)

    @classmethod
    def failed(cls, error: str) -> SendResult:
        return cls("failed", error=error)


class Adapter(Protocol):
    platform: str
    min_interval: float
    """Seconds to leave between two posts to the same channel."""

    async def start(self, commands: CommandHandler | None) -> None:
        """Connect, and take commands when given their handler. Of several workers sharing a
        database, one at a time takes each platform's commands; the others only post."""

    async def stop(self) -> None:
        """Disconnect; pending posts stay in the outbox."""

    async def connected(self) -> bool:
        """Whether the adapter is started and its connection to the platform is up."""

    async def send(self, delivery: Delivery) -> SendResult:
        """Post one alert to ``delivery.channel``; never raises for platform errors."""

    async def find_sent(self, delivery: Delivery) -> str | None:
        """The reference of a message already posted for this delivery, if the platform has one.

        Asked after a restart for deliveries whose post may have gone out just before a crash,
        so that nothing is posted twice.
        """
