"""Feed text cannot ping anyone or control the terminal through the plain-text render."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, datetime

import pytest

from adapters.console import ConsoleAdapter
from bot.config import FeedConfig
from bot.defang import defang
from bot.delivery.deliverer import Deliverer
from bot.matching.matcher import compile_topics
from bot.models import Alert, Entity, EntityMatch, Extraction, Quote, Topic, TopicMatch
from bot.pipeline import Subscribers, evaluate_poll
from bot.render import render_text
from bot.storage import Delivery, SQLiteStore
from tests.discord_api_server import CHANNEL_ID
from tests.test_discord_adapter import bot  # noqa: F401 - the Discord client on a local server
from tests.test_slack_adapter import adapter, server  # noqa: F401 - Slack on a local server
from watchers.parse import parse_feed

HOSTILE = [
    "@everyone", "@here", "@channel", "@Everyone", "<!channel>", "<!here>", "<!everyone>",
    "<!subteam^S123>", "<@U0123ABC>", "<@123456789012345678>", "<@!123456789012345678>",
    "<@&987654321098765432>", "<#C0123>", "<#123456789012345678>", "</ban:123456>",
]
# What a platform or a terminal would act on, if it reached them unbroken.
ACTIVE = re.compile(r"@(everyone|here|channel)\b|<[!@#/]|[\x00-\x08\x0b-\x1f\x7f-\x9f]",
                    re.IGNORECASE)


@pytest.mark.parametrize("mention", HOSTILE)
def test_mentions_are_broken(mention: str) -> None:
    safe = defang(f"ICC news {mention} now")
    assert not ACTIVE.search(safe)
    assert safe.replace("\u200b", "") == f"ICC news {mention} now"  # nothing visible is lost


def test_terminal_controls_and_bidi_overrides_are_removed() -> None:
    text = "Court\x1b[2J\x1b]0;pwned\x07 ruling\r\x08\u202egnp.exe\u2066 done\nnext\tline"
    assert defang(text) == "Court[2J]0;pwned rulinggnp.exe done\nnext\tline"


def test_plain_words_are_untouched() -> None:
    text = "Email press@icc-cpi.int; 3 < 5 and 7 > 2; here@home; the channel@4pm."
    assert defang(text) == text


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>@here Wire</title>
<item><title>@everyone ICC warrant &lt;!channel&gt; &lt;@U0123ABC&gt;</title><guid>1</guid>
<link>https://example.org/1</link>
<description>&lt;p&gt;The International Criminal Court &lt;@&amp;987654321&gt; said
&#27;[31mRED&#27;[0m @here.&lt;/p&gt;</description></item></channel></rss>"""


async def test_hostile_feed_to_console_output() -> None:
    """The whole path: feed bytes -> entries -> alert -> the console adapter's output."""
    parsed = parse_feed(FEED.encode(), "https://example.org/feed", "wire")
    topic = Topic("icc", "ICC", organizations=(
        Entity("organization", "International Criminal Court", ("ICC",)),))
    feed = FeedConfig("wire", "https://example.org/feed", None, 60.0)
    [(alert, channels)] = evaluate_poll(feed, list(parsed.entries), compile_topics([topic]),
                                        Subscribers([("console:desk", "icc")], ["console"]),
                                        source=parsed.title).alerts
    out = io.StringIO()
    delivery = Delivery(1, 1, channels[0], alert, 0, "pending", 0.0)
    await ConsoleAdapter(out).send(delivery)
    printed = out.getvalue()
    assert "ICC warrant" in printed and "RED" in printed
    assert not ACTIVE.search(printed), printed


def test_every_field_of_an_alert_is_defanged() -> None:
    alert = Alert(
        feed_id="f", entry_id="e", source="@everyone news", title="<!channel> title",
        url="https://example.org/<@U1>", published=datetime(2024, 1, 1, tzinfo=UTC),
        text_form="raw",
        topics=(TopicMatch("icc", (EntityMatch("person", "<@&123>", 1, ("x",)),)),),
        extraction=Extraction(summary=("Sum @here.",), quotes=(Quote("<#C1>", "@channel"),)),
    )
    assert not ACTIVE.search(render_text(alert))


def hostile_alert() -> Alert:
    return Alert(
        feed_id="wire", entry_id="h1", source="<!here> Wire", title="@everyone ICC <@123456>",
        url="https://example.org/h1", published=None, text_form="raw",
        topics=(TopicMatch("icc", (EntityMatch("organization", "ICC", 1, ("ICC",)),)),),
        extraction=Extraction(summary=("Ruling <@&987654321> @here \x1b[31m.",),
                              quotes=(Quote("Call <#C0123> now", "<!channel>"),)),
    )


async def test_hostile_feed_text_pings_nobody_on_discord(bot) -> None:  # noqa: F811
    """Through the outbox to the real Discord client and the local Discord server."""
    channel = f"discord:{CHANNEL_ID}"
    bot.store.commit_entries("wire", [], [(hostile_alert(), [channel])], now=0.0)
    await Deliverer(bot.store, {"discord": bot.adapter}, clock=lambda: 0.0).drain(10)
    body, = bot.server.posts
    assert body["allowed_mentions"] == {"parse": []}
    visible = json.dumps([body.get("content") or "", body["embeds"]], ensure_ascii=False)
    assert "ICC" in visible and "Ruling" in visible
    assert not ACTIVE.search(visible), visible


async def test_hostile_feed_text_pings_nobody_on_slack(adapter, server) -> None:  # noqa: F811
    """Through the outbox to the real Slack client and the local Slack server."""
    store = SQLiteStore.open(":memory:")
    store.commit_entries("wire", [], [(hostile_alert(), ["slack:C1"])], now=0.0)
    await Deliverer(store, {"slack": adapter}, clock=lambda: 0.0).drain(10)
    post, = server.posts("C1")
    visible = json.dumps([post["text"], post["blocks"]], ensure_ascii=False)
    assert "ICC" in visible and "Ruling" in visible
    assert not ACTIVE.search(visible), visible
    assert "@everyone" not in visible and "@here" not in visible
    store.close()
