"""What story grouping costs per alerting article, against committing the same alerts without.

Run: ``PYTHONPATH=. python bench/story_grouping.py [--corpora DIR] [--articles 1000] [--titles]``.
The articles are BBC News articles from the corpora folder, committed as alerts one per poll
30 seconds apart to a fresh SQLite file, so all of them are within one story window: every new
article is looked up against all earlier ones. The baseline is the same commits with no story
marks. Story marks alone (fingerprint, keys, event terms) are timed too, with the stemmer's
cache and the word frequencies warm. With ``--titles`` the articles are their titles alone, as
title-only feeds deliver them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.models import Alert, Entry, Extraction, TextForm  # noqa: E402
from bot.storage import SQLiteStore, StoryPolicy  # noqa: E402
from bot.stories.grouping import story_mark  # noqa: E402

Article = tuple[Entry, TextForm]


def commit_stream(articles: Sequence[Article], policy: StoryPolicy | None) -> tuple[float, str]:
    """Milliseconds per alert to commit ``articles`` as alerts, with story grouping when
    ``policy`` is given; and how the articles were grouped."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore.open(Path(tmp) / "bench.db")
        start = time.perf_counter()
        for n, (entry, text_form) in enumerate(articles):
            alert = Alert(entry.feed_id, entry.entry_id, "bench", entry.title, entry.link,
                          None, text_form, (), Extraction())
            marks = {entry.entry_id: story_mark(entry, text_form)} if policy else None
            store.commit_entries(entry.feed_id, [entry], [(alert, ["console:bench"])],
                                 1000.0 + n * 30, marks=marks, policy=policy)
        elapsed = time.perf_counter() - start
        sizes = [r[0] for r in store.db.execute(
            "SELECT count(*) FROM story_articles GROUP BY story_id ORDER BY 1 DESC")]
        store.close()
    grouping = (f"{len(sizes)} stories, the largest of {sizes[0]} articles, "
                f"{sum(1 for n in sizes if n == 1)} of one article") if sizes else ""
    return elapsed / len(articles) * 1000, grouping


def time_per_article(articles: Sequence[Article], what: str) -> None:
    words = sum(len(f"{e.title} {e.text}".split()) for e, _ in articles) / len(articles)
    print(f"time per article ({len(articles)} {what}, {words:.0f} words on average):")
    for entry, text_form in articles:  # warm the stemmer's cache, as a running bot has it
        story_mark(entry, text_form)
    start = time.perf_counter()
    for entry, text_form in articles:
        story_mark(entry, text_form)
    marking = (time.perf_counter() - start) / len(articles) * 1000
    print(f"  fingerprint, keys and event terms:        {marking:.3f} ms")
    plain, _ = commit_stream(articles, None)
    grouped, grouping = commit_stream(articles, StoryPolicy())
    print(f"  commit to SQLite without story grouping:  {plain:.3f} ms")
    print(f"  commit to SQLite with story grouping:     {grouped:.3f} ms "
          f"(+{grouped - plain:.3f} ms per article; {grouping})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--titles", action="store_true", help="commit the titles alone")
    args = parser.parse_args(argv)
    source = args.corpora / "articles" / "bbc-news-2225.jsonl"
    if not source.is_file():
        print(f"corpus file not found: {source}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    articles = [(Entry("bbc", r["id"], r["title"], None, None, "" if args.titles else r["text"]),
                 "raw") for r in rows[:args.articles]]
    time_per_article(articles, "BBC News titles" if args.titles else "BBC News articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
