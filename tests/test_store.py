from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import StoreError
from bot.models import Alert, EntityMatch, Entry, Extraction, Figure, Quote, TopicMatch
from bot.storage import PollRecord, SQLiteStore, Store, alert_from_dict, alert_to_dict
from bot.storage.sqlite_schema import SCHEMA_VERSION
from tests.conftest import Backend


def entry(n: int, feed: str = "wire") -> Entry:
    return Entry(feed, f"id-{n}", f"Title {n}", f"https://example.org/{n}", None, f"Text {n}")


def alert(n: int) -> Alert:
    return Alert(
        feed_id="wire", entry_id=f"id-{n}", source="Wire", title=f"Title {n}",
        url=f"https://example.org/{n}", published=datetime(2024, 11, 21, 15, 20, tzinfo=UTC),
        text_form="raw",
        topics=(TopicMatch("icc", (EntityMatch("person", "Benjamin Netanyahu", 3,
                                               ("Netanyahu", "Benjamin Netanyahu"), True),)),),
        extraction=Extraction(
            summary=("First.", "Second."),
            figures=(Figure("44,056 people had been killed", 44056, "people"),
                     Figure("$5 million", 5_000_000, None, "USD")),
            quotes=(Quote("now officially a wanted man", "Agnes Callamard"),),
        ),
    )


def test_fresh_database_has_current_schema(store: SQLiteStore) -> None:
    assert store.schema_version == SCHEMA_VERSION
    mode = store.db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_seen_entries_survive_a_restart(backend: Backend) -> None:
    first = backend.open()
    entries = [entry(1), entry(2)]
    assert first.unseen("wire", entries) == entries
    first.commit_entries("wire", entries, [], now=100.0)
    first.close()

    again = backend.open()
    assert again.unseen("wire", [entry(1), entry(2), entry(3)]) == [entry(3)]
    assert again.unseen("other", [entry(1, "other")]) == [entry(1, "other")]
    assert again.feed_state("wire").entries_seen == 2
    again.close()


def test_unseen_drops_duplicates_within_one_poll(any_store: Store) -> None:
    store = any_store
    assert store.unseen("wire", [entry(1), entry(1), entry(2)]) == [entry(1), entry(2)]


def test_alert_round_trips_through_the_outbox(any_store: Store) -> None:
    store = any_store
    [alert_id] = store.commit_entries("wire", [entry(1)], [(alert(1), ["console:a", "slack:C1"])],
                                      now=10.0)
    due = store.due_deliveries(10.0, ["console", "slack"])
    assert [d.channel for d in due] == ["console:a", "slack:C1"]
    assert all(d.alert == alert(1) and d.alert_id == alert_id for d in due)
    assert due[0].key != due[1].key and due[0].target == "a" and due[1].platform == "slack"
    assert store.due_deliveries(10.0, ["discord"]) == []


def test_stored_alert_is_what_asdict_and_json_make_of_it() -> None:
    a = alert(1)
    expected = json.loads(json.dumps({**asdict(a), "published": a.published.isoformat()}))
    assert json.loads(json.dumps(alert_to_dict(a))) == expected
    assert alert_from_dict(alert_to_dict(a)) == a


def test_delivery_states(any_store: Store) -> None:
    store = any_store
    store.commit_entries("wire", [entry(1), entry(2)],
                         [(alert(1), ["console:a"]), (alert(2), ["console:a"])], now=0.0)
    first, = store.due_deliveries(0.0, ["console"])
    # Only the oldest delivery of a channel is due: alerts go out in order.
    assert first.alert.entry_id == "id-1"
    store.mark_sending(first.id, 1.0)
    store.mark_retry(first.id, "HTTP 500", next_attempt=60.0)
    assert store.due_deliveries(30.0, ["console"]) == []
    retried, = store.due_deliveries(60.0, ["console"])
    assert retried.id == first.id and retried.attempts == 1
    store.mark_sending(first.id, 60.0)
    store.mark_sent(first.id, "ts-1", 61.0)
    second, = store.due_deliveries(61.0, ["console"])
    assert second.alert.entry_id == "id-2"
    store.mark_failed(second.id, "channel_not_found")
    assert store.due_deliveries(1000.0, ["console"]) == []
    assert store.channel_stats() == {"console:a": {"pending": 0, "sent": 1, "failed": 1}}
    assert store.sent_since(0.0) == 1
    assert store.last_error(second.id) == "channel_not_found"


def test_a_delivery_left_sending_is_due_again_after_restart(backend: Backend) -> None:
    s = backend.open()
    s.commit_entries("wire", [entry(1)], [(alert(1), ["console:a"])], now=0.0)
    d, = s.due_deliveries(0.0, ["console"])
    s.mark_sending(d.id, 0.0)
    s.close()
    s = backend.open()
    # Shared by several workers, a post being made stays claimed until its lease lapses.
    after = getattr(s, "lease", 0.0) + 1.0
    if s.shared:
        assert s.due_deliveries(after - 2.0, ["console"]) == []
    again, = s.due_deliveries(after, ["console"])
    assert again.id == d.id and again.status == "sending"
    s.close()


def test_commit_is_atomic(any_store: Store) -> None:
    store = any_store
    bad = (alert(1), ["console:a"])
    with pytest.raises(AttributeError):
        store.commit_entries("wire", [entry(1)], [bad, (object(), ["console:a"])], now=0.0)  # type: ignore[list-item]
    assert store.unseen("wire", [entry(1)]) == [entry(1)]
    assert store.due_deliveries(0.0, ["console"]) == []


def test_due_feeds_come_slowest_first(any_store: Store) -> None:
    store = any_store
    store.save_polls([PollRecord("quick", 0.0, 10.0, took=0.1),
                      PollRecord("slow", 0.0, 10.0, took=2.5),
                      PollRecord("broken", 0.0, 10.0, error="timed out", took=9.0),
                      PollRecord("later", 0.0, 99.0, took=5.0)], 0.0)
    assert store.due_feeds(["new", "quick", "later", "slow", "broken", "other"], 50.0) == \
        ["broken", "slow", "quick", "new", "other"]  # never polled: in the order given
    assert store.due_feeds(["quick", "later"]) == ["later", "quick"]  # all, due or not
    assert store.feed_state("slow").took == 2.5


def test_feed_state_records_success_and_errors(any_store: Store) -> None:
    store = any_store
    assert store.due_feeds(["a", "b"], 0.0) == ["a", "b"]
    store.record_poll("a", 10.0, 100.0, etag='"v1"', last_modified="Thu, 21 Nov 2024")
    assert store.record_poll("b", 10.0, 50.0, error="HTTP 500") == 1
    assert store.record_poll("b", 50.0, 150.0, error="timed out") == 2
    assert store.due_feeds(["a", "b", "c"], 60.0) == ["c"]
    a, b = store.feed_state("a"), store.feed_state("b")
    assert (a.etag, a.last_success, a.consecutive_errors) == ('"v1"', 10.0, 0)
    assert (b.last_error, b.consecutive_errors, b.last_success) == ("timed out", 2, None)
    store.record_poll("b", 150.0, 300.0, etag=None)
    assert store.feed_state("b").consecutive_errors == 0


def test_subscriptions(any_store: Store) -> None:
    store = any_store
    assert store.subscribe("slack:C1", "icc", "U1", 0.0) is True
    assert store.subscribe("slack:C1", "icc", "U2", 1.0) is False
    store.subscribe("discord:5", "icc", "u", 0.0)
    assert store.subscriptions() == [("discord:5", "icc"), ("slack:C1", "icc")]
    assert store.unsubscribe("slack:C1", "icc") is True
    assert store.unsubscribe("slack:C1", "icc") is False
    # Both backends order text byte by byte: upper case before lower case.
    store.subscribe("console:alpha", "icc", "u", 0.0)
    store.subscribe("console:Zeta", "icc", "u", 0.0)
    assert [c for c, _ in store.subscriptions()][:2] == ["console:Zeta", "console:alpha"]


def test_corrupted_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database, just some text" * 100)
    with pytest.raises(StoreError, match="corrupted or not an SQLite database"):
        SQLiteStore.open(path)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this newsalert understands"):
        SQLiteStore.open(path)


def test_a_failing_feed_is_paused_with_a_notice_and_resumed(any_store: Store) -> None:
    store = any_store
    store.save_polls([PollRecord("wire", 100.0, 160.0, error="HTTP 503")], 100.0)
    assert store.feed_state("wire").failing_since == 100.0
    notice = replace(alert(1), feed_id="wire", entry_id="notice-paused", topics=())
    store.save_polls([PollRecord("wire", 200.0, 3800.0, error="HTTP 503", pause=True,
                                 notices=[(notice, "slack:ADMIN")])], 200.0)
    state = store.feed_state("wire")
    assert (state.failing_since, state.paused_at, state.consecutive_errors) == (100.0, 200.0, 2)
    [told] = store.due_deliveries(200.0, ["slack"])
    assert (told.kind, told.channel, told.alert.entry_id) == ("notice", "slack:ADMIN",
                                                             "notice-paused")

    assert store.resume_feed("wire", 300.0)
    state = store.feed_state("wire")
    assert (state.paused_at, state.failing_since, state.next_poll) == (None, 300.0, 300.0)
    assert not store.resume_feed("wire", 301.0)  # no longer paused
    assert not store.resume_feed("unknown", 301.0)

    store.save_polls([PollRecord("wire", 400.0, 1000.0)], 400.0)
    assert store.feed_state("wire").failing_since is None


def test_what_the_status_page_and_the_metrics_read(any_store: Store) -> None:
    store = any_store
    store.ping()
    day = datetime(2026, 7, 1, 12, tzinfo=UTC).timestamp()
    first, second = store.commit_entries(
        "wire", [entry(1), entry(2), entry(3)],
        [(alert(1), ["slack:C1", "discord:D1"]), (alert(2), ["slack:C2"])], now=day)
    assert store.totals() == {"entries": 3, "alerts": 2}
    assert store.topic_hits(day - 1) == {"icc": {"2026-07-01": 2}}
    assert store.topic_hits(day + 1) == {}
    assert store.next_attempt(["slack"]) == day
    assert store.next_attempt([]) is None

    by_channel = {d.channel: d for d in store.due_deliveries(day, ["slack", "discord"])}
    store.mark_sending(by_channel["slack:C1"].id, day + 1)
    store.mark_sent(by_channel["slack:C1"].id, "m1", day + 5)
    store.mark_failed(by_channel["slack:C2"].id, "channel_not_found")
    store.mark_retry(by_channel["discord:D1"].id, "HTTP 500", day + 60)
    assert store.delivery_counts() == {("slack", "sent"): 1, ("slack", "failed"): 1,
                                       ("discord", "pending"): 1}
    assert store.failing_channels() == ["discord:D1", "slack:C2"]
    assert store.post_latencies(day) == [(day + 5, 5.0)]
    assert store.next_attempt(["discord"]) == day + 60

    latest = store.recent_alerts(limit=1)
    assert [(r["id"], r["alert"].entry_id, r["story"]) for r in latest] == [(second, "id-2", None)]
    assert [(p["channel"], p["status"], p["kind"]) for p in latest[0]["posts"]] == [
        ("slack:C2", "failed", "alert")]
    assert [r["id"] for r in store.recent_alerts()] == [second, first]
