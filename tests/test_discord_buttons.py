"""The buttons under Discord alerts, clicked: the real discord.py client against the local
Discord server (the clicks come as gateway interactions, the answers go to the interaction
callback), the store on SQLite and on PostgreSQL."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest

from adapters.discord_adapter import DiscordAdapter
from bot.app import App
from bot.config import load_config
from tests.conftest import Backend
from tests.discord_api_server import CHANNEL_ID, GUILD_ID, MANAGE_CHANNELS, DiscordAPIServer
from tests.test_shared_store import TEXT, text_mark
from tests.test_store import alert, entry

DEADLINE = 3.0
"""Discord's deadline for the first answer to an interaction."""
OTHER_ID = CHANNEL_ID + 1
HERE, OTHER = f"discord:{CHANNEL_ID}", f"discord:{OTHER_ID}"
EPHEMERAL = 64
CONFIG = """
[adapters.console]
enabled = false

[adapters.discord]
enabled = true
token = "${{DISCORD_TOKEN}}"
guilds = [{guild}]
api_url = "{api}"

[topics.icc]
title = "ICC warrants"
people = ["Benjamin Netanyahu"]

[[subscriptions]]
channel = "{here}"
topics = ["icc"]
"""


@dataclasses.dataclass
class Bot:
    server: DiscordAPIServer
    app: App
    backend: Backend
    config_path: Any

    async def post(self, n: int, channels: list[str]) -> dict[str, Any]:
        """Queue article ``n`` of the one story these tests share for ``channels``, deliver
        it, and return its message in the first channel."""
        self.app.store.commit_entries("wire", [entry(n)], [(alert(n), channels)], time.time(),
                                      marks={f"id-{n}": text_mark(TEXT)})
        await self.app.deliverer.drain(timeout=15)
        return self.server.messages[int(channels[0].partition(":")[2])][-1]

    async def restart(self) -> None:
        """Stop the bot and start a new one on the same database and server."""
        await self.app.adapters["discord"].stop()
        self.app = await start_app(self.config_path, self.backend)


async def start_app(path: Any, backend: Backend) -> App:
    config = load_config(path, environ={"DISCORD_TOKEN": "test-token"})
    app = App(config, backend.open())
    await app.adapters["discord"].start(app.commands)
    return app


@pytest.fixture
async def bot(http_server, write_config, backend: Backend) -> AsyncIterator[Bot]:
    server = DiscordAPIServer()
    api = await server.start(http_server)
    path = write_config(CONFIG.format(guild=GUILD_ID, api=api, here=HERE))
    running = Bot(server, await start_app(path, backend), backend, path)
    running.app.store.subscribe(OTHER, "icc", "admin", 0.0)
    yield running
    await running.app.adapters["discord"].stop()


def custom_ids(message: dict[str, Any]) -> list[str]:
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


async def timed_click(bot: Bot, message: dict[str, Any], custom_id: str, **who: Any
                      ) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    callback = await bot.server.click(message, custom_id, **who)
    return callback, time.monotonic() - started


async def test_alerts_and_followups_carry_buttons_with_stable_ids(bot: Bot) -> None:
    first = await bot.post(1, [HERE])
    followup = await bot.post(2, [HERE])
    assert str(followup["message_reference"]["message_id"]) == first["id"]
    assert custom_ids(first) == ["newsalert:mute:1", "newsalert:not_relevant:1",
                                 "newsalert:unsubscribe:1"]
    assert custom_ids(followup) == ["newsalert:mute:2", "newsalert:not_relevant:2",
                                    "newsalert:unsubscribe:2"]
    labels = [c["label"] for row in first["components"] for c in row["components"]]
    assert labels == ["Mute this story", "Not relevant", "Unsubscribe topic"]
    # No view is kept per message: the buttons are found by their custom_id's pattern.
    adapter = bot.app.adapters["discord"]
    assert isinstance(adapter, DiscordAdapter) and adapter.client is not None
    assert adapter.client.persistent_views == []


async def test_not_relevant_is_answered_in_time_to_the_clicker_alone_and_kept_once(
        bot: Bot) -> None:
    message = await bot.post(1, [HERE])
    callback, took = await timed_click(bot, message, "newsalert:not_relevant:1")
    assert took < DEADLINE
    assert callback["type"] == 4 and callback["data"]["flags"] & EPHEMERAL
    assert "Marked not relevant for 'icc' (matched Netanyahu, Benjamin Netanyahu)" in \
        callback["data"]["content"]
    assert callback["data"]["allowed_mentions"] == {"parse": []}
    again, _ = await timed_click(bot, message, "newsalert:not_relevant:1",
                                 user_id=1100000000000000011)
    assert again["data"]["content"] == "This alert is already marked not relevant here."
    mark, = bot.app.store.feedback_marks()
    assert (mark.channel, mark.topic, mark.by, mark.mentions) == \
        (HERE, "icc", "1100000000000000010", ("Netanyahu", "Benjamin Netanyahu"))


async def test_a_button_posted_before_a_restart_still_works(bot: Bot) -> None:
    message = await bot.post(1, [HERE])
    await bot.restart()
    callback, took = await timed_click(bot, message, "newsalert:mute:1")
    assert took < DEADLINE
    assert callback["data"]["content"].startswith("Muted: no more alerts or replies")
    assert bot.app.store.muted_stories(HERE) == {bot.app.store.story_of_alert(1)}


async def test_a_button_naming_an_alert_of_another_channel_is_refused(bot: Bot) -> None:
    await bot.post(1, [OTHER])
    forged = bot.server.answer_message({"data": {"content": "", "components": [
        {"type": 1, "components": [{"type": 2, "style": 2, "label": "Not relevant",
                                    "custom_id": "newsalert:not_relevant:1"}]}]}})
    callback, took = await timed_click(bot, forged, "newsalert:not_relevant:1")
    assert took < DEADLINE
    assert callback["data"]["content"] == "That alert was not posted in this channel."
    assert bot.app.store.feedback_marks() == []


async def test_a_muted_story_gets_no_more_replies_here_but_still_in_the_other_channel(
        bot: Bot) -> None:
    first = await bot.post(1, [HERE, OTHER])
    callback, _ = await timed_click(bot, first, "newsalert:mute:1")
    assert callback["data"]["flags"] & EPHEMERAL
    await bot.post(2, [OTHER, HERE])
    assert [m["id"] for m in bot.server.messages[CHANNEL_ID]] == [first["id"]]
    reply = bot.server.messages[OTHER_ID][-1]
    assert reply["embeds"][0]["author"]["name"].startswith("Also reported by")
    assert str(reply["message_reference"]["message_id"]) == bot.server.messages[OTHER_ID][0]["id"]


async def test_unsubscribe_needs_manage_channels_and_a_confirmation(bot: Bot) -> None:
    message = await bot.post(1, [OTHER])
    refused, _ = await timed_click(bot, message, "newsalert:unsubscribe:1")
    assert refused["data"]["content"] == \
        "Only admins may unsubscribe this channel from a topic."
    question, took = await timed_click(bot, message, "newsalert:unsubscribe:1",
                                       permissions=MANAGE_CHANNELS)
    assert took < DEADLINE and question["data"]["flags"] & EPHEMERAL
    assert question["data"]["content"] == "Stop this topic's alerts in this channel?"
    prompt = bot.server.answer_message(question, OTHER_ID)
    assert custom_ids(prompt) == ["newsalert:unsubscribe_topic:1:0", "newsalert:cancel:1"]
    assert prompt["components"][0]["components"][0]["style"] == 4  # danger
    assert (OTHER, "icc") in bot.app.store.subscriptions()
    assert prompt["flags"] == EPHEMERAL
    done, took = await timed_click(bot, prompt, "newsalert:unsubscribe_topic:1:0",
                                   permissions=MANAGE_CHANNELS)
    assert took < DEADLINE
    assert done["type"] == 7  # the question's message is replaced by the answer
    assert done["data"]["content"] == "Unsubscribed this channel from 'icc'."
    assert done["data"]["components"] == []
    assert (OTHER, "icc") not in bot.app.store.subscriptions()
    again, _ = await timed_click(bot, prompt, "newsalert:unsubscribe_topic:1:0",
                                 permissions=MANAGE_CHANNELS)
    assert again["data"]["content"] == "This channel is not subscribed to 'icc'."
