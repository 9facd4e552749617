"""Feed text cannot ping anyone or control the terminal through the plain-text render."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest

from adapters.console import ConsoleAdapter
from bot.config import FeedConfig
from bot.defang import defang
from bot.matching import compile_topics
from bot.models import Alert, Entity, EntityMatch, Extraction, Quote, Topic, TopicMatch
from bot.pipeline import Subscribers, evaluate
from bot.render import render_text
from bot.store import Delivery
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
    [(alert, channels)] = evaluate(feed, list(parsed.entries), compile_topics([topic]),
                                   Subscribers([("console:desk", "icc")], ["console"]),
                                   source=parsed.title)
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
