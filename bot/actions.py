"""What the buttons under an alert do, on every platform: mute the alert's story in the
channel, mark the alert not relevant for its topics, or unsubscribe the channel from a topic
(admins only, after a confirmation).

Platform-neutral, as ``bot.commands``: the adapter checks that a click really comes from its
platform (Slack's request signature, Discord's interaction), turns it into an ``Action`` and
shows the ``ActionReply`` to the one who clicked. Everything else is decided here: the alert
must have been posted in the channel the click comes from, whatever the button carries, and a
second click records nothing new and says it is already done.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from bot.commands import Command, CommandHandler
from bot.errors import NewsAlertError
from bot.logs import event
from bot.models import Alert, TopicMatch
from bot.storage.records import FeedbackMark

__all__ = ["ACTION_LABELS", "Action", "ActionReply", "AlertActions", "Choice", "action_value",
           "mentions", "parse_value"]

log = logging.getLogger(__name__)

ACTION_LABELS: dict[str, str] = {
    "mute": "Mute this story",
    "not_relevant": "Not relevant",
    "unsubscribe": "Unsubscribe topic",
}
"""The buttons every alert and follow-up carries, in the order shown."""
CONFIRMATIONS = ("unsubscribe_topic", "cancel")
"""The buttons of the question that "Unsubscribe topic" asks first."""
ADMIN_ACTIONS = frozenset({"unsubscribe", "unsubscribe_topic"})
MAX_TOPIC_CHOICES = 20
"""Topics a confirmation offers at most, Cancel besides: within both platforms' 25 buttons."""
_VALUE = re.compile(r"(?P<alert>[0-9]{1,18})(?::(?P<topic>[0-9]{1,4}))?")


@dataclass(frozen=True)
class Action:
    """One click, as the adapter read it from its platform."""

    platform: str
    channel: str
    """Full channel name of the message clicked, "slack:C0123ABC" or "discord:1234..."."""
    user: str
    name: str
    """Which button: a key of ``ACTION_LABELS`` or one of ``CONFIRMATIONS``."""
    value: str
    """What the button carries (``action_value``): the alert, and for a confirmation the
    position of the topic among the alert's topics."""
    is_admin: bool = False


@dataclass(frozen=True)
class Choice:
    """A button of a confirmation: its label, and the action and value it sends back."""

    label: str
    name: str
    value: str
    danger: bool = False


@dataclass(frozen=True)
class ActionReply:
    text: str
    choices: tuple[Choice, ...] = ()
    """Buttons to answer with (a confirmation), shown under the text."""
    replaces: bool = False
    """The answer to a confirmation: it takes the place of the question's message."""


def action_value(alert_id: int, topic_index: int | None = None) -> str:
    """What a button carries: the alert's id, and which of its topics ("17" or "17:0").
    A topic's position rather than its id keeps it short (Discord allows 100 characters of
    ``custom_id``) whatever the topic is called; the alert's topics never change."""
    return str(alert_id) if topic_index is None else f"{alert_id}:{topic_index}"


def parse_value(value: str) -> tuple[int, int | None]:
    """The alert id and topic position a button carries; ValueError says what is wrong."""
    found = _VALUE.fullmatch(value)
    if found is None:
        raise ValueError(f"button value {value[:40]!r} is not an alert id with an optional "
                         "topic position")
    return int(found["alert"]), int(found["topic"]) if found["topic"] else None


def mentions(match: TopicMatch) -> tuple[str, ...]:
    """The words of the article that made a topic match: each entity's forms as found in the
    text, or its name where none were kept."""
    found: list[str] = []
    for entity in match.matches:
        for word in entity.evidence or (entity.name,):
            if word not in found:
                found.append(word)
    return tuple(found)


class AlertActions:
    """The alert buttons' handler; it shares the commands' view of the bot."""

    def __init__(self, commands: CommandHandler, clock: Callable[[], float] = time.time) -> None:
        self.commands = commands
        self.clock = clock

    async def handle(self, action: Action) -> ActionReply:
        if action.name not in ACTION_LABELS and action.name not in CONFIRMATIONS:
            return self._refuse(action, f"unknown action {action.name[:40]!r}",
                                "That button is not one of newsalert's.")
        try:
            alert_id, index = parse_value(action.value)
        except ValueError as exc:
            return self._refuse(action, str(exc), "That button carries no alert of newsalert's.")
        alert = self.commands.app.store.channel_alert(alert_id, action.channel)
        if alert is None:
            return self._refuse(action, f"alert {alert_id} was not posted in this channel",
                                "That alert was not posted in this channel.")
        if action.name in ADMIN_ACTIONS and not action.is_admin:
            return ActionReply("Only admins may unsubscribe this channel from a topic.",
                               replaces=action.name in CONFIRMATIONS)
        event(log, "action", platform=action.platform, channel=action.channel,
              user=action.user, action=action.name, alert=alert_id)
        try:
            if action.name == "mute":
                return self._mute(action, alert_id, alert)
            if action.name == "not_relevant":
                return self._not_relevant(action, alert_id, alert)
            if action.name == "unsubscribe":
                return self._ask_unsubscribe(action, alert_id, alert)
            if action.name == "unsubscribe_topic":
                return await self._unsubscribe(action, alert, index)
        except NewsAlertError as exc:
            return ActionReply(f"Sorry, that failed: {exc}")
        return ActionReply("Left as it is: this channel keeps its subscriptions.",  # cancel
                           replaces=True)

    def _refuse(self, action: Action, reason: str, text: str) -> ActionReply:
        event(log, "action.refused", logging.WARNING, platform=action.platform,
              channel=action.channel, user=action.user, action=action.name[:40], reason=reason)
        return ActionReply(text)

    def _topics(self, channel: str, alert: Alert) -> list[TopicMatch]:
        """The alert's topics this channel follows; all of them when it follows none now."""
        own = set(self.commands.app.channel_topics(channel))
        return [t for t in alert.topics if t.topic in own] or list(alert.topics)

    def _mute(self, action: Action, alert_id: int, alert: Alert) -> ActionReply:
        store = self.commands.app.store
        story = store.story_of_alert(alert_id)
        if story is None:
            return ActionReply("This alert belongs to no story that later articles could join, "
                               "so there is nothing to mute; “Not relevant” records it.")
        now = self.clock()
        dropped = store.mute_story(action.channel, story, action.user, now, [FeedbackMark(
            alert_id=alert_id, channel=action.channel, topic=topic.topic, kind="mute",
            by=action.user, at=now, mentions=mentions(topic), story_id=story)
            for topic in self._topics(action.channel, alert)])
        if dropped is None:
            return ActionReply("This story is already muted in this channel.")
        waiting = f" ({dropped} waiting post{'s' if dropped != 1 else ''} dropped)" \
            if dropped else ""
        return ActionReply("Muted: no more alerts or replies of this story in this channel"
                           f"{waiting}. Other channels still get it.")

    def _not_relevant(self, action: Action, alert_id: int, alert: Alert) -> ActionReply:
        store = self.commands.app.store
        story = store.story_of_alert(alert_id)
        now = self.clock()
        marked = []
        for topic in self._topics(action.channel, alert):
            if store.record_feedback(FeedbackMark(
                    alert_id=alert_id, channel=action.channel, topic=topic.topic,
                    kind="not_relevant", by=action.user, at=now, mentions=mentions(topic),
                    story_id=story)):
                marked.append(topic)
        if not marked:
            return ActionReply("This alert is already marked not relevant here.")
        why = "; ".join(f"{t.topic!r} (matched {', '.join(mentions(t))})" for t in marked)
        return ActionReply(f"Marked not relevant for {why}. Thank you: admins see these marks "
                           "when they review the topic.")

    def _ask_unsubscribe(self, action: Action, alert_id: int, alert: Alert) -> ActionReply:
        own = set(self.commands.app.channel_topics(action.channel))
        choices = tuple(
            Choice(f"Unsubscribe from {t.topic}", "unsubscribe_topic",
                   action_value(alert_id, i), danger=True)
            for i, t in enumerate(alert.topics) if t.topic in own)[:MAX_TOPIC_CHOICES]
        if not choices:
            names = ", ".join(repr(t.topic) for t in alert.topics)
            return ActionReply(f"This channel no longer gets alerts for {names}.")
        which = "this topic" if len(choices) == 1 else "which topic"
        return ActionReply(f"Stop {which}'s alerts in this channel?",
                           choices=(*choices, Choice("Cancel", "cancel", action_value(alert_id))))

    async def _unsubscribe(self, action: Action, alert: Alert, index: int | None) -> ActionReply:
        if index is None or index >= len(alert.topics):
            return self._refuse(action, "no topic of the alert at that position",
                                "That button names no topic of this alert.")
        reply = await self.commands.handle(Command(
            platform=action.platform, channel=action.channel, user=action.user,
            name="unsubscribe", args=alert.topics[index].topic, is_admin=action.is_admin))
        return ActionReply(reply.text, replaces=True)
