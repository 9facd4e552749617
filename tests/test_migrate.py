"""``newsalert migrate --to postgresql://...``: a deployment's SQLite file copied to an empty
PostgreSQL database loses nothing and alerts nothing again; a target holding data is refused."""

from __future__ import annotations

from pathlib import Path

from bot.cli import main
from bot.config import ChannelRule
from bot.storage import PollRecord, SQLiteStore, StoryPolicy, open_store
from bot.storage.records import FeedbackMark
from tests.test_shared_store import TEXT, text_mark
from tests.test_store import alert, entry

CHANNELS = ("console:a", "console:burst", "console:daily")
POLICY = StoryPolicy(rules={"console:burst": ChannelRule(burst_size=1, burst_window=600.0),
                            "console:daily": ChannelRule(mode="digest")})


def _deployment(path: Path) -> None:
    """A store that went through what a running bot does: feeds polled (one failing), entries
    seen, a story with a follow-up, a burst folded into a digest, a held daily digest, a
    run-time subscription, posts sent and waiting."""
    store = SQLiteStore.open(path)
    store.subscribe("slack:C9", "icc", "U1", 0.0)
    story = text_mark(TEXT, ("url:https://example.org/1",))
    store.save_polls([PollRecord(
        "wire", 0.0, 600.0, etag='"v1"', last_modified="Thu, 21 Nov 2024", body_hash="abc",
        item_digests=b"\x01\x02\x03", house=frozenset({"read more at wire"}), took=0.5,
        entries=[entry(1), entry(3)], alerts=[(alert(1), list(CHANNELS))],
        marks={"id-1": story})], 0.0, POLICY)
    first, *_ = store.due_deliveries(1.0, ["console"])
    store.mark_sending(first.id, 1.0)
    store.mark_sent(first.id, "console-1", 1.5)
    store.save_polls([PollRecord(
        "other", 2.0, 602.0, entries=[entry(2, "other")],
        alerts=[(alert(2), ["console:a", "console:burst"])],
        marks={"id-2": text_mark(TEXT)})], 2.0, POLICY)
    store.save_polls([PollRecord("broken", 3.0, 900.0, error="HTTP 500 Internal Server Error")],
                     3.0)
    store.record_feedback(FeedbackMark(2, "console:a", "icc", "not_relevant", "U2", 4.0,
                                       ("Netanyahu",)))
    store.mute_story("console:a", store.story_of_alert(1) or 0, "U2", 4.0)
    store.close()


def _config(write_config, database: Path) -> Path:
    return write_config(f'[bot]\ndatabase = "{database}"\n')


def test_migrate_copies_everything_and_alerts_nothing_again(
        tmp_path: Path, write_config, postgres_url: str, capsys) -> None:
    path = tmp_path / "news.db"
    _deployment(path)
    assert main(["migrate", "--config", str(_config(write_config, path)),
                 "--to", postgres_url]) == 0
    assert "Copied 3 feeds, 3 seen entries, 1 subscriptions, 2 alerts" in capsys.readouterr().out

    before, after = SQLiteStore.open(path), open_store(postgres_url)
    try:
        assert after.feed_states() == before.feed_states()
        assert after.subscriptions() == before.subscriptions() == [("slack:C9", "icc")]
        for channel in CHANNELS:
            assert after.pending_for_channel(channel) == before.pending_for_channel(channel)
        assert after.channel_stats() == before.channel_stats()
        assert after.held_digests() == before.held_digests()
        assert after.feedback_marks() == before.feedback_marks() != []
        assert after.muted_stories("console:a") == before.muted_stories("console:a") != set()
        assert after.stored_articles() == before.stored_articles()
        assert [s.text for s in after.stored_articles()] == ["Text 2", "Text 1"]
        # Nothing seen before alerts again.
        assert after.unseen("wire", [entry(1), entry(3), entry(4)]) == [entry(4)]
        assert after.unseen("other", [entry(2, "other")]) == []
        # New alerts take new ids, and a later article joins the story.
        [new_id] = after.commit_entries(
            "third", [entry(5, "third")], [(alert(5), ["console:a"])], 10.0,
            marks={"id-5": text_mark(TEXT)}, policy=POLICY)
        assert new_id == 3
        assert after.story_of_alert(new_id) == after.story_of_alert(1)
        # The story is muted in console:a: its waiting follow-up was dropped, the new one not
        # queued.
        assert after.pending_for_channel("console:a") == []
    finally:
        before.close()
        after.close()


def test_migrate_refuses_a_database_that_holds_data(
        tmp_path: Path, write_config, postgres_url: str, capsys) -> None:
    other = open_store(postgres_url)
    other.save_polls([PollRecord("their-feed", 0.0, 60.0)], 0.0)
    other.close()
    path = tmp_path / "news.db"
    _deployment(path)
    assert main(["migrate", "--config", str(_config(write_config, path)),
                 "--to", postgres_url]) == 2
    err = capsys.readouterr().err
    assert "already holds another deployment's data (1 feeds)" in err
    check = open_store(postgres_url)
    assert list(check.feed_states()) == ["their-feed"]  # left as it was
    check.close()


def test_migrate_wants_a_postgresql_url(tmp_path: Path, write_config, capsys) -> None:
    path = tmp_path / "news.db"
    _deployment(path)
    assert main(["migrate", "--config", str(_config(write_config, path)),
                 "--to", str(tmp_path / "copy.db")]) == 2
    assert "is not a PostgreSQL URL" in capsys.readouterr().err
