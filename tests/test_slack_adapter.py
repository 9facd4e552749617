"""The Slack adapter with the real slack_sdk client and the real Bolt app, against a local
Slack Web API server on 127.0.0.1 and a real SQLite file."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import re
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack_adapter import EVENTS_PATH, SlackAdapter, command_text
from adapters.slack_blocks import MAX_BLOCKS, MAX_HEADER, MAX_SECTION
from bot.app import App
from bot.commands import CommandHandler
from bot.config import SLACK_API_URL, load_config
from bot.delivery.deliverer import Deliverer
from bot.errors import ConfigError, NewsAlertError
from bot.models import Alert, EntityMatch, Extraction, Figure, Quote, TopicMatch
from bot.storage import Delivery, SQLiteStore
from tests.slack_api_server import APP_TOKEN, BOT_TOKEN, SlackAPIServer
from tests.test_store import alert, entry

SECRET = "test-signing-secret-0123456789"

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
ADMINS

[topics.icc]
title = "War-crimes cases"
people = ["Benjamin Netanyahu", "Yoav Gallant"]
organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]
events = ["arrest warrant", "war crimes"]

[topics.markets]
title = "Central banks"
organizations = ["Bank of England", "European Central Bank"]
"""


@pytest.fixture
async def server() -> AsyncIterator[SlackAPIServer]:
    api = SlackAPIServer()
    await api.start()
    api.add_user("UADMIN", admin=True)
    api.add_user("UOWNER", owner=True)
    api.add_user("UMEMBER")
    yield api
    await api.stop()


@pytest.fixture
async def make_app(write_config, tmp_path: Path, server: SlackAPIServer, monkeypatch
                   ) -> AsyncIterator[Callable[..., Any]]:
    """A whole App built from a config file, its Slack adapter started in HTTP mode."""
    apps: list[App] = []
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)

    async def make(admins: str = "", mode: str = 'signing_secret = "${SLACK_SIGNING_SECRET}"'
                   ) -> App:
        text = CONFIG.replace("API_URL", server.api_url).replace("ADMINS", admins) \
            .replace("MODE", mode)
        config = load_config(write_config(text))
        app = App(config, SQLiteStore.open(tmp_path / "bot.db"))
        await app.adapters["slack"].start(app.commands)
        apps.append(app)
        return app

    yield make
    for app in apps:
        await app.adapters["slack"].stop()
        app.store.close()


@pytest.fixture
async def adapter(server: SlackAPIServer) -> AsyncIterator[SlackAdapter]:
    config = load_config_for(server)
    slack = SlackAdapter(config, timeout=2)
    yield slack
    await slack.stop()


def load_config_for(server: SlackAPIServer, **changes: Any) -> Any:
    from bot.config import SlackSettings
    return replace(SlackSettings(enabled=True, bot_token=BOT_TOKEN, signing_secret=SECRET,
                                 host="127.0.0.1", port=0, api_url=server.api_url), **changes)


def signed(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


def slash_payload(server: SlackAPIServer, text: str, user: str = "UMEMBER",
                  channel: str = "C1", reply_to: str = "1") -> dict[str, str]:
    return {"token": "legacy", "team_id": "T0TEST", "channel_id": channel, "user_id": user,
            "command": "/news", "text": text, "response_url": server.response_url(reply_to),
            "trigger_id": "1.2.3"}


def slash(server: SlackAPIServer, text: str, **fields: str) -> str:
    """A slash command's form body, as Slack posts it in HTTP mode."""
    return urlencode(slash_payload(server, text, **fields))


async def post_command(app: App, body: str, headers: dict[str, str]) -> tuple[int, str]:
    port = app.adapters["slack"].port
    async with aiohttp.ClientSession() as session, session.post(
            f"http://127.0.0.1:{port}{EVENTS_PATH}", data=body, headers=headers) as response:
        return response.status, await response.text()


async def reply(server: SlackAPIServer, count: int = 1, wait: float = 5.0) -> dict[str, Any]:
    deadline = time.monotonic() + wait
    while len(server.responses) < count:
        assert time.monotonic() < deadline, "no reply was posted to the response URL"
        await asyncio.sleep(0.02)
    return server.responses[count - 1]


def all_text(message: dict[str, Any]) -> list[str]:
    """Every text string in a message: the fallback and each block's texts."""
    found = [message.get("text", "")]

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("text"), str):
                found.append(value["text"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(message.get("blocks", []))
    return found


def headline(message: dict[str, Any]) -> str:
    """The article title an alert message links to."""
    return re.fullmatch(r"\*<[^|]+\|(.*)>\* \(.*\)", message["blocks"][0]["text"]["text"]).group(1)


def assert_within_limits(message: dict[str, Any]) -> None:
    blocks = message["blocks"]
    assert 0 < len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION
        elif block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER
        elif block["type"] == "context":
            assert len(block["elements"]) <= 10
            assert all(len(e["text"]) <= MAX_SECTION for e in block["elements"])


def delivery(n: int = 1, channel: str = "slack:C1", **fields: Any) -> Delivery:
    values: dict[str, Any] = {"id": n, "alert_id": n, "channel": channel, "alert": alert(n),
                              "attempts": 0, "status": "pending", "created_at": time.time()}
    values.update(fields)
    return Delivery(**values)


HOSTILE = Alert(
    feed_id="wire", entry_id="evil", source="Evil <!here> Feed",
    title="<!channel> Warrant & <@U0123> <!subteam^S1|@legal> <https://evil.example|click>",
    url="javascript:alert(1)", published=datetime(2024, 11, 21, 15, 20, tzinfo=UTC),
    text_form="raw",
    topics=(TopicMatch("icc", (EntityMatch("person", "Benjamin <!everyone> Netanyahu", 2,
                                           ("Netanyahu",)),)),),
    extraction=Extraction(
        summary=("<!channel> " + "word & more " * 600,),
        figures=tuple(Figure(f"{i} <@U{i}> people", i) for i in range(60)),
        quotes=tuple(Quote("<!here> " + "q" * 4000, "<@UBOSS>") for _ in range(70)),
    ),
)


# -- slash commands through the Bolt HTTP endpoint -------------------------------------------


async def test_signed_subscribe_by_workspace_admin_is_handled(make_app, server) -> None:
    app = await make_app()
    server.fail("users.info", delay=1.0)  # the reply waits for this; the ack must not
    body = slash(server, "subscribe markets", user="UADMIN")
    status, text = await post_command(app, body, signed(body))
    assert status == 200 and text == ""
    assert server.responses == []  # acknowledged before the work was done
    answer = await reply(server)
    assert answer["response_type"] == "in_channel"
    assert "Subscribed this channel to 'markets'" in answer["text"]
    assert app.store.subscriptions() == [("slack:C1", "markets")]
    assert [r.args["user"] for r in server.calls("users.info")] == ["UADMIN"]


async def test_owner_is_admin_and_member_is_not(make_app, server) -> None:
    app = await make_app()
    for n, user in enumerate(["UOWNER", "UMEMBER"], start=1):
        body = slash(server, "reload", user=user, reply_to=str(n))
        assert (await post_command(app, body, signed(body)))[0] == 200
        await reply(server, n)
    assert server.responses[0]["text"].startswith("Reloaded:")
    assert server.responses[1]["text"] == "Only admins may use 'reload' here."
    assert server.responses[1]["response_type"] == "ephemeral"


async def test_configured_admins_replace_workspace_roles(make_app, server) -> None:
    app = await make_app(admins='admins = ["UMEMBER"]')
    for n, user in enumerate(["UMEMBER", "UADMIN"], start=1):
        body = slash(server, "subscribe icc", user=user, reply_to=str(n))
        await post_command(app, body, signed(body))
        await reply(server, n)
    assert server.responses[0]["response_type"] == "in_channel"
    assert server.responses[1]["text"] == "Only admins may use 'subscribe' here."
    assert server.calls("users.info") == []
    assert app.store.subscriptions() == [("slack:C1", "icc")]


async def test_unknown_topic_and_command_list_the_choices(make_app, server) -> None:
    app = await make_app()
    for n, text in enumerate(["subscribe nosuch", "frobnicate"], start=1):
        body = slash(server, text, user="UADMIN", reply_to=str(n))
        await post_command(app, body, signed(body))
        await reply(server, n)
    topic, command = server.responses
    assert topic["response_type"] == "ephemeral"
    assert "There is no topic 'nosuch'. Choose one of: icc, markets" in topic["text"]
    assert command["response_type"] == "ephemeral" and "Unknown command 'frobnicate'" in \
        command["text"] and "subscribe" in command["text"] and "preview" in command["text"]
    assert app.store.subscriptions() == []


async def test_preview_shows_the_alert_to_the_caller_only(make_app, server) -> None:
    app = await make_app()
    text = ("preview ICC issues arrest warrant for Netanyahu &lt;!channel&gt;\n"
            "The International Criminal Court issued an arrest warrant for Benjamin Netanyahu.")
    body = slash(server, text)
    await post_command(app, body, signed(body))
    answer = await reply(server)
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("This is the alert it would post:")
    texts = " ".join(all_text(answer))
    assert ":bust_in_silhouette: *People:* Benjamin Netanyahu" in texts
    assert "&lt;!channel&gt;" in texts and "<!channel>" not in texts
    assert_within_limits(answer)


async def test_empty_command_text_gives_help(make_app, server) -> None:
    app = await make_app()
    body = slash(server, "")
    await post_command(app, body, signed(body))
    assert (await reply(server))["text"].startswith("Commands: topics:")


@pytest.mark.parametrize("secret", ["wrong-secret", None])
async def test_bad_signature_is_rejected(make_app, server, secret) -> None:
    app = await make_app()
    body = slash(server, "subscribe icc", user="UADMIN")
    headers = signed(body, secret=secret) if secret else {
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "Content-Type": "application/x-www-form-urlencoded"}
    status, _ = await post_command(app, body, headers)
    assert status == 401
    await asyncio.sleep(0.2)
    assert server.responses == [] and app.store.subscriptions() == []


async def test_old_timestamp_is_rejected(make_app, server) -> None:
    app = await make_app()
    body = slash(server, "subscribe icc", user="UADMIN")
    status, _ = await post_command(app, body, signed(body, timestamp=int(time.time()) - 360))
    assert status == 401
    fresh = await post_command(app, body, signed(body, timestamp=int(time.time()) - 60))
    assert fresh[0] == 200
    await reply(server)
    assert app.store.subscriptions() == [("slack:C1", "icc")]


async def test_socket_mode_command_is_acknowledged_and_answered(make_app, server) -> None:
    app = await make_app(mode='app_token = "${SLACK_APP_TOKEN}"')
    assert app.adapters["slack"].port is None  # no HTTP endpoint in Socket Mode
    await server.connected()
    server.fail("users.info", delay=1.0)  # the reply waits for this; the ack must not
    envelope = await server.push("slash_commands",
                                 slash_payload(server, "subscribe icc", user="UADMIN"))
    deadline = time.monotonic() + 5
    while not server.acks:
        assert time.monotonic() < deadline, "the envelope was never acknowledged"
        await asyncio.sleep(0.02)
    assert server.responses == []  # acknowledged before the work was done
    answer = await reply(server)
    assert answer["response_type"] == "in_channel" and "'icc'" in answer["text"]
    assert [a["envelope_id"] for a in server.acks] == [envelope]
    assert app.store.subscriptions() == [("slack:C1", "icc")]
    [opened] = server.calls("apps.connections.open")
    assert opened.token == APP_TOKEN


async def test_refused_app_token_stops_start_with_a_clear_error(server) -> None:
    slack = SlackAdapter(load_config_for(server, app_token="xapp-wrong"))
    with pytest.raises(NewsAlertError, match=r"Slack refused the app token \(invalid_auth\)"):
        await slack.start(CommandHandler(None))  # type: ignore[arg-type]


async def test_a_worker_that_only_posts_opens_no_socket(server) -> None:
    """Of several workers, those that do not take the commands only post: they never ask for
    a Socket Mode connection (a wrong app token would have refused it)."""
    slack = SlackAdapter(load_config_for(server, app_token="xapp-wrong"))
    await slack.start(None)
    try:
        assert (await slack.send(delivery(1))).status == "sent"
    finally:
        await slack.stop()
    assert not [r for r in server.requests if r.method == "apps.connections.open"]


def test_command_text_undoes_slack_escaping() -> None:
    assert command_text("preview <https://a.example/x?a=1&amp;b=2|a.example/x>") == \
        "preview https://a.example/x?a=1&b=2"
    assert command_text("preview A &amp; B &lt;3") == "preview A & B <3"
    assert command_text("subscribe icc") == "subscribe icc"


# -- posting ---------------------------------------------------------------------------------


async def test_alert_is_posted_with_blocks_metadata_and_fallback(adapter, server) -> None:
    result = await adapter.send(delivery(7))
    assert result.status == "sent"
    [post] = server.posts("C1")
    assert result.ref == post["ts"]
    assert post["metadata"] == {"event_type": "newsalert_alert",
                                "event_payload": {"key": "newsalert-7-7", "alert_id": 7}}
    assert post["text"].startswith("<https://example.org/7|Title 7>\nWire\n"
                                   "Matched People: Benjamin Netanyahu (3)")
    # The real host beside the title.
    assert post["blocks"][0]["text"]["text"] == "*<https://example.org/7|Title 7>* (example.org)"
    texts = all_text(post)
    assert "• 44,056 people had been killed\n• $5 million" in texts[5]
    assert ">“now officially a wanted man”\n>— _Agnes Callamard_" in texts
    assert_within_limits(post)
    [call] = server.calls("chat.postMessage")
    assert call.token == BOT_TOKEN and call.args["unfurl_links"] is False


async def test_hostile_feed_text_is_escaped_and_trimmed(adapter, server) -> None:
    result = await adapter.send(delivery(1, alert=HOSTILE))
    assert result.status == "sent"
    [post] = server.posts("C1")
    assert_within_limits(post)
    for text in all_text(post):
        for mention in ("<!channel", "<!here", "<!everyone", "<@U", "<!subteam", "<https://evil",
                        "<javascript"):
            assert mention not in text, (mention, text[:200])
    head = post["blocks"][0]["text"]["text"]
    assert head.startswith("*&lt;!channel&gt; Warrant &amp; &lt;@U0123&gt;")
    assert "…and 52 more" in json.dumps(post["blocks"], ensure_ascii=False)  # 60 figures, 8 shown
    assert len(post["blocks"]) <= MAX_BLOCKS


@pytest.mark.parametrize(("failure", "retry_after", "checks"), [
    ({"status": 429, "retry_after": 7}, 7.0, False),
    ({"status": 500}, None, True),
    ({"status": 502, "body": "<html>Bad gateway</html>"}, None, True),
    ({"error": "internal_error"}, None, False),
])
async def test_transient_errors_are_retried(adapter, server, failure, retry_after, checks
                                            ) -> None:
    server.fail("chat.postMessage", **failure)
    result = await adapter.send(delivery())
    assert (result.status, result.retry_after) == ("retry", retry_after)
    assert server.posts("C1") == []
    assert (await adapter.send(delivery(attempts=1))).status == "sent"
    assert len(server.posts("C1")) == 1
    # A refusal posted nothing; after a 5xx the post may have gone through, so it looks first.
    assert bool(server.calls("conversations.history")) is checks


@pytest.mark.parametrize("error", ["channel_not_found", "not_in_channel", "is_archived"])
async def test_channel_errors_fail_for_good(adapter, server, error, caplog) -> None:
    server.channel("CGONE").error = error
    result = await adapter.send(delivery(channel="slack:CGONE"))
    assert result.status == "failed" and result.error.startswith(error + ": ")
    assert f"event=slack.post_failed channel=slack:CGONE error={error}" in caplog.text


@pytest.mark.parametrize("error", ["invalid_auth", "account_inactive", "token_revoked"])
async def test_token_errors_fail_for_good(adapter, server, error) -> None:
    server.fail("chat.postMessage", error=error)
    result = await adapter.send(delivery())
    assert result.status == "failed" and error in (result.error or "")


async def test_network_error_is_retried(adapter, server) -> None:
    await server.stop()
    result = await adapter.send(delivery())
    assert result.status == "retry" and result.error.startswith("network:")


async def test_timed_out_post_that_went_through_is_not_repeated(server) -> None:
    slow = SlackAdapter(load_config_for(server), timeout=0.5)
    server.fail("chat.postMessage", delay=1.5, after=True)  # kept, answer lost
    first = await slow.send(delivery(3))
    assert first.status == "retry" and len(server.posts("C1")) == 1
    again = await slow.send(delivery(3, attempts=1))
    assert again.status == "sent" and again.ref == server.posts("C1")[0]["ts"]
    assert len(server.posts("C1")) == 1


async def test_unreadable_history_on_retry_waits_instead_of_posting(adapter, server) -> None:
    server.fail("conversations.history", status=503)
    result = await adapter.send(delivery(attempts=1))
    assert result.status == "retry" and server.posts("C1") == []


async def test_followup_goes_in_the_thread_and_is_found_there(adapter, server) -> None:
    parent = await adapter.send(delivery(1))
    earlier = alert(1)
    newer = replace(alert(2), source="Other Wire", extraction=replace(
        alert(2).extraction, figures=(*alert(2).extraction.figures, Figure("12 judges", 12))))
    follow = delivery(2, alert=newer, kind="followup", thread_ref=parent.ref,
                      alerts=(newer, earlier))
    sent = await adapter.send(follow)
    reply_post = server.posts("C1")[1]
    assert reply_post["thread_ts"] == parent.ref
    assert reply_post["metadata"]["event_type"] == "newsalert_followup"
    texts = " ".join(all_text(reply_post))
    assert "Also reported by *Other Wire*: <https://example.org/2|Title 2>" in texts
    assert "12 judges" in texts and "44,056" not in texts  # only the figure that is new
    assert "now officially a wanted man" not in texts
    # Thread replies are not in the channel history: the check reads the thread.
    assert await adapter.find_sent(replace(follow, status="sending")) == sent.ref
    assert server.calls("conversations.replies")[-1].args["ts"] == parent.ref


async def test_digest_lists_alerts_within_limits(adapter, server) -> None:
    alerts = tuple(replace(alert(i), title=f"Story {i} <!channel>") for i in range(70))
    result = await adapter.send(delivery(1, kind="digest", alerts=alerts))
    assert result.status == "sent"
    [post] = server.posts("C1")
    assert_within_limits(post)
    blocks = post["blocks"]
    assert blocks[0] == {"type": "header",
                         "text": {"type": "plain_text", "text": "70 new alerts", "emoji": True}}
    assert len(blocks) == MAX_BLOCKS
    assert blocks[1]["text"]["text"].startswith(
        "*<https://example.org/0|Story 0 &lt;!channel&gt;>* (example.org)\n*Wire* · <!date^")
    assert blocks[-1]["elements"][0]["text"] == "…and 22 more alerts not shown"
    assert post["metadata"]["event_type"] == "newsalert_digest"
    assert "Story 69" in post["text"]


# -- start-up --------------------------------------------------------------------------------


async def test_started_adapter_keeps_one_connection_for_its_calls(server) -> None:
    slack = SlackAdapter(load_config_for(server))
    await slack.start(commands=None)  # type: ignore[arg-type]
    try:
        for n in range(3):
            assert (await slack.send(delivery(n, channel=f"slack:C{n}"))).status == "sent"
    finally:
        await slack.stop()
    peers = {r.peer for r in server.requests}  # auth.test and the three posts
    assert len(server.requests) == 4 and len(peers) == 1


async def test_refused_token_stops_start_with_a_clear_error(server) -> None:
    slack = SlackAdapter(load_config_for(server, bot_token="xoxb-wrong"))
    with pytest.raises(NewsAlertError, match=r"Slack refused the bot token \(invalid_auth\)"):
        await slack.start(commands=None)  # type: ignore[arg-type]


def test_api_url_is_configurable_and_checked(write_config) -> None:
    base = "[adapters.slack]\nenabled = true\nbot_token = 'x'\nsigning_secret = 's'\n"
    assert load_config(write_config(base), environ={}).slack.api_url == SLACK_API_URL
    local = load_config(write_config(base + "api_url = 'http://127.0.0.1:9/api'"), environ={})
    assert local.slack.api_url == "http://127.0.0.1:9/api/"
    with pytest.raises(ConfigError, match=r"adapters.slack.api_url: expected an http\(s\) URL"):
        load_config(write_config(base + "api_url = 'slack.com/api'"), environ={})


# -- the outbox end to end -------------------------------------------------------------------


async def test_outbox_posts_in_order_one_per_second_per_channel(tmp_path, server,
                                                                post_pace) -> None:
    assert post_pace == 1.0
    store = SQLiteStore.open(tmp_path / "out.db")
    slack = SlackAdapter(load_config_for(server))
    store.commit_entries("wire", [entry(i) for i in range(3)],
                         [(alert(0), ["slack:C1", "slack:C2"]), (alert(1), ["slack:C1"]),
                          (alert(2), ["slack:CGONE"])], now=time.time())
    server.channel("CGONE").error = "channel_not_found"
    server.fail("chat.postMessage", status=429, retry_after=0)
    await Deliverer(store, {"slack": slack}).drain(timeout=20)
    assert [headline(p) for p in server.posts("C1")] == ["Title 0", "Title 1"]
    assert len(server.posts("C2")) == 1
    stats = store.channel_stats()
    assert stats["slack:C1"] == {"pending": 0, "sent": 2, "failed": 0}
    assert stats["slack:CGONE"] == {"pending": 0, "sent": 0, "failed": 1}
    c1 = [r.at for r in server.calls("chat.postMessage") if r.args["channel"] == "C1"]
    assert all(b - a >= 0.95 for a, b in zip(c1, c1[1:], strict=False))
    store.close()


async def test_crash_after_the_post_does_not_post_twice(tmp_path, server) -> None:
    path = tmp_path / "crash.db"
    store = SQLiteStore.open(path)
    store.commit_entries("wire", [entry(1), entry(2)],
                         [(alert(1), ["slack:C1"]), (alert(2), ["slack:C1"])], now=time.time())
    [first] = store.due_deliveries(time.time(), ["slack"])
    store.mark_sending(first.id, time.time())
    posted = await SlackAdapter(load_config_for(server)).send(first)
    assert posted.status == "sent"
    store.close()  # the process dies here: the post is out, the outbox still says "sending"

    again = SQLiteStore.open(path)
    slack = SlackAdapter(load_config_for(server))
    await Deliverer(again, {"slack": slack}).drain(timeout=10)
    titles = [headline(p) for p in server.posts("C1")]
    assert titles == ["Title 1", "Title 2"]
    assert again.channel_stats()["slack:C1"] == {"pending": 0, "sent": 2, "failed": 0}
    row = again.db.execute("SELECT message_ref FROM deliveries WHERE id = ?",
                           [first.id]).fetchone()
    assert row[0] == posted.ref
    again.close()


async def test_crash_before_the_post_posts_once_on_restart(tmp_path, server) -> None:
    path = tmp_path / "early.db"
    store = SQLiteStore.open(path)
    store.commit_entries("wire", [entry(1)], [(alert(1), ["slack:C1"])], now=time.time())
    [first] = store.due_deliveries(time.time(), ["slack"])
    store.mark_sending(first.id, time.time())
    store.close()  # dies before the post

    again = SQLiteStore.open(path)
    await Deliverer(again, {"slack": SlackAdapter(load_config_for(server))}).drain(timeout=10)
    assert len(server.posts("C1")) == 1
    assert len(server.calls("conversations.history")) == 1  # it looked once before posting
    again.close()


def whole_bot_config(write_config, server: SlackAPIServer) -> Path:
    feed = Path(__file__).resolve().parents[1] / "examples" / "feeds" / "world.xml"
    return write_config(f"""
        [adapters.console]
        enabled = false
        [adapters.slack]
        enabled = true
        bot_token = "${{SLACK_BOT_TOKEN}}"
        signing_secret = "${{SLACK_SIGNING_SECRET}}"
        host = "127.0.0.1"
        port = 0
        api_url = "{server.api_url}"
        [[feeds]]
        id = "world"
        path = "{feed}"
        [topics.icc]
        people = ["Benjamin Netanyahu"]
        organizations = [{{ name = "International Criminal Court", aliases = ["ICC"] }}]
        [[subscriptions]]
        channel = "slack:CNEWS"
        topics = ["icc"]
        """)


def assert_alerts_posted_once(server: SlackAPIServer) -> None:
    posts = server.posts("CNEWS")
    assert posts, "the run posted no alert"
    keys = [p["metadata"]["event_payload"]["key"] for p in posts]
    assert len(set(keys)) == len(keys)
    assert all("Netanyahu" in p["text"] or "ICC" in p["text"] for p in posts)


async def test_whole_bot_run_posts_feed_alerts_to_the_configured_api(write_config, server,
                                                                     monkeypatch) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    path = whole_bot_config(write_config, server)
    for _ in range(2):  # the second run finds nothing new
        app = App.from_config_file(path)
        await app.run(once=True)
        app.store.close()
    assert_alerts_posted_once(server)
    assert len(server.calls("auth.test")) == 2


async def test_bot_process_uses_api_url_and_keeps_tokens_out_of_its_logs(write_config, server
                                                                         ) -> None:
    repo = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(repo), "SLACK_BOT_TOKEN": BOT_TOKEN,
           "SLACK_SIGNING_SECRET": SECRET}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "--log-level", "DEBUG", "run", "--once", "--config",
        str(whole_bot_config(write_config, server)), cwd=repo, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    logs = (out + err).decode()
    assert process.returncode == 0, logs[-2000:]
    assert_alerts_posted_once(server)
    assert "event=slack.connected" in logs and "event=delivery.sent" in logs
    assert BOT_TOKEN not in logs and SECRET not in logs


def test_manifest_and_docs_match_the_adapter() -> None:
    import dataclasses
    import tomllib

    import yaml

    from bot.config import SlackSettings

    repo = Path(__file__).resolve().parents[1]
    manifest = yaml.safe_load((repo / "slack-manifest.yml").read_text(encoding="utf-8"))
    [command] = manifest["features"]["slash_commands"]
    assert command["command"] == "/news" and command["should_escape"] is False
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert scopes == {"chat:write", "commands", "channels:history", "groups:history",
                      "users:read"}
    assert manifest["settings"]["socket_mode_enabled"] is True
    readme = (repo / "docs" / "slack.md").read_text(encoding="utf-8")
    section = readme[readme.index("# Slack setup"):]
    assert all(f"`{scope}`" in section for scope in scopes)
    example = (repo / "config.example.toml").read_text(encoding="utf-8")
    slack_table = example[example.index("[adapters.slack]"):example.index("[adapters.discord]")]
    for name in (f.name for f in dataclasses.fields(SlackSettings)):
        assert re.search(rf"^#? ?{name} = ", slack_table, re.M), f"{name} is not in the example"
    tomllib.loads(example)


async def test_refused_blocks_fall_back_to_the_plain_text(adapter, server, caplog) -> None:
    server.fail("chat.postMessage", error="invalid_blocks")
    result = await adapter.send(delivery(4))
    assert result.status == "sent"
    first, second = server.calls("chat.postMessage")
    assert "blocks" in first.args and "blocks" not in second.args
    [post] = server.posts("C1")
    assert post["text"].startswith("<https://example.org/4|Title 4>\nWire\n")
    assert post["metadata"]["event_payload"]["key"] == "newsalert-4-4"
    assert "event=slack.blocks_rejected" in caplog.text
