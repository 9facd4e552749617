"""The buttons under Slack alerts, clicked: the real Bolt app (HTTP mode with its request
signature check, and Socket Mode) and the real slack_sdk client against the local Slack Web
API server, the store on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlencode

import pytest

from adapters.slack_adapter import SlackAdapter
from adapters.slack_blocks import ACTIONS_BLOCK, MAX_BLOCKS, with_actions
from bot.app import App
from bot.config import load_config
from bot.storage import Delivery
from tests.conftest import Backend
from tests.slack_api_server import APP_TOKEN, BOT_TOKEN, SlackAPIServer
from tests.test_shared_store import TEXT, text_mark
from tests.test_slack_adapter import HOSTILE, SECRET, post_command, signed
from tests.test_store import alert, entry

ACK_LIMIT = 3.0
"""Slack's deadline for acknowledging an interaction."""
CONFIG = """
[adapters.console]
enabled = false

[adapters.slack]
enabled = true
bot_token = "${SLACK_BOT_TOKEN}"
MODE
host = "127.0.0.1"
port = 0
api_url = "API_URL"

[topics.icc]
title = "War-crimes cases"
people = ["Benjamin Netanyahu"]

[[subscriptions]]
channel = "slack:C1"
topics = ["icc"]
"""


@pytest.fixture
async def server() -> AsyncIterator[SlackAPIServer]:
    api = SlackAPIServer()
    await api.start()
    api.add_user("UADMIN", admin=True)
    api.add_user("UMEMBER")
    yield api
    await api.stop()


@pytest.fixture
async def make_app(write_config, backend: Backend, server: SlackAPIServer, monkeypatch
                   ) -> AsyncIterator[Callable[..., Any]]:
    """The whole bot from a config file on the test's backend, its Slack adapter started."""
    apps: list[App] = []
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)

    async def make(mode: str = f'signing_secret = "{SECRET}"') -> App:
        config = load_config(write_config(CONFIG.replace("API_URL", server.api_url)
                                          .replace("MODE", mode)))
        app = App(config, backend.open())
        await app.adapters["slack"].start(app.commands)
        apps.append(app)
        return app

    yield make
    for app in apps:
        await app.adapters["slack"].stop()


def story_article(app: App, n: int, channels: list[str]) -> int:
    """Article ``n`` of the one story these tests share, queued for ``channels``."""
    alert_id, = app.store.commit_entries("wire", [entry(n)], [(alert(n), channels)],
                                         time.time(), marks={f"id-{n}": text_mark(TEXT)})
    return alert_id


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a message's actions block, by action_id."""
    block = message["blocks"][-1]
    assert block["type"] == "actions"
    return {b["action_id"]: b for b in block["elements"]}


def click_payload(server: SlackAPIServer, button: dict[str, Any], *, channel: str = "C1",
                  user: str = "UMEMBER", ephemeral: bool = False, reply_to: str = "1"
                  ) -> dict[str, Any]:
    """A block_actions payload as Slack sends it when ``button`` is clicked."""
    return {
        "type": "block_actions", "team": {"id": "T0TEST", "domain": "test"},
        "user": {"id": user, "team_id": "T0TEST"}, "api_app_id": "A0TEST", "token": "legacy",
        "trigger_id": "1.2.3", "response_url": server.response_url(reply_to),
        "container": {"type": "message", "message_ts": "1.000001", "channel_id": channel,
                      "is_ephemeral": ephemeral},
        "channel": {"id": channel, "name": "news"},
        "actions": [{"type": "button", "action_id": button["action_id"],
                     "block_id": ACTIONS_BLOCK, "value": button["value"],
                     "text": button["text"], "action_ts": f"{time.time():.6f}"}]}


def form(payload: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(payload)})


async def click(app: App, server: SlackAPIServer, button: dict[str, Any], **fields: Any
                ) -> tuple[int, float]:
    """Post a signed click; return the HTTP status and how long the acknowledgement took."""
    body = form(click_payload(server, button, **fields))
    started = time.monotonic()
    status, _ = await post_command(app, body, signed(body))
    return status, time.monotonic() - started


async def answer(server: SlackAPIServer, reply_to: str, wait: float = 10.0) -> dict[str, Any]:
    deadline = time.monotonic() + wait
    while not (found := [r for r in server.responses if r["id"] == reply_to]):
        assert time.monotonic() < deadline, f"no answer was posted to response URL {reply_to}"
        await asyncio.sleep(0.02)
    return found[0]


async def posted_alert(app: App, server: SlackAPIServer, channels: list[str], n: int = 1
                       ) -> dict[str, Any]:
    """Queue article ``n`` for ``channels``, deliver it, and return its message in C1 (or the
    first channel)."""
    story_article(app, n, channels)
    await app.deliverer.drain(timeout=15)
    return server.posts(channels[0].partition(":")[2])[-1]


# -- the buttons on the posts ----------------------------------------------------------------


async def test_alerts_and_followups_carry_the_buttons_and_digests_do_not(make_app,
                                                                        server) -> None:
    app = await make_app()
    first = await posted_alert(app, server, ["slack:C1"])
    followup = await posted_alert(app, server, ["slack:C1"], n=2)
    assert followup.get("thread_ts") == first["ts"]
    for message, alert_id in ((first, 1), (followup, 2)):
        found = buttons(message)
        assert [b["text"]["text"] for b in found.values()] == [
            "Mute this story", "Not relevant", "Unsubscribe topic"]
        assert {b["value"] for b in found.values()} == {str(alert_id)}
    digest = app.adapters["slack"].render(Delivery(
        id=9, alert_id=1, channel="slack:C1", alert=alert(1), attempts=0, status="pending",
        created_at=0.0, kind="digest", alerts=(alert(1), alert(2))))
    assert all(b["type"] != "actions" for b in digest["blocks"])


def test_the_buttons_fit_within_the_block_limit() -> None:
    message = SlackAdapter.render(Delivery(id=1, alert_id=5, channel="slack:C1", alert=HOSTILE,
                                           attempts=0, status="pending", created_at=0.0))
    assert set(buttons(message)) == {"newsalert_mute", "newsalert_not_relevant",
                                     "newsalert_unsubscribe"}
    sections = [{"type": "section", "text": {"type": "mrkdwn", "text": str(i)}}
                for i in range(60)]
    full = with_actions({"text": "t", "blocks": sections}, 3)
    assert len(full["blocks"]) == MAX_BLOCKS
    assert full["blocks"][-2]["elements"][0]["text"] == "…12 more parts not shown"
    assert set(buttons(full)) == set(buttons(message))
    small = with_actions({"text": "t", "blocks": sections[:1]}, 3)
    assert len(small["blocks"]) == 2


# -- clicks through the Bolt HTTP endpoint ---------------------------------------------------


async def test_a_signed_not_relevant_click_is_acknowledged_at_once_and_recorded_once(
        make_app, server) -> None:
    app = await make_app()
    button = buttons(await posted_alert(app, server, ["slack:C1"]))["newsalert_not_relevant"]
    status, took = await click(app, server, button, reply_to="first")
    assert status == 200 and took < ACK_LIMIT
    first = await answer(server, "first")
    assert first["response_type"] == "ephemeral" and first["replace_original"] is False
    assert "Marked not relevant for 'icc' (matched Netanyahu, Benjamin Netanyahu)" in \
        first["text"]
    status, _ = await click(app, server, button, reply_to="second", user="UADMIN")
    assert status == 200
    assert (await answer(server, "second"))["text"] == \
        "This alert is already marked not relevant here."
    mark, = app.store.feedback_marks()
    assert (mark.channel, mark.topic, mark.kind, mark.by) == \
        ("slack:C1", "icc", "not_relevant", "UMEMBER")
    assert mark.mentions == ("Netanyahu", "Benjamin Netanyahu")


@pytest.mark.parametrize("how", ["wrong secret", "no signature", "stale timestamp"])
async def test_unsigned_or_forged_clicks_are_refused(make_app, server, how) -> None:
    app = await make_app()
    button = buttons(await posted_alert(app, server, ["slack:C1"]))["newsalert_mute"]
    body = form(click_payload(server, button))
    headers = {"wrong secret": signed(body, secret="not-the-secret"),
               "no signature": {"Content-Type": "application/x-www-form-urlencoded",
                                "X-Slack-Request-Timestamp": str(int(time.time()))},
               "stale timestamp": signed(body, timestamp=int(time.time()) - 600)}[how]
    status, _ = await post_command(app, body, headers)
    assert status == 401
    await asyncio.sleep(0.3)
    assert server.responses == []
    assert app.store.feedback_marks() == [] and app.store.muted_stories("slack:C1") == set()


async def test_a_signed_click_on_an_alert_of_another_channel_is_refused(make_app,
                                                                       server) -> None:
    app = await make_app()
    app.store.subscribe("slack:C2", "icc", "UADMIN", 0.0)
    button = buttons(await posted_alert(app, server, ["slack:C2"]))["newsalert_not_relevant"]
    status, took = await click(app, server, button, channel="C1")
    assert status == 200 and took < ACK_LIMIT
    assert (await answer(server, "1"))["text"] == "That alert was not posted in this channel."
    assert app.store.feedback_marks() == []


async def test_a_muted_story_gets_no_more_replies_here_but_still_in_other_channels(
        make_app, server) -> None:
    app = await make_app()
    app.store.subscribe("slack:C2", "icc", "UADMIN", 0.0)
    first = await posted_alert(app, server, ["slack:C1", "slack:C2"])
    status, took = await click(app, server, buttons(first)["newsalert_mute"])
    assert status == 200 and took < ACK_LIMIT
    assert (await answer(server, "1"))["text"].startswith("Muted: no more alerts or replies")
    await posted_alert(app, server, ["slack:C1", "slack:C2"], n=2)
    assert [m["text"] for m in server.posts("C1")] == [first["text"]]
    reply = server.posts("C2")[-1]
    assert reply["text"].startswith("Also reported by") and "thread_ts" in reply
    status, _ = await click(app, server, buttons(first)["newsalert_mute"], reply_to="2")
    assert (await answer(server, "2"))["text"] == \
        "This story is already muted in this channel."
    assert app.store.muted_stories("slack:C2") == set()
    assert len(app.store.feedback_marks(kind="mute")) == 1


async def test_unsubscribe_is_refused_to_a_member_and_confirmed_by_an_admin(make_app,
                                                                            server) -> None:
    app = await make_app()
    app.store.subscribe("slack:C2", "icc", "UADMIN", 0.0)
    button = buttons(await posted_alert(app, server, ["slack:C2"]))["newsalert_unsubscribe"]
    await click(app, server, button, channel="C2", reply_to="member")
    assert (await answer(server, "member"))["text"] == \
        "Only admins may unsubscribe this channel from a topic."
    server.fail("users.info", delay=ACK_LIMIT + 0.5)  # the admin check must not hold the ack
    status, took = await click(app, server, button, channel="C2", user="UADMIN",
                               reply_to="admin")
    assert status == 200 and took < ACK_LIMIT
    question = await answer(server, "admin")
    assert question["response_type"] == "ephemeral"
    assert question["text"] == "Stop this topic's alerts in this channel?"
    choices = buttons(question)
    assert choices["newsalert_unsubscribe_topic"]["style"] == "danger"
    assert ("slack:C2", "icc") in app.store.subscriptions()
    await click(app, server, choices["newsalert_unsubscribe_topic"], channel="C2",
                user="UADMIN", ephemeral=True, reply_to="confirm")
    done = await answer(server, "confirm")
    assert done["text"] == "Unsubscribed this channel from 'icc'."
    assert done["replace_original"] is True and done["response_type"] == "ephemeral"
    assert ("slack:C2", "icc") not in app.store.subscriptions()


async def test_a_config_subscription_is_named_for_the_admin_to_change(make_app,
                                                                      server) -> None:
    app = await make_app()
    alert_id = story_article(app, 1, ["slack:C1"])
    confirm = {"action_id": "newsalert_unsubscribe_topic", "value": f"{alert_id}:0",
               "text": {"type": "plain_text", "text": "Unsubscribe from icc"}}
    await click(app, server, confirm, user="UADMIN", ephemeral=True)
    first = await answer(server, "1")
    assert '[[subscriptions]] with channel = "slack:C1" in config.toml' in first["text"]
    assert first["replace_original"] is True
    assert app.config_channels("icc") == ["slack:C1"]
    # The same answer to a click on a message everyone sees never replaces that message.
    await click(app, server, confirm, user="UADMIN", ephemeral=False, reply_to="2")
    assert (await answer(server, "2"))["replace_original"] is False


async def test_a_click_over_socket_mode_is_acknowledged_and_answered(make_app,
                                                                     server) -> None:
    app = await make_app(mode='app_token = "${SLACK_APP_TOKEN}"')
    await server.connected()
    button = buttons(await posted_alert(app, server, ["slack:C1"]))["newsalert_not_relevant"]
    started = time.monotonic()
    envelope = await server.push("interactive", click_payload(server, button))
    while not server.acks:
        assert time.monotonic() - started < ACK_LIMIT, "the click was not acknowledged"
        await asyncio.sleep(0.02)
    assert [a["envelope_id"] for a in server.acks] == [envelope]
    assert "Marked not relevant" in (await answer(server, "1"))["text"]
    assert len(app.store.feedback_marks()) == 1


def test_the_manifest_turns_interactivity_on_and_the_docs_say_where_clicks_go() -> None:
    import yaml

    from tests.conftest import REPO
    manifest = yaml.safe_load((REPO / "slack-manifest.yml").read_text(encoding="utf-8"))
    assert manifest["settings"]["interactivity"] == {"is_enabled": True}
    docs = (REPO / "docs" / "slack.md").read_text(encoding="utf-8")
    assert "Interactivity Request URL" in docs and "`https://YOUR-HOST/slack/events`" in docs
