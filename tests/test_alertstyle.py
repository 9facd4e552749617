"""Alert formats and opt-in mentions per subscription: checked in the config, chosen per
delivery by the outbox, rendered natively by the real Slack and Discord clients against local
servers, and on the console. Feed text stays inert whatever the style."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import discord
import pytest

from adapters.console import ConsoleAdapter
from adapters.slack_adapter import SlackAdapter
from bot.analysis import analyze
from bot.config import Config, load_config
from bot.delivery.alertstyle import AlertStyle, shape, style_for
from bot.delivery.deliverer import Deliverer
from bot.errors import ConfigError
from bot.matching.matcher import compile_topics
from bot.models import Alert, Article, Entity, Entry, Topic
from bot.render import render_text
from bot.storage import SQLiteStore, Store
from tests.conftest import DATA
from tests.slack_api_server import SlackAPIServer
from tests.test_discord_adapter import CHANNEL, CHANNEL_ID, Bot, bot  # noqa: F401
from tests.test_slack_adapter import load_config_for

AFP = (DATA / "afp-icc-warrants.txt").read_text(encoding="utf-8")
TOPICS = """
[topics.icc]
people = ["Benjamin Netanyahu", "Yoav Gallant"]
organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]

[topics.gaza]
organizations = ["Hamas"]
"""


ICC = Topic("icc", "ICC", people=(Entity("person", "Benjamin Netanyahu"),),
            organizations=(Entity("organization", "International Criminal Court", ("ICC",)),))


def seed_alert(title: str = "ICC issues warrants <!channel> @everyone") -> Alert:
    analysis = analyze(Article(title, AFP, "https://wire.example.org/icc"),
                       compile_topics((ICC,)))
    return Alert("wire", "icc-1", "Wire", title, "https://wire.example.org/icc", None, "raw",
                 analysis.topics, analysis.extraction)


def load_config_from_text(text: str, folder: Path) -> Config:
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_the_seed_alert_has_what_the_formats_cut() -> None:
    alert = seed_alert()
    extraction = alert.extraction
    assert len(extraction.summary) >= 2 and len(extraction.figures) >= 2
    assert len(extraction.quotes) >= 2


def test_shape_keeps_what_each_format_shows() -> None:
    alert = seed_alert()
    compact = shape(alert, AlertStyle("compact"))
    assert compact.extraction.summary == alert.extraction.summary[:1]
    assert compact.extraction.figures == alert.extraction.figures[:1]
    assert compact.extraction.quotes == ()
    assert compact.topics == alert.topics  # why it matched stays
    headline = shape(alert, AlertStyle("headline")).extraction
    assert (headline.summary, headline.figures, headline.quotes) == ((), (), ())
    capped = shape(alert, AlertStyle(max_quotes=1, max_figures=0)).extraction
    assert capped.quotes == alert.extraction.quotes[:1] and capped.figures == ()
    assert shape(alert, AlertStyle()) == alert


def test_style_for_takes_the_channel_subscriptions_that_fired() -> None:
    styles = [("slack:C1", ("icc",), AlertStyle("headline", mention=("<!subteam^S1>",))),
              ("slack:C1", ("gaza",), AlertStyle("compact", max_quotes=2, mention=("here",))),
              ("slack:C2", ("icc",), AlertStyle("compact"))]
    assert style_for(styles, "slack:C1", ["icc"]) == AlertStyle(
        "headline", mention=("<!subteam^S1>",))
    both = style_for(styles, "slack:C1", ["icc", "gaza"])
    assert both == AlertStyle("compact", max_quotes=None, mention=("<!subteam^S1>", "here"))
    assert style_for(styles, "slack:C9", ["icc"]) == AlertStyle()


def test_config_reads_and_checks_formats_and_mentions(write_config) -> None:
    config = load_config(write_config(TOPICS + """
        [[subscriptions]]
        channel = "discord:123"
        topics = ["icc"]
        format = "compact"
        max_figures = 2
        mention = "<@&42>"

        [[subscriptions]]
        channel = "slack:C1"
        topics = ["icc"]
        mode = "instant"
        mention = ["<!subteam^S0123>", "here"]
        """))
    discord_sub, slack_sub = config.subscriptions
    assert discord_sub.style == AlertStyle("compact", None, 2, ("<@&42>",))
    assert slack_sub.style.mention == ("<!subteam^S0123>", "here")
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(TOPICS + """
            [[subscriptions]]
            channel = "discord:123"
            topics = ["icc"]
            format = "tiny"
            max_quotes = -1
            mention = "@everyone"

            [[subscriptions]]
            channel = "slack:C1"
            topics = ["icc"]
            mention = "<@&42>"
            """))
    text = str(caught.value)
    assert 'subscriptions[0].format: expected "full", "compact" or "headline", got \'tiny\'' \
        in text
    assert "subscriptions[0].max_quotes: must be 0 or more, got -1" in text
    assert "subscriptions[0].mention: cannot mention '@everyone' on discord" in text
    assert "subscriptions[1].mention: cannot mention '<@&42>' on slack" in text


def _queue(store: Store, alert: Alert, channels: list[str]) -> None:
    store.commit_entries("wire", [Entry("wire", alert.entry_id, alert.title, alert.url, None,
                                        AFP)], [(alert, channels)], now=0.0)


async def test_slack_renders_compact_and_headline_with_the_configured_mention(
        tmp_path: Path) -> None:
    config = load_config_from_text(TOPICS + """
[[subscriptions]]
channel = "slack:CCOMPACT"
topics = ["icc"]
format = "compact"
mention = "<!subteam^S0123>"

[[subscriptions]]
channel = "slack:CHEAD"
topics = ["icc"]
format = "headline"

[[subscriptions]]
channel = "slack:CFULL"
topics = ["icc"]
max_quotes = 1
""", tmp_path)
    api = SlackAPIServer()
    await api.start()
    slack = SlackAdapter(load_config_for(api), timeout=2)
    store = SQLiteStore.open(tmp_path / "bot.db")
    alert = seed_alert()
    try:
        _queue(store, alert, ["slack:CCOMPACT", "slack:CHEAD", "slack:CFULL"])
        await Deliverer(store, {"slack": slack}, styles=config.alert_styles).drain(timeout=10)
        [compact] = api.posts("CCOMPACT")
        [head] = api.posts("CHEAD")
        [full] = api.posts("CFULL")
    finally:
        await slack.stop()
        await api.stop()
        store.close()
    texts = [b["text"]["text"] for b in compact["blocks"] if b["type"] == "section"]
    assert texts[0] == "<!subteam^S0123>" and compact["text"].startswith("<!subteam^S0123> ")
    assert "People:" in "\n".join(texts)  # why it matched
    assert sum("Key figures" in t for t in texts) == 1 and "\n• " in texts[-1]
    assert texts[-1].count("\n• ") == 1  # the top figure only
    assert not any(t.startswith(">“") for t in texts)  # no quotes
    # The only <!...> is the configured mention: the feed's title is escaped.
    assert "<!channel>" not in str(compact) and "warrants &lt;" in str(compact)
    assert [b["type"] for b in head["blocks"]] == ["section", "context", "actions"]
    assert "Key figures" not in str(head)
    assert "<!subteam" not in str(head)  # that channel asked for no mention
    quotes = [b for b in full["blocks"] if b["type"] == "section"
              and b["text"]["text"].startswith(">“")]
    assert len(quotes) == 1


async def test_discord_pings_exactly_the_configured_role(bot: Bot, tmp_path: Path  # noqa: F811
                                                         ) -> None:
    config = load_config_from_text(TOPICS + f"""
[[subscriptions]]
channel = "{CHANNEL}"
topics = ["icc"]
format = "headline"
mention = "<@&4242>"
""", tmp_path)
    _queue(bot.store, seed_alert(), [CHANNEL])
    await Deliverer(bot.store, bot.app.adapters, styles=config.alert_styles).drain(timeout=10)
    [body] = bot.server.posts
    assert body["content"] == "<@&4242>"
    assert body["allowed_mentions"] == {"parse": [], "roles": [4242], "users": []}
    embed = discord.Embed.from_dict(body["embeds"][0])
    assert embed.fields == [] and not embed.description
    assert embed.url == "https://wire.example.org/icc"
    assert "@\u200beveryone" in embed.title  # feed text stays inert
    assert len(bot.server.messages[CHANNEL_ID]) == 1


async def test_discord_alert_without_mention_pings_nobody(bot: Bot) -> None:  # noqa: F811
    _queue(bot.store, seed_alert(), [CHANNEL])
    await Deliverer(bot.store, bot.app.adapters, styles=list).drain(timeout=10)
    [body] = bot.server.posts
    assert body["allowed_mentions"] == {"parse": []} and not body.get("content")


async def test_console_prints_the_compact_alert(tmp_path: Path) -> None:
    config = load_config_from_text(TOPICS + """
[[subscriptions]]
channel = "console:desk"
topics = ["icc"]
format = "compact"
mention = "here"
""", tmp_path)
    store = SQLiteStore.open(tmp_path / "bot.db")
    out = tmp_path / "out.txt"
    _queue(store, seed_alert("ICC issues warrants"), ["console:desk"])
    await Deliverer(store, {"console": ConsoleAdapter(file=out)},
                    styles=config.alert_styles).drain(timeout=10)
    store.close()
    printed = out.read_text(encoding="utf-8")
    assert "[mention: here]" in printed and "Matched icc" in printed
    assert "Figures:\n  • " in printed and "Quotes:" not in printed
    figures = printed.split("Figures:\n", 1)[1]
    assert figures.count("  • ") == 1


def test_compact_skips_a_summary_sentence_that_repeats_the_title() -> None:
    alert = seed_alert("Israel cuts $6 million in UN funding")
    teaser = dataclasses.replace(alert, extraction=dataclasses.replace(
        alert.extraction, summary=("Israel cuts $6 million in UN funding.", "It follows a vote.")))
    assert shape(teaser, AlertStyle("compact")).extraction.summary == ("It follows a vote.",)
    only = dataclasses.replace(teaser, extraction=dataclasses.replace(
        teaser.extraction, summary=("ISRAEL cuts $6 million in UN funding",)))
    assert shape(only, AlertStyle("compact")).extraction.summary == ()


def test_a_full_alert_leaves_out_a_summary_that_only_repeats_the_title() -> None:
    alert = seed_alert("Trudeau will not attend the inauguration")
    title_only = dataclasses.replace(alert, extraction=dataclasses.replace(
        alert.extraction, summary=("Trudeau will not attend the inauguration",)))
    shaped = shape(title_only, AlertStyle("full"))
    assert shaped.extraction.summary == ()
    assert "Summary" not in render_text(shaped) and "Trudeau will not" in render_text(shaped)
    # A sentence that says more than the title stays, in its place.
    teaser = dataclasses.replace(alert, extraction=dataclasses.replace(
        alert.extraction, summary=("Trudeau will not attend the inauguration.",
                                   "He will be in Ottawa, his office said.")))
    assert shape(teaser, AlertStyle("full")).extraction.summary == (
        "He will be in Ottawa, his office said.",)
