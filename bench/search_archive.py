"""How fast ``/news search`` answers on a large archive, against a plain LIKE scan.

Run: ``PYTHONPATH=. python bench/search_archive.py [--corpora DIR] [--articles 100000]
[--postgres postgresql://postgres@127.0.0.1:5432/postgres]``.

The archive is built from the BBC News articles of the corpora folder: article ``i`` is the
title of corpus article ``i mod 2225`` and a seeded selection of its paragraphs with one
paragraph of another article, stored as an alert (payload with a summary and a quote, and the
text it was matched on) a minute apart, so that the full-text index is filled by the same
triggers as in a running bot. Each query is the whole ``/news search`` answer bar the text:
the count, the ranked page and the page's articles read back (``Store.search_articles``).
Pages 1, 2 and 3 of each search are timed, each on its own. The baseline (run once per query,
it is slow) finds the same pages' candidates with ``LIKE '%word%'`` on title and text, newest
first, which is what a store without a full-text index would do. PostgreSQL is measured in a
schema of its own, dropped afterwards, when the server answers.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.searchquery import SearchQuery, parse_search  # noqa: E402
from bot.storage import open_store  # noqa: E402
from bot.storage.interface import Store  # noqa: E402

QUERIES = ["blair", "election", "interest rates", '"prime minister"', "chelsea manager",
           "oil prices", "mobile phone", "government said", "microsoft", "zzzz nothing",
           "world", "film award"]
"""Names, common words, two-word searches, a phrase, a word in a third of the archive
("world") and one that matches nothing."""
ROUNDS = 5
MAX_PAGE = 3
"""Pages timed per search, from 1: the first pages, which most searches end at."""
START = 1_700_000_000.0


def archive(corpus: Path, count: int) -> Iterator[tuple[str, str, str, str]]:
    """(title, summary, quote, text) of ``count`` articles made from the corpus."""
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(21)
    for i in range(count):
        row = rows[i % len(rows)]
        paragraphs = [p for p in row["text"].split("\n") if p.strip()]
        kept = [p for p in paragraphs if rng.random() < 0.7] or paragraphs[:1]
        other = rows[rng.randrange(len(rows))]["text"].split("\n")[0]
        text = "\n".join([*kept, other])
        yield row["title"], kept[0][:300], kept[-1][:200], text


def fill(store: Store, corpus: Path, count: int) -> float:
    """Store ``count`` articles as alerts with their texts; return the seconds it took."""
    started = time.perf_counter()
    prominences = ("passing", "body", "lead", "headline")
    batch: list[tuple[Any, ...]] = []
    for i, (title, summary, said, text) in enumerate(archive(corpus, count)):
        payload = {"feed_id": "bench", "entry_id": f"e{i}", "source": "BBC", "title": title,
                   "url": f"https://example.org/{i}", "published": None, "text_form": "raw",
                   "topics": [{"topic": "news", "matches": [{
                       "kind": "organization", "name": "BBC", "count": 1, "evidence": ["BBC"],
                       "in_title": False, "prominence": prominences[i % 4], "resolved": []}]}],
                   "extraction": {"summary": [summary], "figures": [],
                                  "quotes": [{"text": said, "speaker": None}]},
                   "cut": []}
        batch.append((i + 1, f"e{i}", START + 60 * i, json.dumps(payload), text))
        if len(batch) == 2000:
            _insert(store, batch)
            batch = []
    if batch:
        _insert(store, batch)
    return time.perf_counter() - started


def _insert(store: Any, batch: list[tuple[Any, ...]]) -> None:
    with store._atomic():
        store._executemany("INSERT INTO alerts (id, feed_id, entry_id, created_at, payload) "
                           "VALUES (?, 'bench', ?, ?, ?)", [b[:4] for b in batch])
        store._executemany("INSERT INTO alert_texts (alert_id, text) VALUES (?, ?)",
                           [(b[0], b[4]) for b in batch])


def like_page(store: Any, query: SearchQuery) -> list[int]:
    """The baseline: every phrase found by LIKE in title or text, newest first, a page."""
    where = " AND ".join("(a.payload LIKE ? OR t.text LIKE ?)" for _ in query.phrases)
    params: list[Any] = []
    for phrase in query.phrases:
        params += [f"%{' '.join(phrase)}%"] * 2
    count = store._one(f"SELECT count(*) AS n FROM alerts a JOIN alert_texts t "
                       f"ON t.alert_id = a.id WHERE {where}", *params)["n"]
    rows = store._rows(f"SELECT a.id FROM alerts a JOIN alert_texts t ON t.alert_id = a.id "
                       f"WHERE {where} ORDER BY a.created_at DESC LIMIT 5", *params)
    return [count, *(r["id"] for r in rows)]


def timings(run: Callable[[SearchQuery], object], queries: Sequence[SearchQuery],
            rounds: int = ROUNDS) -> list[float]:
    run(queries[0])  # warm the caches, as a bot that answers commands has them
    out = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            run(query)
            out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, store: Store, queries: Sequence[SearchQuery], baseline: bool) -> None:
    now = START + 60 * 200_000
    for page in range(1, MAX_PAGE + 1):
        searched = timings(
            lambda q, p=page: store.search_articles(dataclasses.replace(q, page=p), now), queries)
        print(f"  {name} full-text search, page {page}: p50 {statistics.median(searched):.1f} ms, "
              f"p95 {_p95(searched):.1f} ms, max {max(searched):.1f} ms "
              f"({len(searched)} searches)")
    if baseline:
        scanned = timings(lambda q: like_page(store, q), queries, rounds=1)
        print(f"  {name} LIKE scan (baseline): p50 {statistics.median(scanned):.1f} ms, "
              f"p95 {_p95(scanned):.1f} ms ({len(scanned)} searches)")
    for query in queries:
        start = time.perf_counter()
        _, total = store.search_articles(query, now)
        print(f"    {query.words!r}: {total} results, "
              f"{(time.perf_counter() - start) * 1000:.1f} ms")


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--no-baseline", action="store_true", help="skip the LIKE scans")
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    args = parser.parse_args()
    corpus = args.corpora / "articles" / "bbc-news-2225.jsonl"
    if not corpus.exists():
        print(f"no corpus at {corpus}: give --corpora DIR", file=sys.stderr)
        return 2
    queries = []
    for words in QUERIES:
        query = parse_search(words)
        assert isinstance(query, SearchQuery), query
        queries.append(query)
    print(f"search on {args.articles} stored articles, {len(queries)} queries x {ROUNDS}:")
    if args.only != "postgresql":
        sqlite(args, corpus, queries)
    if args.only != "sqlite":
        postgres(args, corpus, queries)
    return 0


def sqlite(args: argparse.Namespace, corpus: Path, queries: Sequence[SearchQuery]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.db")
        took = fill(store, corpus, args.articles)
        size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
        print(f"  SQLite: stored and indexed in {took:.0f} s ({size:.0f} MB with the WAL)")
        report("SQLite", store, queries, not args.no_baseline)
        store.close()


def postgres(args: argparse.Namespace, corpus: Path, queries: Sequence[SearchQuery]) -> None:
    try:
        import psycopg
        admin = psycopg.connect(args.postgres, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - any reason the server is not there
        print(f"  PostgreSQL: not measured ({exc})")
        return
    schema = f"newsalert_bench_{uuid.uuid4().hex[:8]}"
    admin.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in args.postgres else "?"
    try:
        store = open_store(f"{args.postgres}{sep}options={quote(f'-csearch_path={schema}')}")
        took = fill(store, corpus, args.articles)
        with psycopg.connect(store.url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE alert_search")  # as autovacuum leaves a table
        print(f"  PostgreSQL: stored and indexed in {took:.0f} s")
        report("PostgreSQL", store, queries, not args.no_baseline)
        store.close()
    finally:
        admin.execute(f"DROP SCHEMA {schema} CASCADE")
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
