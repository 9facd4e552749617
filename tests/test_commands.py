"""The platform-neutral /news handler, on a real App with a real SQLite file."""

from __future__ import annotations

import pytest

from adapters.console import ConsoleAdapter
from bot.app import App
from bot.commands import Command
from bot.config import load_config
from bot.storage import SQLiteStore

CONFIG = """
[adapters.slack]
enabled = false

[[feeds]]
id = "wire"
path = "feed.xml"

[topics.icc]
title = "ICC warrants"
people = ["Benjamin Netanyahu"]
organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]
events = ["arrest warrant"]

[topics.markets]
organizations = ["Bank of England"]
events = ["rate cut"]
exclude = ["quiz", "crossword"]
ignore = ["Bank of England museum"]
require_event = true

[[subscriptions]]
channel = "slack:CSTATIC"
topics = ["icc"]
"""


@pytest.fixture
def app(write_config, tmp_path) -> App:
    config = load_config(write_config(CONFIG))
    application = App(config, SQLiteStore.open(tmp_path / "db.sqlite"),
                      adapters={"console": ConsoleAdapter(), "slack": ConsoleAdapter()})
    yield application
    application.store.close()


def cmd(name: str, args: str = "", channel: str = "slack:C1", admin: bool = True) -> Command:
    return Command("slack", channel, "U1", name, args, is_admin=admin)


async def test_topics_lists_entities(app: App) -> None:
    reply = await app.commands.handle(cmd("topics"))
    assert "icc: ICC warrants" in reply.text
    assert "Organizations: International Criminal Court" in reply.text and reply.ephemeral
    markets = reply.text.split("• markets")[1]
    assert "Alerts only when an event and a person or organization match" in markets
    assert "Never alerts on articles naming: quiz, crossword" in markets
    assert "Mentions inside these do not count: Bank of England museum" in markets
    assert "Never alerts" not in reply.text.split("• markets")[0]


async def test_subscribe_list_unsubscribe(app: App) -> None:
    reply = await app.commands.handle(cmd("subscribe", "markets"))
    assert "Subscribed this channel to 'markets'" in reply.text and not reply.ephemeral
    assert app.store.subscriptions() == [("slack:C1", "markets")]
    again = await app.commands.handle(cmd("subscribe", "markets"))
    assert "already subscribed" in again.text
    assert (await app.commands.handle(cmd("list"))).text == \
        "This channel gets alerts for: markets"
    assert app.subscribers().channels(["markets"]) == ["slack:C1"]
    gone = await app.commands.handle(cmd("unsubscribe", "markets"))
    assert "Unsubscribed" in gone.text and app.store.subscriptions() == []


async def test_unknown_topic_offers_choices(app: App) -> None:
    reply = await app.commands.handle(cmd("subscribe", "icj"))
    assert reply.choices == ("icc", "markets") and "There is no topic 'icj'" in reply.text
    missing = await app.commands.handle(cmd("subscribe"))
    assert "Which topic?" in missing.text


async def test_only_admins_change_subscriptions(app: App) -> None:
    reply = await app.commands.handle(cmd("subscribe", "icc", admin=False))
    assert "Only admins" in reply.text and app.store.subscriptions() == []


async def test_config_subscription_cannot_be_removed_by_command(app: App) -> None:
    reply = await app.commands.handle(cmd("unsubscribe", "icc", channel="slack:CSTATIC"))
    assert "set in the config file" in reply.text
    assert (await app.commands.handle(cmd("list", channel="slack:CSTATIC"))).text.endswith("icc")


async def test_preview_text(app: App) -> None:
    reply = await app.commands.handle(cmd(
        "preview", "ICC seeks arrest warrant\nThe ICC prosecutor sought an arrest warrant for "
        "Benjamin Netanyahu on Monday."))
    assert reply.alert is not None and reply.alert.topics[0].topic == "icc"
    assert reply.alert.title == "ICC seeks arrest warrant" and reply.ephemeral
    nothing = await app.commands.handle(cmd("preview", "Weather\nSunny all week."))
    assert nothing.text == "No topic would alert for this article."


async def test_unknown_command_and_help(app: App) -> None:
    reply = await app.commands.handle(cmd("subscrbe", "icc"))
    assert "Unknown command" in reply.text and "subscribe" in reply.choices
    assert "preview" in (await app.commands.handle(cmd("help"))).text


async def test_reload_keeps_old_config_on_error(app: App) -> None:
    path = app.config.path
    path.write_text(CONFIG.replace('title = "ICC warrants"', 'title = "ICC"'))
    ok = await app.commands.handle(cmd("reload"))
    assert ok.text.startswith("Reloaded: 1 feed, 2 topics")
    assert app.config.topic("icc").title == "ICC"
    path.write_text(CONFIG + "\n[topics.broken]\npeople = [1]\n")
    failed = await app.commands.handle(cmd("reload"))
    assert "Reload failed, the old config stays in force" in failed.text
    assert "topics.broken.people[0]" in failed.text
    assert app.config.topic("icc").title == "ICC" and app.config.topic("broken") is None


async def test_status(app: App) -> None:
    app.store.record_poll("wire", app.clock() - 30, app.clock() + 570, error="HTTP 500")
    reply = await app.commands.handle(cmd("status"))
    assert "1 feeds, 2 topics; 0 alerts sent today" in reply.text
    assert "wire: last poll 30s ago; FAILING x1: HTTP 500" in reply.text
