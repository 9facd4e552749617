"""Daily digests: an APScheduler cron job per digest time sends each digest-mode channel the
alerts collected since its last digest.

Alerts for a channel with ``mode = "digest"`` are folded into a held digest as they arrive (see
``Store.commit_entries``); at ``digest_at`` in the channel's time zone the job releases it to the
outbox. Channels sharing a time and zone share one job. A digest whose time passed while the bot
was stopped goes out when it starts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.config import ChannelRule
from bot.logs import event
from bot.storage import Store

__all__ = ["DigestSchedule", "digest_groups", "digest_trigger", "overdue_channels"]

log = logging.getLogger(__name__)

Slot = tuple[time, str]
"""A time of day and the IANA time zone it is read in."""


def digest_groups(rules: Mapping[str, ChannelRule]) -> dict[Slot, list[str]]:
    """Digest-mode channels grouped by the time and zone of their digest."""
    groups: dict[Slot, list[str]] = {}
    for channel, rule in sorted(rules.items()):
        if rule.mode == "digest":
            groups.setdefault((rule.digest_at, rule.timezone), []).append(channel)
    return groups


def digest_trigger(slot: Slot) -> CronTrigger:
    at, zone = slot
    return CronTrigger(hour=at.hour, minute=at.minute, timezone=ZoneInfo(zone))


def overdue_channels(held: Mapping[str, float], groups: Mapping[Slot, Sequence[str]],
                     now: float) -> list[str]:
    """The channels among ``held`` (channel -> since when its digest collects) whose digest
    time has passed since it started collecting, and those no longer in digest mode."""
    slots = {c: slot for slot, channels in groups.items() for c in channels}
    due = []
    for channel, since in held.items():
        slot = slots.get(channel)
        if slot is None:
            due.append(channel)
            continue
        fire = digest_trigger(slot).get_next_fire_time(None, datetime.fromtimestamp(since, UTC))
        if fire is not None and fire.timestamp() <= now:
            due.append(channel)
    return due


class DigestSchedule:
    def __init__(self, store: Store, rules: Callable[[], Mapping[str, ChannelRule]],
                 clock: Callable[[], float], on_release: Callable[[], None]) -> None:
        self.store = store
        self.rules = rules
        self.clock = clock
        self.on_release = on_release
        self._scheduler: AsyncIOScheduler | None = None

    def start(self) -> None:
        self._scheduler = AsyncIOScheduler()
        self._scheduler.start()
        self.reschedule()

    def reschedule(self) -> None:
        """One job per digest slot of the current rules (after a config reload, too)."""
        if self._scheduler is None:
            return
        self._scheduler.remove_all_jobs()
        groups = digest_groups(self.rules())
        self.release_overdue(groups)
        for slot in groups:
            at, zone = slot
            # A digest fired late is still wanted, so a late wake-up sends it rather than skip.
            self._scheduler.add_job(self.release, digest_trigger(slot), args=[slot],
                                    id=f"digest-{at:%H%M}-{zone}", coalesce=True,
                                    misfire_grace_time=None, max_instances=1)

    def release_overdue(self, groups: dict[Slot, list[str]]) -> int:
        """Send now the digests whose time passed while the bot was not running, and those of
        channels no longer in digest mode."""
        now = self.clock()
        due = overdue_channels(self.store.held_digests(), groups, now)
        released = self.store.release_digests(due, now) if due else 0
        if released:
            event(log, "digest.released", channels=len(due), digests=released, reason="overdue")
            self.on_release()
        return released

    def stop(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None

    def release(self, slot: Slot) -> int:
        """Send the digests of the channels in ``slot``: the cron job's body."""
        channels = digest_groups(self.rules()).get(slot, [])
        released = self.store.release_digests(channels, self.clock())
        event(log, "digest.released", at=f"{slot[0]:%H:%M}", timezone=slot[1],
              channels=len(channels), digests=released)
        if released:
            self.on_release()
        return released
