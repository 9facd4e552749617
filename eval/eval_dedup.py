"""Measure story deduplication on labelled pairs, and what it costs per article.

    python eval/eval_dedup.py [--corpora ../shared/corpora] [--pairs tests/data/dedup-pairs.tsv]

Prints precision and recall of "same story" (same canonical URL or GUID, or fingerprint
similarity at or above the threshold) on the labelled pairs, a sweep over the fewest shared
features, thresholds, shingle sizes and sketch sizes, and the time per article
(``bench/story_grouping.py``): fingerprinting alone, and a stream of alerts committed to a real
SQLite store with and without story grouping.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.story_grouping import time_per_article  # noqa: E402
from bot.dedup import (  # noqa: E402
    MIN_SHARED,
    SHINGLES,
    SKETCH_SIZE,
    THRESHOLD,
    Fingerprint,
    fingerprint,
    house_features,
    jaccard,
    similarity,
)
from bot.models import Entry, TextForm  # noqa: E402
from bot.storage import StoryPolicy  # noqa: E402
from bot.stories import story_mark  # noqa: E402
from bot.textform import detect_text_form  # noqa: E402
from watchers.parse import parse_feed  # noqa: E402


@dataclass(frozen=True)
class Doc:
    entry: Entry
    text_form: TextForm
    house: frozenset[str] = frozenset()
    """Its feed's common features (none for articles that come without a feed)."""


@dataclass(frozen=True)
class Pair:
    same: bool
    a: Doc
    b: Doc


class Corpus:
    """Finds the documents the labels name, reading each source file once."""

    def __init__(self, corpora: Path) -> None:
        self.corpora = corpora
        self._feeds: dict[str, tuple[list[Entry], frozenset[str]]] = {}
        self._articles: dict[str, dict[str, dict[str, str]]] = {}

    def articles(self, source: str) -> dict[str, dict[str, str]]:
        """The JSON-lines articles of ``source`` by id."""
        if source not in self._articles:
            lines = (self.corpora / source).read_text(encoding="utf-8").splitlines()
            self._articles[source] = {r["id"]: r for r in map(json.loads, lines)}
        return self._articles[source]

    def doc(self, source: str, ident: str) -> Doc:
        if source.startswith("seed:"):
            text = (REPO / "tests" / "data" / source[5:]).read_text(encoding="utf-8")
            title, _, body = text.partition("\n")
            entry = Entry(source, source, title, None, None, body)
        elif source.endswith(".jsonl"):
            row = self.articles(source)[ident]
            entry = Entry(source, ident, row["title"], None, None, row["text"])
        else:
            if source not in self._feeds:
                body = (self.corpora / source).read_bytes()
                entries = parse_feed(body, "https://example.org/", source).entries
                self._feeds[source] = (entries, house_features(
                    [(f"{e.title}\n{e.text}", form_of(e)) for e in entries]))
            entries, house = self._feeds[source]
            entry = next(e for e in entries if ident in (e.guid, e.link, e.title, e.entry_id))
            return Doc(entry, form_of(entry), house)
        return Doc(entry, form_of(entry))


def form_of(entry: Entry) -> TextForm:
    return detect_text_form(f"{entry.title}\n{entry.text}")


def load_pairs(path: Path, corpus: Corpus) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, source_a, id_a, source_b, id_b, _titles = line.split("\t")
        try:
            pairs.append(Pair(label == "1", corpus.doc(source_a, id_a), corpus.doc(source_b, id_b)))
        except (OSError, StopIteration, KeyError) as exc:
            raise SystemExit(f"{path}:{number}: cannot find the labelled document: {exc!r}") \
                from None
    return pairs


def text_of(doc: Doc) -> str:
    return f"{doc.entry.title}\n{doc.entry.text}"


def apart(pair: Pair, window: float) -> bool:
    """Whether the two were published too far apart to meet within the story window."""
    a, b = pair.a.entry.published, pair.b.entry.published
    return bool(a and b and abs((a - b).total_seconds()) > window)


def scores(pairs: list[Pair], shingles: tuple[int, ...], k: int, window: float,
           measure: Callable[[Fingerprint, Fingerprint], float] = similarity,
           house: bool = True) -> list[tuple[bool, bool, float]]:
    """Per pair: the label, whether the exact keys agree, and the fingerprint similarity; a
    pair published further apart than the window scores nothing, as the store never compares
    them."""
    out = []
    for pair in pairs:
        if apart(pair, window):
            out.append((pair.same, False, 0.0))
            continue
        keys_a = set(story_mark(pair.a.entry, pair.a.text_form).keys)
        keys_b = set(story_mark(pair.b.entry, pair.b.text_form).keys)
        fa = fingerprint(text_of(pair.a), pair.a.text_form, shingles=shingles, k=k,
                         ignore=pair.a.house if house else frozenset())
        fb = fingerprint(text_of(pair.b), pair.b.text_form, shingles=shingles, k=k,
                         ignore=pair.b.house if house else frozenset())
        out.append((pair.same, bool(keys_a & keys_b), measure(fa, fb)))
    return out


def precision_recall(scored: list[tuple[bool, bool, float]],
                     threshold: float) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for same, exact, score in scored:
        predicted = exact or score >= threshold
        tp += same and predicted
        fp += predicted and not same
        fn += same and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def within_feed_joins(corpora: Path) -> str:
    """How many pairs of different entries (other ids, other text) within one captured feed
    document would be joined, with and without that feed's house features in their
    fingerprints, and with no floor on the shared features. Most joined pairs are one outlet's
    beat, some are one story told twice."""
    pairs = 0
    joined = {(house, floor): 0 for house in (True, False) for floor in (MIN_SHARED, 0)}
    for path in sorted((corpora / "feeds").rglob("*")):
        if not path.is_file() or path.suffix in (".tsv", ".md"):
            continue
        entries = parse_feed(path.read_bytes(), "https://example.org/", path.name).entries
        texts = [(f"{e.title}\n{e.text}", form_of(e)) for e in entries]
        house = house_features(texts)
        prints = {kept: [fingerprint(t, form, ignore=frozenset() if kept else house)
                         for t, form in texts] for kept in (True, False)}
        for i in range(len(entries)):
            for j in range(i + 1, len(entries)):
                if entries[i].entry_id == entries[j].entry_id or texts[i] == texts[j]:
                    continue
                pairs += 1
                for kept, floor in joined:
                    score = similarity(prints[kept][i], prints[kept][j], min_shared=floor)
                    joined[kept, floor] += score >= THRESHOLD
    return (f"pairs of different entries within one feed document: {pairs:,}; joined keeping "
            f"the house features {joined[True, MIN_SHARED]:,} ({joined[True, 0]:,} with no "
            f"floor), leaving them out {joined[False, MIN_SHARED]:,} ({joined[False, 0]:,})")


def unrelated_joins(corpus: Corpus, count: int) -> str:
    """How often two BBC News articles of different categories (business and sport, say:
    surely different stories) would be joined: a floor for false joins in a real stream."""
    source = "articles/bbc-news-2225.jsonl"
    rows = list(corpus.articles(source).values())
    prints = [fingerprint(f"{r['title']}\n{r['text']}", "raw") for r in rows]
    rng = random.Random(5)
    pairs = joined = 0
    while pairs < count:
        a, b = rng.randrange(len(rows)), rng.randrange(len(rows))
        if rows[a]["category"] == rows[b]["category"]:
            continue
        pairs += 1
        joined += similarity(prints[a], prints[b]) >= THRESHOLD
    return (f"BBC News pairs of different categories joined: {joined} of {pairs} "
            f"({joined / pairs:.3%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--pairs", type=Path, default=REPO / "tests" / "data" /
                        "dedup-pairs.tsv")
    parser.add_argument("--stream", type=int, default=1000,
                        help="articles in the timed stream (default 1000)")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"corpora folder not found: {args.corpora}", file=sys.stderr)
        return 2
    corpus = Corpus(args.corpora)
    pairs = load_pairs(args.pairs, corpus)
    positives = sum(p.same for p in pairs)
    print(f"{len(pairs)} labelled pairs ({positives} same story, {len(pairs) - positives} not)")

    window = StoryPolicy().window
    far = sum(1 for pair in pairs if apart(pair, window))
    print(f"{far} pairs published more than {window / 3600:.0f}h apart (never compared)")
    scored = scores(pairs, SHINGLES, SKETCH_SIZE, window)
    p, r, tp, fp, fn = precision_recall(scored, THRESHOLD)
    print(f"\nchosen: shingles={SHINGLES} k={SKETCH_SIZE} threshold={THRESHOLD}: "
          f"precision {p:.3f}  recall {r:.3f}  F1 {f1(p, r):.3f}  (tp {tp}, fp {fp}, fn {fn})")
    jp, jr = precision_recall(scores(pairs, SHINGLES, SKETCH_SIZE, window, jaccard), 0.08)[:2]
    print(f"Jaccard alone at 0.08: precision {jp:.3f}  recall {jr:.3f}  F1 {f1(jp, jr):.3f}")
    hp, hr = precision_recall(scores(pairs, SHINGLES, SKETCH_SIZE, window, house=False),
                              THRESHOLD)[:2]
    print(f"keeping each feed's house features: precision {hp:.3f}  recall {hr:.3f}  "
          f"F1 {f1(hp, hr):.3f}")
    floors = []
    for least in (0, 2, 4, 5, 6, 7, 8):
        fp_, fr_ = precision_recall(scores(
            pairs, SHINGLES, SKETCH_SIZE, window,
            lambda a, b, m=least: similarity(a, b, min_shared=m)), THRESHOLD)[:2]
        floors.append(f"{least}: {fp_:.3f}/{fr_:.3f}/{f1(fp_, fr_):.3f}")
    print(f"fewest shared features (chosen {MIN_SHARED}), precision/recall/F1: "
          + "  ".join(floors))
    exact = sum(1 for same, e, _ in scored if e)
    print(f"pairs joined by the same canonical URL or GUID alone: {exact}")

    print("\nsweep (precision / recall / F1):")
    thresholds = [0.06, 0.08, 0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.20, 0.30]
    print("shingles    k " + "".join(f"{t:>15.2f}" for t in thresholds))
    for shingles in ((1,), (2,), (3,), (1, 2), (1, 2, 3)):
        for k in (64, 128, 256):
            row = scores(pairs, shingles, k, window)
            cells = []
            for t in thresholds:
                tp_, tr_ = precision_recall(row, t)[:2]
                cells.append(f"{tp_:.2f}/{tr_:.2f}/{f1(tp_, tr_):.2f}")
            name = "+".join(map(str, shingles))
            print(f"{name:>8} {k:>4} " + "".join(f"{c:>15}" for c in cells))

    print(f"\n{unrelated_joins(corpus, 20_000)}")
    print(within_feed_joins(args.corpora))

    docs = [corpus.doc("articles/bbc-news-2225.jsonl", i)
            for i in list(corpus.articles("articles/bbc-news-2225.jsonl"))[:args.stream]]
    print()
    time_per_article([(d.entry, d.text_form) for d in docs], "BBC articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
