"""Replay every captured feed through the real parser, matcher and store, and list each reply.

    python eval/replay_stories.py [--corpora ../shared/corpora] [--out replies.tsv]

Each feed document of ``feeds/`` is one poll (the repeated polls of one feed, named
``NAME_poll_DATE``, are polls of one feed ``NAME``, in the order of their dates), a minute apart
from ``START`` on, as a new user who adds them all at once gets them (their entries span 2005 to
2026; undated entries count as published when seen), parsed by ``watchers.parse.parse_feed``,
matched against a broad watchlist (``watchlist``: politicians, car makers, technology
companies, agencies and the legal events; or the topics of a config file given by
``--watchlist``) and committed to a real SQLite file with story
grouping, as the running bot does. Then every threaded reply is printed with the alert it
replies to and why it joined (the shared event terms and the scores, from the store's log), for
a reader to audit; ``--out`` writes the same as TSV with an empty column for the
reader's verdict.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.config import FeedConfig, load_config  # noqa: E402
from bot.matching.matcher import compile_topics  # noqa: E402
from bot.matching.vocabulary import event_set  # noqa: E402
from bot.models import Entity, Topic  # noqa: E402
from bot.pipeline import Subscribers, evaluate_poll  # noqa: E402
from bot.storage import PollRecord, SQLiteStore, StoryPolicy, alert_from_dict  # noqa: E402
from watchers.parse import parse_feed  # noqa: E402

START = 1_798_000_000.0
"""When the replay's first poll happens (December 2026): after every capture."""

_PEOPLE = ("Donald Trump", "Joe Biden", "Kamala Harris", "Barack Obama", "Elon Musk",
           "Boris Johnson", "Vladimir Putin", "Xi Jinping", "Narendra Modi", "Jacinda Ardern",
           "Benjamin Netanyahu", "Mark Zuckerberg")
_ORGANIZATIONS = ("Tesla", "Ford", "Toyota", "General Motors", "Volkswagen", "Apple", "Google",
                  "Microsoft", "Amazon", "Facebook", "NASA", "SpaceX", "White House", "FBI",
                  "Supreme Court", "Congress", "NHS", "United Nations")


def watchlist() -> tuple[Topic, ...]:
    """A broad watchlist: what a newsroom with several channels might follow."""
    return (
        Topic("people", "People", people=tuple(Entity("person", n) for n in _PEOPLE)),
        Topic("companies", "Companies and agencies",
              organizations=tuple(Entity("organization", n) for n in _ORGANIZATIONS)),
        Topic("legal", "Legal action", events=event_set("legal")),
    )


def polls(feeds: Path) -> Iterator[tuple[str, Path]]:
    """(feed id, document) for every captured feed document, the polls of one feed in order."""
    found = []
    for path in sorted(feeds.rglob("*")):
        if not path.is_file() or path.suffix in (".tsv", ".md"):
            continue
        name = re.sub(r"_poll_[\d-]+$", "", path.stem)
        feed_id = f"{path.parent.relative_to(feeds)}/{name}".replace("/", "-")
        order = 0 if name == path.stem else 1  # the undated capture first, then the polls
        found.append((feed_id, order, path.name, path))
    for feed_id, _, _, path in sorted(found):
        yield feed_id, path


@dataclass(frozen=True)
class Reply:
    delivery_id: int
    channel: str
    title: str
    source: str
    published: str
    parent_ref: str
    parent_title: str
    parent_source: str
    parent_published: str
    reason: str


class _Reasons(logging.Handler):
    """Collects the store's log lines that say why an article joined a story."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.by_alert: dict[int, str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        alert_id = getattr(record, "alert_id", None)
        if alert_id is not None:
            self.by_alert[alert_id] = record.getMessage()


def replay(corpora: Path, db: Path, policy: StoryPolicy | None = None,
           topics: tuple[Topic, ...] | None = None) -> tuple[int, list[Reply]]:
    """Replay the captured feeds into the store at ``db`` with ``topics`` (the broad
    ``watchlist`` unless given); return the number of alerts and the replies with their parents
    and reasons."""
    policy = policy or StoryPolicy()
    topics = topics or watchlist()
    matcher = compile_topics(topics)
    subscribers = Subscribers([("console:desk", t.id) for t in topics], ["console"])
    reasons = _Reasons()
    logger = logging.getLogger("newsalert.stories")
    logger.addHandler(reasons)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    store = SQLiteStore.open(db)
    try:
        now = START
        for feed_id, path in polls(corpora.resolve() / "feeds"):
            feed = FeedConfig(feed_id, None, path, 600.0, title=feed_id)
            try:
                parsed = parse_feed(path.read_bytes(), path.as_uri(), feed_id)
            except Exception:  # a capture no parser can read is not a story question
                continue
            entries = store.unseen(feed_id, parsed.entries)
            found = evaluate_poll(feed, entries, matcher, subscribers, neighbours=parsed.entries)
            store.save_polls([PollRecord(feed_id, now, now + 600, entries=entries,
                                         alerts=found.alerts, marks=found.marks,
                                         house=found.house)], now, policy)
            now += 60
        alerts = store.db.execute("SELECT count(*) FROM alerts").fetchone()[0]
        rows = store.db.execute(
            "SELECT d.id, d.channel, a.id, a.payload, p.kind, p.id, pa.payload FROM deliveries d "
            "JOIN alerts a ON a.id = d.alert_id JOIN deliveries p ON p.id = d.parent_id "
            "LEFT JOIN alerts pa ON pa.id = p.alert_id WHERE d.kind = 'followup' ORDER BY d.id"
        ).fetchall()
    finally:
        store.close()
        logger.removeHandler(reasons)
        logger.setLevel(old_level)
    replies = []
    for delivery_id, channel, alert_id, payload, parent_kind, parent_id, parent_payload in rows:
        alert = alert_from_dict(json.loads(payload))
        parent = alert_from_dict(json.loads(parent_payload)) if parent_payload else None
        replies.append(Reply(
            delivery_id, channel, alert.title, alert.feed_id, _date(alert.published),
            f"console-{parent_id}" + (" (a digest)" if parent_kind == "digest" else ""),
            parent.title if parent else "", parent.feed_id if parent else "",
            _date(parent.published) if parent else "", reasons.by_alert.get(alert_id, "")))
    return alerts, replies


def _date(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "-"  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--out", type=Path, help="write the replies as TSV for auditing")
    parser.add_argument("--watchlist", type=Path,
                        help="a config file whose [topics] to watch instead of the broad list "
                             "(eval/watchlist-newsroom.toml, say)")
    args = parser.parse_args(argv)
    if not (args.corpora / "feeds").is_dir():
        print(f"corpora feeds folder not found: {args.corpora / 'feeds'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        topics = tuple(load_config(args.watchlist).topics) if args.watchlist else None
        alerts, replies = replay(args.corpora, Path(tmp) / "replay.db", topics=topics)
    threads = len({r.parent_ref for r in replies})
    print(f"{alerts} alerts, {len(replies)} of them threaded replies under {threads} alerts\n")
    for r in replies:
        print(f"console-{r.delivery_id} [{r.source} {r.published}] {r.title}\n"
              f"  ↳ reply to {r.parent_ref} [{r.parent_source} {r.parent_published}] "
              f"{r.parent_title}\n  why: {r.reason or '-'}")
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerow(["verdict", "reply", "source", "published", "title", "parent",
                             "parent source", "parent published", "parent title", "why"])
            for r in replies:
                writer.writerow(["", f"console-{r.delivery_id}", r.source, r.published, r.title,
                                 r.parent_ref, r.parent_source, r.parent_published,
                                 r.parent_title, r.reason])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
