"""JSON Feed parsing against RSS/Atom parsing of the same entries.

Every captured feed of the corpus that has entries is parsed once; its entries are written
again as a JSON Feed 1.1 (title, url, id, date, the text as ``content_html``). Then both sets of
bodies go through ``parse_feed`` several times, and ``json.loads`` alone over the JSON bodies
gives the floor.

    python -m bench.bench_jsonfeed ../shared/corpora/feeds

Prints entries/s for each, and the JSON Feed bodies' size against the originals'.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from html import escape
from pathlib import Path

from watchers.parse import parse_feed


def corpus_pairs(folder: Path) -> list[tuple[bytes, bytes, int]]:
    """(original body, the same entries as a JSON Feed, entries) for every feed with entries."""
    pairs = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".tsv"):
        body = path.read_bytes()
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        parsed = parse_feed(body, "https://corpus.example.org/feed", "bench")
        if not parsed.entries:
            continue
        items = [{"id": e.entry_id, "url": e.link, "title": e.title,
                  "content_html": "<p>" + escape(e.text) + "</p>",
                  **({"date_published": e.published.isoformat()} if e.published else {})}
                 for e in parsed.entries]
        document = {"version": "https://jsonfeed.org/version/1.1",
                    "title": parsed.title or "", "items": items}
        pairs.append((body, json.dumps(document, ensure_ascii=False).encode(),
                      len(parsed.entries)))
    return pairs


def rate(bodies: list[bytes], entries: int, repeats: int, parse: bool = True) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for body in bodies:
            if parse:
                parse_feed(body, "https://corpus.example.org/feed", "bench")
            else:
                json.loads(body)
        best = min(best, time.perf_counter() - started)
    return entries / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path, help="the captured feeds (../shared/corpora/feeds)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    pairs = corpus_pairs(args.corpus)
    entries = sum(n for _, _, n in pairs)
    xml = [x for x, _, _ in pairs]
    js = [j for _, j, _ in pairs]
    print(f"{len(pairs)} feeds with {entries} entries; RSS/Atom {sum(map(len, xml)) / 1e6:.1f} MB, "
          f"as JSON Feed {sum(map(len, js)) / 1e6:.1f} MB")
    print(f"parse_feed, RSS/Atom originals: {rate(xml, entries, args.repeats):8.0f} entries/s")
    print(f"parse_feed, JSON Feed:          {rate(js, entries, args.repeats):8.0f} entries/s")
    print(f"json.loads alone, JSON Feed:    {rate(js, entries, args.repeats, False):8.0f} "
          "entries/s")


if __name__ == "__main__":
    main()
