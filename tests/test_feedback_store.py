"""What the desk tells the bot, kept on both backends: marks that a second click does not
repeat, muted stories, and each alert's text kept beside it for matching again."""

from __future__ import annotations

import dataclasses

import pytest

from bot.feedhealth import recovered_notice
from bot.storage import PollRecord
from bot.storage.interface import Store
from bot.storage.records import FeedbackMark
from bot.stories.dedup import event_terms, fingerprint
from bot.stories.grouping import StoryMark
from tests.conftest import Backend
from tests.test_store import alert, entry


def mark(alert_id: int, kind: str = "not_relevant", topic: str = "icc", at: float = 10.0,
         channel: str = "console:desk") -> FeedbackMark:
    return FeedbackMark(alert_id=alert_id, channel=channel, topic=topic, kind=kind,
                        by="U1", at=at, mentions=("Netanyahu",))


def test_each_alert_keeps_the_text_it_was_matched_on(any_store: Store) -> None:
    ids = any_store.commit_entries("wire", [entry(1), entry(2)],
                                   [(alert(1), ["console:a"]), (alert(2), ["console:a"])], 5.0)
    stored = any_store.stored_articles()
    assert [s.alert_id for s in stored] == sorted(ids, reverse=True)  # newest first
    assert {s.alert_id: s.text for s in stored} == {ids[0]: "Text 1", ids[1]: "Text 2"}
    assert stored[0].alert.title == "Title 2" and stored[0].created_at == 5.0


def test_a_saved_poll_keeps_its_alerts_texts(any_store: Store) -> None:
    ids = any_store.save_polls([PollRecord("wire", 1.0, 2.0, entries=[entry(3)],
                                           alerts=[(alert(3), ["console:a"])])], 1.0)
    only, = any_store.stored_articles(alert_ids=ids[0])
    assert only.text == "Text 3"


def test_stored_articles_filter_by_topic_time_and_ids_and_leave_notices_out(
        any_store: Store) -> None:
    other = dataclasses.replace(alert(2), topics=())
    first, = any_store.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"])], 5.0)
    second, = any_store.commit_entries("wire", [entry(2)], [(other, ["console:a"])], 9.0)
    any_store.save_polls([PollRecord("wire", 9.0, 10.0, error="boom", pause=True, notices=[
        (recovered_notice("wire", "Wire", 1.0, 9.0), "console:admin")])], 9.0)
    assert [s.alert_id for s in any_store.stored_articles(topic="icc")] == [first]
    assert [s.alert_id for s in any_store.stored_articles(since=6.0)] == [second]
    assert [s.alert_id for s in any_store.stored_articles(alert_ids=[first])] == [first]
    assert any_store.stored_articles(alert_ids=[]) == []
    assert [s.alert_id for s in any_store.stored_articles(limit=1)] == [second]


def test_a_mark_is_kept_once_and_read_back_with_its_mentions(any_store: Store) -> None:
    alert_id, = any_store.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"])], 5.0)
    assert any_store.record_feedback(mark(alert_id)) is True
    assert any_store.record_feedback(dataclasses.replace(mark(alert_id), by="U2")) is False
    assert any_store.record_feedback(mark(alert_id, kind="mute")) is True
    assert any_store.record_feedback(mark(alert_id, channel="console:other")) is True
    marks = any_store.feedback_marks(kind="not_relevant")
    assert [(m.channel, m.by, m.mentions) for m in marks] == [
        ("console:desk", "U1", ("Netanyahu",)), ("console:other", "U1", ("Netanyahu",))]
    assert any_store.feedback_marks(since=11.0) == []
    assert any_store.feedback_marks(topic="other") == []
    assert len(any_store.feedback_marks()) == 3


def test_a_mark_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="feedback kind 'spam'"):
        mark(1, kind="spam")


def _alert_in_a_story(store: Store) -> tuple[int, int]:
    """One alert queued for "console:a" as the first article of a story: its id and the story's."""
    text = ("Judges at the International Criminal Court issued arrest warrants on Thursday for "
            "the former defence minister, citing the siege of the city last winter.")
    story = StoryMark((), fingerprint(text, "raw"), event_terms("", text, "raw"))
    alert_id, = store.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"])], 5.0,
                                     marks={"id-1": story})
    story_id = store.story_of_alert(alert_id)
    assert story_id is not None
    return alert_id, story_id


def test_a_muted_story_is_kept_per_channel_and_survives_a_restart(backend: Backend) -> None:
    store = backend.open()
    alert_id, story_id = _alert_in_a_story(store)
    assert store.stored_articles()[0].story_id == story_id
    assert store.mute_story("console:a", story_id, "U1", 6.0) == 1  # its waiting alert
    assert store.mute_story("console:a", story_id, "U2", 7.0) is None
    store.close()
    again = backend.open()
    assert again.muted_stories("console:a") == {story_id}
    assert again.muted_stories("console:b") == set()
    assert again.story_of_alert(alert_id + 1000) is None


def _fail_muting_posts(backend: Backend, store: Store) -> None:
    """A trigger in the database that refuses to set a post "muted": the last of a mute's
    writes fails in the database itself."""
    if backend.name == "sqlite":
        store._execute("""CREATE TRIGGER refuse_mute BEFORE UPDATE ON deliveries
            WHEN new.status = 'muted' BEGIN SELECT RAISE(ABORT, 'refused'); END""", [])
    else:
        store._execute("""CREATE FUNCTION refuse_mute() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'refused'; END $$""", [])
        store._execute("""CREATE TRIGGER refuse_mute BEFORE UPDATE ON deliveries FOR EACH ROW
            WHEN (new.status = 'muted') EXECUTE FUNCTION refuse_mute()""", [])


def test_a_mute_that_fails_part_way_writes_nothing(backend: Backend) -> None:
    store = backend.open()
    alert_id, story_id = _alert_in_a_story(store)
    _fail_muting_posts(backend, store)
    with pytest.raises(Exception, match="refused"):
        store.mute_story("console:a", story_id, "U1", 6.0,
                         [mark(alert_id, kind="mute", channel="console:a")])
    assert store.muted_stories("console:a") == set()
    assert store.feedback_marks() == []
    assert [d.status for d in store.pending_for_channel("console:a")] == ["pending"]


def test_a_mute_keeps_its_marks_and_drops_the_waiting_post(any_store: Store) -> None:
    alert_id, story_id = _alert_in_a_story(any_store)
    assert any_store.mute_story("console:a", story_id, "U1", 6.0,
                                [mark(alert_id, kind="mute", channel="console:a")]) == 1
    assert [m.kind for m in any_store.feedback_marks()] == ["mute"]
    assert any_store.pending_for_channel("console:a") == []
