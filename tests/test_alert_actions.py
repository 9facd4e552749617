"""The buttons under an alert, as every platform shares them (``bot.actions``), on both store
backends: what each records, what a second click does, a muted story's later articles, who
may unsubscribe, clicks that do not belong to the channel, and per-topic precision."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator

import pytest

from adapters.console import ConsoleAdapter
from bot.actions import Action, AlertActions, action_value, mentions, parse_value
from bot.app import App
from bot.config import ChannelRule, load_config
from bot.models import EntityMatch, TopicMatch
from bot.precision import TopicPrecision, precision_line, topic_precision
from bot.storage import StoryPolicy
from bot.storage.records import FeedbackMark
from tests.conftest import Backend
from tests.test_shared_store import TEXT, text_mark
from tests.test_store import alert, entry

DESK, OTHER, RUNTIME = "console:desk", "console:other", "console:runtime"
CONFIG = f"""
[adapters.console]
enabled = true

[topics.icc]
title = "ICC"
people = ["Benjamin Netanyahu"]

[topics.markets]
title = "Markets"
organizations = ["Bank of England"]

[[subscriptions]]
channel = "{DESK}"
topics = ["icc"]

[[subscriptions]]
channel = "{OTHER}"
topics = ["icc"]
"""
NOW = 1_000_000.0


@pytest.fixture
def app(backend: Backend, write_config) -> Iterator[App]:
    config = load_config(write_config(CONFIG))
    bot = App(config, backend.open(), adapters={"console": ConsoleAdapter(out=io.StringIO())},
              clock=lambda: NOW)
    yield bot


def actions(app: App) -> AlertActions:
    return AlertActions(app.commands, clock=lambda: NOW)


async def press(app: App, name: str, value: str | int, channel: str = DESK, *,
                user: str = "U1", admin: bool = False):
    return await actions(app).handle(Action("console", channel, user, name, str(value),
                                            is_admin=admin))


def story_alert(app: App, n: int, channels: list[str], at: float = NOW) -> int:
    """Alert ``n``, an article of the one story every call shares, queued for ``channels``."""
    alert_id, = app.store.commit_entries(
        "wire", [entry(n)], [(alert(n), channels)], at, marks={f"id-{n}": text_mark(TEXT)})
    return alert_id


def send_all(app: App, at: float = NOW) -> None:
    while due := app.store.due_deliveries(at, ["console"]):
        for d in due:
            app.store.mark_sent(d.id, f"ref-{d.id}", at)


# -- pure parts -------------------------------------------------------------------------------


def test_a_button_value_carries_the_alert_and_a_topic_position() -> None:
    assert parse_value(action_value(17)) == (17, None)
    assert parse_value(action_value(17, 2)) == (17, 2)
    for bad in ("", "x", "17:x", "-1", "17:", "1" * 41, "17:1:2"):
        with pytest.raises(ValueError, match="not an alert id"):
            parse_value(bad)


def test_mentions_are_the_forms_found_in_the_text_or_the_name() -> None:
    match = TopicMatch("icc", (
        EntityMatch("person", "Benjamin Netanyahu", 2, ("Netanyahu", "Benjamin Netanyahu")),
        EntityMatch("organization", "ICC", 1, ()),
        EntityMatch("person", "Yoav Gallant", 1, ("Netanyahu",))))
    assert mentions(match) == ("Netanyahu", "Benjamin Netanyahu", "ICC")


def test_precision_counts_marks_per_topic_and_kind() -> None:
    marks = [FeedbackMark(1, DESK, "icc", "not_relevant", "U1", 1.0),
             FeedbackMark(2, DESK, "icc", "not_relevant", "U1", 1.0),
             FeedbackMark(2, DESK, "icc", "mute", "U1", 1.0),
             FeedbackMark(3, DESK, "markets", "mute", "U1", 1.0)]
    rows = topic_precision(["icc", "markets", "quiet"], {"icc": 8, "markets": 1}, marks)
    assert rows == [TopicPrecision("icc", 8, 2, 1), TopicPrecision("markets", 1, 0, 1),
                    TopicPrecision("quiet", 0, 0, 0)]
    assert rows[0].precision == 0.75 and rows[2].precision is None
    assert precision_line(rows[0]) == ("icc: 8 alerts posted, 2 marked not relevant, "
                                       "1 story muted; precision 75%")
    assert precision_line(rows[2]) == "quiet: 0 alerts posted, 0 marked not relevant, " \
                                      "0 stories muted"


# -- not relevant -----------------------------------------------------------------------------


async def test_not_relevant_is_recorded_once_with_the_topic_and_its_mentions(app: App) -> None:
    alert_id = story_alert(app, 1, [DESK])
    reply = await press(app, "not_relevant", alert_id, user="U7")
    assert "Marked not relevant for 'icc' (matched Netanyahu, Benjamin Netanyahu)" in reply.text
    assert not reply.choices and not reply.replaces
    again = await press(app, "not_relevant", alert_id, user="U8")
    assert again.text == "This alert is already marked not relevant here."
    mark, = app.store.feedback_marks()
    assert (mark.alert_id, mark.channel, mark.topic, mark.kind, mark.by, mark.at) == \
        (alert_id, DESK, "icc", "not_relevant", "U7", NOW)
    assert mark.mentions == ("Netanyahu", "Benjamin Netanyahu")
    assert mark.story_id == app.store.story_of_alert(alert_id) is not None


async def test_not_relevant_marks_only_the_topics_the_channel_follows(app: App) -> None:
    both = dataclasses.replace(alert(1), topics=(
        *alert(1).topics,
        TopicMatch("markets", (EntityMatch("organization", "Bank of England", 1,
                                           ("Bank of England",)),))))
    alert_id, = app.store.commit_entries("wire", [entry(1)], [(both, [DESK])], NOW)
    await press(app, "not_relevant", alert_id)
    assert [m.topic for m in app.store.feedback_marks()] == ["icc"]


@pytest.mark.parametrize("name, value, why", [
    ("not_relevant", "OTHER", "That alert was not posted in this channel."),
    ("mute", "OTHER", "That alert was not posted in this channel."),
    ("not_relevant", "12345", "That alert was not posted in this channel."),
    ("not_relevant", "1;DROP TABLE feedback", "That button carries no alert of newsalert's."),
    ("delete_everything", "MINE", "That button is not one of newsalert's."),
])
async def test_a_click_that_does_not_belong_to_the_channel_records_nothing(
        app: App, name: str, value: str, why: str, caplog) -> None:
    mine = story_alert(app, 1, [DESK])
    other = story_alert(app, 2, [OTHER])
    value = value.replace("OTHER", str(other)).replace("MINE", str(mine))
    reply = await press(app, name, value)
    assert reply.text == why
    assert app.store.feedback_marks() == [] and app.store.muted_stories(DESK) == set()
    assert "action.refused" in caplog.text


# -- mute -------------------------------------------------------------------------------------


async def test_a_muted_story_gets_no_more_alerts_here_but_still_elsewhere(app: App) -> None:
    first = story_alert(app, 1, [DESK, OTHER])
    send_all(app)
    reply = await press(app, "mute", first)
    assert reply.text == ("Muted: no more alerts or replies of this story in this channel. "
                          "Other channels still get it.")
    story_alert(app, 2, [DESK, OTHER], at=NOW + 60)
    assert app.store.pending_for_channel(DESK) == []
    followup, = app.store.pending_for_channel(OTHER)
    assert followup.kind == "followup" and followup.alert.title == "Title 2"
    # Another story still alerts in the channel that muted the first.
    app.store.commit_entries("wire", [entry(3)], [(alert(3), [DESK])], NOW + 60)
    assert [d.alert.title for d in app.store.pending_for_channel(DESK)] == ["Title 3"]
    mark, = app.store.feedback_marks(kind="mute")
    assert (mark.alert_id, mark.topic, mark.story_id) == \
        (first, "icc", app.store.story_of_alert(first))


async def test_muting_drops_the_storys_posts_still_waiting_and_twice_is_once(app: App) -> None:
    first = story_alert(app, 1, [DESK, OTHER])
    story_alert(app, 2, [DESK, OTHER], at=NOW + 1)
    assert [d.kind for d in app.store.pending_for_channel(DESK)] == ["alert", "followup"]
    reply = await press(app, "mute", first)
    assert "(2 waiting posts dropped)" in reply.text
    assert {d.channel for d in app.store.due_deliveries(NOW + 10, ["console"])} == {OTHER}
    assert app.store.channel_stats()[DESK].get("muted") == 2
    assert DESK not in app.store.failing_channels()
    again = await press(app, "mute", first, user="U2")
    assert again.text == "This story is already muted in this channel."
    assert len(app.store.feedback_marks(kind="mute")) == 1


async def test_an_alert_outside_any_story_has_nothing_to_mute(app: App) -> None:
    alert_id, = app.store.commit_entries("wire", [entry(1)], [(alert(1), [DESK])], NOW)
    reply = await press(app, "mute", alert_id)
    assert "nothing to mute" in reply.text
    assert app.store.feedback_marks() == []


# -- unsubscribe ------------------------------------------------------------------------------


async def test_unsubscribe_needs_an_admin_and_a_confirmation(app: App) -> None:
    app.store.subscribe(RUNTIME, "icc", "U0", 0.0)
    alert_id = story_alert(app, 1, [RUNTIME])
    refused = await press(app, "unsubscribe", alert_id, RUNTIME)
    assert refused.text == "Only admins may unsubscribe this channel from a topic."
    question = await press(app, "unsubscribe", alert_id, RUNTIME, admin=True)
    assert question.text == "Stop this topic's alerts in this channel?"
    assert [(c.label, c.name, c.value) for c in question.choices] == [
        ("Unsubscribe from icc", "unsubscribe_topic", f"{alert_id}:0"),
        ("Cancel", "cancel", str(alert_id))]
    assert (RUNTIME, "icc") in app.store.subscriptions()  # nothing changed yet
    forged = await press(app, "unsubscribe_topic", f"{alert_id}:0", RUNTIME)
    assert forged.text.startswith("Only admins") and (RUNTIME, "icc") in \
        app.store.subscriptions()
    done = await press(app, "unsubscribe_topic", f"{alert_id}:0", RUNTIME, admin=True)
    assert done.text == "Unsubscribed this channel from 'icc'." and done.replaces
    assert (RUNTIME, "icc") not in app.store.subscriptions()
    twice = await press(app, "unsubscribe_topic", f"{alert_id}:0", RUNTIME, admin=True)
    assert twice.text == "This channel is not subscribed to 'icc'."


async def test_cancel_and_a_topic_outside_the_alert_change_nothing(app: App) -> None:
    app.store.subscribe(RUNTIME, "icc", "U0", 0.0)
    alert_id = story_alert(app, 1, [RUNTIME])
    cancel = await press(app, "cancel", alert_id, RUNTIME, admin=True)
    assert cancel.text.startswith("Left as it is") and cancel.replaces
    beyond = await press(app, "unsubscribe_topic", f"{alert_id}:3", RUNTIME, admin=True)
    assert beyond.text == "That button names no topic of this alert."
    assert (RUNTIME, "icc") in app.store.subscriptions()


async def test_a_config_subscription_says_what_to_change_in_the_file(app: App) -> None:
    alert_id = story_alert(app, 1, [DESK])
    reply = await press(app, "unsubscribe_topic", f"{alert_id}:0", admin=True)
    assert ("take 'icc' out of the topics of the [[subscriptions]] with channel = "
            '"console:desk" in config.toml, then /news reload') in reply.text
    assert app.config_channels("icc") == [DESK, OTHER]


# -- precision --------------------------------------------------------------------------------


async def test_per_topic_precision_counts_each_posted_alert_and_channel_once(
        app: App) -> None:
    policy = StoryPolicy(rules={"console:daily": ChannelRule(mode="digest")})
    first = story_alert(app, 1, [DESK, OTHER])
    app.store.commit_entries("wire", [entry(2), entry(3)],
                             [(alert(2), [DESK, "console:daily"]), (alert(3), ["console:daily"])],
                             NOW, policy=policy)
    app.store.commit_entries("wire", [entry(4)], [(alert(4), [DESK])], NOW)
    app.store.release_digests(["console:daily"], NOW)
    while due := app.store.due_deliveries(NOW, ["console"]):
        for d in due:
            if d.alert.title == "Title 4":
                app.store.mark_failed(d.id, "never sent")
            else:
                app.store.mark_sent(d.id, "ref", NOW)
    assert app.store.channel_stats()["console:daily"]["sent"] == 1  # the digest
    week_ago = NOW - 8 * 86400
    app.store.commit_entries("wire", [entry(5)], [(alert(5), [DESK])], week_ago)
    app.store.mark_sent(app.store.pending_for_channel(DESK)[-1].id, "ref", week_ago)
    # Posted since NOW: alert 1 in two channels, alert 2 in desk and in the digest, alert 3
    # in the digest; not the unsent alert 4 nor the old alert 5.
    assert app.store.sent_per_topic(NOW - 1) == {"icc": 5}
    assert app.store.sent_per_topic(0.0) == {"icc": 6}
    assert app.store.sent_per_topic(NOW + 1) == {}
    await press(app, "not_relevant", first)
    await press(app, "not_relevant", first, OTHER)
    await press(app, "mute", first)
    text = app.status_text()
    assert "Topics, last 7 days:" in text
    assert ("• icc: 5 alerts posted, 2 marked not relevant, 1 story muted; precision 60%"
            in text)
    assert "• markets: 0 alerts posted, 0 marked not relevant, 0 stories muted" in text
